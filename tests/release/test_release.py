"""specward release: real git histories, an injected date, the checklist's live items."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import yaml
from tests.check.helpers import commit_all, git, rl_rename_repo
from tests.conftest import REPO

from specward.release import category, migration_note
from specward.report import Finding

HEADINGS = (
    "## Recommended version bump",
    "## Changelog",
    "## Accepted breaking changes",
    "## Checklist",
)
ITEMS = ("drift clean", "models fresh", "contract tests green", "docs/rules.md fresh")


def first_commit() -> str:
    return subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()[0]  # fmt: skip


def test_release_from_the_first_commit_prints_headings_and_checklist_items(cli):
    run = cli("release", "--base", first_commit(), "--skip", "contract", "--today", "2026-12-01")
    assert run.returncode == 0, run.stdout + run.stderr
    md = run.stdout
    for heading in HEADINGS:
        assert f"\n{heading}\n" in md
    for item in ITEMS:
        assert f" {item}: " in md
    assert "New API (info.version `2.0.0`)." in md
    assert "- [x] ✅ drift clean: together-rl" in md
    assert "- [x] ✅ docs/rules.md fresh" in md
    assert "- [x] ✅ models fresh: llama-stack, together-rl, training-jobs" in md


def _accept(root, entries):
    path = root / "contracts" / "together-rl.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["breaking"]["accepted"] = entries
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_rename_is_breaking_with_a_migration_note_and_acceptances_flagged(tmp_path, cli):
    root = rl_rename_repo(tmp_path)
    base = git(root, "rev-parse", "HEAD~1").strip()
    args = (
        "release",
        "--base",
        base,
        "--skip",
        "contract",
        "--skip",
        "models",
        "--today",
        "2027-01-10",
    )
    run = cli(*args, "--version", "2.0.1", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    md = run.stdout
    assert md.startswith("# Release 2.0.1: checklist\n")
    assert "## Recommended version bump\n\n**major**" in md
    assert "**Breaking**" in md
    assert "  - Migration: send `resume_from_checkpoint_id` instead of `checkpoint_id`." in md
    assert "#### RL" in md and "**Added**" in md

    rename = "POST /rl/training-sessions request.body[application/json].resume_from_checkpoint_id"
    _accept(root, [
        {"id": "request-property-renamed", "location": rename, "reason": "SDK 3 ships it",
         "expires": "2027-02-01"},
        {"id": "api-schema-added", "location": "components.schemas.RL.TrainingCheckpoint",
         "reason": "not breaking", "expires": "2027-06-01"},
    ])  # fmt: skip
    commit_all(root, "accept the rename")
    run = cli(*args, "--head", "HEAD", cwd=root)
    md = run.stdout
    assert "## Recommended version bump\n\n**minor**" in md
    rows = [line for line in md.splitlines() if line.startswith("| together-rl |")]
    assert len(rows) == 2
    assert "SDK 3 ships it | 2027-02-01 | ⚠️ expires within 30 days |" in rows[1]
    assert rows[0].endswith("| 2027-06-01 |  |")
    late = cli(*args[:-1], "2027-03-01", cwd=root).stdout
    assert "❌ expired" in late and "**major**" in late
    assert cli(*args, cwd=root).stdout == md.replace(" to HEAD,", " to the working tree,")


def test_bad_input_exits_2(cli):
    for args, text in [
        (("--base", "no-such-rev"), "unknown git revision"),
        (("--base", "HEAD", "--version", "three"), "expected X.Y.Z"),
        (("--base", "HEAD", "--today", "soon"), "YYYY-MM-DD"),
    ]:
        run = cli("release", *args, "--skip", "contract")
        assert run.returncode == 2, args
        assert run.stderr.startswith("specward: error: ") and text in run.stderr


@pytest.mark.parametrize(
    ("rule", "level", "details", "expected_category", "note"),
    [
        ("request-property-renamed", "error", {"from": "a", "to": "b"}, "breaking", "send `b` instead of `a`"),
        ("response-property-renamed", "info", {"from": "a", "to": "b"}, "changed", "read `b` instead of `a`"),
        ("api-operation-moved", "info", {"from": "GET /a", "to": "GET /b"}, "changed", "call `GET /b` instead of `GET /a`"),
        ("endpoint-deprecated", "info", {}, "deprecated", None),
        ("request-property-removed", "warning", {}, "removed", None),
        ("response-optional-property-added", "info", {}, "added", None),
    ],
)  # fmt: skip
def test_categories_and_migration_notes(rule, level, details, expected_category, note):
    finding = Finding(rule, level, "m", "loc", "GET /a", None, details)
    assert category(finding) == expected_category
    assert migration_note(finding) == note


def test_the_date_is_injected():
    from specward.release.build import Release

    release = Release("b", None, None, dt.date(2027, 1, 1), [])
    soon = Finding("x", "info", "m", "l", details={"accepted": "r", "accepted_until": "2027-01-31"})
    later = Finding(
        "x", "info", "m", "l", details={"accepted": "r", "accepted_until": "2027-02-01"}
    )
    assert release.expiring(soon) and not release.expiring(later)
