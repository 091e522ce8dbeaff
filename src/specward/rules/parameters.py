"""Request parameters (path, query, header, cookie)."""

from __future__ import annotations

from specward.rules.registry import RuleFactory
from specward.rules.schema_rules import schema_rules

FAMILY = "parameters"
SCOPE = "request-parameter"


_rule = RuleFactory(FAMILY, "request", SCOPE)


RULES = [
    _rule(
        "new-required-request-parameter",
        "error",
        "new-required",
        "new required {location} parameter {name}",
        "Clients that do not send the new parameter are rejected.",
    ),
    _rule(
        "new-optional-request-parameter",
        "info",
        "new-optional",
        "new optional {location} parameter {name}",
        "An optional parameter was added.",
    ),
    _rule(
        "request-parameter-removed",
        "warning",
        "removed",
        "{location} parameter {name} removed",
        "Clients still sending the parameter have it ignored (or rejected by strict servers).",
    ),
    _rule(
        "request-parameter-renamed",
        "error",
        "renamed",
        "{location} parameter {old} renamed to {new}",
        "One parameter was removed and another in the same location with a compatible schema "
        "and a related name was added: one rename, reported once. Clients sending the old name "
        "lose the value.",
        oasdiff=False,
    ),
    _rule(
        "request-parameter-location-changed",
        "error",
        "location-changed",
        "parameter {name} moved from {old} to {new}",
        "A parameter moved to another location (e.g. from the query to a header) under the "
        "same name: one change, not a removal plus an addition. Clients send it where it used "
        "to be and the server does not find it.",
        oasdiff=False,
    ),
    _rule(
        "request-parameter-became-required",
        "error",
        "became-required",
        "{location} parameter {name} became required",
        "Clients that omit the parameter are rejected.",
    ),
    _rule(
        "request-parameter-became-optional",
        "info",
        "became-optional",
        "{location} parameter {name} became optional",
        "Clients may now omit the parameter.",
    ),
    _rule(
        "request-parameter-style-changed",
        "error",
        "style-changed",
        "{location} parameter {name}: style changed from {old} to {new}",
        "The serialization of the parameter changed; clients encode it the old way.",
        oasdiff=False,
    ),
    _rule(
        "request-parameter-explode-changed",
        "error",
        "explode-changed",
        "{location} parameter {name}: explode changed from {old} to {new}",
        "The serialization of arrays and objects changed; clients encode it the old way.",
        oasdiff=False,
    ),
    _rule(
        "request-parameter-deprecated",
        "info",
        "deprecated",
        "{location} parameter {name} deprecated",
        "The parameter was marked deprecated; plan its removal.",
    ),
    _rule(
        "request-parameter-reactivated",
        "info",
        "reactivated",
        "{location} parameter {name} no longer deprecated",
        "The parameter's deprecation was withdrawn.",
    ),
    *schema_rules(SCOPE, FAMILY),
]
