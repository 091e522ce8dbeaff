"""Reporters: one findings list, many formats (text, markdown, json, junit, sarif, github)."""

from specward.report.finding import (
    LEVELS,
    Finding,
    Level,
    Report,
    RuleInfo,
    at_or_above,
    level_rank,
)
from specward.report.render import FORMATS, render

__all__ = [
    "FORMATS",
    "LEVELS",
    "Finding",
    "Level",
    "Report",
    "RuleInfo",
    "at_or_above",
    "level_rank",
    "render",
]
