"""The rule corpus in tests/cases: every rule has a positive and a negative base/head pair."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.breaking.conftest import CASES, compare_docs, ids

from specward.compare.kinds import BREAKING_KINDS, DRIFT_KINDS
from specward.rules import NOT_REPORTED, REGISTRY

CASE_FILES = sorted(CASES.glob("*/*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    result = compare_docs(tmp_path, case["base"], case["head"])
    found = ids(result)
    unclaimed = {(e.scope, e.kind) for e in result.unclaimed}
    assert not unclaimed - NOT_REPORTED, f"events no rule classifies: {unclaimed - NOT_REPORTED}"
    assert {kind for _, kind in unclaimed} <= BREAKING_KINDS
    for rule_id in case.get("expect", []):
        assert rule_id in found, f"{rule_id} not reported; got {found}"
    for rule_id in case.get("forbid", []):
        assert rule_id not in found, f"{rule_id} reported; got {found}"


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    missing = []
    for rule in REGISTRY.all():
        if rule.family == "drift":  # drift rules have their cases in tests/drift/cases
            continue
        cases = [_load(p) for p in sorted((CASES / rule.id).glob("*.yaml"))]
        if not any(rule.id in c.get("expect", []) for c in cases):
            missing.append(f"{rule.id}: no positive case")
        if not any(rule.id in c.get("forbid", []) for c in cases):
            missing.append(f"{rule.id}: no negative case")
    assert not missing, "\n".join(missing)


def test_every_case_folder_is_a_rule() -> None:
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    unknown = sorted(f for f in folders if f not in REGISTRY)
    assert not unknown
    for path in CASE_FILES:
        case = _load(path)
        for rule_id in case.get("expect", []) + case.get("forbid", []):
            assert rule_id in REGISTRY, f"{path}: unknown rule {rule_id}"


def test_every_rule_claims_a_known_event_kind() -> None:
    unknown = [r.id for r in REGISTRY.all() if r.kind not in BREAKING_KINDS | DRIFT_KINDS]
    assert not unknown, unknown
    assert not [pair for pair in NOT_REPORTED if REGISTRY.classify(*pair) is not None]


def test_the_differ_does_not_import_the_catalog() -> None:
    source = (CASES.parents[1] / "src" / "specward" / "compare").glob("*.py")
    offenders = [
        p.name
        for p in source
        if "import specward.rules" in (text := p.read_text(encoding="utf-8"))
        or "from specward.rules" in text
    ]
    assert not offenders
