"""``specward breaking``: classify every change between two versions of a spec."""

from __future__ import annotations

from typing import Any

from specward.breaking.pipeline import BreakingResult, classify, compare_specs
from specward.breaking.policy import Policy

# the acceptances are imported on first use: most runs accept nothing
_LAZY = {"Acceptance", "load_acceptances", "parse_acceptances"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from specward.breaking import accept

        return getattr(accept, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Acceptance",
    "BreakingResult",
    "Policy",
    "classify",
    "compare_specs",
    "load_acceptances",
    "parse_acceptances",
]
