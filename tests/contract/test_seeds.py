"""``specward contract --mock`` on every seed spec: a self-test of the spec and of the mock."""

from __future__ import annotations

from pathlib import Path

import pytest

from specward.contract import run_contract

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    "specs/together-rl/openapi.yaml",
    "specs/llama-stack/post-training.before.yaml",
    "specs/llama-stack/post-training.after.yaml",
    "specs/training-jobs/openapi.yaml",
]
UPSTREAM = "specs/together-rl/upstream/api.swagger.yaml"


def _seed(rel: str) -> str:
    path = ROOT / rel
    if not (ROOT / "specs" / ".seeds-ready").exists() or not path.exists():
        pytest.skip("seed specs are not ready")
    return str(path)


@pytest.mark.parametrize("rel", SEEDS)
def test_mock_passes_contract(rel):
    result = run_contract(_seed(rel), mock=True, max_examples=8, seed=0)
    failures = [
        (op.operation, f.check, f.message, f.curl)
        for op in result.operations.values()
        for f in op.failures
    ]
    assert result.passed, failures
    assert all(op.cases > 0 for op in result.operations.values())


def test_upstream_swagger_only_fails_on_undeclared_errors():
    """The upstream swagger declares no error responses at all (no ``default``), so any 4xx the mock
    must give for invalid input or unknown ids is undocumented; nothing else may fail."""
    result = run_contract(_seed(UPSTREAM), mock=True, max_examples=8, seed=0)
    checks = {f.check for op in result.operations.values() for f in op.failures}
    assert checks <= {"status_code_conformance", "content_type_conformance"}, checks
    statuses = {
        f.message.split("Received: ")[1].split()[0]
        for op in result.operations.values()
        for f in op.failures
        if f.check == "status_code_conformance"
    }
    assert statuses <= {"400", "401", "404"}, statuses
