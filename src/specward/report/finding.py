"""Findings: what every check produces, independent of how it is reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from specward.model.schema import Source

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("info", "warning", "error")
_RANK = {name: i for i, name in enumerate(LEVELS)}


def level_rank(level: str) -> int:
    """0 for info, 1 for warning, 2 for error."""
    return _RANK[level]


def at_or_above(level: str, threshold: str) -> bool:
    return _RANK[level] >= _RANK[threshold]


@dataclass
class Finding:
    """One reported change or problem."""

    id: str  # rule id (breaking) or kind (drift)
    level: Level
    message: str
    location: str
    operation: str | None = None
    source: Source | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "operation": self.operation,
            "location": self.location,
            "message": self.message,
            "source": self.source.as_dict() if self.source else None,
            "details": self.details,
        }


@dataclass(frozen=True)
class RuleInfo:
    """What reporters need to know about a rule or kind (SARIF rule metadata, docs links)."""

    id: str
    level: Level
    summary: str
    doc: str = ""


@dataclass
class Report:
    """A check's result: the findings and the command's own JSON document."""

    tool: str  # "breaking", "drift", "validate", ...
    title: str  # one line: what was compared
    findings: list[Finding]
    payload: dict[str, Any]  # the command's stable JSON shape
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    fail_on: Level = "error"
    notes: list[str] = field(default_factory=list)  # warnings about the inputs

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.level] += 1
        return counts

    @property
    def failed(self) -> bool:
        return any(at_or_above(f.level, self.fail_on) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0
