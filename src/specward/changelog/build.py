"""Group classified changes by endpoint, then by the part of the endpoint that changed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from specward.report import Finding

_METHOD_ORDER = {m: i for i, m in enumerate(["GET", "PUT", "POST", "PATCH", "DELETE"])}
_ENDPOINT = re.compile(r"^([A-Z]+) (/\S*)$")
MARKS = {"error": "breaking", "warning": "potentially breaking", "info": "non-breaking"}


@dataclass
class Change:
    """One change, with whether it breaks clients."""

    finding: Finding
    detail: str  # the location below its component ("" for the component itself)

    @property
    def mark(self) -> str:
        return MARKS[self.finding.level]

    def as_dict(self) -> dict[str, Any]:
        f = self.finding
        return {
            "id": f.id,
            "level": f.level,
            "breaking": f.level == "error",
            "mark": self.mark,
            "location": f.location,
            "detail": self.detail,
            "message": f.message,
            "source": f.source.as_dict() if f.source else None,
            "details": f.details,
        }


@dataclass
class Component:
    """A part of an endpoint (``request body``, ``response 200``) or of the spec (``schemas``)."""

    name: str
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"component": self.name, "changes": [c.as_dict() for c in self.changes]}


@dataclass
class Group:
    """An endpoint (``POST /items``), or a spec-wide section (``components``, ``servers``)."""

    name: str
    kind: str  # "endpoint" or "spec"
    components: list[Component] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [c for comp in self.components for c in comp.changes]

    @property
    def breaking(self) -> bool:
        return any(c.finding.level == "error" for c in self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "breaking": self.breaking,
            "count": len(self.changes),
            "components": [c.as_dict() for c in self.components],
        }


@dataclass
class Changelog:
    """Every change from ``base`` to ``head``."""

    base: str
    head: str
    semver: str
    groups: list[Group]
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [c for g in self.groups for c in g.changes]

    @property
    def breaking(self) -> bool:
        return any(g.breaking for g in self.groups)

    def summary(self) -> dict[str, int]:
        levels = [c.finding.level for c in self.changes]
        return {
            "changes": len(levels),
            "breaking": levels.count("error"),
            "potentially_breaking": levels.count("warning"),
            "non_breaking": levels.count("info"),
            "endpoints": sum(1 for g in self.groups if g.kind == "endpoint"),
        }

    def payload(self) -> dict[str, Any]:
        """The stable JSON document: groups (endpoints first) -> components -> changes."""
        return {
            "base": self.base,
            "head": self.head,
            "semver": self.semver,
            "breaking": self.breaking,
            "summary": self.summary(),
            "notes": list(self.notes),
            "groups": [g.as_dict() for g in self.groups],
        }

    def render(self, fmt: str = "text") -> str:
        from specward.changelog.render import RENDERERS

        return RENDERERS[fmt](self)


def _component(rest: str) -> tuple[str, str]:
    """``request.body[application/json].a.b`` -> ("request body", "[application/json].a.b")."""
    if not rest:
        return "endpoint", ""
    match = re.match(r"^(request|response)(\[[^\]]*\])?\.?([A-Za-z]+)?(.*)$", rest)
    if match is None:
        head, _, tail = rest.partition(".")
        return head, tail
    side, status, part, tail = match.groups()
    if side == "response":
        name = f"response {status[1:-1]}" if status else "responses"
        return name, ((part or "") + tail).lstrip(".")
    return f"request {part}" if part else "request", tail.lstrip(".")


def _place(f: Finding) -> tuple[str, str, str, str]:
    """(group, kind, component, detail) of a finding."""
    if f.operation:
        rest = f.location[len(f.operation) :].strip() if f.location.startswith(f.operation) else ""
        component, detail = _component(rest)
        if not rest and f.location != f.operation:
            detail = f.location
        return f.operation, "endpoint", component, detail
    head, _, rest = f.location.partition(".")
    component, _, detail = rest.partition(".")
    return head or "spec", "spec", component or head, detail


def _endpoint_key(name: str) -> tuple[str, int, str]:
    match = _ENDPOINT.match(name)
    if match is None:
        return (name, 99, name)
    method, path = match.groups()
    return (path, _METHOD_ORDER.get(method, 50), method)


def group_changes(findings: list[Finding]) -> list[Group]:
    """Endpoints (by path, then method) first, then spec-wide sections; report order within."""
    groups: dict[str, Group] = {}
    for f in findings:
        name, kind, component, detail = _place(f)
        group = groups.setdefault(name, Group(name, kind))
        comp = next((c for c in group.components if c.name == component), None)
        if comp is None:
            comp = Component(component)
            group.components.append(comp)
        comp.changes.append(Change(f, detail))
    for group in groups.values():
        group.components.sort(key=lambda c: (c.name != "endpoint", c.name))
    return sorted(
        groups.values(),
        key=lambda g: (g.kind != "endpoint", *_endpoint_key(g.name)),
    )


def build_changelog(
    base: Any,
    head: Any,
    *,
    contract: Any = None,
    filters: Any = None,
) -> Changelog:
    """Every change from ``base`` to ``head`` (paths, ``REV:path`` or loaded specs).

    ``contract`` (a :class:`specward.contracts.Contract` or the path of one) applies its
    ``breaking.policy`` and ``breaking.accepted``, so the breaking marks are the gate's;
    ``filters`` (a :class:`specward.report.filters.FindingFilter`) leaves changes out.
    """
    from specward.breaking import Policy, compare_specs, parse_acceptances
    from specward.breaking.semver import bump

    policy, accepted = Policy(), []
    if contract is not None:
        from specward.contracts import Contract, load_contract

        loaded = contract if isinstance(contract, Contract) else load_contract(os.fspath(contract))
        policy = Policy.from_mapping(loaded.breaking.get("policy"), loaded.name)
        accepted = parse_acceptances(loaded.breaking.get("accepted"), loaded.name)
    result = compare_specs(base, head, policy=policy, accepted=accepted)
    found = filters.findings(result.changes) if filters is not None else result.changes
    semver = bump((f.id, f.level) for f in found) if len(found) != len(result.changes) else None
    return Changelog(
        result.base, result.head, semver or result.semver, group_changes(found), result.notes
    )
