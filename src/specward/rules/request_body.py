"""Request bodies: presence, required flag, media types and everything in their schemas."""

from __future__ import annotations

from specward.rules.registry import RuleFactory
from specward.rules.schema_rules import schema_rules

FAMILY = "request-body"


_rule = RuleFactory(FAMILY, "request", "request-body")


RULES = [
    _rule(
        "request-body-added-required",
        "error",
        "added-required",
        "required request body added",
        "Clients that send no body are rejected.",
    ),
    _rule(
        "request-body-added-optional",
        "info",
        "added-optional",
        "optional request body added",
        "Clients may now send a body.",
    ),
    _rule(
        "request-body-removed",
        "warning",
        "removed",
        "request body removed",
        "Clients still sending a body have it ignored.",
    ),
    _rule(
        "request-body-became-required",
        "error",
        "became-required",
        "request body became required",
        "Clients that send no body are rejected.",
    ),
    _rule(
        "request-body-became-optional",
        "info",
        "became-optional",
        "request body became optional",
        "Clients may now omit the body.",
    ),
    _rule(
        "request-body-media-type-removed",
        "error",
        "media-type-removed",
        "request media type {name} removed",
        "Clients sending this media type are rejected.",
    ),
    _rule(
        "request-body-media-type-added",
        "info",
        "media-type-added",
        "request media type {name} added",
        "One more media type is accepted.",
    ),
    *schema_rules("request-body", FAMILY),
    *schema_rules("request-property", FAMILY),
]
