"""Infer how an upstream (grpc-gateway) spec maps onto the published one.

Nothing needs configuring in the common case:

- the path prefix is the part of the upstream paths that the published servers' base path
  explains (``/v1/rl/x`` upstream, ``/rl/x`` under ``https://host/v1``);
- operations match by method and path shape (path parameters compared by position);
- schemas match by name once the package prefix and namespace are stripped (``v1Foo`` and
  ``RL.Foo``), then by usage: the bodies and responses of matched operations, and the
  properties of matched schemas, pair the schemas they refer to;
- ``rpcStatus``/``googleRpcStatus``/``runtimeError`` (and whatever upstream ``default``
  responses use) map to the published error schema, the one published error responses use.

A contract's ``drift:`` section can override any part (see docs/drift.md).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from specward.compare.representation import is_well_known, kind, ref_name, unwrap
from specward.drift.names import core_name, is_error_name, name_key, namespace_of
from specward.errors import SpecwardError
from specward.load.parse import line_of
from specward.load.pointer import join_pointer
from specward.model import Operation, Schema, Spec, path_key

OpKey = tuple[str, str]


@dataclass
class Mapping:
    """The correspondence between the two specs, with the reason for every schema pair."""

    path_prefix: str = ""
    operations: dict[OpKey, OpKey] = field(default_factory=dict)
    schemas: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    error_schemas: list[str] = field(default_factory=list)  # upstream names
    error_schema: str | None = None  # published name
    ignored: list[str] = field(default_factory=list)  # upstream well-known types
    namespace: str = ""  # how new upstream schemas are named when published
    keep_upstream_names: bool = False
    new_names: dict[str, str] = field(default_factory=dict)  # unmatched upstream -> name when added

    def published_path(self, upstream_path: str) -> str:
        """Where an upstream path lives in the published spec."""
        prefix = self.path_prefix
        if prefix and (upstream_path == prefix or upstream_path.startswith(prefix + "/")):
            return upstream_path[len(prefix) :] or "/"
        return upstream_path

    def published_name(self, upstream: str) -> str:
        """The published name of an upstream schema: its match, or the name a new one gets."""
        if upstream in self.schemas:
            return self.schemas[upstream]
        if upstream in self.error_schemas and self.error_schema:
            return self.error_schema
        if upstream in self.new_names:
            return self.new_names[upstream]
        if self.keep_upstream_names:
            return upstream
        return self.namespace + core_name(upstream)

    def as_dict(self, upstream: Spec, published: Spec) -> dict[str, Any]:
        """JSON form: prefix, operations and schemas (sorted), error schema, ignored types."""
        ops = []
        for ukey, pkey in sorted(self.operations.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            ops.append(
                {
                    "upstream": upstream.operations[ukey].label,
                    "published": published.operations[pkey].label,
                }
            )
        return {
            "path_prefix": self.path_prefix,
            "operations": ops,
            "schemas": {
                u: {"published": p, "by": self.reasons.get(u, "name")}
                for u, p in sorted(self.schemas.items())
            },
            "error_schema": {
                "upstream": sorted(self.error_schemas),
                "published": self.error_schema,
            },
            "ignored": sorted(self.ignored),
            "new_schema_names": "upstream names"
            if self.keep_upstream_names
            else f"{self.namespace}<Name>",
        }


def _success(op: Operation) -> Schema | None:
    for status in sorted(op.responses):
        if status.startswith("2"):
            for media in op.responses[status].content.values():
                if media.schema is not None:
                    return media.schema
    return None


def _body(op: Operation) -> Schema | None:
    if op.request_body is None:
        return None
    for media in op.request_body.content.values():
        if media.schema is not None:
            return media.schema
    return None


def _error_refs(spec: Spec, *, default_only: bool = False) -> Counter[str]:
    """How often each schema is used by error responses (``default`` counts double)."""
    counts: Counter[str] = Counter()
    for op in spec.operations.values():
        for status, resp in op.responses.items():
            if status.startswith(("2", "1", "3")) or (default_only and status != "default"):
                continue
            for media in resp.content.values():
                name = ref_name(media.schema) if media.schema is not None else None
                if name:
                    counts[name] += 2 if status == "default" else 1
    return counts


def _prop_overlap(a: Schema, b: Schema) -> float:
    pa, pb = set(a.flattened_properties()), set(b.flattened_properties())
    if not pa and not pb:
        return 1.0 if a.enum and b.enum and set(map(str, a.enum)) & set(map(str, b.enum)) else 0.5
    return len(pa & pb) / max(len(pa | pb), 1)


def _compatible(a: Schema, b: Schema) -> bool:
    ka, kb = kind(a), kind(b)
    if "composite" in (ka, kb):  # a oneOf/anyOf may stand for a (flattened) proto oneof
        return {ka, kb} <= {"composite", "object"}
    return ka == kb or "any" in (ka, kb)


def _op_key(spec: Spec, text: str) -> OpKey | None:
    """An operation named as ``"METHOD /path"`` or by operationId."""
    method, _, path = text.strip().partition(" ")
    if path:
        key = (method.upper(), path_key(path))
        return key if key in spec.operations else None
    for key, op in spec.operations.items():
        if op.operation_id == text:
            return key
    return None


def infer_mapping(
    upstream: Spec, published: Spec, overrides: dict[str, Any] | None = None
) -> Mapping:
    """Work out the mapping; ``overrides`` is a contract's ``drift:`` section."""
    overrides = overrides or {}
    mapping = Mapping()

    # -- paths and operations --------------------------------------------------------------
    if "path_prefix" in overrides:
        prefixes = [str(overrides["path_prefix"] or "").rstrip("/")]
    else:
        up_base, pub_base = upstream.base_path, published.base_path
        prefixes = [""]
        if pub_base.startswith(up_base) and pub_base != up_base:
            prefixes.append(pub_base[len(up_base) :])
        if up_base.startswith(pub_base) and up_base != pub_base:
            prefixes.append("")  # handled by comparing paths as written

    def match_ops(prefix: str) -> dict[OpKey, OpKey]:
        mapping.path_prefix = prefix
        found = {}
        for key, op in upstream.operations.items():
            pkey = (op.method, path_key(mapping.published_path(op.path)))
            if pkey in published.operations:
                found[key] = pkey
        return found

    best = max(prefixes, key=lambda p: (len(match_ops(p)), len(p)))
    mapping.operations = match_ops(best)
    for utext, ptext in (overrides.get("operations") or {}).items():
        ukey, pkey = _op_key(upstream, str(utext)), _op_key(published, str(ptext))
        if ukey is None or pkey is None:
            missing = utext if ukey is None else ptext
            raise SpecwardError(f"drift.operations: no operation {missing!r}")
        mapping.operations = {k: v for k, v in mapping.operations.items() if v != pkey}
        mapping.operations[ukey] = pkey

    # -- error schema ------------------------------------------------------------------------
    up_errors = _error_refs(upstream, default_only=True)
    mapping.error_schemas = sorted(
        {n for n in upstream.schemas if is_error_name(n)}
        | {n for n in up_errors if n in upstream.schemas}
    )
    if overrides.get("error_schema"):
        mapping.error_schema = str(overrides["error_schema"])
        if mapping.error_schema not in published.schemas:
            raise SpecwardError(f"drift.error_schema: no published schema {mapping.error_schema!r}")
    else:
        pub_errors = _error_refs(published)
        if pub_errors:
            mapping.error_schema = sorted(pub_errors.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if mapping.error_schema is None:
        mapping.error_schemas = []  # nothing to map them to: they are ordinary schemas
    error_only: set[str] = set()
    if mapping.error_schemas:  # else nothing is error-only: skip the walk over every schema
        error_only = _reachable(upstream, mapping.error_schemas) - _reachable(
            upstream,
            [n for n in upstream.schemas if n not in mapping.error_schemas],
            skip=set(mapping.error_schemas),
        )
    mapping.ignored = sorted(
        n
        for n in upstream.schemas
        if is_well_known(n) or (n in error_only and n not in mapping.error_schemas)
    )

    # -- schemas -----------------------------------------------------------------------------
    skip_up = set(mapping.error_schemas) | set(mapping.ignored)
    skip_pub = {mapping.error_schema} if mapping.error_schema else set()
    taken: set[str] = set()
    unpaired = {u for u in upstream.schemas if u not in skip_up}  # the walks below pair these

    def pair(u: str, p: str, why: str) -> bool:
        if u in mapping.schemas or p in taken or u in skip_up:
            return False
        if p in skip_pub and not (why in ("name", "override") and name_key(u) == name_key(p)):
            return False  # the published error schema pairs only with its namesake
        if u not in upstream.schemas or p not in published.schemas:
            return False
        if why != "override" and not _compatible(upstream.schemas[u], published.schemas[p]):
            return False
        mapping.schemas[u] = p
        mapping.reasons[u] = why
        taken.add(p)
        unpaired.discard(u)
        return True

    for u, p in (overrides.get("schemas") or {}).items():
        if str(u) not in upstream.schemas:
            raise SpecwardError(f"drift.schemas: no upstream schema {u!r}")
        if str(p) not in published.schemas:
            raise SpecwardError(f"drift.schemas: no published schema {p!r}")
        pair(str(u), str(p), "override")
    for u in upstream.schemas:
        if u in published.schemas:
            pair(u, u, "name")
    by_key: dict[str, list[str]] = {}
    for p in published.schemas:
        if p not in taken:
            by_key.setdefault(name_key(p), []).append(p)
    ambiguous: list[str] = []
    up_by_key: Counter[str] = Counter(name_key(u) for u in upstream.schemas if u not in skip_up)
    for u in upstream.schemas:
        cands = by_key.get(name_key(u), [])
        if len(cands) == 1 and up_by_key[name_key(u)] == 1:
            pair(u, cands[0], "name")
        elif cands:
            ambiguous.append(u)

    # usage: bodies and responses of matched operations, then properties of matched schemas
    pending: deque[tuple[Schema, Schema]] = deque()  # first in, first out, in constant time
    for ukey, pkey in sorted(mapping.operations.items()):
        uop, pop = upstream.operations[ukey], published.operations[pkey]
        for a, b in ((_body(uop), _body(pop)), (_success(uop), _success(pop))):
            if a is not None and b is not None:
                pending.append((a, b))
    for u, p in list(mapping.schemas.items()):
        pending.append((upstream.schemas[u], published.schemas[p]))
    seen: set[tuple[Any, Any]] = set()
    while pending and unpaired:  # once every schema has its pair, the walk can find no more
        a, b = pending.popleft()
        if _leaf(a) or _leaf(b):
            continue  # nothing to pair and nothing below (see _leaf)
        a, b = unwrap(a), unwrap(b)
        mark = (a.identity, b.identity)
        if mark in seen:
            continue
        seen.add(mark)
        ua = a.ref_name if a.ref is not None else None  # ref_name(a), a being unwrapped
        pb = b.ref_name if b.ref is not None else None
        if (
            ua
            and pb
            and ua not in mapping.schemas
            and pb not in taken
            and _prop_overlap(a.resolve(), b.resolve()) > 0
        ):
            pair(ua, pb, "usage")
        if ua and pb and mapping.schemas.get(ua) != pb:
            continue
        ra, rb = a.resolve(), b.resolve()
        pending.extend(_common_properties(ra, rb))
        if ra.items is not None and rb.items is not None:
            pending.append((ra.items, rb.items))
        xa, xb = ra.additional_properties, rb.additional_properties
        if isinstance(xa, Schema) and isinstance(xb, Schema):
            pending.append((xa, xb))

    # ambiguous names: best structural match among same-named candidates
    for u in ambiguous:
        cands = [p for p in by_key.get(name_key(u), []) if p not in taken]
        if cands:
            best_p = max(
                cands, key=lambda p: (_prop_overlap(upstream.schemas[u], published.schemas[p]), p)
            )
            if _prop_overlap(upstream.schemas[u], published.schemas[best_p]) >= 0.5:
                pair(u, best_p, "structure")

    # -- naming of new schemas ----------------------------------------------------------------
    votes: Counter[str | None] = Counter()
    for u, p in mapping.schemas.items():
        if mapping.reasons.get(u) == "override":
            continue
        votes[None if u == p else namespace_of(u, p)] += 1
    if "namespace" in overrides:
        mapping.namespace = str(overrides["namespace"] or "")
    elif votes:
        top = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] or ""))[0][0]
        if top is None:
            mapping.keep_upstream_names = True
        else:
            mapping.namespace = top
    used = set(published.schemas)
    for u in upstream.schemas:
        if u in mapping.schemas or u in skip_up:
            continue
        name = mapping.published_name(u)
        if name in used:
            name = (
                u
                if u not in used
                else next(f"{name}{i}" for i in range(2, 10_000) if f"{name}{i}" not in used)
            )
        mapping.new_names[u] = name
        used.add(name)
    return mapping


