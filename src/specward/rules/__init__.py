"""The breaking-change rule catalog: one registry, one small module per rule family.

The generated schema rules (most of the catalog) are indexed here and built when first asked
for (:class:`~specward.rules.registry.RuleSource`).
"""

from specward.rules import (
    components,
    drift,
    operations,
    parameters,
    request_body,
    responses,
    security,
    servers,
)
from specward.rules.registry import FAMILIES, Registry, Rule
from specward.rules.schema_rules import not_reported

REGISTRY = Registry()
for _family in (operations, parameters, request_body, responses, security, servers, components):
    REGISTRY.add(_family.RULES)
REGISTRY.add(drift.RULES)  # the drift family: `specward drift` kinds, what sync applies

# Events the differ emits that no rule reports, on purpose: schema keywords that make no sense
# for a parameter or a header, and changes that only matter in the other direction.
NOT_REPORTED: frozenset[tuple[str, str]] = not_reported()

__all__ = ["FAMILIES", "NOT_REPORTED", "REGISTRY", "Registry", "Rule"]
