"""Reporters: one findings list, every format; deterministic and well-formed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from specward.model import Source
from specward.report import FORMATS, Finding, Report, RuleInfo, render


def sample(fail_on: str = "error") -> Report:
    findings = [
        Finding(
            "request-property-renamed",
            "error",
            "property checkpoint_id renamed to resume_from_checkpoint_id",
            "POST /rl/training-sessions request.body.resume_from_checkpoint_id",
            operation="POST /rl/training-sessions",
            source=Source("specs/rl.yaml", 635),
            details={"from": "checkpoint_id", "to": "resume_from_checkpoint_id"},
        ),
        Finding(
            "response-property-enum-value-added",
            "warning",
            "value 'x|y' added, 100%",
            "GET /a,b: c",
        ),
        Finding(
            "endpoint-added",
            "info",
            "operation added <b>",
            "GET /new",
            source=Source("specs/rl.yaml", 1),
        ),
    ]
    return Report(
        tool="breaking",
        title="specward breaking base → head",
        findings=findings,
        payload={"changes": [f.as_dict() for f in findings]},
        rules={
            "request-property-renamed": RuleInfo(
                "request-property-renamed", "error", "renamed", "A doc."
            )
        },
        fail_on=fail_on,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_and_ends_with_a_newline(fmt):
    first, second = render(sample(), fmt), render(sample(), fmt)
    assert first == second
    assert first.endswith("\n")


def test_fail_on_decides_the_exit_code():
    assert sample("error").exit_code == 1
    report = sample("error")
    report.findings = [f for f in report.findings if f.level != "error"]
    assert report.exit_code == 0
    report.fail_on = "warning"
    assert report.exit_code == 1


def test_text_lists_findings_with_file_and_line():
    text = render(sample(), "text")
    assert "ERROR   [request-property-renamed] POST /rl/training-sessions" in text
    assert "(specs/rl.yaml:635)" in text
    assert text.splitlines()[-1] == "FAIL: 1 error(s), 1 warning(s), 1 info (fail on error)"
    assert "\033[" not in text
    assert "\033[31m" in render(sample(), "text", color=True)


def test_markdown_has_a_summary_blocking_first_and_collapsed_info():
    md = render(sample(), "markdown")
    assert md.startswith("### specward breaking: ❌ fails")
    assert "**1** error(s), **1** warning(s), **1** info" in md
    blocking = md.index("#### Blocking: 1 at or above `error`")
    assert blocking < md.index("#### Not blocking: 1")
    assert "**`POST /rl/training-sessions`** (1)" in md
    assert "- ❌ `request-property-renamed` `request.body.resume_from_checkpoint_id`:" in md
    assert "value 'x\\|y' added" in md  # pipes cannot break a table the text lands in
    assert "<details><summary>1 info</summary>" in md
    assert "more; full list" not in md


def test_json_is_the_payload():
    assert json.loads(render(sample(), "json")) == sample().payload


def test_junit_is_valid_xml_with_one_failure_per_finding_at_or_above_fail_on():
    root = ET.fromstring(render(sample(), "junit"))
    suite = root.find("testsuite")
    assert suite.get("failures") == "1" and suite.get("tests") == "3"
    failures = suite.findall("testcase/failure")
    assert len(failures) == 1 and failures[0].get("type") == "error"
    assert "operation added <b>" in ET.tostring(root, encoding="unicode").replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    root = ET.fromstring(render(sample("info"), "junit"))
    assert root.find("testsuite").get("failures") == "3"


def test_sarif_has_rules_results_and_locations():
    doc = json.loads(render(sample(), "sarif"))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(rule_ids)
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    renamed = results[0]
    assert rule_ids[renamed["ruleIndex"]] == "request-property-renamed"
    location = renamed["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "specs/rl.yaml"}, "region": {"startLine": 635}}
    assert "locations" not in results[1]


def test_github_annotations_escape_properties_and_data():
    lines = render(sample(), "github").splitlines()
    assert lines[0].startswith(
        "::error file=specs/rl.yaml,line=635,title=request-property-renamed::"
    )
    assert (
        lines[1]
        == "::warning title=response-property-enum-value-added::GET /a,b: c: value 'x|y' added, 100%25"
    )
    assert lines[2].startswith("::notice title=specward breaking::")
    assert "1 error(s), 1 warning(s), 1 info" in lines[2]
    assert len(lines) == 3  # info findings are counted in the summary, not annotated
