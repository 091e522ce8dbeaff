"""JUnit XML: one test case per finding; those at or above --fail-on fail."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from specward.report.finding import Report, at_or_above
from specward.report.formats.common import where


def render(report: Report) -> str:
    failures = sum(1 for f in report.findings if at_or_above(f.level, report.fail_on))
    name = f"specward.{report.tool}"
    cases = []
    for f in report.findings:
        case_name = quoteattr(f"[{f.id}] {f.location}")
        body = xml_escape(f.message + (f" ({where(f)})" if f.source else ""))
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
    total = max(1, len(report.findings))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="specward" tests="{total}" failures="{failures}">\n'
        f'  <testsuite name="{name}" tests="{total}" failures="{failures}" errors="0">\n'
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>\n"
    )
