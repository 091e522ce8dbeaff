"""Request bodies: presence, required flag, media types and everything in their schemas."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import Rule, RuleFactory, RuleSource
from specward.rules.schema_rules import SchemaRules

FAMILY = "request-body"


_rule = RuleFactory(FAMILY, "request", K.REQUEST_BODY)


RULES: list[Rule | RuleSource] = [
    _rule(
        "request-body-added-required",
        "error",
        K.ADDED_REQUIRED,
        "required request body added",
        "Clients that send no body are rejected.",
    ),
    _rule(
        "request-body-added-optional",
        "info",
        K.ADDED_OPTIONAL,
        "optional request body added",
        "Clients may now send a body.",
    ),
    _rule(
        "request-body-removed",
        "warning",
        K.REMOVED,
        "request body removed",
        "Clients still sending a body have it ignored.",
    ),
    _rule(
        "request-body-became-required",
        "error",
        K.BECAME_REQUIRED,
        "request body became required",
        "Clients that send no body are rejected.",
    ),
    _rule(
        "request-body-became-optional",
        "info",
        K.BECAME_OPTIONAL,
        "request body became optional",
        "Clients may now omit the body.",
    ),
    _rule(
        "request-body-media-type-removed",
        "error",
        K.MEDIA_TYPE_REMOVED,
        "request media type {name} removed",
        "Clients sending this media type are rejected.",
    ),
    _rule(
        "request-body-media-type-added",
        "info",
        K.MEDIA_TYPE_ADDED,
        "request media type {name} added",
        "One more media type is accepted.",
    ),
    _rule(
        "request-body-media-type-schema-added",
        "error",
        K.MEDIA_TYPE_SCHEMA_ADDED,
        "request media type {name}: schema added",
        "The media type had no schema (anything was accepted) and now has one: bodies clients "
        "send today may not match it.",
    ),
    _rule(
        "request-body-media-type-schema-removed",
        "info",
        K.MEDIA_TYPE_SCHEMA_REMOVED,
        "request media type {name}: schema removed",
        "The media type no longer constrains the body: anything is accepted.",
    ),
    SchemaRules(K.REQUEST_BODY, FAMILY),
    SchemaRules(K.REQUEST_PROPERTY, FAMILY),
]
