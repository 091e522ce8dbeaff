"""What Prism users rely on: Prefer (code, example, dynamic), CORS, Allow, OPTIONS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.mock import asgi

from specward.mock import create_app

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer t"}
ORIGIN = "http://localhost:5173"


def call(app, method, path, headers=None, **kwargs):
    return asgi.call(
        app, method, path, base_url="http://mock/v1", headers={**AUTH, **(headers or {})}, **kwargs
    )


@pytest.fixture(scope="module")
def app():
    return create_app(HERE / "envelope.yaml", seed=1)


def test_prefer_code_answers_that_response(app):
    response = call(app, "GET", "/things", headers={"Prefer": "code=401"})
    assert response.status_code == 401
    assert response.json()["type"] == "authentication_error"
    assert response.json()["code"] == 401
    undeclared = call(app, "GET", "/things", headers={"Prefer": "code=418"})
    assert undeclared.status_code == 400 and "declares no 418" in undeclared.json()["detail"]


def test_prefer_example_and_dynamic(tmp_path):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["name"],
                                        "properties": {"name": {"type": "string"}},
                                    },
                                    "examples": {
                                        "cat": {"value": {"name": "Tom"}},
                                        "dog": {"value": {"name": "Rex"}},
                                    },
                                }
                            },
                        }
                    }
                }
            }
        },
    }
    path = tmp_path / "pets.json"
    path.write_text(json.dumps(spec))
    app = create_app(path)

    def get(prefer=None):
        headers = {"Prefer": prefer} if prefer else {}
        return asgi.call(app, "GET", "/pets", base_url="http://mock", headers=headers)

    assert get().json() == {"name": "Tom"}
    assert get("example=dog").json() == {"name": "Rex"}
    unknown = get("example=bird")
    assert unknown.status_code == 400 and "known: cat, dog" in unknown.text
    dynamic = get("dynamic=true").json()
    assert dynamic["name"] not in ("Tom", "Rex")


def test_cors_preflight_from_a_browser_origin(app):
    response = call(
        app,
        "OPTIONS",
        "/things",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-allow-headers"] == "authorization, content-type"
    simple = call(app, "GET", "/things", headers={"Origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    assert "x-specward-violations" in simple.headers["access-control-expose-headers"]


def test_no_cors_turns_it_off():
    app = create_app(HERE / "envelope.yaml", cors=False)
    response = call(
        app,
        "OPTIONS",
        "/things",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in response.headers
    assert response.status_code == 204 and "GET" in response.headers["allow"]


def test_options_and_allow_list_every_method(app):
    options = call(app, "OPTIONS", "/things/x")
    assert options.status_code == 204
    assert options.headers["allow"] == "DELETE, GET, HEAD, OPTIONS"
    wrong = call(app, "PATCH", "/things/x")
    assert wrong.status_code == 405 and wrong.headers["allow"] == "DELETE, GET, HEAD, OPTIONS"
    assert wrong.json()["type"] == "method_not_allowed"