_BRANCH_KEYS = frozenset(
    ("$ref", "properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf")
)


def _leaf(schema: Schema) -> bool:
    """A node with no reference and no subschema that the walks follow (``{type: string}``).

    The usage walk learns nothing from a pair with a leaf on either side: a leaf names no
    component, has no properties, items or additional properties, and unwraps to itself.
    """
    return _raw_leaf(schema.node)


def _raw_leaf(node: dict[str, Any]) -> bool:
    return _BRANCH_KEYS.isdisjoint(node)


def _common_properties(ra: Schema, rb: Schema) -> list[tuple[Schema, Schema]]:
    """The properties both resolved schemas have, as pairs, in ``ra``'s order, leaves left out.

    Without ``allOf`` the views are built only for the pairs kept: a large spec has hundreds
    of thousands of leaf properties, and building a view of each is most of the walk.
    """
    own_a, own_b = ra.node.get("properties"), rb.node.get("properties")
    if "allOf" in ra.node or "allOf" in rb.node or not _str_keys(own_a) or not _str_keys(own_b):
        pa, pb = ra.flattened_properties(), rb.flattened_properties()
        return [(pa[n], pb[n]) for n in pa if n in pb and not (_leaf(pa[n]) or _leaf(pb[n]))]
    if not own_a or not own_b:
        return []
    out = []
    for name, node in own_a.items():
        other = own_b.get(name)
        if (
            isinstance(node, dict)
            and isinstance(other, dict)
            and not (_raw_leaf(node) or _raw_leaf(other))
        ):
            out.append((_property(ra, own_a, name), _property(rb, own_b, name)))
    return out


