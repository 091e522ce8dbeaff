"""Small helpers the formats share."""

from __future__ import annotations

from specward.report.finding import Finding, Report
from specward.report.locations import place


def where(f: Finding) -> str:
    """``file:line`` of a finding as written (``REV:path`` kept), or empty."""
    if f.source is None:
        return ""
    return f"{f.source.file}:{f.source.line or 1}"


def counts(report: Report) -> str:
    s = report.summary()
    return f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"


def verdict_line(report: Report) -> str:
    return f"{'FAIL' if report.failed else 'ok'}: {counts(report)} (fail on {report.fail_on})"


def revision_note(f: Finding) -> str:
    """`` (at REV, line N of REV:path)`` for a finding on a ``REV:path`` side, else empty."""
    if f.source is None:
        return ""
    at = place(f.source)
    if at.rev is None:
        return ""
    return f" (at {at.rev}: line {at.line} of {f.source.file})"
