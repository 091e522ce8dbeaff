"""Proxy mode in front of a real server on 127.0.0.1 that answers a wrong type."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from specward.mock import create_app
from specward.mock.proxy import ProxyApp
from specward.mock.server import BackgroundServer

HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer t"}


async def upstream(scope, receive, send):
    """A server whose GET /v1/things/{id} answers an integer id (the spec says string)."""
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    if scope["path"].startswith("/v1/things/"):
        status, body = 200, {"id": 5, "email": "a@b.co", "created_at": "2024-01-01T00:00:00Z"}
    else:
        status, body = 200, {"data": [], "has_more": False}
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(payload))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


@pytest.fixture(scope="module")
def server():
    with BackgroundServer(upstream) as url:
        yield url


def test_errors_turn_a_violating_response_into_502(server):
    log = io.StringIO()
    lines: list[str] = []
    app = ProxyApp(
        create_app(HERE / "envelope.yaml"), server, errors=True, log=lines.append, log_json=log
    )
    with BackgroundServer(app) as proxy:
        bad = httpx.get(proxy + "/v1/things/x", headers=AUTH, timeout=10)
        good = httpx.get(proxy + "/v1/things", headers=AUTH, timeout=10)
    assert bad.status_code == 502
    body = bad.json()
    assert body["code"] == 502
    assert body["errors"] == [
        {"loc": ["response", "body", "id"], "msg": "expected a string, got 5", "type": "type"}
    ]
    assert good.status_code == 200 and good.json() == {"data": [], "has_more": False}
    assert lines == [
        "specward: violation: GET /things/{thing_id} (response 200): `body.id`: expected a string, got 5"
    ]
    record = json.loads(log.getvalue().splitlines()[0])
    assert record["operation"] == "GET /things/{thing_id}" and record["status"] == 200


def test_without_errors_the_response_passes_and_is_logged(server, tmp_path):
    log_file = tmp_path / "violations.jsonl"
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "specward", "mock", str(HERE / "envelope.yaml")),
            *("--proxy", server, "--log-json", str(log_file)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        response = httpx.get(url + "/things/x", headers=AUTH, timeout=10)
        assert response.status_code == 200 and response.json()["id"] == 5  # the server's answer
        invalid = httpx.post(url + "/things", json={"email": 5}, headers=AUTH, timeout=10)
        assert invalid.status_code == 200  # forwarded anyway; the violation is logged
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=10)
    assert "expected a string, got 5" in stderr
    records = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert {
        "operation": "GET /things/{thing_id}",
        "status": 200,
        "type": "type",
    }.items() <= records[0].items()
    assert records[0]["loc"] == ["response", "body", "id"]
    assert any(r["loc"] == ["request", "body", "email"] and r["status"] is None for r in records)
