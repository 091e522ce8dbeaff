"""Drift between files (or ``REV:path`` revisions), optionally read from a contract."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specward import model
from specward.contracts import Contract, load_contract
from specward.drift.compare import compare
from specward.drift.result import DriftResult
from specward.errors import SpecwardError
from specward.load.collector import paused


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
    protos: str | None = None,
    baseline_protos: str | None = None,
    proto_path: tuple[str, ...] | list[str] = (),
) -> DriftInputs:
    """Merge explicit paths with a contract (explicit paths win); the contract's proto
    directories are relative to its folder."""
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
    overrides = dict(loaded.drift) if loaded else {}
    if loaded is not None:
        for key in PROTO_KEYS:
            if overrides.get(key):
                overrides[key] = _contract_paths(loaded, overrides[key])
    given = {"protos": protos, "baseline_protos": baseline_protos, "proto_path": list(proto_path)}
    overrides.update({k: v for k, v in given.items() if v})
    return DriftInputs(
        upstream,
        published,
        baseline,
        overrides or None,
        loaded,
        baseline_file,
        notes,
    )


PROTO_KEYS = ("protos", "baseline_protos", "proto_path")


def _contract_paths(contract: Contract, value: Any) -> list[str]:
    """Folders named in a contract, relative to its folder, as paths from here."""
    folder = Path(contract.path).resolve().parent
    values = value if isinstance(value, list) else [value]
    return [os.path.relpath(folder / str(v)) for v in values]


def drift_files(
    upstream: str,
    published: str,
    *,
    baseline: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> DriftResult:
    """Load and compare; raises :class:`SpecwardError` on unreadable input."""
    with paused():  # millions of live objects, no cycles: collections would only walk them
        up = model.load(upstream, lines=False)  # findings point into the published spec
        pub = model.load(published, lines=False)  # items are placed at their pointers
        base = model.load(baseline, lines=False) if baseline else None
        return compare(up, pub, mapping_overrides=overrides, baseline=base)
