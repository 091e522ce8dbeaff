"""The semantic-version bump a set of changes needs."""

from __future__ import annotations

from collections.abc import Iterable

from specward.rules import REGISTRY

_ORDER = ("none", "patch", "minor", "major")


def bump(rule_levels: Iterable[tuple[str, str]]) -> str:
    """``major``, ``minor``, ``patch`` or ``none`` for (rule id, level) pairs.

    Errors need a major version, warnings and additions a minor one, other changes a patch.
    """
    best = 0
    for rule_id, level in rule_levels:
        if level == "error":
            need = "major"
        elif level == "warning":
            need = "minor"
        else:
            rule = REGISTRY.get(rule_id)
            need = "minor" if rule is not None and rule.bump == "minor" else "patch"
        best = max(best, _ORDER.index(need))
    return _ORDER[best]
