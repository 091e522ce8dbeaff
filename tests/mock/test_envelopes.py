"""Error answers filled from the failure, for whatever error schema a spec declares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.mock import asgi

from specward.mock import create_app

HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer t"}


def call(app, method, path, **kwargs):
    return asgi.call(app, method, path, base_url="http://mock/v1", **kwargs)


@pytest.fixture(scope="module")
def app():
    return create_app(HERE / "envelope.yaml", seed=1)


def test_unknown_id_is_a_filled_404(app):
    response = call(app, "GET", "/things/nope", headers=AUTH)
    assert response.status_code == 404
    body = response.json()
    assert (body["code"], body["type"]) == (404, "not_found")
    assert body["detail"] == "thing 'nope' does not exist"
    reasons = json.loads(response.headers["x-specward-violations"])
    assert reasons == [
        {"loc": ["path", "thing_id"], "msg": "thing 'nope' does not exist", "type": "not_found"}
    ]


def test_each_violation_is_an_entry_with_its_location(app):
    body = {"email": "not-an-email", "name": 5, "count": 5000, "id": "thg_000000000000"}
    body["created_at"] = "2024-01-01T00:00:00Z"
    response = call(app, "POST", "/things", json=body, headers=AUTH)
    assert response.status_code == 400
    envelope = response.json()
    assert (envelope["code"], envelope["type"]) == (400, "validation_error")
    assert [(e["loc"], e["msg"]) for e in envelope["errors"]] == [
        (["body", "email"], 'expected an email address, got "not-an-email"'),
        (["body", "name"], "expected a string, got 5"),
        (["body", "count"], "expected at most 1000, got 5000"),
    ]
    assert envelope["detail"].startswith('`email`: expected an email address, got "not-an-email"')


def test_query_violations_are_located_in_the_query(app):
    response = call(app, "GET", "/things", params={"limit": "0"}, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["query", "limit"]


def test_missing_credentials_are_401_authentication_error(app):
    response = call(app, "GET", "/things")
    assert response.status_code == 401
    body = response.json()
    assert (body["code"], body["type"]) == (401, "authentication_error")
    assert "errors" not in body
    assert response.headers["www-authenticate"] == "Bearer"


def test_malformed_json_says_so(app):
    response = call(
        app, "POST", "/things", content=b"{", headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["type"] == "json_invalid"


def _spec(tmp_path, error_schema, media="application/json", status="422"):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/n": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["name"],
                                    "properties": {"name": {"type": "string"}},
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "ok"},
                        status: {
                            "description": "bad",
                            "content": {media: {"schema": error_schema}},
                        },
                    },
                }
            }
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return create_app(path)


def _post(app, body):
    return asgi.call(app, "POST", "/n", base_url="http://mock", json=body)


def test_fastapi_detail_list(tmp_path):
    item = {
        "type": "object",
        "required": ["loc", "msg", "type"],
        "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
            "type": {"type": "string"},
        },
    }
    schema = {"type": "object", "properties": {"detail": {"type": "array", "items": item}}}
    response = _post(_spec(tmp_path, schema), {"name": 5})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "name"], "msg": "expected a string, got 5", "type": "type"}]
    }


def test_nested_error_object_with_an_enum_type(tmp_path):
    schema = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["message", "type"],
                "properties": {
                    "message": {"type": "string"},
                    "type": {
                        "type": "string",
                        "enum": ["server_error", "invalid_request_error", "auth_error"],
                    },
                    "param": {"type": ["string", "null"]},
                },
            }
        },
    }
    body = _post(_spec(tmp_path, schema, status="400"), {}).json()
    assert body["error"]["type"] == "invalid_request_error"
    assert body["error"]["message"] == "`name`: required property is missing"
    assert "param" not in body["error"]  # optional fields are not filled with letter soup


def test_problem_json_when_declared(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "invalid_params": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                },
            },
        },
    }
    response = _post(_spec(tmp_path, schema, media="application/problem+json"), {"name": 1})
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": "`name`: expected a string, got 1",
        "invalid_params": [{"name": "name", "reason": "expected a string, got 1"}],
    }


def test_bare_object_error_still_says_what_was_wrong(tmp_path):
    response = _post(_spec(tmp_path, {"type": "object"}), {"name": 1})
    assert response.status_code == 422
    assert response.json()["detail"] == "`name`: expected a string, got 1"
    reasons = json.loads(response.headers["x-specward-violations"])
    assert reasons[0]["loc"] == ["body", "name"]


def test_closed_error_schema_keeps_the_reason_in_the_header(tmp_path):
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"ok": {"type": "boolean"}},
    }
    response = _post(_spec(tmp_path, schema), {"name": 1})
    assert response.status_code == 422
    assert "detail" not in response.json()
    assert json.loads(response.headers["x-specward-violations"])[0]["msg"] == (
        "expected a string, got 1"
    )
