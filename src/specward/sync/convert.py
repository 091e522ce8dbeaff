"""Turn upstream (Swagger 2.0, grpc-gateway) nodes into published (OpenAPI 3.x) ones, in the
published naming and key order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from specward.compare.representation import is_well_known
from specward.drift.mapping import Mapping
from specward.load.pointer import escape, split_pointer
from specward.sync.roundtrip import EditableDocument

_DROP = {"x-nullable", "collectionFormat", "discriminator"}


class KeyOrder:
    """Key order learned from the published spec: keys sort by their usual position there.

    ``lesson`` teaches it (calls :meth:`learn`) when a sort first needs it: a sync that only
    renames or removes never reads the whole spec for its key order.
    """

    def __init__(self, lesson: Callable[[KeyOrder], None] | None = None) -> None:
        self.totals: dict[str, list[float]] = {}
        self._lesson = lesson

    def learn(self, node: Any) -> None:
        if isinstance(node, dict) and len(node) > 1:
            keys = list(node)
            for i, key in enumerate(keys):
                self.totals.setdefault(str(key), []).append(i / (len(keys) - 1))

    def sort(self, keys: list[str]) -> list[str]:
        if self._lesson is not None:
            lesson, self._lesson = self._lesson, None
            lesson(self)
        known = {k: sum(v) / len(v) for k, v in self.totals.items()}
        span = max(len(keys) - 1, 1)
        original = {k: i for i, k in enumerate(keys)}
        return sorted(keys, key=lambda k: (known.get(k, original[k] / span), original[k]))


def text_value(text: str, doc: EditableDocument) -> Any:
    """Multi-line text as a literal block (``|``) in YAML, like hand-written descriptions."""
    if doc.kind == "yaml" and "\n" in text.strip():
        return LiteralScalarString(text.rstrip("\n") + "\n")
    return text


def _coerce_numbers(node: dict[str, Any]) -> None:
    """grpc-gateway writes numeric defaults as strings (``default: "0.2"``); 3.x wants numbers."""
    kind_ = node.get("type")
    if kind_ not in ("number", "integer"):
        return
    for key in ("default", "example"):
        value = node.get(key)
        if isinstance(value, str):
            try:
                node[key] = int(value) if kind_ == "integer" else float(value)
            except ValueError:
                del node[key]


class Converter:
    """Converts upstream nodes for one published document."""

    def __init__(
        self,
        upstream_data: Any,
        mapping: Mapping,
        doc: EditableDocument,
        version: str,
        schema_order: KeyOrder,
    ) -> None:
        self.upstream = upstream_data
        self.mapping = mapping
        self.doc = doc
        self.v31 = version == "3.1"
        self.v2 = version == "2.0"
        self.order = schema_order

    def _map(self) -> Any:
        return CommentedMap() if self.doc.kind == "yaml" else {}

    def _seq(self, items: list[Any]) -> Any:
        return CommentedSeq(items) if self.doc.kind == "yaml" else list(items)

    def ref(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        target = self.mapping.published_name(name)
        base = "#/definitions/" if self.v2 else "#/components/schemas/"
        return base + escape(target)

    def upstream_node(self, pointer: str) -> Any:
        node = self.upstream
        for token in split_pointer(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def schema(self, node: Any, _depth: int = 0) -> Any:
        """An upstream schema node in published form."""
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            name = ref.rsplit("/", 1)[-1]
            if is_well_known(name) and _depth < 8 and name not in self.mapping.schemas:
                inline = self.upstream.get("definitions", {}).get(name, {})
                out = self.schema(inline, _depth + 1)
                for key in ("description", "title"):
                    if key in node and isinstance(out, dict):
                        out[key] = text_value(str(node[key]), self.doc)
                return out
        out: dict[str, Any] = {}
        nullable = node.get("x-nullable") is True
        for key, value in node.items():
            key = str(key)
            if key in _DROP:
                continue
            if key == "$ref" and isinstance(value, str):
                out["$ref"] = self.ref(value)
            elif key == "type" and "$ref" in node:
                continue  # grpc-gateway writes {type: object, $ref: ...}
            elif key in ("properties", "definitions") and isinstance(value, dict):
                props = self._map()
                for name, sub in value.items():
                    props[str(name)] = self.schema(sub, _depth)
                out[key] = props
            elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
                out[key] = self.schema(value, _depth)
            elif key in ("allOf", "oneOf", "anyOf") and isinstance(value, list):
                out[key] = self._seq([self.schema(v, _depth) for v in value])
            elif key in ("description", "title") and isinstance(value, str):
                out[key] = text_value(value, self.doc)
            elif key in ("enum", "required") and isinstance(value, list):
                out[key] = self._seq(list(value))
            else:
                out[key] = self.plain(value)
        _coerce_numbers(out)
        if nullable and not self.v2:
            if self.v31 and isinstance(out.get("type"), str):
                out["type"] = self._seq([out["type"], "null"])
            elif not self.v31:
                out["nullable"] = True
        result = self._map()
        for key in self.order.sort(list(out)):
            result[key] = out[key]
        return result

    def plain(self, value: Any) -> Any:
        """A comment-free copy of any node (scalars keep their quoting style)."""
        if isinstance(value, dict):
            out = self._map()
            for k, v in value.items():
                out[k] = self.plain(v)
            return out
        if isinstance(value, list):
            return self._seq([self.plain(v) for v in value])
        return value

    def parameter(self, node: dict[str, Any], order: KeyOrder) -> Any:
        """A Swagger 2.0 path/query/header parameter as an OpenAPI 3 one."""
        if self.v2:
            return self.plain(node)
        schema_keys = (
            "type",
            "format",
            "items",
            "enum",
            "default",
            "minimum",
            "maximum",
            "pattern",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "x-nullable",
        )
        out: dict[str, Any] = {}
        for key in ("name", "in", "required", "description"):
            if key in node:
                out[key] = text_value(node[key], self.doc) if key == "description" else node[key]
        if node.get("in") == "path":
            out["required"] = True
        if "schema" in node:
            out["schema"] = self.schema(node["schema"])
        else:
            out["schema"] = self.schema({k: node[k] for k in schema_keys if k in node})
        if node.get("collectionFormat") == "multi":
            out["explode"] = True
        result = self._map()
        for key in order.sort(list(out)):
            result[key] = out[key]
        return result
