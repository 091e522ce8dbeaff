"""Paths and operations: removed (with or without deprecation, before or after sunset), added,
moved, operationId and deprecation changes."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import RuleFactory

FAMILY = "operations"


_rule = RuleFactory(FAMILY, "none", K.OPERATION)


RULES = [
    _rule(
        "api-path-removed-without-deprecation",
        "error",
        K.PATH_REMOVED,
        "path {path} removed without deprecation",
        "Every operation of a path was removed and none was deprecated first: clients calling "
        "it get 404.",
    ),
    _rule(
        "api-path-removed-before-sunset",
        "error",
        K.PATH_REMOVED_BEFORE_SUNSET,
        "path {path} removed before its sunset date {sunset}",
        "The path was deprecated with an `x-sunset` date that has not passed yet.",
    ),
    _rule(
        "api-path-removed-with-deprecation",
        "info",
        K.PATH_REMOVED_DEPRECATED,
        "deprecated path {path} removed",
        "The path was deprecated (and its `x-sunset` date, if any, has passed): removing it is "
        "the expected end of its life.",
    ),
    _rule(
        "api-removed-without-deprecation",
        "error",
        K.REMOVED,
        "operation removed without deprecation",
        "An operation was removed (its path still has others) and it was not deprecated first.",
    ),
    _rule(
        "api-removed-before-sunset",
        "error",
        K.REMOVED_BEFORE_SUNSET,
        "operation removed before its sunset date {sunset}",
        "The operation was deprecated with an `x-sunset` date that has not passed yet.",
    ),
    _rule(
        "api-removed-with-deprecation",
        "info",
        K.REMOVED_DEPRECATED,
        "deprecated operation removed",
        "The operation was deprecated (and its `x-sunset` date, if any, has passed).",
    ),
    _rule(
        "api-operation-moved",
        "error",
        K.MOVED,
        "operation moved from {old} to {new}{moved}",
        "An operation was removed and another was added whose path words and parameters "
        "correspond (a query parameter that became a path segment, a renamed "
        "or pluralized segment, or the same operationId): one move, reported once with `from`, "
        "`to` and the moved parameter, instead of a removal plus an addition. A move "
        "that also changes the method needs the same path words and the same operationId (or "
        "the same body and success response). Clients calling the old URL get 404.",
    ),
    _rule("endpoint-added", "info", K.ADDED, "operation added", "A new operation."),
    _rule(
        "endpoint-deprecated",
        "info",
        K.DEPRECATED,
        "operation deprecated",
        "The operation was marked deprecated; plan its removal.",
    ),
    _rule(
        "endpoint-reactivated",
        "info",
        K.REACTIVATED,
        "operation no longer deprecated",
        "The operation's deprecation was withdrawn.",
    ),
    _rule(
        "api-operation-id-removed",
        "warning",
        K.OPERATION_ID_CHANGED,
        "operationId changed from {old} to {new}",
        "Generated SDKs name methods after the operationId: a changed or removed operationId "
        "renames the method for SDK users even though the wire contract is unchanged.",
    ),
    _rule(
        "api-operation-id-added",
        "info",
        K.OPERATION_ID_ADDED,
        "operationId {new} added",
        "The operation got an operationId.",
    ),
    _rule("api-tag-added", "info", K.TAG_ADDED, "tag {name} added", "The operation got a tag."),
    _rule(
        "api-tag-removed",
        "info",
        K.TAG_REMOVED,
        "tag {name} removed",
        "The operation lost a tag; generated SDKs that group methods by tag may move the method.",
    ),
    _rule(
        "api-path-trailing-slash-changed",
        "warning",
        K.TRAILING_SLASH_CHANGED,
        "path changed from {old} to {new} (trailing slash)",
        "Only a trailing slash was added or removed. Many servers route both forms alike or "
        "redirect, but strict routers answer 404 and a redirect drops the body of some "
        "requests: a warning.",
    ),
    _rule(
        "api-sunset-date-changed-too-small",
        "error",
        K.SUNSET_EARLIER,
        "sunset date moved earlier, from {old} to {new}",
        "The operation's `x-sunset` date was brought forward: clients planned their migration "
        "for the date that was announced.",
    ),
    _rule(
        "api-sunset-date-extended",
        "info",
        K.SUNSET_LATER,
        "sunset date moved later, from {old} to {new}",
        "Clients get more time to migrate.",
    ),
    _rule(
        "api-sunset-date-added",
        "info",
        K.SUNSET_ADDED,
        "sunset date {new} announced",
        "The operation got an `x-sunset` date: plan its removal.",
    ),
    _rule(
        "sunset-deleted",
        "info",
        K.SUNSET_REMOVED,
        "sunset date {old} withdrawn from a deprecated operation",
        "The operation stays deprecated but no longer says until when: clients lose the date "
        "they planned their migration around.",
    ),
    _rule(
        "endpoint-deprecated-with-sunset",
        "info",
        K.DEPRECATED_WITH_SUNSET,
        "operation deprecated, sunset {sunset}",
        "The operation was marked deprecated with a sunset date: clients have until then.",
    ),
    _rule(
        "api-deprecated-sunset-parse",
        "error",
        K.SUNSET_INVALID,
        "sunset {sunset} of the deprecated operation is not an RFC 3339 date",
        "`x-sunset` (or `sunset`) must be an RFC 3339 date or date-time (`2026-12-31`, "
        "`2026-12-31T00:00:00Z`): a date nobody can read announces nothing.",
    ),
    _rule(
        "api-path-sunset-parse",
        "error",
        K.PATH_REMOVED_SUNSET_INVALID,
        "path {path} removed; its sunset {sunset} is not an RFC 3339 date",
        "The removed path was deprecated with a sunset that does not parse: whether the removal "
        "came too early cannot be told.",
    ),
    _rule(
        "api-removed-sunset-parse",
        "error",
        K.REMOVED_SUNSET_INVALID,
        "operation removed; its sunset {sunset} is not an RFC 3339 date",
        "The removed operation was deprecated with a sunset that does not parse: whether the "
        "removal came too early cannot be told.",
    ),
    _rule(
        "api-invalid-stability-level",
        "error",
        K.STABILITY_INVALID,
        "x-stability-level {value} in {side} is not one of draft, alpha, beta, stable",
        "Stability drives the policy (what may break, and when): a value outside draft, alpha, "
        "beta and stable makes that undecidable, in either spec.",
    ),
    _rule(
        "api-stability-decreased",
        "error",
        K.STABILITY_DECREASED,
        "stability decreased from {old} to {new}",
        "Clients chose the operation for its promised stability (a missing level is stable); "
        "taking the promise back (stable to beta, beta to alpha) breaks that contract.",
    ),
    _rule(
        "api-stability-increased",
        "info",
        K.STABILITY_INCREASED,
        "stability increased from {old} to {new}",
        "The operation promises more stability than before.",
    ),
]
