"""Changes that come through a shared component, grouped once: "RL.TrainingSession: 2 new optional
properties (4 operations)" instead of one line per operation."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from specward.report import Finding

_PHRASES = {
    "response-optional-property-added": ("new optional property", "new optional properties"),
    "response-required-property-added": ("new required property", "new required properties"),
    "request-optional-property-added": (
        "new optional request property",
        "new optional request properties",
    ),
    "request-required-property-added": (
        "new required request property",
        "new required request properties",
    ),
    "request-property-removed": ("removed request property", "removed request properties"),
    "response-property-removed": ("removed property", "removed properties"),
    "request-property-renamed": ("renamed request property", "renamed request properties"),
    "response-property-renamed": ("renamed property", "renamed properties"),
}


@dataclass
class Group:
    """Findings of one rule through one component, on two or more operations."""

    component: str
    rule: str
    level: str
    findings: list[Finding]

    @property
    def changes(self) -> int:
        return len({_change_key(f) for f in self.findings})

    @property
    def operations(self) -> list[str]:
        return sorted({f.operation for f in self.findings if f.operation})

    def line(self) -> str:
        n = self.changes
        one, many = _PHRASES.get(self.rule, (f"`{self.rule}` change", f"`{self.rule}` changes"))
        names = sorted({str(f.details.get("name")) for f in self.findings if f.details.get("name")})
        shown = f": {', '.join(f'`{x}`' for x in names[:5])}" if names else ""
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        return (
            f"{self.component}: {n} {one if n == 1 else many} "
            f"({len(self.operations)} operations){shown}{more}"
        )


def _change_key(f: Finding) -> tuple[Any, ...]:
    line = f.source.line if f.source else None
    return (f.details.get("name"), line)


def group_findings(findings: list[Finding]) -> list[Finding | Group]:
    """Findings in their order, those through a shared component folded into one :class:`Group`
    (placed where its first finding was)."""
    buckets: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        component = f.details.get("component")
        if component and f.operation:
            buckets.setdefault((str(component), f.id), []).append(f)
    shared = {
        key: items for key, items in buckets.items() if len({f.operation for f in items}) >= 2
    }
    out: list[Finding | Group] = []
    placed: set[tuple[str, str]] = set()
    for f in findings:
        key = (str(f.details.get("component")), f.id)
        if key in shared:
            if key not in placed:
                placed.add(key)
                out.append(Group(key[0], f.id, f.level, shared[key]))
            continue
        out.append(f)
    return out


def component_ranges(spec: Any) -> dict[str, list[tuple[int, str]]]:
    """Per document name: (start line, component name) of every named schema, sorted."""
    out: dict[str, list[tuple[int, str]]] = {}
    for name, schema in spec.schemas.items():
        if schema.line:
            out.setdefault(schema.doc.name, []).append((schema.line, name))
    for items in out.values():
        items.sort()
    return out


def _section_end(spec: Any, doc: str) -> float:
    """The line where the components (or definitions) section ends in the entry document."""
    data = spec.ws.entry.data if spec.ws.entry.name == doc else None
    lines = getattr(data, "lines", None)
    if not isinstance(lines, dict):
        return float("inf")
    key = "components" if "components" in lines else "definitions"
    start = lines.get(key)
    if start is None:
        return float("inf")
    later = [line for line in lines.values() if line > start]
    return min(later) if later else float("inf")


def annotate_components(findings: list[Finding], spec: Any) -> None:
    """Set ``details.component`` on findings whose source line lies inside a named schema."""
    ranges = component_ranges(spec)
    ends = {doc: _section_end(spec, doc) for doc in ranges}
    for f in findings:
        if f.source is None or not f.source.line or f.source.file not in ranges:
            continue
        items = ranges[f.source.file]
        index = bisect.bisect_right(items, (f.source.line, "\uffff")) - 1
        if index < 0 or f.source.line >= ends[f.source.file]:
            continue
        f.details.setdefault("component", items[index][1])
