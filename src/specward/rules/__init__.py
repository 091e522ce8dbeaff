"""The breaking-change rule catalog: one registry, one small module per rule family."""

from specward.rules import (
    components,
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

__all__ = ["FAMILIES", "REGISTRY", "Registry", "Rule"]
