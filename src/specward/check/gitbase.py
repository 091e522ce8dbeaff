"""The base revision of ``specward check``: given, or the merge-base with origin/main, or HEAD~1."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from specward.errors import SpecwardError


@dataclass(frozen=True)
class Base:
    rev: str | None  # None: no base (not a repository, or the first commit)
    reason: str  # how it was chosen, or why there is none
    root: Path | None = None  # the repository's top folder


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd, check=False)


def _commit(rev: str) -> str | None:
    proc = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return proc.stdout.strip() if proc.returncode == 0 else None


def resolve_base(rev: str | None = None) -> Base:
    """The revision to compare with; a given one that does not exist is bad input."""
    top = _git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        if rev:
            raise SpecwardError(f"--base {rev}: this is not a git repository")
        return Base(None, "not a git repository")
    root = Path(top.stdout.strip())
    if rev:
        if _commit(rev) is None:
            raise SpecwardError(f"--base {rev}: unknown git revision")
        return Base(rev, "given", root)
    if _commit("origin/main"):
        merge = _git("merge-base", "HEAD", "origin/main")
        if merge.returncode == 0 and merge.stdout.strip():
            sha = merge.stdout.strip()
            return Base(sha[:12], "merge-base with origin/main", root)
    if _commit("HEAD~1"):
        return Base("HEAD~1", "no origin/main", root)
    if _commit("HEAD"):
        return Base(None, "first commit: nothing to compare with", root)
    return Base(None, "no commits yet", root)


def exists_at(rev: str, path: str, root: Path) -> bool:
    """Whether ``path`` (relative to the repository root) exists at ``rev``."""
    return _git("cat-file", "-e", f"{rev}:{path}", cwd=root).returncode == 0
