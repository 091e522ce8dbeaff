"""Render a :class:`Report` in every output format: one findings list, many formats.

Each format lives in its own module under ``specward.report.formats`` and is imported only when
a report is rendered in it.
"""

from __future__ import annotations

import importlib

from specward.report.finding import Report

FORMATS = ("text", "markdown", "json", "junit", "sarif", "github")


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report as ``fmt`` text, ending with a newline; the same input gives the same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"specward.report.formats.{fmt}")
    if fmt == "text":
        return module.render(report, color=color)
    return module.render(report)
