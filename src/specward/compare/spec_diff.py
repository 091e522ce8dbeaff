"""Structural diff of two normalized specs into raw :class:`Event` objects.

I/O free: it takes two :class:`Spec` objects. Operations are matched by method and path shape
(below the base path when the base path itself changed), then removed and added operations are
paired into moves; everything else is compared member by member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from specward.compare.deep import run_deep
from specward.compare.events import Event, SchemaEvent, render_path
from specward.compare.moves import Move, pair_moves
from specward.compare.renames import pair_renames
from specward.compare.schema_diff import SchemaDiffer, compatible
from specward.compare.security_schemes import diff_security_schemes
from specward.load.parse import line_of
from specward.model import MediaType, Operation, Parameter, Source, Spec, path_key, path_params
from specward.model.spec import ParamKey

_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}
_SKIP_FOR_EQUALITY = ("description", "title", "example", "examples", "x-go-name")


def diff_specs(base: Spec, head: Spec, *, today: dt.date | None = None) -> list[Event]:
    """Every raw change event from ``base`` to ``head``.

    Raises :class:`~specward.errors.SpecError` for schemas nested or chained beyond any real
    spec (tens of thousands of levels).
    """
    differ = _SpecDiff(base, head, today or dt.date.today())
    return run_deep(differ.run, what=f"{base.name} and {head.name}")


def _media_key(name: str) -> str:
    return name.split(";", 1)[0].strip().lower()


def _media(content: dict[str, MediaType]) -> dict[str, MediaType]:
    return {_media_key(k): v for k, v in content.items()}


def _sunset(op: Operation) -> dt.date | None:
    value = op.extensions.get("x-sunset")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _param_keys(op: Operation) -> dict[ParamKey, Parameter]:
    """Parameters keyed for comparison: path parameters by position (their names do not matter on
    the wire), the others by location and name."""
    order = {name: i for i, name in enumerate(path_params(op.path))}
    out: dict[ParamKey, Parameter] = {}
    for key, param in op.parameters.items():
        if param.location == "path":
            out[("path", str(order.get(param.name, param.name)))] = param
        else:
            out[key] = param
    return out


def _trailing_slash(path: str) -> bool:
    return len(path) > 1 and path.endswith("/")


def _same_name(a: str, b: str) -> bool:
    """Parameter names that are the same on the wire in any location (headers ignore case;
    ``X-Request-Id`` and ``x_request_id`` are one name)."""
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


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
                return Source(doc.name, line_of(servers, index))
        return Source(doc.name, line_of(data, "servers"))
    for key in ("host", "basePath", "schemes"):
        if key in data:
            return Source(doc.name, line_of(data, key))
    return Source(doc.name, line_of(data))


def _canonical(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _canonical(v) for k, v in node.items() if k not in _SKIP_FOR_EQUALITY}
    if isinstance(node, list):
        return [_canonical(v) for v in node]
    return node


class _SpecDiff:
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

    def sunset(self, b: Operation, h: Operation, label: str) -> None:
        """``x-sunset`` announced, withdrawn, brought forward or postponed on a kept operation."""
        sb, sh = _sunset(b), _sunset(h)
        if sb == sh:
            return
        old = sb.isoformat() if sb else None
        new = sh.isoformat() if sh else None
        if sb is None:
            kind = "sunset-added"
        elif sh is None:
            kind = "sunset-removed"
        else:
            kind = "sunset-earlier" if sh < sb else "sunset-later"
        self.add("operation", kind, label, label, h.source, old=old, new=new)

    def removed_operation(self, op: Operation, *, path_gone: bool) -> None:
        sunset = _sunset(op)
        if op.deprecated and (sunset is None or sunset <= self.today):
            kind = "removed-deprecated"
        elif op.deprecated:
            kind = "removed-before-sunset"
        else:
            kind = "removed"
        if path_gone:
            kind = "path-" + kind
        self.add(
            "operation",
            kind,
            op.label,
            op.label,
            op.source,
            path=op.path,
            sunset=sunset.isoformat() if sunset else None,
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
        if b.deprecated != h.deprecated:
            self.add(
                "operation", "deprecated" if h.deprecated else "reactivated", label, label, h.source
            )
        self.sunset(b, h, label)
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

    # -- parameters ---------------------------------------------------------------------------
    def parameters(
        self, b: Operation, h: Operation, label: str, skip: Iterable[tuple[ParamKey, ParamKey]]
    ) -> None:
        pb, ph = _param_keys(b), _param_keys(h)
        skipped = list(skip)
        order_b = {name: str(i) for i, name in enumerate(path_params(b.path))}
        order_h = {name: str(i) for i, name in enumerate(path_params(h.path))}

        def keyed(key: ParamKey, order: dict[str, str]) -> ParamKey:
            return ("path", order.get(key[1], key[1])) if key[0] == "path" else key

        for base_key, head_key in skipped:  # moved parameters: reported with the move
            pb.pop(keyed(base_key, order_b), None)
            ph.pop(keyed(head_key, order_h), None)
        removed = {k: p for k, p in pb.items() if k not in ph}
        added = {k: p for k, p in ph.items() if k not in pb}
        for key in [k for k in pb if k in ph]:
            self.parameter(pb[key], ph[key], label)
        by_location: dict[str, tuple[dict[str, Parameter], dict[str, Parameter]]] = {}
        for p in removed.values():
            by_location.setdefault(p.location, ({}, {}))[0][p.name] = p
        for p in added.values():
            by_location.setdefault(p.location, ({}, {}))[1][p.name] = p
        self.relocated(by_location, label)
        for location in sorted(by_location):
            gone, new = by_location[location]
            for old_name, new_name in pair_renames(gone, new, self._params_compatible):
                bp, hp = gone.pop(old_name), new.pop(new_name)
                self.add(
                    "request-parameter",
                    "renamed",
                    f"{label} request.{location}.{new_name}",
                    label,
                    hp.source,
                    location=location,
                    old=old_name,
                    new=new_name,
                    name=new_name,
                )
                self.parameter(bp, hp, label)
            for name, p in sorted(gone.items()):
                self.add(
                    "request-parameter",
                    "removed",
                    f"{label} request.{location}.{name}",
                    label,
                    p.source,
                    location=location,
                    name=name,
                )
            for name, p in sorted(new.items()):
                self.add(
                    "request-parameter",
                    "new-required" if p.required else "new-optional",
                    f"{label} request.{location}.{name}",
                    label,
                    p.source,
                    location=location,
                    name=name,
                )

    def relocated(
        self,
        by_location: dict[str, tuple[dict[str, Parameter], dict[str, Parameter]]],
        label: str,
    ) -> None:
        """A parameter removed from one location and added to another under the same name (header
        names ignore case) with a compatible schema moved: one change. Path parameters are
        compared by position, so they take no part."""
        for old_loc in sorted(by_location):
            if old_loc == "path":
                continue
            gone = by_location[old_loc][0]
            for name in sorted(gone):
                for new_loc in sorted(by_location):
                    if new_loc in (old_loc, "path"):
                        continue
                    new = by_location[new_loc][1]
                    match = next((n for n in sorted(new) if _same_name(n, name)), None)
                    if match is None or not self._params_compatible(gone[name], new[match]):
                        continue
                    bp, hp = gone.pop(name), new.pop(match)
                    self.add(
                        "request-parameter",
                        "location-changed",
                        f"{label} request.{new_loc}.{match}",
                        label,
                        hp.source,
                        location=new_loc,
                        old=old_loc,
                        new=new_loc,
                        name=match,
                        old_name=name if name != match else None,
                    )
                    self.parameter(bp, hp, label)
                    break

    def _params_compatible(self, b: Parameter, h: Parameter) -> bool:
        if b.schema is None or h.schema is None:
            return b.schema is None and h.schema is None
        return compatible(b.schema, h.schema)

    def parameter(self, b: Parameter, h: Parameter, label: str) -> None:
        where = f"{label} request.{h.location}.{h.name}"
        fields = {"location": h.location, "name": h.name}
        if b.required != h.required:
            kind = "became-required" if h.required else "became-optional"
            self.add("request-parameter", kind, where, label, h.source, **fields)
        if b.deprecated != h.deprecated:
            kind = "deprecated" if h.deprecated else "reactivated"
            self.add("request-parameter", kind, where, label, h.source, **fields)
        style_b = b.style or _DEFAULT_STYLE.get(b.location)
        style_h = h.style or _DEFAULT_STYLE.get(h.location)
        if style_b != style_h and b.location == h.location:
            self.add(
                "request-parameter",
                "style-changed",
                where,
                label,
                h.source,
                old=style_b,
                new=style_h,
                **fields,
            )
        explode_b = b.explode if b.explode is not None else style_b == "form"
        explode_h = h.explode if h.explode is not None else style_h == "form"
        if explode_b != explode_h and style_b == style_h:
            self.add(
                "request-parameter",
                "explode-changed",
                where,
                label,
                h.source,
                old=explode_b,
                new=explode_h,
                **fields,
            )
        subject = f"{h.location} parameter {h.name}"
        self.schema_events(
            self.schemas.diff(b.schema, h.schema, "request"),
            "request-parameter",
            "request-parameter",
            where,
            subject,
            label,
        )

    # -- bodies -------------------------------------------------------------------------------
    def request_body(self, b: Operation, h: Operation, label: str) -> None:
        rb, rh = b.request_body, h.request_body
        where = f"{label} request.body"
        if rb is None and rh is None:
            return
        if rb is None:
            assert rh is not None
            self.add(
                "request-body",
                "added-required" if rh.required else "added-optional",
                where,
                label,
                rh.source,
            )
            return
        if rh is None:
            self.add("request-body", "removed", where, label, rb.source)
            return
        if rb.required != rh.required:
            self.add(
                "request-body",
                "became-required" if rh.required else "became-optional",
                where,
                label,
                rh.source,
            )
        mb, mh = _media(rb.content), _media(rh.content)
        for name in sorted(mb.keys() - mh.keys()):
            self.add(
                "request-body",
                "media-type-removed",
                f"{where}[{name}]",
                label,
                mb[name].source,
                name=name,
            )
        for name in sorted(mh.keys() - mb.keys()):
            self.add(
                "request-body",
                "media-type-added",
                f"{where}[{name}]",
                label,
                mh[name].source,
                name=name,
            )
        for name in sorted(mb.keys() & mh.keys()):
            events = self.schemas.diff(mb[name].schema, mh[name].schema, "request")
            self.schema_events(
                events,
                "request-body",
                "request-property",
                f"{where}[{name}]",
                "request body",
                label,
            )

    def responses(self, b: Operation, h: Operation, label: str) -> None:
        rb = {k.upper(): v for k, v in b.responses.items()}
        rh = {k.upper(): v for k, v in h.responses.items()}
        for status in sorted(rb.keys() - rh.keys()):
            kind = (
                "success-status-removed" if status.startswith("2") else "non-success-status-removed"
            )
            self.add(
                "response",
                kind,
                f"{label} response[{status}]",
                label,
                rb[status].source,
                status=status,
            )
        for status in sorted(rh.keys() - rb.keys()):
            kind = "success-status-added" if status.startswith("2") else "non-success-status-added"
            self.add(
                "response",
                kind,
                f"{label} response[{status}]",
                label,
                rh[status].source,
                status=status,
            )
        for status in sorted(rb.keys() & rh.keys()):
            self.response(rb[status], rh[status], status, label)

    def response(self, b: Any, h: Any, status: str, label: str) -> None:
        where = f"{label} response[{status}]"
        mb, mh = _media(b.content), _media(h.content)
        for name in sorted(mb.keys() - mh.keys()):
            self.add(
                "response",
                "media-type-removed",
                f"{where}[{name}]",
                label,
                mb[name].source,
                status=status,
                name=name,
            )
        for name in sorted(mh.keys() - mb.keys()):
            self.add(
                "response",
                "media-type-added",
                f"{where}[{name}]",
                label,
                mh[name].source,
                status=status,
                name=name,
            )
        for name in sorted(mb.keys() & mh.keys()):
            events = self.schemas.diff(mb[name].schema, mh[name].schema, "response")
            self.schema_events(
                events,
                "response-body",
                "response-property",
                f"{where}[{name}]",
                f"response {status} body",
                label,
            )
        for key in sorted(b.headers.keys() - h.headers.keys()):
            header = b.headers[key]
            kind = "required-removed" if header.required else "optional-removed"
            self.add(
                "response-header",
                kind,
                f"{where}.header.{header.name}",
                label,
                header.source,
                status=status,
                name=header.name,
            )
        for key in sorted(b.headers.keys() & h.headers.keys()):
            hb, hh = b.headers[key], h.headers[key]
            at = f"{where}.header.{hh.name}"
            if hb.required != hh.required:
                kind = "became-required" if hh.required else "became-optional"
                self.add("response-header", kind, at, label, hh.source, status=status, name=hh.name)
            self.schema_events(
                self.schemas.diff(hb.schema, hh.schema, "response"),
                "response-header",
                "response-header",
                at,
                f"response {status} header {hh.name}",
                label,
            )

    def schema_events(
        self,
        events: list[SchemaEvent],
        root_scope: str,
        nested_scope: str,
        where: str,
        subject: str,
        label: str,
    ) -> None:
        """Turn schema events into events at ``where`` (a location prefix).

        ``subject`` names the schema's root in messages ("request body", "response 200 body",
        "query parameter limit"); nested places read "request property a.b".
        """
        for event in events:
            path = render_path(event.path)
            location = f"{where}.{path}" if path else where
            container = render_path(event.path[:-1] if event.on_property else event.path)
            if root_scope in ("request-parameter", "response-header"):
                scope = root_scope
                shown = f"{subject} {container}" if container else subject
            else:
                scope = nested_scope if event.on_property or event.path else root_scope
                shown = (
                    f"{subject.removesuffix(' body')} property {container}"
                    if container
                    else subject
                )
            self.add(
                scope, event.kind, location, label, event.source(), subject=shown, **event.fields
            )

    # -- security -----------------------------------------------------------------------------
    def security(self, b: Operation, h: Operation, label: str) -> None:
        sb = self.base.effective_security(b)
        sh = self.head.effective_security(h)
        where = f"{label} security"
        public_b = not sb or any(not req for req in sb)
        public_h = not sh or any(not req for req in sh)
        names = lambda req: " + ".join(sorted(req))  # noqa: E731
        if public_b and not public_h:
            self.add("security", "added", where, label, h.source, new=[names(r) for r in sh])
            return
        if public_h and not public_b:
            self.add("security", "removed", where, label, h.source, old=[names(r) for r in sb])
            return
        if public_b:
            return
        alt_b = {frozenset(r): r for r in sb}
        alt_h = {frozenset(r): r for r in sh}
        for key in sorted(alt_b.keys() - alt_h.keys(), key=sorted):
            self.add(
                "security",
                "requirement-removed",
                f"{where}.{names(key)}",
                label,
                h.source,
                old=names(key),
            )
        for key in sorted(alt_h.keys() - alt_b.keys(), key=sorted):
            self.add(
                "security",
                "requirement-added",
                f"{where}.{names(key)}",
                label,
                h.source,
                new=names(key),
            )
        for key in sorted(alt_b.keys() & alt_h.keys(), key=sorted):
            for scheme in sorted(key):
                scopes_b, scopes_h = set(alt_b[key][scheme]), set(alt_h[key][scheme])
                if scopes_h - scopes_b:
                    self.add(
                        "security",
                        "scope-added",
                        f"{where}.{scheme}",
                        label,
                        h.source,
                        name=scheme,
                        values=sorted(scopes_h - scopes_b),
                    )
                if scopes_b - scopes_h:
                    self.add(
                        "security",
                        "scope-removed",
                        f"{where}.{scheme}",
                        label,
                        h.source,
                        name=scheme,
                        values=sorted(scopes_b - scopes_h),
                    )

    # -- components ---------------------------------------------------------------------------
    def components(self) -> None:
        sb, sh = self.base.schemas, self.head.schemas
        removed = {n: s for n, s in sb.items() if n not in sh}
        added = {n: s for n, s in sh.items() if n not in sb}

        def equal(x: Any, y: Any) -> bool:
            return _canonical(x.raw) == _canonical(y.raw)

        for old, new in pair_renames(removed, added, equal):
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
            )
        for name in sorted(removed):
            self.add(
                "components",
                "removed",
                f"components.schemas.{name}",
                None,
                removed[name].source,
                name=name,
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
