"""Bounded state and limits: the store's bound, 413, patterns that cannot compile, remote refs,
deep schemas, and credentials kept out of the process list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
from tests.mock import asgi

from specward.mock import create_app

HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer t"}


def call(app, method, path, **kwargs):
    headers = {**AUTH, **kwargs.pop("headers", {})}
    return asgi.call(app, method, path, base_url="http://mock/v1", headers=headers, **kwargs)


def _write(tmp_path, schema, name="spec.json"):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/n": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": schema}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    },
                }
            }
        },
    }
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return path


def _post(app, body):
    return asgi.call(app, "POST", "/n", base_url="http://mock", json=body)


def test_store_keeps_the_newest_per_collection():
    app = create_app(HERE / "envelope.yaml", max_resources=3)
    ids = [
        call(app, "POST", "/things", json={"email": f"u{i}@x.io"}).json()["id"] for i in range(5)
    ]
    listed = [t["id"] for t in call(app, "GET", "/things").json()["data"]]
    assert listed == ids[2:]
    assert call(app, "GET", f"/things/{ids[0]}").status_code == 404
    assert app.store.evicted == 2


def test_oversized_body_is_413_in_the_envelope():
    app = create_app(HERE / "envelope.yaml", max_body=1000)
    response = call(app, "POST", "/things", json={"email": "a@b.co", "name": "x" * 5000})
    assert response.status_code == 413
    body = response.json()
    assert (body["code"], body["type"]) == (413, "payload_too_large")
    assert "1000 bytes" in body["detail"]


def test_uncompilable_pattern_is_a_warning_and_the_rest_is_validated(tmp_path):
    schema = {
        "type": "object",
        "required": ["code", "count"],
        "properties": {
            "code": {"type": "string", "pattern": "^(a{1000}){1000}$"},
            "count": {"type": "integer"},
        },
    }
    app = create_app(_write(tmp_path, schema))
    assert any("cannot be compiled" in p for p in app.problems)
    assert _post(app, {"code": "x", "count": "many"}).status_code == 400  # still validated
    ok = _post(app, {"code": "x", "count": 1})
    assert ok.status_code == 200 and len(ok.content) < 1000


def test_remote_refs_are_refused_without_connecting(tmp_path):
    with asgi.listener() as (port, connected):
        app = create_app(_write(tmp_path, {"$ref": f"http://127.0.0.1:{port}/x.yaml#/X"}))
        assert _post(app, {"a": 1}).status_code == 200
    assert connected == [False]
    assert any("remote $ref" in p and "refused" in p for p in app.problems)


def test_a_450_deep_schema_is_served(tmp_path):
    node = {"type": "string"}
    for _ in range(225):  # 450 levels of JSON: the loader accepts 512, jsonschema-rs 254
        node = {"type": "object", "properties": {"a": node}}
    app = create_app(_write(tmp_path, node))
    assert any("deeper than" in p for p in app.problems)
    bad = _post(app, {"a": {"a": 5}})
    assert bad.status_code == 400 and bad.json()["errors"][0]["loc"] == ["body", "a", "a"]


def test_tokens_from_the_environment_and_a_file(tmp_path):
    token_file = tmp_path / "tokens"
    token_file.write_text("# accepted\nfrom-file\n")
    env = {**os.environ, "SPECWARD_MOCK_TOKEN": "from-env"}
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "specward", "mock", str(HERE / "envelope.yaml")),
            *("--token-file", str(token_file), "--no-cors"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")

        def status(token):
            headers = {"Authorization": f"Bearer {token}", "Origin": "http://x.test"}
            response = httpx.get(url + "/things", headers=headers, timeout=10)
            assert "access-control-allow-origin" not in response.headers  # --no-cors
            return response.status_code

        assert (status("from-env"), status("from-file"), status("other")) == (200, 200, 401)
        assert "from-env" not in " ".join(proc.args)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
