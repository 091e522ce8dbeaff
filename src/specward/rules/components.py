"""Component schemas (models), reported for SDK users whose generated types are named after
them."""

from __future__ import annotations

from specward.rules.registry import Rule

FAMILY = "components"


def _rule(
    rule_id: str, level: str, kind: str, message: str, doc: str, *, oasdiff: bool = True
) -> Rule:
    return Rule(
        rule_id,
        level,
        "none",
        FAMILY,
        "components",
        kind,  # type: ignore[arg-type]
        rule_id.replace("-", " "),
        message,
        doc,
        oasdiff,
    )


RULES = [
    _rule(
        "api-schema-removed",
        "warning",
        "removed",
        "schema {name} removed",
        "A component schema is gone: SDK users importing the generated model break at build "
        "time, even when no operation's wire format changed.",
    ),
    _rule(
        "api-schema-renamed",
        "warning",
        "renamed",
        "schema {old} renamed to {new}",
        "A component schema was removed and an equal one with a related name added: the "
        "generated model is renamed for SDK users.",
        oasdiff=False,
    ),
    _rule(
        "api-schema-added",
        "info",
        "added",
        "schema {name} added",
        "A new component schema.",
        oasdiff=False,
    ),
]
