"""``compare_specs``: load → diff → classify → policy → acceptances → result (I/O at the edges)."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from specward.breaking.policy import Policy
from specward.breaking.semver import bump
from specward.compare.events import Event
from specward.compare.spec_diff import diff_specs
from specward.model import Operation, Spec, load
from specward.model.placement import place
from specward.report import Finding, Level, Report, level_rank
from specward.rules import REGISTRY

if TYPE_CHECKING:
    from specward.breaking.accept import Acceptance


@dataclass
class BreakingResult:
    """Every classified change from ``base`` to ``head``."""

    base: str
    head: str
    changes: list[Finding]
    semver: str
    notes: list[str] = field(default_factory=list)
    unclaimed: list[Event] = field(default_factory=list)
    """Raw events no rule classified (not part of the JSON document)."""

    @property
    def breaking(self) -> bool:
        """Whether an error remains after the stability policy and the acceptances."""
        return any(c.level == "error" for c in self.changes)

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for change in self.changes:
            counts[change.level] += 1
        return counts

    def payload(self) -> dict[str, Any]:
        """The stable JSON document."""
        return {
            "base": self.base,
            "head": self.head,
            "breaking": self.breaking,
            "semver": self.semver,
            "summary": self.summary(),
            "changes": [c.as_dict() for c in self.changes],
        }

    def report(self, fail_on: Level = "error", *, notes: bool = True) -> Report:
        title = f"specward breaking {self.base} → {self.head} (semver: {self.semver})"
        return Report(
            tool="breaking",
            title=title,
            findings=self.changes,
            payload=self.payload(),
            rules=REGISTRY.infos(c.id for c in self.changes),  # the rules reported
            fail_on=fail_on,
            notes=list(self.notes) if notes else [],
        )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading a large spec allocates millions of objects
    that are all kept, and generational collections over them cost more than the parse."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _spec(value: Spec | str | os.PathLike[str]) -> Spec:
    """A spec to compare; a JSON file is read without lines (findings are placed late)."""
    return value if isinstance(value, Spec) else load(value, lines=False)


def _notes(side: str, spec: Spec) -> list[str]:
    """What the reader should know of one side: refused ``$ref``s, then the first problem."""
    out = [f"{side}: {text} (compared as an empty schema)" for text in spec.ws.refused]
    if not spec.problems:
        return out
    first = spec.problems[0]
    where = f"{first.source.file}:{first.source.line}" if first.source.line else first.source.file
    more = f" (and {len(spec.problems) - 1} more)" if len(spec.problems) > 1 else ""
    return [
        *out,
        f"{side} {spec.name} is not strictly valid, compared anyway: {where}: {first.message}{more}",
    ]


def classify(events: list[Event], unclaimed: list[Event] | None = None) -> list[Finding]:
    """Findings for raw events; events no rule reports go to ``unclaimed`` when given.

    :data:`specward.rules.NOT_REPORTED` lists the ``(scope, kind)`` pairs that are unclaimed on
    purpose; anything else unclaimed is a gap in the catalog (a test keeps that list empty).
    """
    out = []
    for event in events:
        rule = REGISTRY.classify(event.scope, event.kind)
        if rule is None:
            if unclaimed is not None:
                unclaimed.append(event)
            continue
        fields = event.fields
        details = {
            ("from" if k == "old" else "to" if k == "new" else k): v
            for k, v in fields.items()
            if k not in ("subject", "moved") and v is not None
        }
        out.append(
            Finding(
                id=rule.id,
                level=rule.level,
                message=rule.render(fields),
                location=event.location,
                operation=event.operation,
                source=event.source,
                details=details,
            )
        )
    return out


def _operation_index(spec: Spec) -> dict[str, Operation]:
    return {op.label: op for op in spec.operations.values()}


def compare_specs(
    base: Spec | str | os.PathLike[str],
    head: Spec | str | os.PathLike[str],
    *,
    policy: Policy | None = None,
    accepted: list[Acceptance] | None = None,
    today: dt.date | None = None,
) -> BreakingResult:
    """Classify every change from ``base`` to ``head`` (paths, ``REV:path`` or loaded specs)."""
    today = today or dt.date.today()
    with _no_gc():
        base_spec, head_spec = _spec(base), _spec(head)
        events = diff_specs(base_spec, head_spec, today=today)
    policy = policy or Policy()
    unclaimed: list[Event] = []
    findings = classify(events, unclaimed)
    placed = place([f.source for f in findings], [head_spec, base_spec])
    for finding, source in zip(findings, placed, strict=True):
        finding.source = source
    ops_b, ops_h = _operation_index(base_spec), _operation_index(head_spec)
    for finding in findings:
        if finding.operation is None:
            continue
        base_label = (
            finding.details.get("from")
            if finding.id == "api-operation-moved"
            else finding.operation
        )
        stability = policy.stability(head_spec, ops_h.get(finding.operation)) or policy.stability(
            base_spec, ops_b.get(base_label)
        )
        policy.apply(finding, stability)
    semver = bump((f.id, f.level) for f in findings)
    notes = _notes("base", base_spec) + _notes("head", head_spec)
    if accepted:  # the acceptances module (a YAML reader, regexes) only when there are some
        from specward.breaking.accept import apply_acceptances

        notes += apply_acceptances(findings, accepted, today)
    findings.sort(key=lambda f: (-level_rank(f.level), f.operation or "", f.location, f.id))
    return BreakingResult(base_spec.name, head_spec.name, findings, semver, notes, unclaimed)
