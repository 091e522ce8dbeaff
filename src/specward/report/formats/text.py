"""Plain text: one line per finding, then the verdict."""

from __future__ import annotations

from specward.report.finding import Report
from specward.report.formats.common import verdict_line, where

_COLOR = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render(report: Report, *, color: bool = False) -> str:
    lines = [report.title]
    lines.extend(f"note: {n}" for n in report.notes)
    for f in report.findings:
        level = f.level.upper()
        if color:
            level = f"{_COLOR[f.level]}{level}{_RESET}"
        at = where(f)
        lines.append(f"{level:<7} [{f.id}] {f.location}: {f.message}" + (f"  ({at})" if at else ""))
    lines.append(verdict_line(report))
    return "\n".join(lines) + "\n"
