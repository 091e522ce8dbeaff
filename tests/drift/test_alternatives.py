"""oneOf/anyOf compared structurally: variant by variant, or against a flattened proto oneof."""

from __future__ import annotations

import yaml
from tests.drift.helpers import drift_of, kinds

from specward.sync import sync_file

UPSTREAM = {
    "swagger": "2.0",
    "info": {"title": "pay", "version": "1"},
    "basePath": "/",
    "paths": {
        "/v1/payments": {
            "post": {
                "operationId": "PayService_Pay",
                "parameters": [
                    {
                        "name": "body",
                        "in": "body",
                        "required": True,
                        "schema": {"$ref": "#/definitions/v1PayRequest"},
                    }
                ],
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/v1Method"}}
                },
            }
        }
    },
    "definitions": {
        # grpc-gateway flattens `oneof method { Card card; Iban iban; Wallet wallet; }`
        "v1PayRequest": {
            "type": "object",
            "properties": {
                "amount": {"type": "string", "format": "int64"},
                "card": {"$ref": "#/definitions/v1Card"},
                "iban": {"$ref": "#/definitions/v1Iban"},
                "wallet": {"$ref": "#/definitions/v1Wallet"},
            },
        },
        "v1Method": {
            "oneOf": [
                {"$ref": "#/definitions/v1Card"},
                {"$ref": "#/definitions/v1Iban"},
                {"$ref": "#/definitions/v1Wallet"},
            ]
        },
        "v1Card": {"type": "object", "properties": {"number": {"type": "string"}}},
        "v1Iban": {"type": "object", "properties": {"iban": {"type": "string"}}},
        "v1Wallet": {"type": "object", "properties": {"token": {"type": "string"}}},
    },
}

PUBLISHED = """openapi: 3.1.0
info: {title: Payments, version: '1'}
servers:
  - url: https://pay.example.com/v1
paths:
  /payments:
    post:
      operationId: pay
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/PayRequest'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Method'
components:
  schemas:
    PayRequest:
      description: Exactly one payment method.
      oneOf:
        - type: object
          properties:
            amount: {type: string}
            card: {$ref: '#/components/schemas/Card'}
        - type: object
          properties:
            amount: {type: string}
            iban: {$ref: '#/components/schemas/Iban'}
    Method:
      oneOf:
        - $ref: '#/components/schemas/Card'
        - $ref: '#/components/schemas/Iban'
    Card:
      type: object
      properties:
        number: {type: string}
    Iban:
      type: object
      properties:
        iban: {type: string}
"""


def _files(tmp_path):
    up = tmp_path / "up.json"
    up.write_text(yaml.safe_dump(UPSTREAM))
    pub = tmp_path / "pub.yaml"
    pub.write_text(PUBLISHED)
    return up, pub


def test_alternatives_are_compared(tmp_path) -> None:
    up, pub = _files(tmp_path)
    result = drift_of(up, pub)
    assert kinds(result) == {
        ("schema-added", "Wallet", "error"),
        ("property-type-changed", "Method", "error"),  # the Wallet alternative is missing
        ("property-added", "PayRequest.wallet", "error"),  # flattened oneof field missing
    }
    messages = {i.message for i in result.items}
    assert "upstream alternative Wallet is missing here" in messages
    sync_file(str(up), pub)
    data = yaml.safe_load(pub.read_text())["components"]["schemas"]
    assert data["Method"]["oneOf"][-1] == {"$ref": "#/components/schemas/Wallet"}
    assert data["PayRequest"]["description"] == "Exactly one payment method."
    assert drift_of(up, pub).in_sync
    assert not sync_file(str(up), pub).changed


def test_matching_alternatives_are_in_sync(tmp_path) -> None:
    up, pub = _files(tmp_path)
    text = PUBLISHED.replace(
        "        - $ref: '#/components/schemas/Iban'\n    Card:",
        "        - $ref: '#/components/schemas/Iban'\n"
        "        - $ref: '#/components/schemas/Wallet'\n    Card:",
    ).replace(
        "            iban: {$ref: '#/components/schemas/Iban'}\n",
        "            iban: {$ref: '#/components/schemas/Iban'}\n"
        "        - type: object\n"
        "          properties:\n"
        "            wallet: {$ref: '#/components/schemas/Wallet'}\n",
    )
    text += "    Wallet:\n      type: object\n      properties:\n        token: {type: string}\n"
    pub.write_text(text)
    result = drift_of(up, pub)
    assert result.items == [], [i.as_dict() for i in result.items]
    assert not sync_file(str(up), pub).changed
