"""Markdown for a pull-request comment: the summary, blocking findings first, grouped by
operation, and cut to fit a comment (GitHub holds 65,536 characters) with a count of the rest."""

from __future__ import annotations

from itertools import groupby

from specward.report.finding import Finding, Report, at_or_above

LIMIT = 60_000
"""Most characters a rendered report has (the cut note included)."""

_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
_MAX_MESSAGE = 400


def cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _group(f: Finding) -> str:
    return f.operation or "(spec-wide)"


def _within(f: Finding, group: str) -> str:
    """The finding's location under its group's heading (the operation is not repeated)."""
    rest = f.location[len(group) :].strip() if f.location.startswith(group) else f.location
    return f" `{cell(rest)}`" if rest else ""


def _header(report: Report) -> list[str]:
    s = report.summary()
    verdict = "❌ fails" if report.failed else "✅ passes"
    out = [f"### specward {report.tool}: {verdict}", "", cell(report.title), ""]
    out.append(
        f"**{s['error']}** error(s), **{s['warning']}** warning(s), **{s['info']}** info "
        f"(fail on `{report.fail_on}`)"
    )
    out.extend(f"> {cell(n)}" for n in report.notes[:20])
    if len(report.notes) > 20:
        out.append(f"> … {len(report.notes) - 20} more notes")
    return out


def _section(title: str, findings: list[Finding]) -> list[str]:
    """A heading, then one bold line per operation and one bullet per finding."""
    out = ["", f"#### {title}"]
    ordered = sorted(findings, key=_group)  # stable: report order within a group
    for name, members in groupby(ordered, key=_group):
        items = list(members)
        out += ["", f"**`{cell(name)}`** ({len(items)})"]
        out += [f"- {_ICON[f.level]} `{f.id}`{_within(f, name)}: {cell(f.message)}" for f in items]
    return out


def _fit(lines: list[str], budget: int) -> tuple[list[str], int]:
    """The lines that fit in ``budget`` characters, and how many findings were cut."""
    kept, used = [], 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > budget:
            return kept, sum(1 for rest in lines[index:] if rest.startswith("- "))
        kept.append(line)
        used += len(line) + 1
    return kept, 0


def render(report: Report, limit: int = LIMIT) -> str:
    out = _header(report)
    blocking = [f for f in report.findings if at_or_above(f.level, report.fail_on)]
    others = [f for f in report.findings if f not in blocking]
    major = [f for f in others if f.level != "info"]
    minor = [f for f in others if f.level == "info"]
    body: list[str] = []
    if blocking:
        body += _section(f"Blocking: {len(blocking)} at or above `{report.fail_on}`", blocking)
    if major:
        body += _section(f"Not blocking: {len(major)}", major)
    info = _section(f"{len(minor)} info", minor)[2:] if minor else []
    reserve = 200  # the cut note and the closing of <details>
    head = "\n".join(out)
    kept, cut = _fit(body, limit - len(head) - reserve)
    out += kept
    if minor:
        room = limit - len("\n".join(out)) - reserve
        if cut or room < 200:
            cut += len(minor)
        else:
            shown, cut_info = _fit(info, room - 60)
            out += ["", f"<details><summary>{len(minor)} info</summary>", *shown, "", "</details>"]
            cut += cut_info
    if cut:
        out += ["", f"… {cut} more; full list in the JSON report (`--format json`)"]
    return "\n".join(out) + "\n"
