"""Responses: status codes, media types, headers and everything in their schemas."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import Rule, RuleFactory, RuleSource
from specward.rules.schema_rules import SchemaRules

FAMILY = "responses"


_make = RuleFactory(FAMILY, "response", K.RESPONSE)


def _rule(rule_id: str, level: str, scope: str, kind: str, message: str, doc: str) -> Rule:
    return _make(rule_id, level, kind, message, doc, scope=scope)


RULES: list[Rule | RuleSource] = [
    _rule(
        "response-success-status-removed",
        "error",
        K.RESPONSE,
        K.SUCCESS_STATUS_REMOVED,
        "success response {status} removed",
        "Clients that handle this success status get another one they may not handle.",
    ),
    _rule(
        "response-non-success-status-removed",
        "warning",
        K.RESPONSE,
        K.NON_SUCCESS_STATUS_REMOVED,
        "response {status} removed",
        "An error (or default) response is no longer documented; clients handling it are "
        "unaffected unless they rely on its body.",
    ),
    _rule(
        "response-success-status-added",
        "info",
        K.RESPONSE,
        K.SUCCESS_STATUS_ADDED,
        "success response {status} added",
        "A new success status is documented.",
    ),
    _rule(
        "response-non-success-status-added",
        "info",
        K.RESPONSE,
        K.NON_SUCCESS_STATUS_ADDED,
        "response {status} added",
        "A new error (or default) response is documented.",
    ),
    _rule(
        "response-media-type-removed",
        "error",
        K.RESPONSE,
        K.MEDIA_TYPE_REMOVED,
        "response {status}: media type {name} removed",
        "Clients that ask for (or parse) this media type get something else.",
    ),
    _rule(
        "response-media-type-added",
        "info",
        K.RESPONSE,
        K.MEDIA_TYPE_ADDED,
        "response {status}: media type {name} added",
        "One more media type is returned.",
    ),
    _rule(
        "required-response-header-removed",
        "error",
        K.RESPONSE_HEADER,
        K.REQUIRED_REMOVED,
        "response {status}: required header {name} removed",
        "Clients that read the header get nothing.",
    ),
    _rule(
        "optional-response-header-removed",
        "warning",
        K.RESPONSE_HEADER,
        K.OPTIONAL_REMOVED,
        "response {status}: optional header {name} removed",
        "Clients that read the optional header never see it again.",
    ),
    _rule(
        "response-header-became-optional",
        "error",
        K.RESPONSE_HEADER,
        K.BECAME_OPTIONAL,
        "response {status}: header {name} became optional",
        "Clients that rely on the header being present fail when it is missing.",
    ),
    _rule(
        "response-header-became-required",
        "info",
        K.RESPONSE_HEADER,
        K.BECAME_REQUIRED,
        "response {status}: header {name} became required",
        "The header is now always present.",
    ),
    _rule(
        "response-body-media-type-schema-added",
        "info",
        K.RESPONSE_BODY,
        K.MEDIA_TYPE_SCHEMA_ADDED,
        "response {status}: media type {name}: schema added",
        "The response body is now described; what clients receive does not change.",
    ),
    _rule(
        "response-body-media-type-schema-removed",
        "error",
        K.RESPONSE_BODY,
        K.MEDIA_TYPE_SCHEMA_REMOVED,
        "response {status}: media type {name}: schema removed",
        "The response body is no longer described: anything may be returned, and clients "
        "generated from the schema lose their model.",
    ),
    SchemaRules(K.RESPONSE_HEADER, FAMILY),
    SchemaRules(K.RESPONSE_BODY, FAMILY),
    SchemaRules(K.RESPONSE_PROPERTY, FAMILY),
]
