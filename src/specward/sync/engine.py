"""``sync_file``: apply upstream drift to the published file, safely."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward import model
from specward.atomic import write_atomic
from specward.drift.compare import compare
from specward.drift.result import DriftItem, DriftResult
from specward.errors import SpecwardError
from specward.load.collector import paused
from specward.load.document import Workspace, load_text
from specward.load.source import open_source, split_git_ref
from specward.sync.apply import Applier
from specward.sync.roundtrip import load_editable
from specward.sync.textdiff import unified_diff
from specward.validate import validate_workspace


class SyncError(SpecwardError):
    """The synced result would be invalid; the published file was left untouched."""


@dataclass
class SyncResult:
    """What a sync did (or would do)."""

    published: str
    changed: bool
    written: bool
    diff: str
    applied: list[DriftItem] = field(default_factory=list)
    skipped: list[tuple[DriftItem, str]] = field(default_factory=list)
    remaining: list[DriftItem] = field(default_factory=list)  # drift still reported after the sync
    drift: DriftResult | None = None  # the comparison ``remaining`` comes from (after the edit)
    example_keys: int = 0  # example keys renamed along with their properties
    baseline: str | None = None  # the baseline copy this sync keeps up to date
    baseline_changed: bool = False  # the baseline copy differs from the upstream (or is missing)
    baseline_written: bool = False

    @property
    def pending(self) -> bool:
        """Something to write: the published spec or the baseline copy."""
        return self.changed or self.baseline_changed

    def summary(self) -> str:
        state = (
            "written" if self.written else ("would change" if self.changed else "already in sync")
        )
        verb = "applied" if self.written else "to apply"
        parts = [
            f"{self.published}: {state}",
            f"{len(self.applied) if self.changed else 0} change(s) {verb}",
        ]
        if self.example_keys and self.changed:
            parts.append(f"{self.example_keys} example key(s) renamed")
        if self.baseline_written:
            parts.append(f"baseline {self.baseline} updated")
        elif self.baseline_changed:
            parts.append(f"baseline {self.baseline} would be updated")
        if self.skipped:
            parts.append(f"{len(self.skipped)} kept as published")
        left = [i for i in self.remaining if i.level != "info"]
        if left:
            parts.append(f"{len(left)} drift item(s) left to fix by hand")
        return ", ".join(parts)


@dataclass(frozen=True)
class _FileStyle:
    """Byte-level style of the published file that the editors do not keep: BOM, CRLF."""

    bom: bool = False
    crlf: bool = False

    def restore(self, text: str) -> str:
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def _split_style(text: str) -> tuple[str, _FileStyle]:
    """``text`` with a BOM and CRLF line endings taken off, and how to put them back."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    return text, _FileStyle(bom, crlf)


def _write(path: Path, text: str, shown: str | os.PathLike[str]) -> None:
    """Replace ``path`` atomically; a read-only file or directory is bad input, not a crash."""
    mode = path.stat().st_mode
    if not mode & 0o222:
        raise SpecwardError(f"{shown}: the file is read-only; nothing was written")
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise SpecwardError(f"{shown}: cannot write ({exc.strerror or exc})") from None


def _problems(ws: Workspace, spec: model.Spec | None = None) -> set[str]:
    return {p.message for p in validate_workspace(ws, spec=spec)}


def _validated_spec(text: str, published: Path, original: str) -> model.Spec:
    """Validate and load ``text`` in memory, as if it were ``published``; raise when invalid.

    Problems that the ``original`` text of the published spec already has are not blamed on the
    sync. It is loaded and validated only when the synced text has problems: a large spec takes
    seconds to validate, and its model is held only while it is needed.
    """
    ws = load_text(text, published, lines=False)  # problems are compared by message
    spec = model.normalize(ws)
    after = _problems(ws, spec)
    new = sorted(after - _problems(load_text(original, published, lines=False))) if after else []
    if new:
        shown = "; ".join(new[:3]) + (f" (and {len(new) - 3} more)" if len(new) > 3 else "")
        raise SyncError(
            f"{published}: the synced spec would be invalid, file left untouched: {shown}"
        )
    return spec


