"""Start-up structure of ``specward breaking``: what a run imports and builds (bench/ times it)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from tests.breaking.conftest import REPO

from specward.rules.registry import Registry, Rule

_PROBE = """
import gc, json, sys
from specward.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
from specward.rules import REGISTRY
from specward.rules.registry import Rule
built = sum(isinstance(o, Rule) for o in gc.get_objects())
print(json.dumps({
    "modules": sorted(sys.modules),
    "built": built,
    "catalog": len(REGISTRY),
    "collector": [gc.isenabled(), gc.get_freeze_count()],
}))
"""

# the process entry itself (no argv): what it does to the cyclic garbage collector
_PROCESS = """
import atexit, gc, sys
from specward.cli import main
starts = []
gc.callbacks.append(lambda phase, info: phase == "start" and starts.append(info["generation"]))
atexit.register(lambda: print(len(starts), gc.get_freeze_count() > 0))
main()
"""


_PAIR = ("tests/fixtures/together-rl/openapi.yaml", "specs/together-rl/openapi.yaml")


def _python(code: str, *argv: str) -> str:
    """The last line a fresh interpreter prints running ``code`` with ``argv``."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: the pair has an error-level change
    return proc.stdout.splitlines()[-1]


def test_breaking_imports_only_its_reporter_and_builds_few_rules() -> None:
    seen = json.loads(_python(_PROBE, "breaking", *_PAIR, "--format", "json"))
    modules = set(seen["modules"])  # type: ignore[arg-type]
    assert "specward.breaking.pipeline" in modules  # the run happened
    assert {m for m in modules if m.startswith("specward.report.formats.")} == {
        "specward.report.formats.json"
    }
    commands = {m for m in modules if m.startswith("specward.commands.")}
    assert commands == {"specward.commands.breaking", "specward.commands.common"}
    unused = {
        "specward.rules.docs",  # listings and docs only
        "specward.breaking.accept",  # only with acceptances
        "specward.report.filters",  # only with a filter option
        "specward.contracts",  # only with --contract
        "pydantic",
        "subprocess",  # only for REV:path specs
    }
    assert not modules & unused
    # the generated schema rules are built when an event needs one, not at import
    assert 0 < seen["built"] < seen["catalog"] // 2  # type: ignore[operator]
    # called with argv (in process), main leaves the collector as it was
    assert seen["collector"] == [True, 0]


@pytest.mark.parametrize(("command", "one_shot"), [("breaking", True), ("changelog", False)])
def test_a_one_shot_process_runs_without_cyclic_collections(command, one_shot) -> None:
    collections, frozen = _python(_PROCESS, command, *_PAIR).split()
    assert frozen == "True"  # every process leaves its garbage to the OS at exit
    assert (int(collections) == 0) is one_shot  # other commands collect as usual


def _rule(rule_id: str, scope: str, kind: str) -> Rule:
    return Rule(rule_id, "info", "none", "test", scope, kind, rule_id, "{name}", "doc")


class _Source:
    """A rule source that records what the registry asks it to build."""

    def __init__(self, scope: str, kinds: list[str]) -> None:
        self.scope = scope
        self.kinds = kinds
        self.built: list[str] = []

    def events(self) -> Iterator[tuple[tuple[str, str], str]]:
        for kind in self.kinds:
            yield (self.scope, kind), f"t-{self.scope}-{kind}"

    def build(self, scope: str, kind: str) -> Rule:
        self.built.append(kind)
        return _rule(f"t-{scope}-{kind}", scope, kind)


def test_registry_builds_rules_of_a_source_on_first_use_once() -> None:
    source = _Source("s", ["a", "b", "c"])
    registry = Registry()
    registry.add([_rule("t-eager", "e", "x"), source])
    assert len(registry) == 4 and "t-s-b" in registry and "t-s-z" not in registry
    assert source.built == []
    rule = registry.classify("s", "b")
    assert rule is not None and rule.id == "t-s-b"
    assert registry.get("t-s-b") is rule and registry["t-s-b"] is rule
    assert registry.classify("s", "zz") is None
    assert source.built == ["b"]
    assert list(registry.infos(["t-s-c", "t-unknown"])) == ["t-s-c"]
    assert source.built == ["b", "c"]
    assert [r.id for r in registry.all()] == ["t-eager", "t-s-a", "t-s-b", "t-s-c"]
    assert list(registry.infos()) == ["t-eager", "t-s-a", "t-s-b", "t-s-c"]
    assert sorted(source.built) == ["a", "b", "c"]
    assert registry.classify("s", "b") is rule
    with pytest.raises(KeyError):
        registry["t-unknown"]


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (lambda: _rule("t-s-a", "other", "k"), lambda: _Source("s", ["a"]), "duplicate rule id"),
        (lambda: _Source("s", ["a"]), lambda: _rule("t-s-a", "other", "k"), "duplicate rule id"),
        (lambda: _rule("t-eager", "s", "a"), lambda: _Source("s", ["a"]), "share"),
        (lambda: _Source("s", ["a"]), lambda: _rule("t-eager", "s", "a"), "share"),
    ],
)
def test_registry_refuses_a_second_rule_for_an_id_or_an_event(first, second, message) -> None:
    registry = Registry()
    registry.add([first()])
    with pytest.raises(ValueError, match=message):
        registry.add([second()])
