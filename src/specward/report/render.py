"""Render a :class:`Report` in every output format: one findings list, many formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from specward.report.finding import Finding, Report, at_or_above

FORMATS = ("text", "markdown", "json", "junit", "sarif", "github")
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
_COLOR = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report as ``fmt`` text, ending with a newline; the same input gives the same bytes."""
    renderer: dict[str, Callable[..., str]] = {
        "text": lambda r: render_text(r, color=color),
        "markdown": render_markdown,
        "json": render_json,
        "junit": render_junit,
        "sarif": render_sarif,
        "github": render_github,
    }
    if fmt not in renderer:
        raise ValueError(f"unknown format {fmt!r}")
    return renderer[fmt](report)


def _where(f: Finding) -> str:
    if f.source is None:
        return ""
    return f"{f.source.file}:{f.source.line or 1}"


def _counts(report: Report) -> str:
    s = report.summary()
    return f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"


def render_text(report: Report, *, color: bool = False) -> str:
    lines = [report.title]
    lines.extend(f"note: {n}" for n in report.notes)
    for f in report.findings:
        level = f.level.upper()
        if color:
            level = f"{_COLOR[f.level]}{level}{_RESET}"
        where = _where(f)
        lines.append(
            f"{level:<7} [{f.id}] {f.location}: {f.message}" + (f"  ({where})" if where else "")
        )
    verdict = "FAIL" if report.failed else "ok"
    lines.append(f"{verdict}: {_counts(report)} (fail on {report.fail_on})")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    s = report.summary()
    verdict = "❌ fails" if report.failed else "✅ passes"
    out = [f"### specward {report.tool}: {verdict}", "", f"{_md_cell(report.title)}", ""]
    out.append(
        f"**{s['error']}** error(s), **{s['warning']}** warning(s), **{s['info']}** info (fail on `{report.fail_on}`)"
    )
    out.extend(f"> {n}" for n in report.notes)
    major = [f for f in report.findings if f.level != "info"]
    if major:
        out += ["", "| | rule | where | change |", "|---|---|---|---|"]
        for f in major:
            out.append(
                f"| {_ICON[f.level]} | `{f.id}` | `{_md_cell(f.location)}` | {_md_cell(f.message)} |"
            )
    minor = [f for f in report.findings if f.level == "info"]
    if minor:
        out += ["", f"<details><summary>{len(minor)} info</summary>", ""]
        out += [f"- `{f.id}` `{_md_cell(f.location)}`: {_md_cell(f.message)}" for f in minor]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def render_json(report: Report) -> str:
    return json.dumps(report.payload, indent=2, ensure_ascii=False) + "\n"


def render_junit(report: Report) -> str:
    failures = sum(1 for f in report.findings if at_or_above(f.level, report.fail_on))
    name = f"specward.{report.tool}"
    cases = []
    for f in report.findings:
        case_name = quoteattr(f"[{f.id}] {f.location}")
        body = xml_escape(f.message + (f" ({_where(f)})" if f.source else ""))
        if at_or_above(f.level, report.fail_on):
            cases.append(
                f'    <testcase classname="{name}" name={case_name}>\n'
                f"      <failure type={quoteattr(f.level)} message={quoteattr(f.message)}>{body}</failure>\n"
                "    </testcase>"
            )
        else:
            cases.append(
                f'    <testcase classname="{name}" name={case_name}>\n'
                f"      <system-out>{xml_escape(f.level)}: {body}</system-out>\n"
                "    </testcase>"
            )
    if not cases:
        cases.append(f'    <testcase classname="{name}" name={quoteattr(report.title)}/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="specward" tests="{max(1, len(report.findings))}" failures="{failures}">\n'
        f'  <testsuite name="{name}" tests="{max(1, len(report.findings))}" failures="{failures}" errors="0">\n'
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>\n"
    )


def render_sarif(report: Report) -> str:
    used = sorted({f.id for f in report.findings})
    rules = []
    for rid in used:
        info = report.rules.get(rid)
        rule = {"id": rid, "shortDescription": {"text": info.summary if info else rid}}
        if info:
            if info.doc:
                rule["fullDescription"] = {"text": info.doc}
            rule["defaultConfiguration"] = {"level": _SARIF_LEVEL[info.level]}
        rules.append(rule)
    index = {rid: i for i, rid in enumerate(used)}
    results = []
    for f in report.findings:
        result = {
            "ruleId": f.id,
            "ruleIndex": index[f.id],
            "level": _SARIF_LEVEL[f.level],
            "message": {"text": f"{f.location}: {f.message}"},
        }
        if f.source:
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.source.file},
                        "region": {"startLine": f.source.line or 1},
                    }
                }
            ]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "specward",
                        "informationUri": "https://github.com/specward/specward",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(report: Report) -> str:
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in report.findings:
        props = []
        if f.source:
            props.append(f"file={_gh_escape(f.source.file, True)}")
            props.append(f"line={f.source.line or 1}")
        props.append(f"title={_gh_escape(f.id, True)}")
        lines.append(
            f"::{kind[f.level]} {','.join(props)}::{_gh_escape(f'{f.location}: {f.message}')}"
        )
    lines.append(
        f"{'FAIL' if report.failed else 'ok'}: {_counts(report)} (fail on {report.fail_on})"
    )
    return "\n".join(lines) + "\n"