def _str_keys(props: Any) -> bool:
    """A ``properties`` mapping whose names are all text (absent counts as such)."""
    return props is None or (isinstance(props, dict) and all(type(k) is str for k in props))


def _property(owner: Schema, props: dict[str, Any], name: str) -> Schema:
    """``owner.properties[name]``, built alone."""
    return Schema(
        owner.ws,
        owner.doc,
        props[name],
        join_pointer(owner.pointer, "properties", name),
        line_of(props, name),
    )


def _reachable(
    spec: Spec, roots: list[str], skip: set[str] | None = None, *, until: set[str] | None = None
) -> set[str]:
    """Names of the schemas reachable from ``roots`` (the roots included), not entering
    ``skip``. With ``until``, the walk may stop once every name in it has been reached."""
    skip = skip or set()
    root_names = set(roots)
    out: set[str] = set()
    stack = [spec.schemas[r] for r in roots if r in spec.schemas]
    visited: set[tuple[str, str]] = set()
    left = None if until is None else until - root_names
    while stack and left != set():
        schema = stack.pop()
        name = schema.ref_name if schema.ref is not None else schema.name
        if schema.identity in visited:
            continue
        visited.add(schema.identity)
        if name:
            if name in skip and name not in root_names:
                continue
            out.add(name)
            if left is not None:
                left.discard(name)
        stack.extend(_branches(schema.resolve()))
    return out


