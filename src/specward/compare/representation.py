"""The representation hook: what a schema node *means* on the wire, with grpc-gateway's
representation choices folded in, so that comparing an upstream (protoc-gen-openapiv2) spec with
a published one reports real differences only. ``drift`` and ``sync`` compare through it;
``breaking`` compares two versions of one spec and needs none.

- int64, uint64 and the fixed/sint variants are JSON strings upstream; a published ``string``
  with or without an int64/uint64 format is the same thing.
- Timestamp is ``string``/``date-time``, Duration a ``string``, Struct an ``object``, Value
  anything, Any an ``object`` with ``@type``; wrappers are (nullable) primitives.
- A union of objects (``oneOf``) may stand for a flattened proto ``oneof`` (one object holding
  every field of the oneof): :class:`UnionView`.
- Nullability is not compared: wrappers and ``optional`` make upstream fields nullable in ways
  published specs rarely spell out.
"""

from __future__ import annotations

import re
from typing import Any

from specward.compare.schema_facts import Facts, Types
from specward.model import Schema

# Well-known types that grpc-gateway emits as definitions but published specs write inline.
_WELL_KNOWN = re.compile(r"^(google)?protobuf[A-Z_]\w*$")


def is_well_known(name: str) -> bool:
    """``protobufAny``, ``protobufNullValue``, ``googleprotobufStruct``…: written inline when published."""
    return bool(_WELL_KNOWN.match(name))


INT64_FORMATS = frozenset({"int64", "uint64", "fixed64", "sfixed64", "sint64"})
_IGNORED_FORMATS = {"boolean": None}  # grpc-gateway writes format: boolean on bools

ANY = "any"
COMPOSITE = "composite"


def unwrap(schema: Schema) -> Schema:
    """The meaningful node: ``allOf: [X]`` and ``anyOf/oneOf: [X, {type: null}]`` stand for X."""
    node = schema.node
    if "allOf" not in node and "anyOf" not in node and "oneOf" not in node:
        return schema  # the common case: nothing to unwrap
    seen: set[tuple[str, str]] = set()
    while schema.identity not in seen:
        seen.add(schema.identity)
        node = schema.node
        if schema.ref is not None:
            return schema
        parts = schema.all_of if "allOf" in node else []
        if len(parts) == 1 and not node.get("properties"):
            schema = parts[0]
            continue
        for key in ("anyOf", "oneOf"):
            if key in node:
                members = schema.any_of if key == "anyOf" else schema.one_of
                real = [
                    m for m in members if m.types != frozenset({"null"}) and m.get("type") != "null"
                ]
                if len(real) == 1:
                    schema = real[0]
                    break
        else:
            return schema
    return schema


def ref_name(schema: Schema) -> str | None:
    """Component name this node refers to (after unwrapping), if any."""
    schema = unwrap(schema)
    return schema.ref_name if schema.ref is not None else None


def kind(schema: Schema) -> str:
    """``object``, ``array``, ``string``, ``integer``, ``number``, ``boolean``, ``any`` or
    ``composite``. Refs are followed; upstream well-known types get their wire kind."""
    schema = unwrap(schema)
    name = schema.ref_name if schema.ref is not None else None
    if name and is_well_known(name):
        lowered = name.lower()
        if lowered.endswith(("nullvalue", "value")) and not lowered.endswith("listvalue"):
            return ANY
        if lowered.endswith("listvalue"):
            return "array"
        return "object"
    target = schema.resolve()
    types = target.types - {"null"}
    if len(types) == 1:
        return next(iter(types))
    if len(types) > 1:
        return COMPOSITE
    node = target.node
    if "properties" in node or "additionalProperties" in node:
        return "object"
    if "items" in node:
        return "array"
    enum = target.enum
    if enum:
        values = {type(v).__name__ for v in enum if v is not None}
        if values == {"str"}:
            return "string"
        if values <= {"int"}:
            return "integer"
    if "allOf" in node and not any(k in node for k in ("oneOf", "anyOf")):
        parts = {kind(part) for part in target.all_of} - {ANY}
        if parts <= {"object"}:
            return "object"  # allOf composition of objects: compared through flattened properties
    if any(k in node for k in ("allOf", "oneOf", "anyOf")):
        return COMPOSITE
    return ANY


