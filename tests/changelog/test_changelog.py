"""``specward changelog`` and ``build_changelog``: every change, grouped by endpoint then component."""

from __future__ import annotations

import json

import pytest
from tests.conftest import REPO, corpus_file, run_cli

from specward.changelog import build_changelog
from specward.report.filters import FindingFilter

BASE = REPO / "tests" / "fixtures" / "together-rl" / "openapi.yaml"
HEAD = REPO / "specs" / "together-rl" / "openapi.yaml"
SESSIONS = "POST /rl/training-sessions"


@pytest.fixture(scope="module")
def rl():
    return build_changelog(BASE, HEAD)


def test_together_rl_change_lists_every_change_grouped_by_endpoint(rl):
    payload = rl.payload()
    assert payload["summary"] == {
        "changes": 14,
        "breaking": 1,
        "potentially_breaking": 0,
        "non_breaking": 13,
        "endpoints": 6,
    }
    assert payload["semver"] == "major" and payload["breaking"] is True
    names = [g["name"] for g in payload["groups"]]
    assert names == [
        "GET /rl/training-sessions",
        SESSIONS,
        "GET /rl/training-sessions/{session_id}",
        "POST /rl/training-sessions/{session_id}/operations/training-checkpoint",
        "GET /rl/training-sessions/{session_id}/operations/training-checkpoint/{operation_id}",
        "POST /rl/training-sessions/{session_id}/stop",
        "components",
    ]
    assert [g["kind"] for g in payload["groups"]] == ["endpoint"] * 6 + ["spec"]


def test_the_silent_rename_is_the_one_breaking_change(rl):
    [group] = [g for g in rl.groups if g.breaking]
    assert group.name == SESSIONS
    assert [c.name for c in group.components] == ["request body", "response 200"]
    [renamed] = group.components[0].changes
    assert renamed.finding.id == "request-property-renamed" and renamed.mark == "breaking"
    assert renamed.detail == "[application/json].resume_from_checkpoint_id"
    assert "checkpoint_id renamed to resume_from_checkpoint_id" in renamed.finding.message
    others = group.components[1].changes
    assert {c.mark for c in others} == {"non-breaking"}


def test_new_endpoints_and_schemas_have_their_components(rl):
    by_name = {g.name: g for g in rl.groups}
    added = by_name["POST /rl/training-sessions/{session_id}/operations/training-checkpoint"]
    assert [(c.name, [x.finding.id for x in c.changes]) for c in added.components] == [
        ("endpoint", ["endpoint-added"])
    ]
    schemas = by_name["components"].components
    assert [c.name for c in schemas] == ["schemas"]
    assert [c.detail for c in schemas[0].changes] == [
        "RL.TrainingCheckpoint",
        "RL.TrainingCheckpointOperation",
        "RL.TrainingCheckpointResult",
    ]


def test_text_and_markdown_mark_breaking_changes(rl):
    text = rl.render("text")
    assert (
        "POST /rl/training-sessions  (breaking)\n  request body\n    BREAKING [request-property-renamed]"
        in text
    )
    md = rl.render("markdown")
    assert "#### `POST /rl/training-sessions` ❌ breaking" in md
    assert "  - ❌ `request-property-renamed`" in md
    assert md.count("  - ✅ ") == 13


def test_filters_leave_changes_out_and_recompute_semver():
    log = build_changelog(
        BASE, HEAD, filters=FindingFilter.build(exclude_path=r"^/rl/training-sessions$")
    )
    assert SESSIONS not in [g.name for g in log.groups]
    assert not log.breaking and log.semver == "minor"


def test_a_contract_acceptance_turns_the_mark_off(tmp_path):
    contract = tmp_path / "c.yaml"
    contract.write_text(
        f"published: {HEAD}\nbreaking:\n  accepted:\n    - id: request-property-renamed\n"
        f"      location: '{SESSIONS} *'\n      reason: renamed on purpose\n"
    )
    log = build_changelog(BASE, HEAD, contract=contract)
    assert not log.breaking
    [change] = [c for c in log.changes if c.finding.id == "request-property-renamed"]
    assert change.finding.details["accepted"] == "renamed on purpose"


def test_cli_json_is_the_payload_and_exit_0(rl):
    proc = run_cli("changelog", str(BASE), str(HEAD), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["groups"] == json.loads(json.dumps(rl.payload()))["groups"]


@pytest.mark.corpus
def test_corpus_changelog_markdown_fits():
    base, head = corpus_file("together-openapi.yaml"), corpus_file("ogx-spec.yaml")
    proc = run_cli("changelog", str(base), str(head), "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout) < 60_000
    assert "more; full list in the JSON report" in proc.stdout
