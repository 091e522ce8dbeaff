"""GitHub workflow commands: the most severe findings as annotations, then one summary notice.

GitHub shows at most 10 error and 10 warning annotations per step, so a command writes no more
than that (errors and warnings, those with a file first); info findings are left to the summary.
"""

from __future__ import annotations

from specward.report.finding import Finding, Report
from specward.report.formats.common import counts
from specward.report.locations import place

MAX_PER_LEVEL = 10


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _annotation(f: Finding, kind: str) -> str:
    props = []
    message = f"{f.location}: {f.message}"
    if f.source:
        at = place(f.source)
        props += [f"file={_escape(at.path, True)}", f"line={at.line}"]
        if at.rev is not None:
            message += f" (at {at.rev}: line {at.line} of {f.source.file})"
    props.append(f"title={_escape(f.id, True)}")
    return f"::{kind} {','.join(props)}::{_escape(message)}"


def chosen(report: Report, level: str) -> list[Finding]:
    """The findings of ``level`` to annotate: those with a file first, in report order."""
    found = [f for f in report.findings if f.level == level]
    return sorted(found, key=lambda f: f.source is None)[:MAX_PER_LEVEL]


def render(report: Report) -> str:
    lines = []
    shown = {}
    for level in ("error", "warning"):
        picked = chosen(report, level)
        shown[level] = len(picked)
        lines += [_annotation(f, level) for f in picked]
    total = report.summary()
    left = [
        f"{total[lv] - shown[lv]} more {lv}(s)"
        for lv in ("error", "warning")
        if total[lv] > shown[lv]
    ]
    summary = f"{'FAIL' if report.failed else 'ok'}: {counts(report)} (fail on {report.fail_on})"
    if left:
        summary += f"; {' and '.join(left)} not annotated: full list in the JSON report"
    title = _escape(f"specward {report.tool}", True)
    lines.append(f"::notice title={title}::{_escape(report.title + ': ' + summary)}")
    return "\n".join(lines) + "\n"
