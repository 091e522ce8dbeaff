"""Write the drift rule cases: ``python tests/drift/cases/generate.py``.

Each case is one folder per drift rule id with a positive (the rule is reported) and a negative
(a near miss: it is not) upstream/published pair, plus a baseline where the rule needs one.
Every case starts from the same in-sync pair and changes one thing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

UPSTREAM: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "items/v1/items.proto", "version": "version not set"},
    "paths": {
        "/v1/items": {
            "post": {
                "operationId": "ItemService_CreateItem",
                "summary": "Create an item.",
                "parameters": [
                    {
                        "name": "body",
                        "in": "body",
                        "required": True,
                        "schema": {"$ref": "#/definitions/v1Item"},
                    }
                ],
                "responses": {
                    "200": {"description": "OK", "schema": {"$ref": "#/definitions/v1Item"}}
                },
            }
        },
        "/v1/items/{id}": {
            "get": {
                "operationId": "ItemService_GetItem",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "string"},
                    {"name": "view", "in": "query", "required": False, "type": "string"},
                ],
                "responses": {
                    "200": {"description": "OK", "schema": {"$ref": "#/definitions/v1Item"}}
                },
            }
        },
    },
    "definitions": {
        "v1Color": {"type": "string", "enum": ["COLOR_UNSPECIFIED", "COLOR_RED", "COLOR_BLUE"]},
        "v1Item": {
            "type": "object",
            "description": "An item.",
            "properties": {
                "id": {"type": "string", "description": "ID of the item."},
                "name": {"type": "string", "description": "Name of the item."},
                "color": {"$ref": "#/definitions/v1Color"},
                "count": {"type": "string", "format": "int64"},
            },
            "required": ["id"],
        },
    },
}

PUBLISHED: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Items", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/v1/items": {
            "post": {
                "operationId": "createItem",
                "summary": "Create an item.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                        },
                    }
                },
            }
        },
        "/v1/items/{id}": {
            "get": {
                "operationId": "getItem",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "view", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Color": {"type": "string", "enum": ["COLOR_RED", "COLOR_BLUE"]},
            "Item": {
                "type": "object",
                "description": "An item, as customers see it.",
                "properties": {
                    "id": {"type": "string", "description": "ID of the item."},
                    "name": {"type": "string", "description": "What the item is called."},
                    "color": {"$ref": "#/components/schemas/Color"},
                    "count": {"type": "string", "format": "int64"},
                },
                "required": ["id"],
            },
        }
    },
}

Edit = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], None]


def _up_item(up: dict[str, Any]) -> dict[str, Any]:
    return up["definitions"]["v1Item"]


def _pub_item(pub: dict[str, Any]) -> dict[str, Any]:
    return pub["components"]["schemas"]["Item"]


def _rename(props: dict[str, Any], old: str, new: str) -> None:
    items = [(new if k == old else k, v) for k, v in props.items()]
    props.clear()
    props.update(items)


def _status_op(spec: dict[str, Any], swagger: bool) -> None:
    op = {"operationId": "ItemService_Status" if swagger else "status"}
    op["responses"] = {"200": {"description": "OK"}}
    spec["paths"]["/v1/status"] = {"get": op}


def _legacy(spec: dict[str, Any], swagger: bool) -> None:
    schema = {"type": "object", "properties": {"note": {"type": "string"}}}
    if swagger:
        spec["definitions"]["v1Legacy"] = schema
    else:
        spec["components"]["schemas"]["Legacy"] = schema


# rule id -> [(file stem, description, expect, forbid, edit, with baseline)]
CASES: dict[str, list[tuple[str, str, bool, Edit, bool]]] = {
    "operation-added": [
        (
            "positive",
            "upstream has an rpc the published spec lacks",
            True,
            lambda up, pub, base: _status_op(up, True),
            False,
        ),
        (
            "negative",
            "the published spec has the rpc under its own operationId",
            False,
            lambda up, pub, base: (_status_op(up, True), _status_op(pub, False)),
            False,
        ),
    ],
    "operation-removed": [
        (
            "positive",
            "the baseline had the operation, upstream removed it, it is still published",
            True,
            lambda up, pub, base: (_status_op(pub, False), _status_op(base, True)),
            True,
        ),
        (
            "negative",
            "no baseline: a published-only operation is not a removal",
            False,
            lambda up, pub, base: _status_op(pub, False),
            False,
        ),
    ],
    "schema-added": [
        (
            "positive",
            "an upstream message nothing published refers to",
            True,
            lambda up, pub, base: _legacy(up, True),
            False,
        ),
        (
            "negative",
            "published under its namespace-free name",
            False,
            lambda up, pub, base: (_legacy(up, True), _legacy(pub, False)),
            False,
        ),
    ],
    "schema-removed": [
        (
            "positive",
            "the baseline had the schema, upstream dropped it",
            True,
            lambda up, pub, base: (_legacy(pub, False), _legacy(base, True)),
            True,
        ),
        (
            "negative",
            "never upstream: published-only",
            False,
            lambda up, pub, base: _legacy(pub, False),
            False,
        ),
    ],
    "published-only": [
        (
            "positive",
            "an endpoint served by another service",
            True,
            lambda up, pub, base: _status_op(pub, False),
            False,
        ),
        (
            "negative",
            "in the baseline: a real removal, not published-only",
            False,
            lambda up, pub, base: (_status_op(pub, False), _status_op(base, True)),
            True,
        ),
    ],
    "property-added": [
        (
            "positive",
            "upstream gained a field",
            True,
            lambda up, pub, base: _up_item(up)["properties"].update({"weight": {"type": "number"}}),
            False,
        ),
        (
            "negative",
            "the published spec writes the camelCase field in snake_case",
            False,
            lambda up, pub, base: (
                _up_item(up)["properties"].update({"shelfLife": {"type": "integer"}}),
                _pub_item(pub)["properties"].update({"shelf_life": {"type": "integer"}}),
            ),
            False,
        ),
    ],
    "property-removed": [
        (
            "positive",
            "upstream dropped a field",
            True,
            lambda up, pub, base: _up_item(up)["properties"].pop("name"),
            False,
        ),
        (
            "negative",
            "a field renamed upstream is a rename, not a removal",
            False,
            lambda up, pub, base: _rename(_up_item(up)["properties"], "name", "display_name"),
            False,
        ),
    ],
    "property-renamed": [
        (
            "positive",
            "same type and place, a new name sharing a word",
            True,
            lambda up, pub, base: _rename(_up_item(up)["properties"], "name", "display_name"),
            False,
        ),
        (
            "negative",
            "another type, text and place: a removal and an addition",
            False,
            lambda up, pub, base: (
                _up_item(up)["properties"].pop("name"),
                _up_item(up)["properties"].update(
                    {"weight": {"type": "number", "description": "Weight in grams."}}
                ),
            ),
            False,
        ),
    ],
    "property-type-changed": [
        (
            "positive",
            "upstream made a string an integer",
            True,
            lambda up, pub, base: _up_item(up)["properties"].update(
                {"name": {"type": "integer", "format": "int32"}}
            ),
            False,
        ),
        (
            "negative",
            "int64 is a string on the wire: the same as a published int64 string",
            False,
            lambda up, pub, base: _pub_item(pub)["properties"].update(
                {"count": {"type": "string"}}
            ),
            False,
        ),
    ],
    "property-required-changed": [
        (
            "positive",
            "upstream requires a field the published spec leaves optional",
            True,
            lambda up, pub, base: _up_item(up).update({"required": ["id", "name"]}),
            False,
        ),
        (
            "negative",
            "a published-only requirement is curation (no baseline)",
            False,
            lambda up, pub, base: _pub_item(pub).update({"required": ["id", "name"]}),
            False,
        ),
    ],
    "enum-value-added": [
        (
            "positive",
            "upstream gained an enum value",
            True,
            lambda up, pub, base: up["definitions"]["v1Color"]["enum"].append("COLOR_GREEN"),
            False,
        ),
        (
            "negative",
            "the proto3 zero value is not published and not drift",
            False,
            lambda up, pub, base: None,
            False,
        ),
    ],
    "enum-value-removed": [
        (
            "positive",
            "upstream dropped an enum value",
            True,
            lambda up, pub, base: up["definitions"]["v1Color"]["enum"].remove("COLOR_BLUE"),
            False,
        ),
        (
            "negative",
            "same values in another order",
            False,
            lambda up, pub, base: up["definitions"]["v1Color"].update(
                {"enum": ["COLOR_UNSPECIFIED", "COLOR_BLUE", "COLOR_RED"]}
            ),
            False,
        ),
    ],
    "parameter-added": [
        (
            "positive",
            "upstream gained a query parameter",
            True,
            lambda up, pub, base: up["paths"]["/v1/items/{id}"]["get"]["parameters"].append(
                {"name": "fields", "in": "query", "type": "string"}
            ),
            False,
        ),
        (
            "negative",
            "a path parameter named differently is the same parameter",
            False,
            lambda up, pub, base: None,
            False,
        ),
    ],
    "parameter-removed": [
        (
            "positive",
            "upstream dropped a query parameter",
            True,
            lambda up, pub, base: up["paths"]["/v1/items/{id}"]["get"]["parameters"].pop(),
            False,
        ),
        (
            "negative",
            "the body parameter is the published request body",
            False,
            lambda up, pub, base: None,
            False,
        ),
    ],
    "parameter-changed": [
        (
            "positive",
            "a query parameter changed type",
            True,
            lambda up, pub, base: up["paths"]["/v1/items/{id}"]["get"]["parameters"][1].update(
                {"type": "integer", "format": "int32"}
            ),
            False,
        ),
        (
            "negative",
            "an int64 query parameter published as a string",
            False,
            lambda up, pub, base: up["paths"]["/v1/items/{id}"]["get"]["parameters"][1].update(
                {"format": "int64"}
            ),
            False,
        ),
    ],
    "description-changed": [
        (
            "positive",
            "upstream reworded a field since the baseline",
            True,
            lambda up, pub, base: _up_item(up)["properties"]["id"].update(
                {"description": "Server-assigned ID of the item."}
            ),
            True,
        ),
        (
            "negative",
            "curated published wording upstream did not change",
            False,
            lambda up, pub, base: None,
            True,
        ),
    ],
}


def main() -> None:
    for rule_id, cases in CASES.items():
        folder = HERE / rule_id
        folder.mkdir(exist_ok=True)
        for stem, description, positive, edit, with_baseline in cases:
            up, pub, base = (
                copy.deepcopy(UPSTREAM),
                copy.deepcopy(PUBLISHED),
                copy.deepcopy(UPSTREAM),
            )
            edit(up, pub, base)
            doc: dict[str, Any] = {"description": description}
            doc["expect" if positive else "forbid"] = [rule_id]
            doc["upstream"] = up
            doc["published"] = pub
            if with_baseline:
                doc["baseline"] = base
            text = yaml.safe_dump(doc, sort_keys=False, width=100)
            (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
