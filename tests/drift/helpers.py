"""Paths and small helpers for the drift and sync tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO

from specward import model
from specward.drift import DriftResult, compare

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHOP_UP = FIXTURES / "shop.swagger.yaml"
SHOP_BASE = FIXTURES / "shop.baseline.swagger.yaml"
SHOP_PUB = FIXTURES / "shop.openapi.yaml"
RL_UPSTREAM = REPO / "specs" / "together-rl" / "upstream" / "api.swagger.yaml"
RL_BEFORE = REPO / "tests" / "fixtures" / "together-rl" / "openapi.yaml"
RL_PUBLISHED = REPO / "specs" / "together-rl" / "openapi.yaml"


def drift_of(upstream: Path | str, published: Path | str, **kwargs) -> DriftResult:
    return compare(model.load(upstream), model.load(published), **kwargs)


def kinds(result: DriftResult) -> set[tuple[str, str, str]]:
    """(kind, published_location, level) of every item."""
    return {(i.kind, i.published_location, i.level) for i in result.items}


def copy(src: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or src.name)
    shutil.copyfile(src, target)
    return target
