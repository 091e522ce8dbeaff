"""Security requirements (the effective ones: an operation's own, else the global ones)."""

from __future__ import annotations

from specward.rules.registry import RuleFactory

FAMILY = "security"


_rule = RuleFactory(FAMILY, "request", "security")


RULES = [
    _rule(
        "api-security-added",
        "error",
        "added",
        "security {new} now required (was public)",
        "A public operation now requires credentials: anonymous clients are rejected.",
    ),
    _rule(
        "api-security-removed",
        "info",
        "removed",
        "security {old} removed (now public)",
        "The operation no longer requires credentials.",
    ),
    _rule(
        "api-security-requirement-removed",
        "error",
        "requirement-removed",
        "security alternative {old} removed",
        "Clients authenticating with the removed alternative are rejected.",
        oasdiff=False,
    ),
    _rule(
        "api-security-requirement-added",
        "info",
        "requirement-added",
        "security alternative {new} added",
        "One more way to authenticate.",
        oasdiff=False,
    ),
    _rule(
        "api-security-scope-added",
        "error",
        "scope-added",
        "security {name}: scope(s) {values} now required",
        "Tokens without the new scope are rejected.",
    ),
    _rule(
        "api-security-scope-removed",
        "info",
        "scope-removed",
        "security {name}: scope(s) {values} no longer required",
        "Fewer scopes are needed.",
    ),
]
