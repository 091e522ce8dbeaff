"""The drift rule cases in tests/drift/cases: every drift rule has a positive and a negative
upstream/published pair (regenerate them with tests/drift/cases/generate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from specward import model
from specward.drift import compare
from specward.rules import REGISTRY

CASES = Path(__file__).resolve().parent / "cases"
CASE_FILES = sorted(CASES.glob("*/*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _spec(tmp_path: Path, name: str, doc: dict) -> model.Spec:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return model.load(path)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    up, pub = _spec(tmp_path, "up", case["upstream"]), _spec(tmp_path, "pub", case["published"])
    base = _spec(tmp_path, "base", case["baseline"]) if "baseline" in case else None
    found = [i.kind for i in compare(up, pub, baseline=base).items]
    for rule_id in case.get("expect", []):
        assert rule_id in found, f"{rule_id} not reported; got {found}"
    for rule_id in case.get("forbid", []):
        assert rule_id not in found, f"{rule_id} reported; got {found}"


def test_every_drift_rule_has_a_positive_and_a_negative_case() -> None:
    missing = []
    for rule in REGISTRY.all():
        if rule.family != "drift":
            continue
        cases = [_load(p) for p in sorted((CASES / rule.id).glob("*.yaml"))]
        if not any(rule.id in c.get("expect", []) for c in cases):
            missing.append(f"{rule.id}: no positive case")
        if not any(rule.id in c.get("forbid", []) for c in cases):
            missing.append(f"{rule.id}: no negative case")
    assert not missing, "\n".join(missing)
