"""Responses: status codes, media types, headers and everything in their schemas."""

from __future__ import annotations

from specward.rules.registry import Rule, RuleFactory
from specward.rules.schema_rules import schema_rules

FAMILY = "responses"


_make = RuleFactory(FAMILY, "response", "response")


def _rule(rule_id: str, level: str, scope: str, kind: str, message: str, doc: str) -> Rule:
    return _make(rule_id, level, kind, message, doc, scope=scope)


RULES = [
    _rule(
        "response-success-status-removed",
        "error",
        "response",
        "success-status-removed",
        "success response {status} removed",
        "Clients that handle this success status get another one they may not handle.",
    ),
    _rule(
        "response-non-success-status-removed",
        "warning",
        "response",
        "non-success-status-removed",
        "response {status} removed",
        "An error (or default) response is no longer documented; clients handling it are "
        "unaffected unless they rely on its body.",
    ),
    _rule(
        "response-success-status-added",
        "info",
        "response",
        "success-status-added",
        "success response {status} added",
        "A new success status is documented.",
    ),
    _rule(
        "response-non-success-status-added",
        "info",
        "response",
        "non-success-status-added",
        "response {status} added",
        "A new error (or default) response is documented.",
    ),
    _rule(
        "response-media-type-removed",
        "error",
        "response",
        "media-type-removed",
        "response {status}: media type {name} removed",
        "Clients that ask for (or parse) this media type get something else.",
    ),
    _rule(
        "response-media-type-added",
        "info",
        "response",
        "media-type-added",
        "response {status}: media type {name} added",
        "One more media type is returned.",
    ),
    _rule(
        "required-response-header-removed",
        "error",
        "response-header",
        "required-removed",
        "response {status}: required header {name} removed",
        "Clients that read the header get nothing.",
    ),
    _rule(
        "optional-response-header-removed",
        "warning",
        "response-header",
        "optional-removed",
        "response {status}: optional header {name} removed",
        "Clients that read the optional header never see it again.",
    ),
    _rule(
        "response-header-became-optional",
        "error",
        "response-header",
        "became-optional",
        "response {status}: header {name} became optional",
        "Clients that rely on the header being present fail when it is missing.",
    ),
    _rule(
        "response-header-became-required",
        "info",
        "response-header",
        "became-required",
        "response {status}: header {name} became required",
        "The header is now always present.",
    ),
    *schema_rules("response-header", FAMILY),
    *schema_rules("response-body", FAMILY),
    *schema_rules("response-property", FAMILY),
]
