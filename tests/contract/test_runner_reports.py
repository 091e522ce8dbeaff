"""Contract reports a developer can act on: reachability, curl that reproduces, grouping, SARIF,
filters, and bounded time and memory against a hostile server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from buggy_server import TOKEN, create_server
from tests.mock.asgi import listener

from specward.contract import run_contract
from specward.contract.report import render_text, to_report
from specward.mock.server import BackgroundServer
from specward.report import render

HERE = Path(__file__).resolve().parent
SPEC = str(HERE / "items.yaml")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_unreachable_url_is_one_line_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "specward", "contract", SPEC, "--url", "http://127.0.0.1:1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("specward: error: --url http://127.0.0.1:1")


def test_a_failing_runs_curl_reproduces_the_failure():
    with BackgroundServer(create_server("wrong_type")) as url:
        result = run_contract(
            SPEC,
            url=url + "/api",
            max_examples=3,
            headers=dict(AUTH),
            phases=["examples", "coverage"],
            checks=["response_schema_conformance"],
        )
        failure = result.operations["POST /items"].failures[0]  # needs no earlier state
        assert failure.check == "response_schema_conformance"
        assert url in failure.curl and "$TOKEN" in failure.curl and TOKEN not in failure.curl
        assert failure.status == 201 and '"size":"' in failure.received
        shell = subprocess.run(
            ["bash", "-c", failure.curl + " -s -w '\\n%{http_code}'"],
            capture_output=True,
            text=True,
            timeout=30,
            env={"TOKEN": TOKEN, "PATH": "/usr/bin:/bin"},
        )
    body, status = shell.stdout.rsplit("\n", 1)
    assert status == str(failure.status)
    assert '"size":"' in body.replace(" ", "")  # the same wrong type, reproduced


def test_failures_are_grouped_by_check_and_cause_and_sarif_has_locations():
    with BackgroundServer(create_server("ignored_auth")) as url:
        result = run_contract(SPEC, url=url + "/api", max_examples=3, checks=["ignored_auth"])
    text = render_text(result)
    assert "FAIL [ignored_auth]" in text and "operations" in text
    assert text.count("curl ") == len([line for line in text.splitlines() if "FAIL [" in line])
    sarif = json.loads(render(to_report(result), "sarif"))
    results = sarif["runs"][0]["results"]
    assert results and all(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] > 1 for r in results
    )


def test_include_operation_reruns_one_operation():
    with BackgroundServer(create_server(None)) as url:
        result = run_contract(
            SPEC,
            url=url + "/api",
            max_examples=2,
            headers=dict(AUTH),
            include_operation="^GET /items$",
            phases=["examples"],
        )
    assert list(result.operations) == ["GET /items"]


async def _hostile(scope, receive, send):
    """1 byte per second, forever, or a huge body: a server a run must not wait for."""
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if scope["path"].endswith("/items"):
        for _ in range(3):  # a big body: cut at the cap
            await send({"type": "http.response.body", "body": b" " * 400_000, "more_body": True})
        await send({"type": "http.response.body", "body": b"[]"})
        return
    for _ in range(600):
        await send({"type": "http.response.body", "body": b" ", "more_body": True})
        await asyncio.sleep(1)
    await send({"type": "http.response.body", "body": b"{}"})


def test_a_hostile_server_gives_failures_in_bounded_time():
    with BackgroundServer(_hostile) as url:
        result = run_contract(
            SPEC,
            url=url + "/api",
            max_examples=1,
            phases=["fuzzing"],
            headers=dict(AUTH),
            checks=["not_a_server_error"],
            request_deadline=2,
            max_response_bytes=1_000_000,
            include_path="^/items",
        )
    titles = {f.title for op in result.operations.values() for f in op.failures}
    assert "Guard: size" in titles and "Guard: deadline" in titles


def test_contract_never_fetches_a_remote_ref(tmp_path):
    with listener() as (port, connected):
        schema = {"$ref": f"http://127.0.0.1:{port}/x.json#/X"}
        content = {"application/json": {"schema": schema}}
        spec = {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/n": {"get": {"responses": {"200": {"description": "ok", "content": content}}}}
            },
        }
        path = tmp_path / "remote.json"
        path.write_text(json.dumps(spec))
        result = run_contract(str(path), mock=True, max_examples=1, phases=["examples", "fuzzing"])
    assert connected == [False]
    assert any("refused" in note for note in result.notes)
