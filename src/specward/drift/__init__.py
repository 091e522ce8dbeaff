"""``drift``: the real differences between an upstream proto swagger and the published spec."""

from specward.drift.compare import compare
from specward.drift.mapping import Mapping, explain_text, infer_mapping
from specward.drift.result import KINDS, DriftItem, DriftResult

__all__ = [
    "KINDS",
    "DriftItem",
    "DriftResult",
    "Mapping",
    "compare",
    "explain_text",
    "infer_mapping",
]
