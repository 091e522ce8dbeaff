"""Scratch git repositories for the check, release and pre-commit tests (real git, real commits)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO

RL_FIXTURE = REPO / "tests" / "fixtures" / "together-rl" / "openapi.yaml"
RL_SPEC = REPO / "specs" / "together-rl" / "openapi.yaml"

TINY_SPEC = """\
openapi: 3.0.3
info: {title: tiny, version: '1'}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}
        '404': {description: missing}
"""


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def init_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    return root


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def copy_rl(root: Path, published: Path = RL_SPEC) -> None:
    """The together-rl contract with its specs and inventory; the published spec from ``published``."""
    (root / "contracts").mkdir(exist_ok=True)
    shutil.copy(REPO / "contracts" / "together-rl.yaml", root / "contracts" / "together-rl.yaml")
    target = root / "specs" / "together-rl"
    if not target.exists():
        shutil.copytree(REPO / "specs" / "together-rl", target)
    shutil.copy(published, target / "openapi.yaml")
    models = root / "generated" / "together-rl"  # the contract's models.out, as committed
    if not models.exists():
        shutil.copytree(REPO / "generated" / "together-rl", models)


def add_tiny(root: Path, name: str = "tiny", spec: str = TINY_SPEC) -> None:
    (root / "contracts").mkdir(exist_ok=True)
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs" / f"{name}.yaml").write_text(spec, encoding="utf-8")
    (root / "contracts" / f"{name}.yaml").write_text(
        f"api: {name}\npublished: ../specs/{name}.yaml\ncontract:\n  max_examples: 1\n",
        encoding="utf-8",
    )


def rl_rename_repo(tmp_path: Path) -> Path:
    """Two commits: the RL spec with ``checkpoint_id``, then the synced one (the rename)."""
    root = init_repo(tmp_path / "repo")
    copy_rl(root, RL_FIXTURE)
    commit_all(root, "RL spec with checkpoint_id")
    copy_rl(root, RL_SPEC)
    commit_all(root, "sync: rename to resume_from_checkpoint_id")
    return root
