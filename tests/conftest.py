"""Shared test helpers: repository paths, the read-only shared corpus, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
SPECS = REPO / "specs"


def corpus_file(name: str) -> Path:
    """A file of ../shared/corpus, or skip the test when the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus file {name} is absent")
    return path


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120, **kwargs
) -> subprocess.CompletedProcess:
    """Run ``specward ARGS`` in a subprocess, as a user would."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("SPECWARD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "specward", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        **kwargs,
    )


@pytest.fixture
def cli():
    return run_cli
