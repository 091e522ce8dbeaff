"""Shared helpers for the breaking tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from specward.breaking import BreakingResult, compare_specs

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
CORPUS = SHARED / "corpus"
CASES = REPO / "tests" / "cases"
TODAY = dt.date(2026, 6, 1)


def write(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def compare_docs(tmp_path: Path, base: Any, head: Any, **kw: Any) -> BreakingResult:
    """Write two spec documents and compare them."""
    b = write(tmp_path / "base.yaml", base)
    h = write(tmp_path / "head.yaml", head)
    kw.setdefault("today", TODAY)
    return compare_specs(b, h, **kw)


def ids(result: BreakingResult) -> list[str]:
    return [c.id for c in result.changes]


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
