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
    "specs/together-rl/upstream/api.swagger.yaml",
]


@pytest.mark.parametrize("rel", SEEDS)
def test_mock_passes_contract(rel):
    result = run_contract(str(ROOT / rel), mock=True, max_examples=8, seed=0)
    failures = [
        (op.operation, f.check, f.message, f.curl)
        for op in result.operations.values()
        for f in op.failures
    ]
    assert result.passed, failures
    assert all(op.cases > 0 for op in result.operations.values())
