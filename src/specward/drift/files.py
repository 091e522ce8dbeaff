"""Drift between files (or ``REV:path`` revisions), optionally read from a contract."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from specward import model
from specward.contracts import Contract, load_contract
from specward.drift.compare import compare
from specward.drift.result import DriftResult
from specward.errors import SpecwardError


@dataclass
class DriftInputs:
    """What to compare: two specs, an optional baseline, the contract's ``drift:`` overrides."""

    upstream: str
    published: str
    baseline: str | None = None
    overrides: dict[str, Any] | None = None
    contract: Contract | None = None
    baseline_file: str | None = None  # the contract's baseline copy, kept up to date by sync
    notes: list[str] | None = None


def resolve_inputs(
    upstream: str | None = None,
    published: str | None = None,
    *,
    baseline: str | None = None,
    contract: str | os.PathLike[str] | None = None,
) -> DriftInputs:
    """Merge explicit paths with a contract (explicit paths win)."""
    loaded = load_contract(contract) if contract else None
    baseline_file = None
    notes: list[str] = []
    if loaded is not None:
        upstream = upstream or (loaded.rel(loaded.upstream) if loaded.upstream else None)
        published = published or loaded.rel(loaded.published)
        if loaded.baseline is not None:
            baseline_file = loaded.rel(loaded.baseline)
            if baseline is None and loaded.baseline.is_file():
                baseline = baseline_file
            elif baseline is None:
                notes.append(
                    f"baseline {baseline_file} does not exist yet: "
                    "`specward sync --contract` creates it"
                )
    if not upstream:
        where = (
            f"contract {loaded.name} names no 'upstream'" if loaded else "no upstream spec given"
        )
        raise SpecwardError(where if loaded else f"{where} (pass UPSTREAM or --contract FILE)")
    if not published:
        raise SpecwardError("no published spec given (pass PUBLISHED or --contract FILE)")
    return DriftInputs(
        upstream,
        published,
        baseline,
        dict(loaded.drift) if loaded else None,
        loaded,
        baseline_file,
        notes,
    )


def drift_files(
    upstream: str,
    published: str,
    *,
    baseline: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> DriftResult:
    """Load and compare; raises :class:`SpecwardError` on unreadable input."""
    up = model.load(upstream)
    pub = model.load(published)
    base = model.load(baseline) if baseline else None
    return compare(up, pub, mapping_overrides=overrides, baseline=base)
