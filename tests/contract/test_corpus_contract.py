"""``contract --mock`` on Together's public spec fails only on the spec's own defects, each named."""

from __future__ import annotations

from pathlib import Path

import pytest

from specward.contract import run_contract

SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "together-openapi.yaml"

# (check, cause) -> the defect of together-openapi.yaml (April 2026) it stands for
DEFECTS = {
    ("status_code_conformance", "undocumented 401"): (
        "operations require a bearer token but do not declare a 401 response"
    ),
    ("status_code_conformance", "undocumented 400"): (
        "operations with constrained parameters or bodies declare no 400/422/4XX/default response"
    ),
    ("status_code_conformance", "undocumented 200"): (
        "WebSocket endpoints (GET /audio/speech/websocket, GET /realtime) declare only 101"
    ),
    ("response_schema_conformance", "Unknown discriminator value"): (
        "ImageResponse data: a discriminator without mapping whose values (b64_json, url) are not "
        "the schema names"
    ),
    ("error", "Test could not run"): (
        "binary multipart uploads (audio transcriptions/translations) that Schemathesis cannot "
        "generate ('Unsupported type: Binary'), a tool limit"
    ),
}


@pytest.mark.corpus
@pytest.mark.skipif(not SPEC.exists(), reason="../shared/corpus is absent")
def test_together_fails_only_on_its_own_defects():
    result = run_contract(str(SPEC), mock=True, max_examples=2, phases=["examples", "coverage"])
    found = {(f.check, f.cause) for op in result.operations.values() for f in op.failures}
    unexplained = found - set(DEFECTS)
    assert not unexplained, sorted(unexplained)
    assert ("status_code_conformance", "undocumented 401") in found
