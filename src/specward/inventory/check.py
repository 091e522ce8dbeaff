"""Check a spec against an inventory: operations, parameters, path spellings, tool hints."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from specward.inventory.read import Hints, Inventory, InventoryOp, InventoryParam, load_inventory
from specward.model import Operation, Spec, load
from specward.model.schema import Source
from specward.model.spec import path_key, path_params
from specward.report import Finding, Level, Report, RuleInfo, level_rank

RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo("inventory-operation-missing", "error", "A listed operation is not in the spec."),
        RuleInfo("inventory-parameter-missing", "error", "A listed parameter is not in the spec."),
        RuleInfo("inventory-body-missing", "error", "A listed request body is not in the spec."),
        RuleInfo("inventory-parameter-location", "warning", "A parameter is in another location."),
        RuleInfo("inventory-parameter-required", "warning", "The spec requires an optional one."),
        RuleInfo(
            "inventory-parameter-unlisted", "warning", "A required spec parameter is not listed."
        ),
        RuleInfo("inventory-path-parameter", "warning", "A path parameter has another name."),
        RuleInfo("inventory-path-spelling", "info", "A path parameter is spelled differently."),
        RuleInfo("inventory-hint", "warning", "A tool hint disagrees with the HTTP method."),
        RuleInfo("inventory-operation-unlisted", "warning", "A spec operation is not listed."),
    )
}
_SAFE = ("GET", "HEAD", "OPTIONS", "TRACE")
_IDEMPOTENT = (*_SAFE, "PUT", "DELETE")


def _norm(name: str) -> str:
    return name.lower().replace("-", "_")


@dataclass
class InventoryResult:
    inventory: Inventory
    spec: str
    findings: list[Finding]
    matched: int

    def payload(self) -> dict[str, Any]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.level] += 1
        return {
            "inventory": self.inventory.file,
            "kind": self.inventory.kind,
            "spec": self.spec,
            "operations": len(self.inventory.operations),
            "matched": self.matched,
            "missing": [
                f.operation for f in self.findings if f.id == "inventory-operation-missing"
            ],
            "unlisted": [
                f.operation for f in self.findings if f.id == "inventory-operation-unlisted"
            ],
            "summary": counts,
            "findings": [f.as_dict() for f in self.findings],
        }

    def report(self, fail_on: Level = "error") -> Report:
        inv = self.inventory
        title = (
            f"specward inventory {inv.file} ({inv.kind}) against {self.spec}: "
            f"{self.matched}/{len(inv.operations)} operations found"
        )
        return Report("inventory", title, self.findings, self.payload(), RULES, fail_on)


def check_inventory_files(
    inventory: str | os.PathLike[str], spec: str | os.PathLike[str]
) -> InventoryResult:
    """Load both files (``spec`` may be ``REV:path``) and check."""
    return check_inventory(load_inventory(inventory), load(spec))


def check_inventory(inventory: Inventory, spec: Spec) -> InventoryResult:
    checker = _Checker(inventory, spec)
    matched = checker.run()
    findings = sorted(
        checker.findings, key=lambda f: (-level_rank(f.level), f.operation or "", f.location, f.id)
    )
    return InventoryResult(inventory, spec.name, findings, matched)


class _Checker:
    def __init__(self, inventory: Inventory, spec: Spec) -> None:
        self.inv = inventory
        self.spec = spec
        self.findings: list[Finding] = []
        self.index: dict[tuple[str, str], Operation] = {}
        for op in spec.operations.values():
            self.index.setdefault((op.method, path_key(op.path)), op)
        for op in spec.operations.values():  # the full path (server base path joined) wins
            self.index[(op.method, path_key(spec.base_path + op.path))] = op

    def add(self, rule: str, item: InventoryOp | None, message: str, **details: Any) -> None:
        spec_op = details.pop("spec_op", None)
        if item is not None:
            source, where = Source(self.inv.file, item.line), item.label
        else:
            source, where = spec_op.source, spec_op.label
        level = RULES[rule].level
        label = spec_op.label if spec_op is not None else where
        self.findings.append(Finding(rule, level, message, where, label, source, details))

    def run(self) -> int:
        seen: set[int] = set()
        for item in self.inv.operations:
            op = self.index.get((item.method, path_key(item.path)))
            if op is None:
                self.missing(item)
                continue
            seen.add(id(op))
            self.paths(item, op, item.path, "")
            for _method, path, _line in item.exposed:
                self.paths(item, op, path, "exposed ")
            if item.params is not None:
                self.params(item, op)
            if item.hints is not None:
                self.hints(item, op, item.hints)
        scope = self.scope()
        for op in sorted(self.spec.operations.values(), key=lambda o: (o.path, o.method)):
            full = path_key(self.spec.base_path + op.path)
            inside = _under(full, scope) or _under(path_key(op.path), scope)
            if id(op) not in seen and inside:
                self.add(
                    "inventory-operation-unlisted",
                    None,
                    f"{op.label} is in the spec but not in the inventory",
                    spec_op=op,
                )
        return len(seen)

    def scope(self) -> str:
        """The path prefix every listed operation shares (``/v1/rl``): an inventory of one surface
        of a large API lists only that surface's missing operations."""
        paths = [path_key(item.path).split("/") for item in self.inv.operations]
        if not paths:
            return "/"
        common = []
        for parts in zip(*paths, strict=False):
            if len(set(parts)) != 1 or parts[0] == "{}":
                break
            common.append(parts[0])
        return "/".join(common) or "/"

    def missing(self, item: InventoryOp) -> None:
        key = path_key(item.path)
        others = sorted(m for (m, p) in self.index if p == key and m != item.method)
        hint = f" (the spec has {', '.join(others)} at this path)" if others else ""
        self.add("inventory-operation-missing", item, f"{item.label} is not in the spec{hint}")

    def paths(self, item: InventoryOp, op: Operation, path: str, what: str) -> None:
        spelled, renamed = [], []
        for mine, theirs in zip(path_params(path), path_params(op.path), strict=False):
            if mine != theirs:
                (spelled if _norm(mine) == _norm(theirs) else renamed).append((mine, theirs))
        if spelled:
            pairs = ", ".join(f"{{{a}}} is {{{b}}}" for a, b in spelled)
            self.add(
                "inventory-path-spelling",
                item,
                f"{what}path: {pairs} in the spec (tolerated)",
                spec_op=op,
                spellings=dict(spelled),
            )
        for mine, theirs in renamed:
            self.add(
                "inventory-path-parameter",
                item,
                f"{what}path parameter {{{mine}}} is named {{{theirs}}} in the spec",
                spec_op=op,
                inventory=mine,
                spec=theirs,
            )

    def params(self, item: InventoryOp, op: Operation) -> None:
        listed = [p for p in item.params or [] if p.location != "body"]
        by_norm = {_norm(p.name): p for p in op.parameters.values()}
        used: set[str] = set()
        for param in listed:
            found = by_norm.get(_norm(param.name))
            if found is None:
                self.add(
                    "inventory-parameter-missing",
                    item,
                    f"parameter {param.name} is not in the spec",
                    spec_op=op,
                    name=param.name,
                )
                continue
            used.add(_norm(found.name))
            self.param(item, op, param, found.location, found.required)
        self.body(item, op)
        for spec_param in op.parameters.values():
            if spec_param.required and _norm(spec_param.name) not in used:
                self.add(
                    "inventory-parameter-unlisted",
                    item,
                    f"required {spec_param.location} parameter {spec_param.name} is not listed",
                    spec_op=op,
                    name=spec_param.name,
                )

    def param(
        self, item: InventoryOp, op: Operation, param: InventoryParam, location: str, required: bool
    ) -> None:
        if param.location is not None and param.location != location:
            self.add(
                "inventory-parameter-location",
                item,
                f"parameter {param.name} is in {param.location}, the spec has it in {location}",
                spec_op=op,
                name=param.name,
            )
        if param.required is False and required and location != "path":
            self.add(
                "inventory-parameter-required",
                item,
                f"parameter {param.name} is optional here, required in the spec",
                spec_op=op,
                name=param.name,
            )

    def body(self, item: InventoryOp, op: Operation) -> None:
        listed = any(p.location == "body" for p in item.params or [])
        if listed and op.request_body is None:
            self.add("inventory-body-missing", item, "the spec has no request body", spec_op=op)

    def hints(self, item: InventoryOp, op: Operation, hints: Hints) -> None:
        tool = f"tool {hints.tool}" if hints.tool else "hints"
        for problem in _hint_problems(item.method, op, hints):
            self.add("inventory-hint", item, f"{tool}: {problem}", spec_op=op, tool=hints.tool)


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _declares_idempotency(op: Operation) -> bool:
    """A POST is idempotent when it takes an Idempotency-Key header or says x-idempotent: true."""
    if op.extensions.get("x-idempotent") is True:
        return True
    return any(
        p.location == "header" and p.name.lower() == "idempotency-key"
        for p in op.parameters.values()
    )


def _hint_problems(method: str, op: Operation, hints: Hints) -> list[str]:
    out = []
    safe = method in _SAFE
    if hints.read_only is True and not safe:
        out.append(f"readOnly, but {method} changes state")
    if hints.read_only is False and safe:
        out.append(f"not readOnly, but {method} is a safe method")
    if hints.read_only is True and hints.destructive is True:
        out.append("readOnly and destructive at once")
    if method == "DELETE" and hints.destructive is False:
        out.append("DELETE is destructive")
    if safe and hints.destructive is True:
        out.append(f"destructive, but {method} is a safe method")
    if method in _IDEMPOTENT and hints.idempotent is False:
        out.append(f"not idempotent, but {method} is idempotent")
    if method == "POST" and hints.idempotent is True and not _declares_idempotency(op):
        out.append(
            "idempotent, but POST is not (unless it takes an Idempotency-Key header "
            "or says x-idempotent: true)"
        )
    return out