def sync_file(
    upstream: str,
    published: str | os.PathLike[str],
    *,
    baseline: str | None = None,
    overrides: dict[str, Any] | None = None,
    check: bool = False,
    dry_run: bool = False,
    baseline_file: str | os.PathLike[str] | None = None,
) -> SyncResult:
    """Bring ``published`` in line with ``upstream``; write it unless ``check`` or ``dry_run``.

    ``baseline_file`` (a contract's ``baseline:``) is then made a copy of ``upstream``, so the next
    drift is three-way against what was synced; it is left alone when wording drift remains.
    """
    if split_git_ref(os.fspath(published)) is not None:
        raise SpecwardError(
            f"{published}: sync edits a file in the working tree, not a git revision"
        )
    abs_path = Path(os.path.realpath(published))  # a symlink is edited at its target
    if not abs_path.is_file():
        raise SpecwardError(f"{published}: no such file")
    try:
        original = abs_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecwardError(f"{published}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SpecwardError(f"{published}: cannot read ({exc.strerror or exc})") from None
    text, style = _split_style(original)
    del original  # a large spec is held once, as ``text``
    with paused():  # millions of live objects and no cycles: collections would only walk them
        out, new_text = _sync(upstream, published, abs_path, text, baseline, overrides)
    if out.changed and not check and not dry_run:
        _write(abs_path, style.restore(new_text), published)
        out.written = True
    if baseline_file is not None:
        _keep_baseline(out, upstream, Path(baseline_file), write=not check and not dry_run)
    return out


def _sync(
    upstream: str,
    published: str | os.PathLike[str],
    abs_path: Path,
    text: str,
    baseline: str | None,
    overrides: dict[str, Any] | None,
) -> tuple[SyncResult, str]:
    """Compare, edit ``text`` and check the edit (nothing written): the result and the new text."""
    up = model.load(upstream, lines=False)  # findings point into the published spec
    pub = model.load(abs_path, lines=False)  # items are placed at their pointers
    base = model.load(baseline, lines=False) if baseline else None
    result = compare(up, pub, mapping_overrides=overrides, baseline=base)
    doc = load_editable(text, str(published), decoded=pub.ws.data)
    applier = Applier(result, doc)
    applier.apply(result.items)
    new_text = doc.dump() if applier.applied else text
    # the round-trip tree of a large spec is several times its size: free it before validating
    del doc, applier.doc
    changed = new_text != text
    out = SyncResult(
        str(published), changed, False, "", applier.applied, applier.skipped, result.items, result
    )
    out.example_keys = applier.example_keys
    if changed:
        # the published model, the first comparison and the edit are no longer needed: free
        # them before the synced spec is loaded (two models of a large spec at a time, not three)
        del pub, result, applier
        out.drift = None
        synced = _validated_spec(new_text, abs_path, text)
        out.drift = compare(up, synced, mapping_overrides=overrides, baseline=base)
        out.remaining = out.drift.items
    out.diff = unified_diff(text, new_text, f"a/{published}", f"b/{published}")
    return out, new_text


def _keep_baseline(result: SyncResult, upstream: str, target: Path, *, write: bool) -> None:
    """Make ``target`` a byte copy of the upstream entry file once the sync is complete."""
    result.baseline = os.fspath(target)
    source, entry = open_source(upstream)
    try:
        data = source.read(entry).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecwardError(f"{upstream}: cannot copy as baseline ({exc})") from None
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current == data:
        return
    if any(i.kind == "description-changed" for i in result.remaining):
        return  # wording drift left: keep the old baseline so it is still reported
    result.baseline_changed = True
    if write:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except OSError as exc:
            raise SpecwardError(
                f"{target}: cannot write the baseline ({exc.strerror or exc})"
            ) from None
        result.baseline_written = True