def wire_format(schema: Schema) -> str | None:
    """The format that matters: ``None`` for ignorable ones (``boolean``)."""
    fmt = unwrap(schema).resolve().format
    if fmt in _IGNORED_FORMATS:
        return None
    return fmt


def formats_differ(upstream: Schema, published: Schema) -> bool:
    """True when both sides name a format and they disagree (int64 and uint64 strings agree)."""
    a, b = wire_format(upstream), wire_format(published)
    if a is None or b is None or a == b:
        return False
    return not (a in INT64_FORMATS and b in INT64_FORMATS)


def describe(schema: Schema | None, rename: dict[str, str] | None = None) -> str:
    """Short human form: ``string (int64)``, ``array of RL.Foo``, ``object``."""
    if schema is None:
        return "nothing"
    k = kind(schema)
    name = ref_name(schema)
    if name and not is_well_known(name):
        return (rename or {}).get(name, name)
    if k == "array":
        items = unwrap(schema).resolve().items
        return f"array of {describe(items, rename)}" if items is not None else "array"
    fmt = wire_format(schema)
    return f"{k} ({fmt})" if fmt else k


def unspecified(value: object) -> bool:
    """Proto3 enums start with a zero value named ``*_UNSPECIFIED`` (or ``UNSPECIFIED``)."""
    return isinstance(value, str) and (value == "UNSPECIFIED" or value.endswith("_UNSPECIFIED"))


class UnionView:
    """A published ``oneOf``/``anyOf`` of objects seen as one object: the union of the
    variants' properties (first variant wins), required = what every variant requires."""

    def __init__(self, schema: Schema, variants: list[Schema]) -> None:
        self.schema = schema
        self.pointer = schema.pointer
        self.line = schema.line
        self.props: dict[str, Schema] = dict(schema.flattened_properties())  # shared ones
        required: set[str] | None = None
        for variant in variants:
            target = unwrap(variant).resolve()
            for name, prop in target.flattened_properties().items():
                self.props.setdefault(name, prop)
            req = set(target.flattened_required())
            required = req if required is None else required & req
        self.required = sorted((required or set()) | set(schema.flattened_required()))

    def flattened_properties(self) -> dict[str, Schema]:
        return dict(self.props)

    def flattened_required(self) -> list[str]:
        return list(self.required)


def matcher_node(schema: Schema) -> dict[str, Any]:
    """The node the rename matcher reads: the property's own keywords, with the referenced
    schema's description when the property is only a ``$ref``."""
    node = dict(schema.node) if isinstance(schema.node, dict) else {}
    if "$ref" in node and "description" not in node:
        node["description"] = schema.resolve().get("description")
    return node


def _types(schema: Schema) -> Types:
    """The wire kind as the differ's types: None for anything, ``{"composite"}`` for unions."""
    found = kind(schema)
    return None if found == ANY else frozenset({found})


class GatewayRepresentation:
    """The schema differ's representation hook for upstream (grpc-gateway) against published:
    kinds as above, formats compared only when both sides name one, no nullability, and a
    published union of objects standing for upstream's flattened oneof. Constraints, defaults
    and the 2020-12 keywords are the published spec's own curation, not compared."""

    nullability = False
    keywords = False
    hidden = False

    def facts(self, schema: Schema) -> Facts:
        core = unwrap(schema)
        return Facts(core, types=_types(core))

    def opaque(self, schema: Schema) -> bool:
        name = ref_name(schema)
        return bool(name and is_well_known(name))

    def type_reported(self, tb: Types, th: Types) -> bool:
        return tb is not None and th is not None and tb != th and _concrete(tb, th)

    def comparable(self, tb: Types, th: Types) -> bool:
        return tb is not None and tb == th and _concrete(tb, th)

    def formats_differ(self, base: Schema, head: Schema) -> bool:
        return formats_differ(head, base)

    def union(self, fb: Facts, fh: Facts) -> UnionView | None:
        variants = fb.variants
        if fh.variants is not None or not variants or fh.types != frozenset({"object"}):
            return None
        if all(kind(v) == "object" for v in variants):
            return UnionView(fb.core, variants)
        return None

    def matcher_node(self, schema: Schema) -> dict[str, Any]:
        return matcher_node(schema)


def _concrete(*types: Types) -> bool:
    return not any(t is not None and COMPOSITE in t for t in types)


GATEWAY = GatewayRepresentation()
