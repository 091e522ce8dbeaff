"""--match-path, --exclude-path and --exclude-elements: one filter for breaking, drift, changelog."""

from __future__ import annotations

import json

import pytest
from tests.conftest import REPO, run_cli

from specward.errors import SpecwardError
from specward.report import Finding
from specward.report.filters import FindingFilter, path_of

SHOP = REPO / "tests" / "drift" / "fixtures"
DRIFT = [
    "drift",
    str(SHOP / "shop.swagger.yaml"),
    str(SHOP / "shop.openapi.yaml"),
    "--baseline",
    str(SHOP / "shop.baseline.swagger.yaml"),
    "--format",
    "json",
]
RL = ["tests/fixtures/together-rl/openapi.yaml", "specs/together-rl/openapi.yaml"]


def finding(rule: str, operation: str | None, **details) -> Finding:
    location = f"{operation} request.body" if operation else "components.schemas.A"
    return Finding(rule, "error", "m", location, operation=operation, details=details)


def test_paths_come_from_operations():
    assert path_of("POST /items/{id} request.body") == "/items/{id}"
    assert path_of("components.schemas.A") is None


def test_match_and_exclude_path_keep_findings_without_a_path():
    findings = [finding("a", "GET /rl/x"), finding("b", "GET /other"), finding("c", None)]
    kept = FindingFilter.build(match_path="^/rl/").findings(findings)
    assert [f.id for f in kept] == ["a", "c"]
    kept = FindingFilter.build(exclude_path="^/rl/").findings(findings)
    assert [f.id for f in kept] == ["b", "c"]


def test_moved_operations_match_on_either_side():
    moved = finding("api-operation-moved", "GET /v2/x", **{"from": "GET /rl/x"})
    assert FindingFilter.build(match_path="^/rl/").findings([moved]) == [moved]


def test_exclude_elements_reads_the_field_before_the_rule_id():
    summary = finding("description-changed", None, field="summary")
    description = finding("description-changed", None, field="description")
    example = finding("response-example-changed", None)
    flt = FindingFilter.build(exclude_elements="summary,Examples")
    assert flt.findings([summary, description, example]) == [description]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"match_path": "("}, "--match-path '(': not a regular expression"),
        (
            {"exclude_elements": "descriptions,foo"},
            "--exclude-elements: unknown element(s) descriptions, foo",
        ),
    ],
)
def test_bad_filters_are_bad_input(kwargs, message):
    with pytest.raises(SpecwardError) as err:
        FindingFilter.build(**kwargs)
    assert str(err.value).startswith(message)


def test_breaking_match_path_and_semver():
    full = json.loads(run_cli("breaking", *RL, "--format", "json").stdout)
    proc = run_cli("breaking", *RL, "--format", "json", "--match-path", "/stop$")
    cut = json.loads(proc.stdout)
    assert proc.returncode == 0  # the only error is on POST /rl/training-sessions
    assert full["summary"]["error"] == 1 and cut["summary"]["error"] == 0
    assert cut["semver"] == "minor"
    assert {c["operation"] for c in cut["changes"]} <= {
        "POST /rl/training-sessions/{session_id}/stop",
        None,
    }


def test_breaking_exclude_path():
    proc = run_cli("breaking", *RL, "--format", "json", "--exclude-path", "^/rl/training-sessions$")
    ops = {c["operation"] for c in json.loads(proc.stdout)["changes"]}
    assert "POST /rl/training-sessions" not in ops and proc.returncode == 0


def test_drift_filters():
    full = json.loads(run_cli(*DRIFT).stdout)["drift"]
    kinds = [i["kind"] for i in full]
    assert kinds.count("description-changed") == 2
    docs = json.loads(run_cli(*DRIFT, "--exclude-elements", "description").stdout)["drift"]
    assert [i["details"].get("field") for i in docs if i["kind"] == "description-changed"] == [
        "summary"
    ]
    paths = json.loads(run_cli(*DRIFT, "--match-path", "^/nothing").stdout)["drift"]
    assert paths and all(not i["published_location"].startswith(("GET ", "DELETE ")) for i in paths)
    assert len(paths) < len(full)


def test_bad_regex_on_the_command_line_is_one_line():
    proc = run_cli("breaking", *RL, "--exclude-path", "[")
    assert proc.returncode == 2
    assert proc.stderr.startswith("specward: error: --exclude-path '[': not a regular expression")
    assert proc.stderr.count("\n") == 1
