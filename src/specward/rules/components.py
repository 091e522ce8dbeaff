"""Component schemas (models), reported for SDK users whose generated types are named after
them."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import RuleFactory

FAMILY = "components"


_rule = RuleFactory(FAMILY, "none", K.COMPONENTS)


RULES = [
    _rule(
        "api-schema-removed",
        "warning",
        K.REMOVED,
        "schema {name} removed",
        "A component schema is gone: SDK users importing the generated model break at build "
        "time, even when no operation's wire format changed.",
    ),
    _rule(
        "api-schema-renamed",
        "warning",
        K.RENAMED,
        "schema {old} renamed to {new}",
        "A component schema was removed and an equal one with a related name added: the "
        "generated model is renamed for SDK users.",
    ),
    _rule(
        "api-schema-added",
        "info",
        K.ADDED,
        "schema {name} added",
        "A new component schema.",
    ),
]
