"""Each deliberate contract bug in a real loopback server is caught; the correct server passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from buggy_server import TOKEN, create_server

from specward.contract import run_contract
from specward.mock.server import BackgroundServer

SPEC = str(Path(__file__).resolve().parent / "items.yaml")
AUTH = {"Authorization": f"Bearer {TOKEN}"}

EXPECTED = {
    "server_error": "not_a_server_error",
    "missing_field": "response_schema_conformance",
    "wrong_type": "response_schema_conformance",
    "undocumented_status": "status_code_conformance",
    "wrong_content_type": "content_type_conformance",
    "accept_invalid": "negative_data_rejection",
    "unreadable": "ensure_resource_availability",
    "ignored_auth": "ignored_auth",
    "renamed_property": "response_schema_conformance",
}


def _run(bug: str | None):
    with BackgroundServer(create_server(bug)) as url:
        return run_contract(SPEC, url=url + "/api", max_examples=8, headers=dict(AUTH), seed=1)


def test_correct_server_passes():
    result = _run(None)
    failures = {
        (op.operation, f.check, f.message) for op in result.operations.values() for f in op.failures
    }
    assert result.passed, failures
    assert all(op.cases > 0 for op in result.operations.values())
    assert result.links  # create -> get/delete were inferred


@pytest.mark.parametrize("bug", sorted(EXPECTED))
def test_bug_is_caught(bug):
    result = _run(bug)
    checks = {f.check for op in result.operations.values() for f in op.failures}
    assert not result.passed
    assert EXPECTED[bug] in checks, checks
    for op in result.operations.values():
        for failure in op.failures:
            assert failure.curl.startswith("curl "), failure
