"""drift on absurdly deep specs ends with an exit code and one line, never a traceback; the
drift kinds are a rule family that `specward rules` lists and sync dispatches on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

from specward.rules import REGISTRY
from specward.sync.apply import _HANDLERS, NOT_APPLIED


def _nested(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = leaf
    for _ in range(depth):
        node = {"type": "object", "properties": {"inner": node}}
    return node


def _specs(tmp_path: Path, depth: int) -> tuple[Path, Path]:
    up = {
        "swagger": "2.0",
        "info": {"title": "deep", "version": "1"},
        "paths": {},
        "definitions": {"v1Deep": _nested(depth, {"type": "string", "format": "int64"})},
    }
    pub = {
        "openapi": "3.1.0",
        "info": {"title": "deep", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Deep": _nested(depth, {"type": "integer"})}},
    }
    a, b = tmp_path / "up.json", tmp_path / "pub.json"
    a.write_text(json.dumps(up), encoding="utf-8")
    b.write_text(json.dumps(pub), encoding="utf-8")
    return a, b


def test_drift_450_levels_deep_is_an_answer_not_a_crash(tmp_path: Path) -> None:
    up, pub = _specs(tmp_path, 450)
    done = run_cli("drift", str(up), str(pub), "--format", "json")
    assert done.returncode in (0, 1, 2), done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    if done.returncode == 2:
        assert len(done.stderr.strip().splitlines()) == 1
    else:
        kinds = {d["kind"] for d in json.loads(done.stdout)["drift"]}
        assert kinds == {"property-type-changed"}  # the int64 string against an integer


def test_every_drift_kind_is_a_rule_that_sync_handles() -> None:
    drift_rules = [r for r in REGISTRY.all() if r.family == "drift"]
    assert {r.id for r in drift_rules} == set(_HANDLERS) | set(NOT_APPLIED)
    for rule in drift_rules:
        assert rule.doc and rule.level in ("error", "warning", "info")


def test_specward_rules_lists_the_drift_family() -> None:
    done = run_cli("rules", "--format", "json")
    assert done.returncode == 0
    rules = {r["id"]: r for r in json.loads(done.stdout)["rules"]}
    assert rules["published-only"]["family"] == "drift"
    assert rules["published-only"]["level"] == "info"
    assert rules["property-renamed"]["level"] == "error"
