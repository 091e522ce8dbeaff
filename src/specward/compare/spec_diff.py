"""Structural diff of two normalized specs into raw :class:`Event` objects.

I/O free: it takes two :class:`Spec` objects. Operations are matched by method and path shape
(below the base path when the base path itself changed), then removed and added operations are
paired into moves; everything else is compared member by member.

Servers, operations, component schemas and security schemes are compared here; an operation's
parameters, bodies and responses, and security requirements are in :mod:`parameter_diff`,
:mod:`body_diff` and :mod:`operation_security`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from specward.compare.body_diff import BodyDiff
from specward.compare.deep import run_deep
from specward.compare.events import Event
from specward.compare.lifecycle import removal_kind
from specward.compare.lifecycle_facts import parse_sunset
from specward.compare.matcher import component_scorer, match
from specward.compare.moves import Move, pair_moves
from specward.compare.operation_security import SecurityDiff
from specward.compare.parameter_diff import ParameterDiff
from specward.compare.schema_diff import SchemaDiffer
from specward.compare.security_schemes import diff_security_schemes
from specward.load.parse import line_of
from specward.model import Operation, Source, Spec, path_key
from specward.model.schema import source_at
from specward.model.spec import ParamKey

_SKIP_FOR_EQUALITY = ("description", "title", "example", "examples", "x-go-name")


def diff_specs(base: Spec, head: Spec, *, today: dt.date | None = None) -> list[Event]:
    """Every raw change event from ``base`` to ``head``.

    Raises :class:`~specward.errors.SpecError` for schemas nested or chained beyond any real
    spec (tens of thousands of levels).
    """
    differ = _SpecDiff(base, head, today or dt.date.today())
    return run_deep(differ.run, what=f"{base.name} and {head.name}")


def _trailing_slash(path: str) -> bool:
    return len(path) > 1 and path.endswith("/")


def _server_url(server: dict[str, Any]) -> str | None:
    """A server entry's URL with its variables' defaults, as the model spells it."""
    url = server.get("url")
    if not isinstance(url, str):
        return None
    variables = server.get("variables")
    for name, var in (variables if isinstance(variables, dict) else {}).items():
        default = var.get("default") if isinstance(var, dict) else None
        if default is not None:
            url = url.replace("{" + str(name) + "}", str(default))
    return url.rstrip("/")


def server_source(spec: Spec, url: str) -> Source:
    """The line of a server URL (3.x ``servers`` entry, Swagger ``host``), else of the document."""
    doc = spec.ws.entry
    data = doc.data if isinstance(doc.data, dict) else {}
    servers = data.get("servers")
    if isinstance(servers, list):
        for index, server in enumerate(servers):
            if isinstance(server, dict) and _server_url(server) == url:
                return source_at(doc, f"/servers/{index}", line_of(servers, index))
        return source_at(doc, "/servers", line_of(data, "servers"))
    for key in ("host", "basePath", "schemes"):
        if key in data:
            return source_at(doc, f"/{key}", line_of(data, key))
    return Source(doc.name, line_of(data))


def _canonical(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _canonical(v) for k, v in node.items() if k not in _SKIP_FOR_EQUALITY}
    if isinstance(node, list):
        return [_canonical(v) for v in node]
    return node


class _SpecDiff(ParameterDiff, BodyDiff, SecurityDiff):
    def __init__(self, base: Spec, head: Spec, today: dt.date) -> None:
        self.base = base
        self.head = head
        self.today = today
        self.schemas = SchemaDiffer(base, head)
        self.events: list[Event] = []

    def add(
        self,
        scope: str,
        kind: str,
        location: str,
        operation: str | None,
        source: Any,
        /,
        **fields: Any,
    ) -> None:
        self.events.append(Event(scope, kind, location, operation, source, fields))

    def run(self) -> list[Event]:
        self.servers()
        self.operations()
        self.components()
        self.security_schemes()
        self.invalid_stability()
        self.global_security()
        return self.events

    # -- servers ------------------------------------------------------------------------------
    def servers(self) -> None:
        old = [s.url.rstrip("/") for s in self.base.servers if "://" in s.url]
        new = [s.url.rstrip("/") for s in self.head.servers if "://" in s.url]
        if old and new:  # relative URLs (Swagger without host) say nothing about servers
            for url in old:
                if url not in new:
                    source = server_source(self.base, url)
                    self.add("servers", "removed", f"servers[{url}]", None, source, old=url)
            for url in new:
                if url not in old:
                    source = server_source(self.head, url)
                    self.add("servers", "added", f"servers[{url}]", None, source, new=url)

    # -- operations ---------------------------------------------------------------------------
    def _keyed(self, spec: Spec, full: bool) -> dict[tuple[str, str], Operation]:
        prefix = spec.base_path if full else ""
        return {(op.method, path_key(prefix + op.path)): op for op in spec.operations.values()}

    def operations(self) -> None:
        full_b, full_h = self._keyed(self.base, True), self._keyed(self.head, True)
        rel_b, rel_h = self._keyed(self.base, False), self._keyed(self.head, False)
        use_full = len(full_b.keys() & full_h.keys()) >= len(rel_b.keys() & rel_h.keys())
        ops_b, ops_h = (full_b, full_h) if use_full else (rel_b, rel_h)
        if not use_full and self.base.base_path != self.head.base_path:
            self.add(
                "servers",
                "base-path-changed",
                "servers",
                None,
                None,
                old=self.base.base_path or "/",
                new=self.head.base_path or "/",
            )
        removed_keys = [k for k in ops_b if k not in ops_h]
        removed = [ops_b[k] for k in removed_keys]
        added = [op for k, op in ops_h.items() if k not in ops_b]
        moves = pair_moves(self.base, self.head, removed, added)
        moved_b = {id(m.base) for m in moves}
        moved_h = {id(m.head) for m in moves}
        head_paths = {k[1] for k in ops_h}
        for key in removed_keys:
            if id(ops_b[key]) not in moved_b:
                self.removed_operation(ops_b[key], path_gone=key[1] not in head_paths)
        for op in added:
            if id(op) not in moved_h:
                self.add("operation", "added", op.label, op.label, op.source)
        for key in sorted(ops_b.keys() & ops_h.keys()):
            self.operation(ops_b[key], ops_h[key])
        for move in moves:
            self.move(move)

    def removed_operation(self, op: Operation, *, path_gone: bool) -> None:
        sunset = parse_sunset(op.raw if isinstance(op.raw, dict) else op.extensions)
        kind = removal_kind(op.deprecated, sunset, self.today)
        if path_gone:
            kind = "path-" + kind
        self.add(
            "operation",
            kind,
            op.label,
            op.label,
            op.source,
            path=op.path,
            sunset=sunset.shown if sunset and op.deprecated else None,
        )

    def move(self, move: Move) -> None:
        b, h = move.base, move.head
        moved = ""
        if move.moved:
            (bloc, bname), (hloc, _) = move.moved[0]
            moved = f" ({bloc} parameter {bname} became a {hloc} parameter)"
        ids = {}
        if b.operation_id != h.operation_id:
            ids = {"from_operation_id": b.operation_id, "to_operation_id": h.operation_id}
        self.add(
            "operation",
            "moved",
            h.label,
            h.label,
            h.source,
            old=b.label,
            new=h.label,
            moved=moved,
            moved_parameter=move.moved_parameter,
            **ids,
            **move.evidence.details(),
        )
        self.operation(b, h, skip_params=move.moved, moved=True)

    def operation(
        self,
        b: Operation,
        h: Operation,
        *,
        skip_params: Iterable[tuple[ParamKey, ParamKey]] = (),
        moved: bool = False,
    ) -> None:
        """Compare one operation pair; a moved operation's operationId change is part of the move."""
        label = h.label
        self.operation_lifecycle(b, h, label)
        if not moved and _trailing_slash(b.path) != _trailing_slash(h.path):
            self.add(
                "operation",
                "trailing-slash-changed",
                label,
                label,
                h.source,
                old=b.path,
                new=h.path,
            )
        if b.operation_id != h.operation_id and not moved:
            if b.operation_id is None:
                self.add(
                    "operation", "operation-id-added", label, label, h.source, new=h.operation_id
                )
            else:
                self.add(
                    "operation",
                    "operation-id-changed",
                    label,
                    label,
                    h.source,
                    old=b.operation_id,
                    new=h.operation_id,
                )
        for tag in sorted(set(b.tags) - set(h.tags)):
            self.add("operation", "tag-removed", label, label, h.source, name=tag)
        for tag in sorted(set(h.tags) - set(b.tags)):
            self.add("operation", "tag-added", label, label, h.source, name=tag)
        self.parameters(b, h, label, skip_params)
        self.request_body(b, h, label)
        self.responses(b, h, label)
        self.security(b, h, label)

    # -- components ---------------------------------------------------------------------------
    def components(self) -> None:
        sb, sh = self.base.schemas, self.head.schemas
        removed = {n: s for n, s in sb.items() if n not in sh}
        added = {n: s for n, s in sh.items() if n not in sb}

        def equal(x: Any, y: Any) -> bool:
            return _canonical(x.raw) == _canonical(y.raw)

        renames = match(removed, added, component_scorer(equal))
        for pair in renames.pairs:
            old, new = pair.old, pair.new
            removed.pop(old)
            schema = added.pop(new)
            self.add(
                "components",
                "renamed",
                f"components.schemas.{new}",
                None,
                schema.source,
                old=old,
                new=new,
                **pair.evidence.details(),
            )
        for name in sorted(removed):
            self.add(
                "components",
                "removed",
                f"components.schemas.{name}",
                None,
                removed[name].source,
                name=name,
                note=renames.note(name),
            )
        for name in sorted(added):
            self.add(
                "components",
                "added",
                f"components.schemas.{name}",
                None,
                added[name].source,
                name=name,
            )

    # -- security schemes ---------------------------------------------------------------------
    def security_schemes(self) -> None:
        for kind, name, source, fields in diff_security_schemes(self.base, self.head):
            where = f"components.securitySchemes.{name}"
            self.add("security-scheme", kind, where, None, source, name=name, **fields)
