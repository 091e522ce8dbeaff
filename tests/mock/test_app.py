"""The mock app in process (httpx ASGI transport) and over real uvicorn on loopback."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from tests.mock import asgi

from specward.mock import create_app
from specward.mock.server import BackgroundServer

ITEMS = Path(__file__).resolve().parents[1] / "contract" / "items.yaml"
AUTH = {"Authorization": "Bearer t"}


def call(app, method, path, **kwargs):
    return asgi.call(app, method, path, base_url="http://mock/api", **kwargs)


@pytest.fixture
def app():
    return create_app(ITEMS, seed=3)


def test_create_read_list_delete(app):
    created = call(app, "POST", "/items", json={"name": "widget", "size": 7}, headers=AUTH)
    assert created.status_code == 201
    item = created.json()
    assert item["name"] == "widget" and item["size"] == 7  # request fields echoed
    assert call(app, "GET", f"/items/{item['id']}", headers=AUTH).json() == item
    assert call(app, "GET", "/items", headers=AUTH).json()["data"] == [item]
    assert call(app, "DELETE", f"/items/{item['id']}", headers=AUTH).status_code == 204
    gone = call(app, "GET", f"/items/{item['id']}", headers=AUTH)
    assert gone.status_code == 404 and "message" in gone.json()  # the spec's Error schema
    assert call(app, "GET", "/items", headers=AUTH).json()["data"] == []


def test_ids_are_unique(app):
    ids = {
        call(app, "POST", "/items", json={"name": f"n{i}"}, headers=AUTH).json()["id"]
        for i in range(5)
    }
    assert len(ids) == 5


def test_never_created_is_404(app):
    assert call(app, "GET", "/items/nope", headers=AUTH).status_code == 404


def test_invalid_input_gets_declared_error(app):
    bad_body = call(app, "POST", "/items", json={"name": "", "extra": 1}, headers=AUTH)
    assert bad_body.status_code == 400
    assert bad_body.headers["content-type"] == "application/json"
    assert set(bad_body.json()) == {"message"}
    bad_query = call(app, "GET", "/items", params={"limit": "500"}, headers=AUTH)
    assert bad_query.status_code == 400
    not_json = call(
        app, "POST", "/items", content=b"{", headers={**AUTH, "content-type": "application/json"}
    )
    assert not_json.status_code == 400


def test_missing_credentials_is_401(app):
    response = call(app, "GET", "/items")
    assert response.status_code == 401
    assert set(response.json()) == {"message"}


def test_tokens_restrict_credentials():
    app = create_app(ITEMS, tokens=["good"])
    assert call(app, "GET", "/items", headers={"Authorization": "Bearer bad"}).status_code == 401
    assert call(app, "GET", "/items", headers={"Authorization": "Bearer good"}).status_code == 200


def test_unknown_route_and_wrong_method(app):
    missing = call(app, "GET", "/nothing", headers=AUTH)
    assert missing.status_code == 404  # the API's own error envelope, the reason in a header
    assert missing.headers["content-type"] == "application/json"
    assert json.loads(missing.headers["x-specward-violations"])[0]["type"] == "not_found"
    wrong = call(app, "PUT", "/items", headers=AUTH)
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET, HEAD, OPTIONS, POST"


def test_deterministic_for_a_seed(tmp_path):
    one = [create_app(ITEMS, seed=5), create_app(ITEMS, seed=5), create_app(ITEMS, seed=6)]
    bodies = [call(a, "POST", "/items", json={"name": "x"}, headers=AUTH).json() for a in one]
    assert bodies[0] == bodies[1]
    assert bodies[0] != bodies[2]


def test_problem_json_when_no_error_is_declared(tmp_path):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/n": {
                "get": {
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "",
                            "content": {
                                "application/json": {"schema": {"type": "integer", "minimum": 3}}
                            },
                        }
                    },
                }
            }
        },
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(spec))
    app = create_app(path)
    response = call(app, "GET", "http://mock/n", params={"q": "x"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 400
    ok = call(app, "GET", "http://mock/n", params={"q": "2"})
    assert ok.status_code == 200 and ok.json() >= 3


def test_async_operations_and_stop(tmp_path):
    root = Path(__file__).resolve().parents[2]
    spec = root / "specs" / "together-rl" / "openapi.yaml"
    if not spec.exists():
        pytest.skip("seed spec not present")
    app = create_app(spec)
    base = "/rl/training-sessions"

    def c(method, path, **kw):
        async def go():
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://m/v1"
            ) as client:
                return await client.request(method, path, headers=AUTH, **kw)

        return asyncio.run(go())

    session = c(
        "POST", base, json={"base_model": "m", "type": "SESSION_TYPE_TRAINER_AND_GENERATOR"}
    ).json()
    assert session["base_model"] == "m"
    sid = session["id"]
    queued = c(
        "POST",
        f"{base}/{sid}/operations/optim-step",
        json={"adamw_params": {"learning_rate": 0.001}},
    )
    assert queued.status_code == 200, queued.text
    op = queued.json()
    assert "PENDING" in op["status"] and "output" not in op
    done = c("GET", f"{base}/{sid}/operations/optim-step/{op['id']}").json()
    assert "COMPLETED" in done["status"] and "output" in done
    assert c("GET", f"{base}/{sid}/operations/optim-step/other").status_code == 404
    assert (
        c(
            "POST",
            f"{base}/missing/operations/optim-step",
            json={"adamw_params": {"learning_rate": 0.001}},
        ).status_code
        == 404
    )
    stopped = c("POST", f"{base}/{sid}/stop").json()
    assert stopped["status"] in (
        "TRAINING_SESSION_STATUS_STOPPED",
        "TRAINING_SESSION_STATUS_STOPPING",
    )
    assert c("GET", f"{base}/{sid}").json()["status"] == stopped["status"]


def test_swagger_2_spec(tmp_path):
    spec = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "basePath": "/v2",
        "paths": {
            "/things": {
                "post": {
                    "parameters": [
                        {
                            "name": "body",
                            "in": "body",
                            "required": True,
                            "schema": {"$ref": "#/definitions/Thing"},
                        }
                    ],
                    "responses": {
                        "200": {"description": "", "schema": {"$ref": "#/definitions/Thing"}}
                    },
                }
            },
            "/things/{id}": {
                "get": {
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {
                        "200": {"description": "", "schema": {"$ref": "#/definitions/Thing"}},
                        "default": {
                            "description": "",
                            "schema": {
                                "type": "object",
                                "properties": {"message": {"type": "string"}},
                            },
                        },
                    },
                }
            },
        },
        "definitions": {
            "Thing": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "count": {"type": "string", "format": "uint64"},
                    "label": {"type": "string", "x-nullable": True},
                },
            }
        },
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(spec))
    app = create_app(path)

    async def go():
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://m/v2"
        ) as client:
            made = (await client.post("/things", json={"count": "12", "label": None})).json()
            read = await client.get(f"/things/{made['id']}")
            missing = await client.get("/things/zzz")
            bad = await client.post("/things", json={"count": 12})
            return made, read, missing, bad

    made, read, missing, bad = asyncio.run(go())
    assert made["count"] == "12" and made["label"] is None
    assert read.json() == made
    assert missing.status_code == 404 and "message" in missing.json()
    assert bad.status_code == 400


def test_served_by_uvicorn_on_loopback(app):
    with BackgroundServer(app) as url:
        assert url.startswith("http://127.0.0.1:")
        response = httpx.post(url + "/api/items", json={"name": "real"}, headers=AUTH)
        assert response.status_code == 201
        assert (
            httpx.get(url + "/api/items/" + response.json()["id"], headers=AUTH).json()["name"]
            == "real"
        )


def test_cli_prints_url_and_serves():
    proc = subprocess.Popen(
        [sys.executable, "-m", "specward", "mock", str(ITEMS), "--port", "0", "--seed", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:") and line.endswith("/api")
        assert httpx.get(line + "/items", timeout=10).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_cli_bad_input_exits_2(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("not: [a spec")
    proc = subprocess.run(
        [sys.executable, "-m", "specward", "mock", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = subprocess.run(
        [sys.executable, "-m", "specward", "contract", str(ITEMS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "--url" in proc.stderr
