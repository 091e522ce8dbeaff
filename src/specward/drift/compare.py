"""Compare an upstream spec with the published one through a :class:`Mapping`.

Only real differences are reported; naming, path prefix, body parameter against request body,
YAML style and key order are representation and never show up. See docs/drift.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from specward.compare.deep import run_deep
from specward.compare.representation import GATEWAY, is_well_known, ref_name
from specward.compare.schema_diff import NEUTRAL, SchemaDiffer
from specward.drift.classify import DriftClassifier, Root
from specward.drift.correspondence import DriftCorrespondence, ProtoRenames
from specward.drift.mapping import Mapping, _body, _reachable, _success, infer_mapping
from specward.drift.names import name_key, snake_case
from specward.drift.result import KINDS, PUBLISHED_ONLY, DriftItem, DriftResult
from specward.errors import SpecwardError
from specward.load.parse import line_of
from specward.load.pointer import join_pointer, split_pointer
from specward.model import Operation, Schema, Source, Spec, path_key, path_params
from specward.report import LEVELS


@dataclass(frozen=True)
class _Loc:
    """Where a comparison stands: names on both sides, the published pointer, context."""

    pub: str
    up: str
    pointer: str
    up_pointer: str = ""
    param: dict[str, Any] | None = None  # {"name", "in"} inside a parameter (or body)


def _norm(text: Any) -> str:
    return " ".join(str(text).split()) if isinstance(text, str) else ""


class _Comparer:
    """Pairs what the mapping pairs and compares it through the shared schema differ."""

    def __init__(
        self,
        upstream: Spec,
        published: Spec,
        mapping: Mapping,
        baseline: Spec | None,
        levels: dict[str, str],
        proto_renames: ProtoRenames | None = None,
    ) -> None:
        self.up = upstream
        self.pub = published
        self.mapping = mapping
        self.baseline = baseline
        self.levels = levels
        self.items: list[DriftItem] = []
        self.scope: list[str] | None = None
        # no reference back to the comparer (no cycle): the comparison's memo is freed as soon
        # as the result is returned, collector or not (sync holds two comparisons of a spec)
        self.rename = {u: mapping.published_name(u) for u in upstream.schemas}
        self.classifier = DriftClassifier(self.rename)
        self.corr = DriftCorrespondence(
            upstream,
            mapping,
            baseline=baseline,
            proto_renames=proto_renames,
            reports=self.classifier.reports,
        )
        self.mapped_pub = self.corr.mapped_pub
        self.differ = SchemaDiffer(
            published, upstream, correspondence=self.corr, representation=GATEWAY
        )

    # -- output ------------------------------------------------------------------------------
    def add(
        self,
        kind_: str,
        loc: _Loc,
        message: str,
        *,
        pointer: str | None = None,
        pub_loc: str | None = None,
        up_loc: str | None = None,
        details: dict[str, Any] | None = None,
        up_pointer: str | None = None,
        line: int | None = None,
    ) -> None:
        details = dict(details or {})
        if loc.param is not None:
            details = {**loc.param, **details}
        self.items.append(
            DriftItem(
                kind=kind_,
                level=self.levels.get(kind_, KINDS[kind_][0]),
                published_location=pub_loc or loc.pub,
                upstream_location=up_loc or loc.up,
                pointer=pointer if pointer is not None else loc.pointer,
                message=message,
                details=details,
                upstream_pointer=up_pointer if up_pointer is not None else loc.up_pointer,
                source=Source(self.pub.name, line) if line else None,
            )
        )

    def node(self, u: Schema, p: Schema, loc: _Loc) -> None:
        """Compare an upstream node with its published counterpart (the differ's base)."""
        events = self.differ.diff(p, u, NEUTRAL)
        for item in self.classifier.items(events, Root(loc.pub, loc.up, loc.param)):
            level = self.levels.get(item.kind, KINDS[item.kind][0])
            if item.level is not None and item.kind not in self.levels:
                level = item.level
            self.items.append(
                DriftItem(
                    kind=item.kind,
                    level=level,
                    published_location=item.published_location,
                    upstream_location=item.upstream_location,
                    pointer=item.pointer,
                    message=item.message,
                    details=item.details,
                    upstream_pointer=item.upstream_pointer,
                    source=Source(self.pub.name, item.line) if item.line else None,
                )
            )

    # -- operations --------------------------------------------------------------------------
    def operation(self, uop: Operation, pop: Operation) -> None:
        base = _Loc(pop.label, uop.label, pop.pointer, uop.pointer)
        for uname, pname in zip(path_params(uop.path), path_params(pop.path), strict=False):
            self.parameter(uop, pop, ("path", uname), ("path", pname), base)
        up_params = {k: v for k, v in uop.parameters.items() if v.location != "path"}
        pub_params = {k: v for k, v in pop.parameters.items() if v.location != "path"}
        for key, param in up_params.items():
            if key in pub_params:
                self.parameter(uop, pop, key, key, base)
            else:
                self.add(
                    "parameter-added",
                    base,
                    f"upstream {param.location} parameter {param.name!r} is missing",
                    pointer=join_pointer(pop.pointer, "parameters", "-"),
                    details={"name": param.name, "in": param.location},
                    up_pointer=param.pointer,
                    line=pop.source.line,
                )
        for key, param in pub_params.items():
            if key not in up_params:
                self.add(
                    "parameter-removed",
                    base,
                    f"{param.location} parameter {param.name!r} no longer exists upstream",
                    pointer=param.pointer,
                    details={"name": param.name, "in": param.location},
                    line=param.source.line,
                )
        ub, pb = _body(uop), _body(pop)
        body = {"name": "body", "in": "body"}
        if ub is not None and pb is None:
            self.add(
                "parameter-added",
                base,
                "the upstream request body is missing",
                pointer=join_pointer(pop.pointer, "requestBody"),
                details=body,
                up_pointer=uop.request_body.pointer if uop.request_body else "",
                line=pop.source.line,
            )
        elif pb is not None and ub is None:
            self.add(
                "parameter-removed",
                base,
                "the request body no longer exists upstream",
                pointer=join_pointer(pop.pointer, "requestBody"),
                details=body,
                line=pop.source.line,
            )
        elif ub is not None and pb is not None:
            self.node(
                ub,
                pb,
                replace(
                    base,
                    pub=f"{pop.label} body",
                    up=f"{uop.label} body",
                    pointer=pb.pointer,
                    up_pointer=ub.pointer,
                    param=body,
                ),
            )
        us, ps = _success(uop), _success(pop)
        if us is not None and ps is not None:
            self.node(
                us,
                ps,
                replace(
                    base,
                    pub=f"{pop.label} response",
                    up=f"{uop.label} response",
                    pointer=ps.pointer,
                    up_pointer=us.pointer,
                    param={"name": "response", "in": "response"},
                ),
            )

    def parameter(
        self,
        uop: Operation,
        pop: Operation,
        ukey: tuple[str, str],
        pkey: tuple[str, str],
        base: _Loc,
    ) -> None:
        u, p = uop.parameters.get(ukey), pop.parameters.get(pkey)
        if u is None or p is None:
            return
        loc = replace(
            base, pointer=p.pointer, up_pointer=u.pointer, param={"name": p.name, "in": p.location}
        )
        if u.required and not p.required:
            self.add(
                "parameter-changed",
                loc,
                f"{p.location} parameter {p.name!r} is required upstream",
                details={"required": True},
                line=p.source.line,
            )
        if u.schema is not None and p.schema is not None:
            self.node(u.schema, p.schema, replace(loc, pointer=p.schema.pointer))

    # -- descriptions (three-way) ------------------------------------------------------------
    def wording(
        self,
        pub_loc: str,
        up_loc: str,
        pointer: str,
        old: Any,
        new: Any,
        current: Any,
        field_: str = "description",
        line: int | None = None,
    ) -> None:
        if not isinstance(new, str) or _norm(old) == _norm(new) or _norm(current) == _norm(new):
            return
        if old is None and current is not None:
            return  # upstream gained wording the published spec already curates
        self.items.append(
            DriftItem(
                kind="description-changed",
                level=self.levels.get("description-changed", "info"),
                published_location=pub_loc,
                upstream_location=up_loc,
                pointer=join_pointer(pointer, field_),
                message=f"upstream {field_} changed since the baseline",
                details={"field": field_, "baseline": old, "upstream": new, "published": current},
                source=Source(self.pub.name, line) if line else None,
            )
        )

    def baseline_schemas(self) -> Iterator[tuple[str, str, Schema, Schema, Schema]]:
        """Mapped schema pairs the baseline also has: (upstream name, published name, baseline
        schema, upstream schema, published schema); nothing without a baseline."""
        if self.baseline is None:
            return
        for u, p in sorted(self.mapping.schemas.items()):
            old_s = self.baseline.schemas.get(u)
            if old_s is not None:
                yield u, p, old_s, self.up.schemas[u], self.pub.schemas[p]

    def descriptions(self) -> None:
        base = self.baseline
        if base is None:
            return
        for u, p, old_s, us, ps in self.baseline_schemas():
            self.wording(
                p,
                u,
                ps.pointer,
                old_s.get("description"),
                us.get("description"),
                ps.get("description"),
                line=ps.line,
            )
            old_props, up_props, pub_props = (
                old_s.flattened_properties(),
                us.flattened_properties(),
                ps.flattened_properties(),
            )
            for name, prop in up_props.items():
                if name in pub_props and name in old_props:
                    pp = pub_props[name]
                    self.wording(
                        f"{p}.{name}",
                        f"{u}.{name}",
                        pp.pointer,
                        old_props[name].node.get("description"),
                        prop.node.get("description"),
                        pp.node.get("description"),
                        line=pp.line,
                    )
        for ukey, pkey in sorted(self.mapping.operations.items()):
            old_op = base.operations.get(ukey)
            if old_op is None:
                continue
            uop, pop = self.up.operations[ukey], self.pub.operations[pkey]
            for field_ in ("summary", "description"):
                self.wording(
                    pop.label,
                    uop.label,
                    pop.pointer,
                    getattr(old_op, field_),
                    getattr(uop, field_),
                    getattr(pop, field_),
                    field_,
                    line=pop.source.line,
                )
            for key, param in uop.parameters.items():
                if key in pop.parameters and key in old_op.parameters:
                    pp = pop.parameters[key]
                    self.wording(
                        pop.label,
                        uop.label,
                        pp.pointer,
                        old_op.parameters[key].description,
                        param.description,
                        pp.description,
                        line=pp.source.line,
                    )
        if isinstance(base.info.get("description"), str):
            self.wording(
                "info",
                "info",
                "/info",
                base.info.get("description"),
                self.up.info.get("description"),
                self.pub.info.get("description"),
            )

    def requirements(self) -> None:
        """Three-way ``required``: a requirement upstream dropped since the baseline and the
        published schema still states is drift; without a baseline a published-only ``required``
        is curation and stays."""
        for u, p, old_s, us, ps in self.baseline_schemas():
            old_req, up_req = set(old_s.flattened_required()), set(us.flattened_required())
            up_props = us.flattened_properties()
            by_snake = {snake_case(n): n for n in up_props}
            for pname in ps.flattened_required():
                uname = pname if pname in up_props else by_snake.get(snake_case(pname))
                if uname is None or uname in up_req or uname not in old_req:
                    continue
                self.add(
                    "property-required-changed",
                    _Loc(f"{p}.{pname}", f"{u}.{uname}", ps.pointer, us.pointer),
                    "no longer required upstream (required in the baseline)",
                    pointer=join_pointer(ps.pointer, "required"),
                    details={"required": False, "name": pname},
                    line=ps.line,
                )

    # -- everything --------------------------------------------------------------------------
    def run(self) -> list[DriftItem]:
        m = self.mapping
        matched_pub = set(m.operations.values())
        for ukey in sorted(self.up.operations, key=lambda k: (k[1], k[0])):
            uop = self.up.operations[ukey]
            if ukey in m.operations:
                self.operation(uop, self.pub.operations[m.operations[ukey]])
                continue
            path = m.published_path(uop.path)
            same_shape = [
                op.path
                for op in self.pub.operations.values()
                if path_key(op.path) == path_key(path)
            ]
            path = same_shape[0] if same_shape else path
            label = f"{uop.method} {path}"
            details: dict[str, Any] = {"operationId": uop.operation_id}
            message = f"upstream operation {uop.operation_id or uop.label} is not published"
            if m.path_prefix and m.published_path(uop.path) == uop.path:
                details["outside_prefix"] = m.path_prefix
                message += f" (outside the {m.path_prefix} prefix of the published servers)"
            self.add(
                "operation-added",
                _Loc(label, uop.label, join_pointer("/paths", path, uop.method.lower())),
                message,
                details=details,
                up_pointer=uop.pointer,
                line=self.line_near(join_pointer("/paths", path)),
            )
        for pkey in sorted(self.pub.operations, key=lambda k: (k[1], k[0])):
            if pkey not in matched_pub and self.in_scope(self.pub.operations[pkey]):
                pop = self.pub.operations[pkey]
                if self.in_baseline_operation(pop):
                    kind_, message = (
                        "operation-removed",
                        "no longer exists upstream (in the baseline)",
                    )
                else:
                    kind_, message = "published-only", "published-only: no upstream operation"
                self.add(
                    kind_,
                    _Loc(pop.label, "", pop.pointer),
                    message,
                    details={"what": "operation"},
                    line=pop.source.line,
                )
        for u, p in sorted(m.schemas.items()):
            us, ps = self.up.schemas[u], self.pub.schemas[p]
            self.node(us, ps, _Loc(p, u, ps.pointer, us.pointer))
        skip_up = set(m.schemas) | set(m.error_schemas) | set(m.ignored) | self.corr.inline_up
        for u in sorted(self.up.schemas):
            if u not in skip_up:
                name = m.published_name(u)
                self.add(
                    "schema-added",
                    _Loc(name, u, join_pointer(self._schemas_pointer(), name)),
                    f"upstream schema {u} is not published",
                    up_pointer=self.up.schemas[u].pointer,
                    line=self.line_near(self._schemas_pointer()),
                )
        skip_pub = (
            self.mapped_pub
            | {m.error_schema}
            | self.corr.inline_pub
            | set(m.ignored)
            | set(m.error_schemas)
        )
        # schemas that mapped ones are built from (allOf parts, referenced types) are covered by
        # the comparison of those; only unreachable published-only schemas are reported
        scoped = self.scoped_schemas()
        left = {
            p
            for p in self.pub.schemas
            if p not in skip_pub and not is_well_known(p) and (scoped is None or p in scoped)
        }
        if left:  # a spec whose every schema has its pair needs no walk
            skip_pub |= _reachable(self.pub, sorted(self.mapped_pub), until=left)
        for p in sorted(left):
            if p not in skip_pub:
                ps = self.pub.schemas[p]
                if self.in_baseline_schema(p):
                    kind_, message = "schema-removed", "no longer exists upstream (in the baseline)"
                else:
                    kind_, message = "published-only", "published-only: no upstream schema"
                self.add(
                    kind_,
                    _Loc(p, "", ps.pointer),
                    message,
                    details={"what": "schema"},
                    line=ps.line,
                )
        self.descriptions()
        self.requirements()
        if self.corr.snake_pairs > self.corr.camel_pairs:
            self.publish_snake_case()
        return _dedupe(self.items)

    def publish_snake_case(self) -> None:
        """The published spec writes upstream's lowerCamelCase JSON names in snake_case: new
        property names follow it."""
        for item in self.items:
            if item.kind == "property-added":
                head, _, name = item.published_location.rpartition(".")
                item.published_location = f"{head}.{snake_case(name)}"
                parent = item.pointer.rsplit("/", 1)[0]
                item.pointer = join_pointer(parent, snake_case(name))
            elif item.kind == "property-renamed":
                item.details["to"] = snake_case(item.details["to"])

    def in_baseline_operation(self, pop: Operation) -> bool:
        """A published operation the baseline (the upstream as last synced) had: upstream
        removed it since, a real removal."""
        if self.baseline is None:
            return False
        key = path_key(pop.path)
        return any(
            op.method == pop.method and path_key(self.mapping.published_path(op.path)) == key
            for op in self.baseline.operations.values()
        )

    def in_baseline_schema(self, name: str) -> bool:
        """A published schema whose counterpart the baseline had and upstream lost."""
        if self.baseline is None:
            return False
        key = name_key(name)
        return any(name_key(u) == key and u not in self.up.schemas for u in self.baseline.schemas)

    def in_scope(self, op: Operation) -> bool:
        """Published operations outside ``scope`` belong to other APIs of the same spec."""
        return self.scope is None or any(op.path.startswith(prefix) for prefix in self.scope)

    def scoped_schemas(self) -> set[str] | None:
        """Published schemas used by in-scope operations (None: no scope, all of them)."""
        if self.scope is None:
            return None
        roots: set[str] = set()
        for op in self.pub.operations.values():
            if not self.in_scope(op):
                continue
            nodes = [p.schema for p in op.parameters.values()]
            nodes.append(_body(op))
            for resp in op.responses.values():
                nodes.extend(mt.schema for mt in resp.content.values())
            roots.update(n for n in (ref_name(x) for x in nodes if x is not None) if n)
        return _reachable(self.pub, sorted(roots))

    def line_near(self, pointer: str) -> int | None:
        """Line of the deepest existing node on ``pointer`` in the published entry document."""
        node, line = self.pub.ws.data, None
        for token in split_pointer(pointer):
            if not isinstance(node, dict) or token not in node:
                break
            line = line_of(node, token) or line
            node = node[token]
        return line

    def _schemas_pointer(self) -> str:
        return "/definitions" if self.pub.version == "2.0" else "/components/schemas"


def _dedupe(items: list[DriftItem]) -> list[DriftItem]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for item in sorted(items, key=lambda i: (*i.sort_key, "in" in i.details)):
        details = (
            {"value": item.details.get("value")} if item.kind.startswith("enum-") else item.details
        )
        key = (item.kind, item.pointer, json.dumps(details, sort_keys=True, default=str))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _proto_renames(
    upstream: Spec, overrides: dict[str, Any]
) -> tuple[dict[str, dict[str, tuple[str, int]]], list[str]]:
    """Renames by proto field number, from ``protos`` and ``baseline_protos`` (with
    ``proto_path`` for imports), and notes; nothing unless both trees are given."""
    if not overrides.get("protos") or not overrides.get("baseline_protos"):
        return {}, []
    from specward.drift import protos

    includes = _strings(overrides.get("proto_path"))
    old_roots, new_roots = _strings(overrides["baseline_protos"]), _strings(overrides["protos"])
    before = protos.descriptor_sets(old_roots, includes)
    after = protos.descriptor_sets(new_roots, includes, exclude=old_roots)
    renames = protos.field_renames(before.fds, after.fds)
    properties = {n: set(s.flattened_properties()) for n, s in upstream.schemas.items()}
    notes = [f"protos: fields matched by number, {len(renames)} renamed since the baseline protos"]
    skipped = sorted({os.path.basename(p) for p in before.skipped + after.skipped})
    if skipped:
        notes.append(f"protos: {', '.join(skipped)} not read: imports not found (see --proto-path)")
    return protos.renames_by_definition(renames, list(upstream.schemas), properties), notes


def _strings(value: Any) -> list[str]:
    """A contract value that may be one string or a list of them."""
    if not value:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _levels(overrides: dict[str, Any]) -> dict[str, str]:
    levels: dict[str, str] = {}
    if overrides.get("fail_on_published_only"):
        levels.update({k: "error" for k in PUBLISHED_ONLY})
    for kind_, level in (overrides.get("levels") or {}).items():
        if kind_ not in KINDS:
            raise SpecwardError(f"drift.levels: unknown kind {kind_!r} (known: {', '.join(KINDS)})")
        if level not in LEVELS:
            raise SpecwardError(f"drift.levels.{kind_}: level must be one of {', '.join(LEVELS)}")
        levels[str(kind_)] = str(level)
    return levels


def compare(
    upstream: Spec,
    published: Spec,
    *,
    mapping_overrides: dict[str, Any] | None = None,
    baseline: Spec | None = None,
) -> DriftResult:
    """Compare ``upstream`` (usually grpc-gateway Swagger 2.0) with ``published`` (OpenAPI 3.x)."""
    overrides = dict(mapping_overrides or {})
    mapping = infer_mapping(upstream, published, overrides)
    proto_renames, proto_notes = _proto_renames(upstream, overrides)
    comparer = _Comparer(upstream, published, mapping, baseline, _levels(overrides), proto_renames)
    if overrides.get("scope"):
        scope = overrides["scope"]
        comparer.scope = [str(s) for s in (scope if isinstance(scope, list) else [scope])]
    items = run_deep(comparer.run, what=f"{upstream.name} and {published.name}")
    silenced = {str(x) for x in overrides.get("published_only") or []}
    if silenced:
        items = [
            i for i in items if not (i.kind in PUBLISHED_ONLY and i.published_location in silenced)
        ]
    ignore = {str(x) for x in overrides.get("ignore") or []}
    if ignore:
        items = [
            i
            for i in items
            if i.published_location not in ignore and i.upstream_location not in ignore
        ]
    notes = list(proto_notes)
    for spec in (upstream, published, baseline):
        if spec is not None:  # compared as empty schemas: said once, where the $ref is written
            notes.extend(f"{text} (compared as an empty schema)" for text in spec.ws.refused)
    if baseline is None:
        notes.append("no baseline: description differences are not reported (see --baseline)")
    unclaimed = list(comparer.classifier.unclaimed)
    _place(items, published)
    return DriftResult(upstream, published, mapping, items, baseline, notes, unclaimed)


def _place(items: list[DriftItem], published: Spec) -> None:
    """Put each item at the line of the deepest key of its pointer written in the published
    file: one rule for every kind, whether the file was read with its lines or not."""
    ws = published.ws
    placed = []
    for item in items:
        try:
            placed.append((item, split_pointer(item.pointer)))
        except ValueError:
            continue  # not a pointer: the item keeps the place the comparer gave it
    lines = ws.lines_at(ws.entry, [path for _, path in placed])
    for (item, _), line in zip(placed, lines, strict=True):
        item.source = Source(published.name, line)
