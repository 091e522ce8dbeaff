"""docs/rules.md is generated from the registry and must not go stale."""

from __future__ import annotations

from tests.breaking.conftest import REPO

from specward.rules import REGISTRY
from specward.rules.docs import render_markdown


def test_rules_doc_is_current() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_markdown(), (
        "docs/rules.md is stale: regenerate it with `python -m specward.rules --write-docs`"
    )


def test_every_rule_is_documented_and_well_formed() -> None:
    for rule in REGISTRY.all():
        assert rule.doc and rule.summary and rule.message, rule.id
        assert rule.level in ("error", "warning", "info")
        assert rule.direction in ("request", "response", "none")
        assert rule.id == rule.id.lower() and " " not in rule.id
        if rule.family == "drift":  # drift kinds: the ids of `drift --format json`
            continue
        assert rule.id.startswith(
            (
                "request",
                "response",
                "new-",
                "api-",
                "endpoint-",
                "required-",
                "optional-",
                "sunset-",
            )
        )


def test_classifier_is_one_to_one() -> None:
    for rule in REGISTRY.all():
        assert REGISTRY.classify(rule.scope, rule.kind) is rule
