"""Paths and operations: removed (with or without deprecation, before or after sunset), added,
moved, operationId and deprecation changes."""

from __future__ import annotations

from specward.rules.registry import RuleFactory

FAMILY = "operations"


_rule = RuleFactory(FAMILY, "none", "operation")


RULES = [
    _rule(
        "api-path-removed-without-deprecation",
        "error",
        "path-removed",
        "path {path} removed without deprecation",
        "Every operation of a path was removed and none was deprecated first: clients calling "
        "it get 404.",
    ),
    _rule(
        "api-path-removed-before-sunset",
        "error",
        "path-removed-before-sunset",
        "path {path} removed before its sunset date {sunset}",
        "The path was deprecated with an `x-sunset` date that has not passed yet.",
    ),
    _rule(
        "api-path-removed-with-deprecation",
        "info",
        "path-removed-deprecated",
        "deprecated path {path} removed",
        "The path was deprecated (and its `x-sunset` date, if any, has passed): removing it is "
        "the expected end of its life.",
    ),
    _rule(
        "api-removed-without-deprecation",
        "error",
        "removed",
        "operation removed without deprecation",
        "An operation was removed (its path still has others) and it was not deprecated first.",
    ),
    _rule(
        "api-removed-before-sunset",
        "error",
        "removed-before-sunset",
        "operation removed before its sunset date {sunset}",
        "The operation was deprecated with an `x-sunset` date that has not passed yet.",
    ),
    _rule(
        "api-removed-with-deprecation",
        "info",
        "removed-deprecated",
        "deprecated operation removed",
        "The operation was deprecated (and its `x-sunset` date, if any, has passed).",
    ),
    _rule(
        "api-operation-moved",
        "error",
        "moved",
        "operation moved from {old} to {new}{moved}",
        "An operation was removed and another was added whose path words and parameters "
        "correspond (a query parameter that became a path segment, a renamed "
        "or pluralized segment, or the same operationId): one move, reported once with `from`, "
        "`to` and the moved parameter, instead of a removal plus an addition. A move "
        "that also changes the method needs the same path words and the same operationId (or "
        "the same body and success response). Clients calling the old URL get 404.",
        oasdiff=False,
    ),
    _rule("endpoint-added", "info", "added", "operation added", "A new operation."),
    _rule(
        "endpoint-deprecated",
        "info",
        "deprecated",
        "operation deprecated",
        "The operation was marked deprecated; plan its removal.",
    ),
    _rule(
        "endpoint-reactivated",
        "info",
        "reactivated",
        "operation no longer deprecated",
        "The operation's deprecation was withdrawn.",
    ),
    _rule(
        "api-operation-id-removed",
        "warning",
        "operation-id-changed",
        "operationId changed from {old} to {new}",
        "Generated SDKs name methods after the operationId: a changed or removed operationId "
        "renames the method for SDK users even though the wire contract is unchanged.",
    ),
    _rule(
        "api-operation-id-added",
        "info",
        "operation-id-added",
        "operationId {new} added",
        "The operation got an operationId.",
    ),
    _rule("api-tag-added", "info", "tag-added", "tag {name} added", "The operation got a tag."),
    _rule(
        "api-tag-removed",
        "info",
        "tag-removed",
        "tag {name} removed",
        "The operation lost a tag; generated SDKs that group methods by tag may move the method.",
    ),
    _rule(
        "api-path-trailing-slash-changed",
        "warning",
        "trailing-slash-changed",
        "path changed from {old} to {new} (trailing slash)",
        "Only a trailing slash was added or removed. Many servers route both forms alike or "
        "redirect, but strict routers answer 404 and a redirect drops the body of some "
        "requests: a warning.",
        oasdiff=False,
    ),
    _rule(
        "api-sunset-date-changed-too-small",
        "error",
        "sunset-earlier",
        "sunset date moved earlier, from {old} to {new}",
        "The operation's `x-sunset` date was brought forward: clients planned their migration "
        "for the date that was announced.",
    ),
    _rule(
        "api-sunset-date-extended",
        "info",
        "sunset-later",
        "sunset date moved later, from {old} to {new}",
        "Clients get more time to migrate.",
        oasdiff=False,
    ),
    _rule(
        "api-sunset-date-added",
        "info",
        "sunset-added",
        "sunset date {new} announced",
        "The operation got an `x-sunset` date: plan its removal.",
        oasdiff=False,
    ),
    _rule(
        "sunset-deleted",
        "info",
        "sunset-removed",
        "sunset date {old} withdrawn",
        "The operation's `x-sunset` date was removed: it stays available (oasdiff reports this "
        "as an error for deprecated operations because its policy requires a sunset date).",
    ),
]
