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


def test_shared_ids_take_oasdiffs_level_unless_a_reason_is_given() -> None:
    from specward.rules.oasdiff import DIFFERS, OASDIFF_LEVELS

    for rule in REGISTRY.all():
        if rule.oasdiff_level is not None and rule.level != rule.oasdiff_level:
            assert rule.differs_because, rule.id
    stale = [i for i in DIFFERS if i not in REGISTRY or REGISTRY[i].level == OASDIFF_LEVELS[i]]
    assert not stale, f"reasons recorded for levels that do not differ: {stale}"


def test_every_level_that_differs_is_listed_with_its_reason() -> None:
    doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    listed = doc.split("## Levels that differ from oasdiff", 1)[1]
    for rule in REGISTRY.all():
        if rule.differs_because:
            assert f"| `{rule.id}` | {rule.level} | {rule.oasdiff_level} |" in listed, rule.id


def test_docs_speak_of_their_own_direction_and_level() -> None:
    for rule in REGISTRY.all():
        if rule.direction == "request":
            assert "Responses:" not in rule.doc and "responses may" not in rule.doc, rule.id
        if rule.direction == "response":
            assert "Requests:" not in rule.doc and "requests accept" not in rule.doc, rule.id
        if rule.level != "warning":
            assert "a warning" not in rule.doc and "so this is a warning" not in rule.doc, rule.id
