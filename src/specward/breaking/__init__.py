"""``specward breaking``: classify every change between two versions of a spec."""

from specward.breaking.accept import Acceptance, load_acceptances, parse_acceptances
from specward.breaking.pipeline import BreakingResult, classify, compare_specs
from specward.breaking.policy import Policy

__all__ = [
    "Acceptance",
    "BreakingResult",
    "Policy",
    "classify",
    "compare_specs",
    "load_acceptances",
    "parse_acceptances",
]