def _branches(target: Schema) -> list[Schema]:
    """The subschemas of ``target`` that lead somewhere: leaves below a schema are never
    components themselves (their pointers are longer), so a walk has nothing to find there."""
    own = target.node.get("properties")
    if "allOf" not in target.node and isinstance(own, dict) and _str_keys(own):
        below = [
            _property(target, own, name)
            for name, node in own.items()
            if isinstance(node, dict) and not _raw_leaf(node)
        ]  # the views of leaf properties are not built (most of a large spec's nodes)
    else:
        below = list(target.flattened_properties().values())
    below += [*target.all_of, *target.one_of]
    below += target.any_of
    if target.items is not None:
        below.append(target.items)
    extra = target.additional_properties
    if isinstance(extra, Schema):
        below.append(extra)
    return [child for child in below if not _leaf(child)]


def explain_text(mapping: Mapping, upstream: Spec, published: Spec) -> str:
    """The mapping as readable text (``--explain``)."""
    data = mapping.as_dict(upstream, published)
    lines = [
        f"path prefix: {data['path_prefix'] or '(none)'} (upstream paths minus this = published paths)"
    ]
    lines.append(f"operations ({len(data['operations'])} matched):")
    lines += [f"  {o['upstream']}  ->  {o['published']}" for o in data["operations"]]
    lines.append(f"schemas ({len(data['schemas'])} matched):")
    lines += [f"  {u}  ->  {v['published']}  [{v['by']}]" for u, v in data["schemas"].items()]
    err = data["error_schema"]
    lines.append(
        f"error schema: {', '.join(err['upstream']) or '(none upstream)'}  ->  {err['published'] or '(none published)'}"
    )
    if data["ignored"]:
        lines.append(f"ignored (well-known or error-only types): {', '.join(data['ignored'])}")
    lines.append(f"new schemas are named: {data['new_schema_names']}")
    return "\n".join(lines) + "\n"
