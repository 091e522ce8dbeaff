"""Bounded work: the same limits in every command, each a one-line exit-2 error; long chains
and huge enums stay linear (their timings are in bench/bench_hostile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.safety import inputs
from tests.safety.probe import run_limited
from tests.test_bad_input import BILLION_LAUGHS, check_one_line_error

from specward.errors import SpecError
from specward.load import document, load_spec
from specward.load.limits import MAX_DEPTH
from specward.validate import ref_problems, validate_spec

COMMANDS = ["validate", "breaking", "drift", "sync"]


def args(command: str, up: Path, pub: Path) -> tuple[str, ...]:
    return {
        "validate": ("validate", pub.name),
        "breaking": ("breaking", pub.name, pub.name),
        "drift": ("drift", up.name, pub.name),
        "sync": ("sync", "--upstream", up.name, "--published", pub.name, "--check"),
    }[command]


@pytest.mark.parametrize("command", COMMANDS)
def test_too_deep_is_refused_the_same_way_everywhere(tmp_path, command):
    up, pub = inputs.deep_pair(tmp_path, 300)  # 600 levels of mappings: over MAX_DEPTH
    proc = run_limited(*args(command, up, pub), cwd=tmp_path)
    check_one_line_error(proc, f"more than {MAX_DEPTH} levels deep")


@pytest.mark.parametrize("command", ["validate", "drift", "sync"])
def test_deep_but_within_the_limit_works(tmp_path, command):
    up, pub = inputs.deep_pair(tmp_path, 240)
    proc = run_limited(*args(command, up, pub), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "error:" not in proc.stderr and "RecursionError" not in proc.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_alias_bomb_is_refused_the_same_way_everywhere(tmp_path, command):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS)
    proc = run_limited(*args(command, bomb, bomb), cwd=tmp_path)
    check_one_line_error(proc, "alias bomb")


def test_a_5000_ref_chain_is_valid_and_each_link_is_resolved_once(tmp_path, monkeypatch):
    path = inputs.ref_chain(tmp_path / "chain.json", 5000)
    ws = load_spec(path)
    calls = 0
    resolve = ws.resolve

    def counting(*a, **k):
        nonlocal calls
        calls += 1
        return resolve(*a, **k)

    monkeypatch.setattr(ws, "resolve", counting)
    assert ref_problems(ws) == []
    assert calls <= 5001 * 2  # linear: each link once (plus the walk that finds the files)
    assert validate_spec(path) == []


def test_a_chain_over_the_limit_is_one_problem_per_link_not_a_hang(tmp_path, monkeypatch):
    monkeypatch.setattr(document, "MAX_REF_CHAIN", 50)
    path = inputs.ref_chain(tmp_path / "chain.json", 120)
    problems = ref_problems(load_spec(path))
    assert problems and all("longer than 50" in p.message for p in problems)


def test_cycles_are_reported_at_each_member(tmp_path):
    path = tmp_path / "cycle.json"
    doc = {
        "openapi": "3.1.0",
        "info": inputs.INFO,
        "paths": {},
        "components": {
            "schemas": {
                "T": {"$ref": "#/components/schemas/A"},
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/components/schemas/A"},
            }
        },
    }
    inputs.write(path, doc)
    ws = load_spec(path)
    with pytest.raises(SpecError, match="circular"):
        ws.deref(ws.data["components"]["schemas"]["T"], ws.entry)
    messages = sorted({p.message for p in ref_problems(ws)})
    assert messages == [
        "circular $ref '#/components/schemas/A'",
        "circular $ref '#/components/schemas/B'",
    ]


def test_huge_enum_drift_is_found(tmp_path):
    up, pub = inputs.enum_pair(tmp_path, 40_000)
    proc = run_limited("drift", up.name, pub.name, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "'V39999'" in proc.stdout and "'CHANGED'" in proc.stdout
