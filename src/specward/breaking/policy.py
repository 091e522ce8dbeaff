"""Stability policy: breaking errors on alpha or beta operations become warnings when the
contract says so.

An operation's stability is its ``x-stability-level`` (HEAD's, else BASE's), else the first path
segment (base path included) named in ``path_versions`` (``v1alpha: alpha``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specward.errors import SpecError
from specward.model import Operation, Spec
from specward.report import Finding

LEVELS = ("draft", "alpha", "beta", "stable")


@dataclass(frozen=True)
class Policy:
    """``path_versions`` maps path segments to stability levels; ``downgrade`` lists the levels
    whose breaking errors are reported as warnings."""

    path_versions: dict[str, str] = field(default_factory=dict)
    downgrade: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Any, file: str | None = None) -> Policy:
        """Read ``breaking.policy`` of a contract."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise SpecError("breaking.policy must be a mapping", file)
        versions = data.get("path_versions") or {}
        downgrade = data.get("downgrade") or []
        if not isinstance(versions, dict) or not isinstance(downgrade, list):
            raise SpecError(
                "breaking.policy: path_versions must be a mapping and downgrade a list", file
            )
        for level in [*versions.values(), *downgrade]:
            if level not in LEVELS:
                raise SpecError(
                    f"breaking.policy: unknown stability level {level!r} (known: {', '.join(LEVELS)})",
                    file,
                )
        return cls(
            {str(k): str(v) for k, v in versions.items()}, frozenset(str(d) for d in downgrade)
        )

    def stability(self, spec: Spec, op: Operation | None) -> tuple[str, str] | None:
        """(level, reason) of an operation, or None when it is not declared."""
        if op is None:
            return None
        level = op.extensions.get("x-stability-level")
        if isinstance(level, str) and level in LEVELS:
            return level, f"x-stability-level is {level}"
        for segment in (spec.base_path + op.path).split("/"):
            if segment in self.path_versions:
                found = self.path_versions[segment]
                return found, f"{segment} is {found}"
        return None

    def apply(self, finding: Finding, stability: tuple[str, str] | None) -> None:
        """Lower an error to a warning when the operation's stability is in ``downgrade``."""
        if stability is None:
            return
        level, reason = stability
        finding.details["stability"] = level
        if finding.level == "error" and level in self.downgrade:
            finding.level = "warning"
            finding.details["downgraded"] = {"from": "error", "reason": reason}
            finding.message += f" (warning, not error: {reason})"
