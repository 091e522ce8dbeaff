"""Component schemas (models), reported for SDK users whose generated types are named after
them."""

from __future__ import annotations

from specward.rules.registry import RuleFactory

FAMILY = "components"


_rule = RuleFactory(FAMILY, "none", "components")


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
