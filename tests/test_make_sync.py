"""`make sync` on a copy of this repository leaves `git status` clean when nothing changed upstream."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.check.helpers import commit_all, git, init_repo
from tests.conftest import REPO


def copy_tracked(dest: Path) -> Path:
    """What `make sync` reads (the Makefile, contracts, specs, generated models) as tracked now, in a fresh repository."""
    init_repo(dest)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "Makefile", "pyproject.toml", "contracts", "specs", "generated"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    commit_all(dest, "copy")
    return dest


def make_sync(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: make does not reinstall into this venv
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        ["make", "--no-print-directory", "sync", f"VENV={venv}", f"STAMP={stamp}"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_make_sync_leaves_the_tree_clean(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = copy_tracked(tmp_path / "repo")
    run = make_sync(root, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "together-rl" in run.stdout + run.stderr
    assert git(root, "status", "--porcelain") == ""
