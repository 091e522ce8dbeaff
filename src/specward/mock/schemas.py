"""OpenAPI schemas as JSON Schema 2020-12: conversion, a ``$ref`` registry and compiled validators.

Every document of the workspace is converted once (3.0 ``nullable`` and 2.0 ``x-nullable`` become
type lists, boolean ``exclusiveMinimum`` becomes numeric, every ``$ref`` becomes absolute) and
registered under its file URI, so recursive schemas are resolved by reference, never inlined.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import quote, unquote, urljoin

import jsonschema_rs

from specward.load.pointer import split_pointer
from specward.load.resolver import retriever
from specward.mock.violations import MAX_VIOLATIONS, Violation, humanize
from specward.model import Schema, Spec

_FORMAT_CHECKED = True
MAX_NESTING = 240  # JSON levels jsonschema-rs accepts in a document (it refuses 255)


def pointer_uri(base: str, pointer: str) -> str:
    """``file:///spec.yaml#/components/schemas/A`` for a document URI and a JSON pointer."""
    return f"{base}#{quote(pointer, safe='/~')}"


class SchemaSet:
    """Converted documents, their registry, and validators compiled on demand (cached).

    ``mode`` is the direction the schemas are read in: ``response`` (writeOnly properties are not
    required) or ``request`` (readOnly properties are not required), as OpenAPI says.
    """

    def __init__(self, spec: Spec, mode: str = "response") -> None:
        self.spec = spec
        self.mode = mode
        self.legacy = spec.version in ("2.0", "3.0")
        self.problems: list[str] = []
        self.readonly_required = False  # whether a request view differs from this one
        self._patterns: dict[str, bool] = {}
        ws = spec.ws
        for _ in ws.iter_refs():  # load every reachable document
            pass
        self.docs: dict[str, Any] = {}
        self.doc_uri: dict[str, str] = {}
        for path, doc in sorted(ws.docs.items(), key=lambda kv: str(kv[0])):
            uri = path.as_uri()
            self.doc_uri[str(path)] = uri
            self.docs[uri] = self.convert(doc.data, uri)
        self._retrieve = retriever(ws)  # the project's resolver: no network, no outside file
        self.registry = jsonschema_rs.Registry(list(self.docs.items()), retriever=self._retrieve)
        self._validators: dict[int, Any] = {}
        self._keep: list[Any] = []
        self._props: dict[int, dict[str, Any]] = {}
        self._required: dict[int, set[str]] = {}

    def request_view(self) -> SchemaSet:
        """The same documents read as requests (itself when no readOnly property is required)."""
        return SchemaSet(self.spec, "request") if self.readonly_required else self

    # -- conversion ----------------------------------------------------------------------------
    def convert(self, node: Any, base: str) -> Any:
        """A plain JSON copy of ``node`` in JSON Schema 2020-12 terms, with absolute ``$ref``s.

        Iterative (any nesting depth); every mapping is finished after its children.
        """
        holder: dict[str, Any] = {}
        work: list[tuple[Any, Any, Any, int]] = [(node, holder, "v", 0)]
        cut = False
        while work:
            src, parent, key, depth = work.pop()
            if depth < 0:
                self._finish(src)
                continue
            if isinstance(src, (list, dict)) and depth >= MAX_NESTING:
                parent[key], cut = {}, True  # jsonschema-rs cannot hold deeper documents
            elif isinstance(src, list):
                out_list: list[Any] = [None] * len(src)
                parent[key] = out_list
                work.extend((v, out_list, i, depth + 1) for i, v in enumerate(src))
            elif not isinstance(src, dict):
                parent[key] = src
            elif key not in _NAME_MAPS and any(_extension(k, v) for k, v in src.items()):
                # extension data (x-... mappings and lists) means nothing to validation: skipped,
                # so an alias-laden x- section is never expanded into copies
                work.append(
                    ({k: v for k, v in src.items() if not _extension(k, v)}, parent, key, depth)
                )
            elif isinstance(src.get("$ref"), str):
                ref = self._ref(src["$ref"], base)
                if ref is None:
                    parent[key] = {}
                elif self.legacy:  # siblings of $ref are ignored before 3.1
                    parent[key] = {"$ref": ref}
                else:
                    out = {str(k): None for k in src if k != "$ref"}
                    out["$ref"] = ref
                    parent[key] = out
                    work.extend((v, out, str(k), depth + 1) for k, v in src.items() if k != "$ref")
            else:
                out = {str(k): None for k in src}
                parent[key] = out
                work.append((out, None, None, -1))
                work.extend((v, out, str(k), depth + 1) for k, v in src.items())
        if cut:
            self.problems.append(
                f"{base.rsplit('/', 1)[-1]}: nested deeper than {MAX_NESTING} levels; "
                "what is deeper is not checked"
            )
        return holder["v"]

    def _ref(self, ref: str, base: str) -> str | None:
        """The absolute form of a ``$ref``; None (and a warning) for a remote one, refused."""
        absolute = urljoin(base, ref) if not ref.startswith("#") else base + ref
        if not absolute.startswith("file:"):
            self.problems.append(f"remote $ref {ref!r} refused (not fetched; accepts anything)")
            return None
        return absolute

    def _finish(self, out: dict[str, Any]) -> None:
        if self.legacy:
            _legacy_keywords(out)
        _nullable(out)  # 3.1 documents still using 3.0's nullable: honoured, as Schemathesis does
        _integer_width(out)
        if isinstance(out.get("pattern"), str) and not self._compiles(out["pattern"]):
            self.problems.append(f"pattern {out['pattern'][:60]!r} cannot be compiled: not checked")
            del out["pattern"]
        self._directional(out)

    def _compiles(self, pattern: str) -> bool:
        if pattern not in self._patterns:
            try:
                jsonschema_rs.Draft202012Validator({"pattern": pattern})
                self._patterns[pattern] = True
            except ValueError:
                self._patterns[pattern] = False
        return self._patterns[pattern]

    def _directional(self, out: dict[str, Any]) -> None:
        """Drop readOnly (requests) or writeOnly (responses) properties from ``required``."""
        required, props = out.get("required"), out.get("properties")
        if not isinstance(required, list) or not isinstance(props, dict):
            return
        ro = {n for n, p in props.items() if isinstance(p, dict) and p.get("readOnly") is True}
        wo = {n for n, p in props.items() if isinstance(p, dict) and p.get("writeOnly") is True}
        if ro & set(required):
            self.readonly_required = True
        dropped = ro if self.mode == "request" else wo
        if dropped & set(required):
            out["required"] = [r for r in required if r not in dropped]

    def locate_node(self, node: Any) -> Any:
        """A converted copy of a raw schema written outside any document (kept alive)."""
        converted = self.convert(node, "file:///")
        self._keep.append(converted)
        return converted

    def locate(self, schema: Schema) -> tuple[Any, str | None]:
        """The converted node of a model schema and its URI (None for synthesized nodes)."""
        uri = self.doc_uri.get(str(schema.doc.path))
        if uri is not None and _walk(schema.doc.data, schema.pointer) is schema.node:
            node = _walk(self.docs[uri], schema.pointer)
            if isinstance(node, dict):
                return node, pointer_uri(uri, schema.pointer)
        converted = self.convert(schema.node, uri or "file:///")
        self._keep.append(converted)
        return converted, None

    def resolve(self, ref: str) -> tuple[Any, str]:
        """The converted node an absolute ``$ref`` points to (``{}`` when unresolvable)."""
        base, _, fragment = ref.partition("#")
        node = _walk(self.docs.get(base, {}), unquote(fragment))
        return (node if isinstance(node, dict) else {}), ref

    # -- lookups -------------------------------------------------------------------------------
    def deref(self, node: Any) -> Any:
        """``node`` with its ``$ref`` chain followed (at most 16 hops)."""
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 16:
            node = self.resolve(node["$ref"])[0]
            hops += 1
        return node

    def kind(self, node: Any, depth: int = 0) -> str | None:
        """The first non-null JSON type a schema declares, through ``$ref`` and combinators."""
        node = self.deref(node)
        if not isinstance(node, dict) or depth > 8:
            return None
        declared = node.get("type")
        if isinstance(declared, str):
            return declared
        if isinstance(declared, list):
            return next((t for t in declared if t != "null"), None)
        for key in ("allOf", "oneOf", "anyOf"):
            for part in node.get(key, []) if isinstance(node.get(key), list) else []:
                found = self.kind(part, depth + 1)
                if found and found != "null":
                    return found
        if node.get("enum"):
            return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(
                type(node["enum"][0])
            )
        if isinstance(node.get("properties"), dict):
            return "object"
        return None

    def _cached(self, table: dict[int, Any], node: Any, compute: Any) -> Any:
        """``compute(node, 0)``, once per node object (kept alive so its id stays its own)."""
        if not isinstance(node, dict):
            return compute(node, 0)
        found = table.get(id(node))
        if found is None:
            found = table[id(node)] = compute(node, 0)
            self._keep.append(node)
        return found

    def properties(self, node: Any) -> dict[str, Any]:
        """Declared properties of an object schema, merged over ``$ref`` and ``allOf`` (cached;
        do not change the mapping returned)."""
        return self._cached(self._props, node, self._properties)

    def _properties(self, node: Any, depth: int) -> dict[str, Any]:
        node = self.deref(node)
        out: dict[str, Any] = {}
        if not isinstance(node, dict) or depth > 8:
            return out
        for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
            out.update(self._properties(part, depth + 1))
        props = node.get("properties")
        if isinstance(props, dict):
            out.update((str(k), v) for k, v in props.items() if isinstance(v, (dict, bool)))
        return out

    def required(self, node: Any) -> set[str]:
        """Required property names, merged over ``$ref`` and ``allOf`` (cached; do not change)."""
        return self._cached(self._required, node, self._required_of)

    def _required_of(self, node: Any, depth: int) -> set[str]:
        node = self.deref(node)
        out: set[str] = set()
        if not isinstance(node, dict) or depth > 8:
            return out
        if isinstance(node.get("required"), list):
            out.update(r for r in node["required"] if isinstance(r, str))
        for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
            out |= self._required_of(part, depth + 1)
        return out

    # -- validation ----------------------------------------------------------------------------
    def validator(self, node: dict[str, Any]) -> Any:
        """A compiled validator for a converted node (cached by identity)."""
        key = id(node)
        found = self._validators.get(key)
        if found is None:
            try:
                found = jsonschema_rs.Draft202012Validator(
                    node,
                    registry=self.registry,
                    retriever=self._retrieve,
                    validate_formats=_FORMAT_CHECKED,
                    ignore_unknown_formats=True,
                )
            except (ValueError, jsonschema_rs.ReferencingError):
                found = _AcceptAll()
            self._validators[key] = found
            self._keep.append(node)
        return found

    def is_valid(self, node: dict[str, Any], value: Any) -> bool:
        return bool(self.validator(node).is_valid(value))

    def violations(
        self,
        node: dict[str, Any],
        value: Any,
        prefix: tuple[str | int, ...],
        limit: int = MAX_VIOLATIONS,
    ) -> list[Violation]:
        """Human violations of ``value`` against ``node``, located under ``prefix``."""
        out: list[Violation] = []
        for error in self.validator(node).iter_errors(value):
            out.extend(humanize(error, prefix, node))
            if len(out) >= limit:
                break
        return out[:limit] or [Violation(prefix, "is not valid", "invalid")]

    def errors(self, node: dict[str, Any], value: Any, limit: int = 5) -> list[str]:
        """Readable validation errors: ``/path: message``."""
        out = []
        for error in self.validator(node).iter_errors(value):
            where = "/" + "/".join(str(p) for p in error.instance_path)
            out.append(f"{where}: {error.message}")
            if len(out) >= limit:
                break
        return out


