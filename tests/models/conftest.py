"""Shared, expensive results for the models tests: each spec is generated once per worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO

from specward.model import load
from specward.models.api import resolve
from specward.models.preview import PreviewResult, run_preview

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = {
    "together-rl": "contracts/together-rl.yaml",
    "llama-stack": "contracts/llama-stack.yaml",
    "training-jobs": "contracts/training-jobs.yaml",
}
RL_BASE = "tests/fixtures/together-rl/openapi.yaml"
RL_HEAD = "specs/together-rl/openapi.yaml"

_previews: dict[str, PreviewResult] = {}


def preview_of(spec: str | None, contract: str | None = None) -> PreviewResult:
    """The preview build of a spec (or a contract's spec), computed once."""
    key = f"{spec}|{contract}"
    if key not in _previews:
        loaded, settings = resolve(spec, contract)
        _previews[key] = run_preview(loaded, settings)
    return _previews[key]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


@pytest.fixture(scope="session")
def rl_specs():
    import os

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        return load(RL_BASE), load(RL_HEAD)
    finally:
        os.chdir(cwd)
