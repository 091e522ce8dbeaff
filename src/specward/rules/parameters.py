"""Request parameters (path, query, header, cookie)."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import Rule, RuleFactory, RuleSource
from specward.rules.schema_rules import SchemaRules

FAMILY = "parameters"
SCOPE = K.REQUEST_PARAMETER


_rule = RuleFactory(FAMILY, "request", SCOPE)


RULES: list[Rule | RuleSource] = [
    _rule(
        "new-required-request-parameter",
        "error",
        K.NEW_REQUIRED,
        "new required {location} parameter {name}",
        "Clients that do not send the new parameter are rejected.",
    ),
    _rule(
        "new-optional-request-parameter",
        "info",
        K.NEW_OPTIONAL,
        "new optional {location} parameter {name}",
        "An optional parameter was added.",
    ),
    _rule(
        "request-parameter-removed",
        "warning",
        K.REMOVED,
        "{location} parameter {name} removed",
        "Clients still sending the parameter have it ignored (or rejected by strict servers).",
    ),
    _rule(
        "request-parameter-renamed",
        "error",
        K.RENAMED,
        "{location} parameter {old} renamed to {new}",
        "One parameter was removed and another in the same location with a compatible schema "
        "and a related name was added: one rename, reported once. Clients sending the old name "
        "lose the value.",
    ),
    _rule(
        "request-parameter-location-changed",
        "error",
        K.LOCATION_CHANGED,
        "parameter {name} moved from {old} to {new}",
        "A parameter moved to another location (e.g. from the query to a header) under the "
        "same name: one change, not a removal plus an addition. Clients send it where it used "
        "to be and the server does not find it.",
    ),
    _rule(
        "request-parameter-became-required",
        "error",
        K.BECAME_REQUIRED,
        "{location} parameter {name} became required",
        "Clients that omit the parameter are rejected.",
    ),
    _rule(
        "request-parameter-became-optional",
        "info",
        K.BECAME_OPTIONAL,
        "{location} parameter {name} became optional",
        "Clients may now omit the parameter.",
    ),
    _rule(
        "request-parameter-style-changed",
        "error",
        K.STYLE_CHANGED,
        "{location} parameter {name}: style changed from {old} to {new}",
        "The serialization of the parameter changed; clients encode it the old way.",
    ),
    _rule(
        "request-parameter-explode-changed",
        "error",
        K.EXPLODE_CHANGED,
        "{location} parameter {name}: explode changed from {old} to {new}",
        "The serialization of arrays and objects changed; clients encode it the old way.",
    ),
    _rule(
        "request-parameter-deprecated",
        "info",
        K.DEPRECATED,
        "{location} parameter {name} deprecated",
        "The parameter was marked deprecated; plan its removal.",
    ),
    _rule(
        "request-parameter-reactivated",
        "info",
        K.REACTIVATED,
        "{location} parameter {name} no longer deprecated",
        "The parameter's deprecation was withdrawn.",
    ),
    _rule(
        "request-parameter-removed-with-deprecation",
        "info",
        K.REMOVED_DEPRECATED,
        "deprecated {location} parameter {name} removed",
        "The parameter was deprecated (and its sunset, if any, has passed): removing it is the "
        "expected end of its life.",
    ),
    _rule(
        "request-parameter-removed-before-sunset",
        "error",
        K.REMOVED_BEFORE_SUNSET,
        "{location} parameter {name} removed before its sunset date {sunset}",
        "The parameter was deprecated with a sunset date that has not passed yet: clients were "
        "promised it until then.",
    ),
    _rule(
        "request-parameter-sunset-parse",
        "error",
        K.REMOVED_SUNSET_INVALID,
        "{location} parameter {name} removed; its sunset {sunset} is not an RFC 3339 date",
        "The removed parameter was deprecated with a sunset that does not parse: whether the "
        "removal came too early cannot be told.",
    ),
    _rule(
        "request-parameter-sunset-deleted",
        "error",
        K.SUNSET_REMOVED,
        "{location} parameter {name}: sunset date {old} withdrawn",
        "The parameter stays deprecated but no longer says until when: clients lose the date "
        "they planned their migration around.",
    ),
    _rule(
        "request-parameter-sunset-date-changed-too-small",
        "error",
        K.SUNSET_EARLIER,
        "{location} parameter {name}: sunset date moved earlier, from {old} to {new}",
        "Clients planned their migration for the date that was announced.",
    ),
    SchemaRules(SCOPE, FAMILY),
]

_header = RuleFactory(FAMILY, "request", K.REQUEST_HEADER_PROPERTY)

RULES += [
    _header(
        "request-header-property-became-enum",
        "error",
        K.BECAME_ENUM,
        "{subject}: restricted to the enum {values}",
        "A property of an object-valued header became an enum: clients sending other values "
        "are rejected.",
    ),
    _header(
        "request-header-property-became-required",
        "error",
        K.BECAME_REQUIRED,
        "{subject}: property {name} became required",
        "Clients that omit the property of the object-valued header are rejected.",
    ),
    _header(
        "new-required-request-header-property",
        "error",
        K.NEW_REQUIRED,
        "{subject}: new required property {name}",
        "Clients that do not send the new property of the object-valued header are rejected.",
    ),
]
