"""The pre-commit hooks, run by pre-commit itself on a scratch repository (no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from tests.check.helpers import TINY_SPEC, add_tiny, commit_all, git, init_repo
from tests.conftest import REPO

BIN = Path(sys.executable).parent


def pre_commit(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", GIT_AUTHOR_NAME="t", GIT_COMMITTER_NAME="t")
    env.update(GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(
        [str(BIN / "pre-commit"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_hooks_run_through_pre_commit(tmp_path):
    hooks = init_repo(tmp_path / "hooks")
    shutil.copy(REPO / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    rev = commit_all(hooks, "hooks")
    ids = [h["id"] for h in yaml.safe_load((hooks / ".pre-commit-hooks.yaml").read_text())]
    assert ids == ["specward-validate", "specward-breaking", "specward-drift"]

    project = init_repo(tmp_path / "project")
    add_tiny(project)
    config = {"repos": [{"repo": hooks.as_uri(), "rev": rev, "hooks": [{"id": i} for i in ids]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(project, "first")
    home = tmp_path / "cache"

    run = pre_commit(project, home, "run", "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("Passed") == 3

    spec = project / "specs" / "tiny.yaml"
    spec.write_text(TINY_SPEC.replace("/items/{item_id}", "/things/{item_id}"), encoding="utf-8")
    git(project, "add", "-A")
    run = pre_commit(project, home, "run")
    assert run.returncode == 1
    lines = {line.split(".")[0].strip(): line for line in run.stdout.splitlines() if "...." in line}
    assert lines["specward validate"].endswith("Passed")
    assert lines["specward breaking (against HEAD)"].endswith("Failed")
    assert "[api-operation-moved] GET /things/{item_id}" in run.stdout
