"""Where a finding points, for tools that open files (GitHub annotations, SARIF).

A ``REV:path`` side (``origin/main:specs/api.yaml``) has no file of that name: its locations map to
the path part, the file in the working tree relative to the repository root, and the revision is
kept so that messages can name it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from specward.model.schema import Source


@dataclass(frozen=True)
class Place:
    path: str  # a working-tree path (posix separators)
    line: int
    rev: str | None = None  # the git revision the line belongs to, for a REV:path side


def split_rev(file: str) -> tuple[str, str] | None:
    """``("HEAD", "specs/a.yaml")`` for ``HEAD:specs/a.yaml``; None for a plain path."""
    if ":" not in file or os.path.exists(file):
        return None
    rev, _, path = file.partition(":")
    if not rev or not path or (len(rev) == 1 and rev.isalpha()) or path.startswith(("/", "\\")):
        return None
    return rev, path


def place(source: Source) -> Place:
    line = source.line or 1
    git = split_rev(source.file)
    if git is None:
        return Place(source.file.replace(os.sep, "/"), line)
    rev, path = git
    return Place(path, line, rev)
