"""The breaking-change rule catalog: one registry, one small module per rule family."""

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

REGISTRY = Registry()
for _family in (operations, parameters, request_body, responses, security, servers, components):
    REGISTRY.add(_family.RULES)
REGISTRY.add(drift.RULES)  # the drift family: `specward drift` kinds, what sync applies

__all__ = ["FAMILIES", "REGISTRY", "Registry", "Rule"]
