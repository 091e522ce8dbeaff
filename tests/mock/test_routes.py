"""Routing by path shape, and conversion details that real specs rely on."""

from __future__ import annotations

import json

from specward.mock import create_app
from specward.mock.headers import serialize
from specward.mock.routes import Router


def test_most_specific_segment_wins():
    router: Router[str] = Router()
    for key, name in [
        ("/a/{}", "param"),
        ("/a/{}:custom", "custom"),
        ("/a/{}:custom:custom", "double"),
        ("/a/latest", "literal"),
        ("/a/{}/b", "nested"),
    ]:
        router.add(key, name)
    assert router.match(["a", "x:custom:custom"]) == ("double", ["x"])
    assert router.match(["a", "x:custom"]) == ("custom", ["x"])
    assert router.match(["a", "x"]) == ("param", ["x"])
    assert router.match(["a", "latest"]) == ("literal", [])
    assert router.match(["a", "x", "b"]) == ("nested", ["x"])
    assert router.match(["a", "x", "c"]) is None
    assert router.match(["b"]) is None


def test_header_serialization_is_simple_style():
    assert serialize([1, "a", True]) == "1,a,true"
    assert serialize({"k": 1, "j": "v"}) == "k,1,j,v"
    assert serialize({"k": 1}, explode=True) == "k=1"
    assert serialize(2.5) == "2.5" and serialize(None) == ""


def _spec(tmp_path, version, param_schema, body_schema):
    doc = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "post": {
                    "parameters": [{"name": "f", "in": "query", "schema": param_schema}],
                    "requestBody": {
                        "content": {"application/json": {"schema": body_schema}},
                    },
                    "responses": {"200": {"description": ""}},
                }
            }
        },
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc))
    return create_app(path)


def test_nullable_is_honoured_in_31_documents_too(tmp_path):
    body = {
        "type": "object",
        "properties": {"nullable": {"type": "string", "nullable": True}},
    }
    app = _spec(tmp_path, "3.1.0", {"type": "string"}, body)
    ctype = [(b"content-type", b"application/json")]
    assert app.handle("POST", "/x", "", ctype, b'{"nullable": null}')[0] == 200
    assert app.handle("POST", "/x", "", ctype, b'{"nullable": 3}')[0] == 400


def test_object_query_parameters_are_json_text(tmp_path):
    app = _spec(tmp_path, "3.0.3", {"type": "object", "properties": {"a": {"type": "integer"}}}, {})
    assert app.handle("POST", "/x", "f=%7B%7D", [], b"")[0] == 200
    assert app.handle("POST", "/x", "f=%7B%22a%22%3A1%7D", [], b"")[0] == 200
    assert app.handle("POST", "/x", "f=", [], b"")[0] == 200
    assert app.handle("POST", "/x", "f=%7B%22a%22%3A%22x%22%7D", [], b"")[0] == 400
