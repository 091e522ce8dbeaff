"""Where spec bytes come from: the file system or a git revision (``REV:path``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from specward.errors import SpecError
from specward.load.limits import MAX_BYTES


@dataclass(frozen=True)
class FileSource:
    """Files on disk, confined to ``root`` (the folder of the entry spec)."""

    root: Path
    absolute: bool = False  # show absolute paths when the user wrote one

    def key(self, path: Path) -> str:
        return str(path)

    def display(self, path: Path) -> str:
        """As the user wrote it: absolute, or relative to the current folder."""
        if self.absolute:
            return str(path)
        try:
            return os.path.relpath(path)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(path)

    def read(self, path: Path, max_bytes: int = MAX_BYTES) -> bytes:
        shown = self.display(path)
        if path.is_dir():
            raise SpecError("is a directory, not a spec file", shown)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise SpecError("no such file", shown) from None
        except OSError as exc:
            raise SpecError(f"cannot read: {exc.strerror}", shown) from None
        if size > max_bytes:
            raise SpecError(f"file is {size} bytes, over the {max_bytes}-byte limit", shown)
        try:
            with path.open("rb") as fh:
                return fh.read(max_bytes + 1)
        except OSError as exc:
            raise SpecError(f"cannot read: {exc.strerror}", shown) from None


@dataclass(frozen=True)
class GitSource:
    """Files as they are at ``rev`` in the git repository at ``repo``."""

    repo: Path
    rev: str
    root: Path  # entry spec's folder, as a path inside the work tree

    def key(self, path: Path) -> str:
        return f"{self.rev}:{self._rel(path)}"

    def display(self, path: Path) -> str:
        return self.key(path)

    def _rel(self, path: Path) -> str:
        return PurePosixPath(os.path.relpath(path, self.repo)).as_posix()

    def kind(self, path: Path) -> tuple[str, int]:
        """``("blob", size)``, ``("tree", 0)``... or ``("missing", 0)`` for ``path`` at the revision."""
        import subprocess  # lazily: plain files never start git

        proc = subprocess.run(
            ["git", "-C", str(self.repo), "cat-file", "--batch-check"],
            input=self.key(path) + "\n",
            capture_output=True,
            text=True,
            check=False,
        )
        parts = proc.stdout.split()
        if proc.returncode != 0 or len(parts) != 3 or not parts[2].isdigit():
            return "missing", 0
        return parts[1], int(parts[2])

    def read(self, path: Path, max_bytes: int = MAX_BYTES) -> bytes:
        spec = self.key(path)
        kind, size = self.kind(path)
        if kind == "tree":
            raise SpecError(f"{spec} is a folder, not a spec file")
        if kind != "blob":
            raise SpecError(f"not found in git: no {self._rel(path)!r} at {self.rev}", spec)
        if size > max_bytes:
            raise SpecError(f"file is {size} bytes, over the {max_bytes}-byte limit", spec)
        import subprocess  # lazily: plain files never start git

        proc = subprocess.run(
            ["git", "-C", str(self.repo), "show", spec], capture_output=True, check=False
        )
        if proc.returncode != 0:
            raise SpecError(
                f"git show failed: {_first_line(proc.stderr.decode(errors='replace'))}", spec
            )
        return proc.stdout


def _first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0] if text else "unknown error"


def split_git_ref(ref: str) -> tuple[str, str] | None:
    """``("origin/main", "specs/a.yaml")`` for ``origin/main:specs/a.yaml``; None for a plain path."""
    if os.path.exists(ref) or ":" not in ref:
        return None
    rev, _, path = ref.partition(":")
    if not rev or not path or (len(rev) == 1 and rev.isalpha()):  # C:\ on Windows
        return None
    return rev, path


def open_source(ref: str, *, git: bool = True) -> tuple[FileSource | GitSource, Path]:
    """Source and entry path for a file path or (unless ``git`` is False) a ``REV:path``."""
    git = split_git_ref(ref) if git else None
    if git is None:
        path = Path(os.path.abspath(ref))
        return FileSource(root=path.parent, absolute=os.path.isabs(ref)), path
    rev, rel = git
    import subprocess  # lazily: plain files never start git

    proc = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SpecError(f"{ref!r} looks like REV:path but this is not a git repository")
    repo = Path(proc.stdout.strip())
    check = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode != 0:
        raise SpecError(f"unknown git revision {rev!r}", ref)
    path = _git_path(repo, rel, ref)
    return GitSource(repo=repo, rev=rev, root=path.parent), path


def _git_path(repo: Path, rel: str, ref: str) -> Path:
    """Where ``REV:rel`` points, as git reads it: relative to the repository root, except that
    ``./x`` and ``../x`` are relative to the current folder."""
    relative = rel in (".", "..") or rel.startswith(("./", "../"))
    base = Path(os.path.realpath(os.getcwd())) if relative else repo
    path = Path(os.path.normpath(base / rel))
    if not (path == repo or repo in path.parents):
        raise SpecError(f"{ref!r} points outside the git repository")
    return path