class _AcceptAll:
    def is_valid(self, value: Any) -> bool:
        return True

    def iter_errors(self, value: Any) -> list[Any]:
        return []


_NAME_MAPS = {
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "schemas",
    "responses",
    "parameters",
    "headers",
    "paths",
    "examples",
    "mapping",
}
_KEEP_X = {"x-example", "x-examples", "x-links"}


def _extension(key: Any, value: Any) -> bool:
    return (
        isinstance(key, str)
        and key.startswith("x-")
        and key not in _KEEP_X
        and isinstance(value, (dict, list))
    )


def _walk(node: Any, pointer: str) -> Any:
    try:
        for token in split_pointer(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    return node


_INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _integer_width(out: dict[str, Any]) -> None:
    """``format: int32``/``int64`` on an integer bounds it (what clients and servers assume)."""
    bounds = _INT_BOUNDS.get(out.get("format")) if isinstance(out.get("format"), str) else None
    declared = out.get("type")
    if bounds is None or "integer" not in (declared if isinstance(declared, list) else [declared]):
        return
    low, high = bounds
    if not isinstance(out.get("minimum"), (int, float)) or out["minimum"] < low:
        out["minimum"] = low
    if not isinstance(out.get("maximum"), (int, float)) or out["maximum"] > high:
        out["maximum"] = high


def _legacy_keywords(out: dict[str, Any]) -> None:
    """Rewrite OpenAPI 3.0 / Swagger 2.0 keywords in place into their 2020-12 meaning."""
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = out.get(exclusive)
        if isinstance(flag, bool):
            if flag and bound in out:
                out[exclusive] = out.pop(bound)
            else:
                del out[exclusive]
    if out.get("type") == "file":
        del out["type"]


def _nullable(out: dict[str, Any]) -> None:
    """``nullable: true`` (3.0) and ``x-nullable: true`` (2.0) as a ``null`` type or branch."""
    flags = [k for k in ("nullable", "x-nullable") if isinstance(out.get(k), bool)]
    if not flags:  # also keeps a *property* named "nullable" (a mapping) untouched
        return
    nullable = any(out.pop(k) for k in flags)
    if not nullable:
        return
    declared = out.get("type")
    if isinstance(declared, str):
        out["type"] = [declared, "null"]
    elif isinstance(declared, list) and "null" not in declared:
        out["type"] = [*declared, "null"]
    if isinstance(out.get("enum"), list) and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    if declared is None and any(k in out for k in ("allOf", "oneOf", "anyOf")):
        inner = {k: out.pop(k) for k in ("allOf", "oneOf", "anyOf") if k in out}
        out["anyOf"] = [inner, {"type": "null"}]


def deepcopy_json(value: Any) -> Any:
    """A deep copy of a JSON value (faster than :func:`copy.deepcopy` for plain data)."""
    if isinstance(value, dict):
        return {k: deepcopy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deepcopy_json(v) for v in value]
    return copy.copy(value) if not isinstance(value, (str, int, float, bool, type(None))) else value
