"""Contract files (``contracts/<api>.yaml``): one API's specs, mapping, accepted changes, settings.

Paths in a contract are relative to the contract file's folder. Sections other commands own
(``breaking``, ``drift``, ``contract``, ``models``) are kept as plain mappings here and read by
those commands.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward.errors import SpecError
from specward.load.parse import line_of, parse_text

_KNOWN = {
    "api",
    "published",
    "upstream",
    "baseline",
    "previous",
    "breaking",
    "drift",
    "contract",
    "models",
    "inventory",
}


@dataclass
class Contract:
    """One API's contract."""

    api: str
    path: Path
    published: Path
    upstream: Path | None = None
    baseline: Path | None = None
    previous: Path | None = None
    inventory: Path | None = None
    breaking: dict[str, Any] = field(default_factory=dict)
    drift: dict[str, Any] = field(default_factory=dict)
    contract: dict[str, Any] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return os.path.relpath(self.path)

    def rel(self, path: Path | None) -> str | None:
        """A path of this contract relative to the current folder (for display and CLI use)."""
        return os.path.relpath(path) if path is not None else None


def load_contract(path: str | os.PathLike[str]) -> Contract:
    """Read and check a contract file; raise :class:`SpecError` with ``file:line`` when it is wrong."""
    shown = os.fspath(path)  # as the user wrote it
    path = Path(os.path.abspath(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such contract file", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read contract: {exc}", shown) from None
    data = parse_text(text, shown)
    if not isinstance(data, dict):
        raise SpecError("a contract must be a mapping", shown, line_of(data))
    for key in data:
        if key not in _KNOWN and not str(key).startswith("x-"):
            raise SpecError(
                f"unknown contract key {key!r} (known: {', '.join(sorted(_KNOWN))})",
                shown,
                line_of(data, key),
            )
    if not isinstance(data.get("published"), str):
        raise SpecError(
            "a contract needs 'published': the path of the published spec",
            shown,
            line_of(data) or 1,
        )

    def spec_path(key: str) -> Path | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise SpecError(f"{key!r} must be a path", shown, line_of(data, key))
        return Path(os.path.normpath(path.parent / value))

    def section(key: str) -> dict[str, Any]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise SpecError(f"{key!r} must be a mapping", shown, line_of(data, key))
        return value

    published = spec_path("published")
    assert published is not None
    return Contract(
        api=str(data.get("api") or path.stem),
        path=path,
        published=published,
        upstream=spec_path("upstream"),
        baseline=spec_path("baseline"),
        previous=spec_path("previous"),
        inventory=spec_path("inventory"),
        breaking=section("breaking"),
        drift=section("drift"),
        contract=section("contract"),
        models=section("models"),
        raw=data,
    )


def find_contracts(folder: str | os.PathLike[str] = "contracts") -> list[Contract]:
    """Every ``*.yaml``/``*.yml`` contract in ``folder``, sorted by file name."""
    root = Path(folder)
    if not root.is_dir():
        return []
    files = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))
    return [load_contract(p) for p in files]
