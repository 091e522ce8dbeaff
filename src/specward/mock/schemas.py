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
from specward.mock.violations import MAX_VIOLATIONS, Violation, humanize
from specward.model import Schema, Spec

_FORMAT_CHECKED = True


def pointer_uri(base: str, pointer: str) -> str:
    """``file:///spec.yaml#/components/schemas/A`` for a document URI and a JSON pointer."""
    return f"{base}#{quote(pointer, safe='/~')}"


class SchemaSet:
    """Converted documents, their registry, and validators compiled on demand (cached)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.legacy = spec.version in ("2.0", "3.0")
        ws = spec.ws
        for _ in ws.iter_refs():  # load every reachable document
            pass
        self.docs: dict[str, Any] = {}
        self.doc_uri: dict[str, str] = {}
        for path, doc in sorted(ws.docs.items(), key=lambda kv: str(kv[0])):
            uri = path.as_uri()
            self.doc_uri[str(path)] = uri
            self.docs[uri] = self.convert(doc.data, uri)
        self.registry = jsonschema_rs.Registry(list(self.docs.items()))
        self._validators: dict[int, Any] = {}
        self._keep: list[Any] = []

    # -- conversion ----------------------------------------------------------------------------
    def convert(self, node: Any, base: str) -> Any:
        """A plain JSON copy of ``node`` in JSON Schema 2020-12 terms, with absolute ``$ref``s."""
        if isinstance(node, list):
            return [self.convert(v, base) for v in node]
        if not isinstance(node, dict):
            return node
        if isinstance(node.get("$ref"), str):
            ref = (
                urljoin(base, node["$ref"])
                if not node["$ref"].startswith("#")
                else base + node["$ref"]
            )
            if self.legacy:  # siblings of $ref are ignored before 3.1
                return {"$ref": ref}
            out = {k: self.convert(v, base) for k, v in node.items() if k != "$ref"}
            out["$ref"] = ref
            return out
        out = {str(k): self.convert(v, base) for k, v in node.items()}
        if self.legacy:
            _legacy_keywords(out)
        _nullable(out)  # 3.1 documents still using 3.0's nullable: honoured, as Schemathesis does
        _integer_width(out)
        return out

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

    def properties(self, node: Any, depth: int = 0) -> dict[str, Any]:
        """Declared properties of an object schema, merged over ``$ref`` and ``allOf``."""
        node = self.deref(node)
        out: dict[str, Any] = {}
        if not isinstance(node, dict) or depth > 8:
            return out
        for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
            out.update(self.properties(part, depth + 1))
        props = node.get("properties")
        if isinstance(props, dict):
            out.update((str(k), v) for k, v in props.items() if isinstance(v, (dict, bool)))
        return out

    def required(self, node: Any, depth: int = 0) -> set[str]:
        """Required property names, merged over ``$ref`` and ``allOf``."""
        node = self.deref(node)
        out: set[str] = set()
        if not isinstance(node, dict) or depth > 8:
            return out
        if isinstance(node.get("required"), list):
            out.update(r for r in node["required"] if isinstance(r, str))
        for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
            out |= self.required(part, depth + 1)
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
