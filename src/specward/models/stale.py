"""``--check``: are the committed models what the spec generates now? Never writes."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from specward.models.generate import GeneratedModels


@dataclass
class StaleResult:
    """``stale`` when a file differs or is missing; ``diff`` is a unified diff (old: on disk)."""

    out_dir: Path
    stale: bool
    diff: str
    files: list[str] = field(default_factory=list)  # the stale files


def compare_output(models: GeneratedModels, out_dir: Path) -> StaleResult:
    """Compare freshly generated ``models`` with the files in ``out_dir``."""
    shown = os.path.relpath(out_dir).replace(os.sep, "/")
    chunks: list[str] = []
    stale_files: list[str] = []
    for name, text in sorted(models.files.items()):
        path = out_dir / name
        try:
            current = path.read_text(encoding="utf-8")
            old_name = f"{shown}/{name}"
        except FileNotFoundError:
            current, old_name = "", "/dev/null"
        except (OSError, UnicodeDecodeError):
            current, old_name = "", f"{shown}/{name}"
        if current == text:
            continue
        stale_files.append(name)
        chunks.extend(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=old_name,
                tofile=f"{shown}/{name} (regenerated)",
            )
        )
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
    return StaleResult(out_dir, bool(stale_files), diff, stale_files)
