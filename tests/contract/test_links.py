"""Link inference from resource shapes."""

from __future__ import annotations

import json
from pathlib import Path

from specward.contract.links import has_links, infer_links
from specward.model import load

SPEC = Path(__file__).resolve().parent / "items.yaml"


def _raw(spec):
    return json.loads(json.dumps(spec.ws.entry.data))


def test_create_links_to_read_and_delete():
    spec = load(SPEC)
    raw, added = infer_links(spec, _raw(spec))
    assert added == [
        "POST /items (201) -> GET /items/{item_id}",
        "POST /items (201) -> DELETE /items/{item_id}",
    ]
    links = raw["paths"]["/items"]["post"]["responses"]["201"]["links"]
    assert links["getItem"] == {
        "operationRef": "#/paths/~1items~1{item_id}/get",
        "parameters": {"item_id": "$response.body#/id"},
    }
    assert has_links(raw) and not has_links(_raw(spec))


def test_nested_collections_take_parent_ids_from_the_request(tmp_path):
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/s": {
                "post": {
                    "responses": {
                        "200": {
                            "description": "",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"id": {"type": "string"}},
                                    }
                                }
                            },
                        }
                    }
                }
            },
            "/s/{sid}": {
                "get": {
                    "parameters": [
                        {
                            "name": "sid",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": ""}},
                }
            },
            "/s/{sid}/operations/run": {
                "post": {
                    "parameters": [
                        {
                            "name": "sid",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"id": {"type": "string"}},
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/s/{sid}/operations/run/{op_id}": {
                "get": {
                    "parameters": [
                        {
                            "name": "sid",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "op_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {"200": {"description": ""}},
                }
            },
        },
    }
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(doc))
    spec = load(path)
    raw, added = infer_links(spec, _raw(spec))
    assert "POST /s (200) -> POST /s/{sid}/operations/run" in added
    link = raw["paths"]["/s/{sid}/operations/run"]["post"]["responses"]["200"]["links"]
    assert next(iter(link.values()))["parameters"] == {
        "sid": "$request.path.sid",
        "op_id": "$response.body#/id",
    }


def test_declared_links_are_kept(tmp_path):
    spec = load(SPEC)
    raw = _raw(spec)
    raw["paths"]["/items"]["post"]["responses"]["201"]["links"] = {"x": {"operationId": "getItem"}}
    assert has_links(raw)
