"""Drift items, the result of a comparison, and its report (formats and exit codes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specward.compare.kinds import DRIFT_PUBLISHED_ONLY
from specward.drift.mapping import Mapping
from specward.model import Source, Spec
from specward.report import Finding, Report, RuleInfo


def _kinds() -> dict[str, tuple[str, str]]:
    """kind -> (default level, summary): the ``drift`` family of the rule registry."""
    from specward.rules import REGISTRY
    from specward.rules.drift import FAMILY

    return {
        r.id: (r.level, r.doc.split(". ")[0].rstrip(".") + ".")
        for r in REGISTRY.all()
        if r.family == FAMILY
    }


KINDS: dict[str, tuple[str, str]] = _kinds()
PUBLISHED_ONLY = (DRIFT_PUBLISHED_ONLY,)


@dataclass
class DriftItem:
    """One real difference between upstream and published."""

    kind: str
    level: str
    published_location: str
    upstream_location: str
    pointer: str  # JSON pointer into the published file where the change belongs
    message: str
    details: dict[str, Any] = field(default_factory=dict)
    upstream_pointer: str = ""  # where the upstream side is written (for sync)
    source: Source | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "level": self.level,
            "published_location": self.published_location,
            "upstream_location": self.upstream_location,
            "pointer": self.pointer,
            "message": self.message,
            "details": self.details,
        }

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.pointer, self.kind, self.message)


@dataclass
class DriftResult:
    """Everything ``drift`` found."""

    upstream: Spec
    published: Spec
    mapping: Mapping
    items: list[DriftItem]
    baseline: Spec | None = None
    notes: list[str] = field(default_factory=list)
    # schema events of the differ that no drift rule claims and that are not in
    # specward.drift.classify.NOT_REPORTED (not in the JSON; a test keeps it empty)
    unclaimed: list[Any] = field(default_factory=list)

    @property
    def in_sync(self) -> bool:
        """No drift worth acting on: nothing above info (published-only and wording are info)."""
        return not any(i.level != "info" for i in self.items)

    def payload(self) -> dict[str, Any]:
        """The stable JSON document."""
        return {
            "upstream": self.upstream.name,
            "published": self.published.name,
            "in_sync": self.in_sync,
            "mapping": self.mapping.as_dict(self.upstream, self.published),
            "drift": [i.as_dict() for i in self.items],
        }

    def report(self, fail_on: str = "error") -> Report:
        findings = [
            Finding(
                id=i.kind,
                level=i.level,  # type: ignore[arg-type]
                message=i.message,
                location=i.published_location,
                operation=i.published_location
                if i.kind.startswith(("operation", "parameter"))
                else None,
                source=i.source,
                details={
                    "upstream_location": i.upstream_location,
                    "pointer": i.pointer,
                    **i.details,
                },
            )
            for i in self.items
        ]
        rules = {
            k: RuleInfo(k, lvl, summary, "docs/drift.md")  # type: ignore[arg-type]
            for k, (lvl, summary) in KINDS.items()
        }
        return Report(
            tool="drift",
            title=f"drift: {self.upstream.name} (upstream) vs {self.published.name} (published)",
            findings=findings,
            payload=self.payload(),
            rules=rules,
            fail_on=fail_on,  # type: ignore[arg-type]
            notes=list(self.notes),
        )
