"""The generator's input: one OpenAPI 3 document with plain class names, built from any spec.

OpenAPI 3.0 and 3.1 specs keep their content; Swagger 2.0 specs (already loaded and normalized
by specward) get their ``definitions`` as ``components/schemas`` with the 2.0-only spellings
turned into 3.0 ones (``x-nullable``, string ``discriminator``, ``type: file``). Every schema is
renamed through the :class:`NameMap` and every ``$ref`` (and discriminator mapping) follows.
Operations are left out: the models are the component schemas.
"""

from __future__ import annotations

from typing import Any

from specward.errors import SpecError
from specward.load.parse import line_of
from specward.load.pointer import escape, split_pointer
from specward.model import Spec
from specward.models.names import NameMap

_SCHEMA_REFS = ("#/components/schemas/", "#/definitions/")


def generator_document(spec: Spec, names: NameMap) -> dict[str, Any]:
    """The OpenAPI 3 document the generator reads for ``spec``."""
    rewriter = Rewriter(spec, names)
    data = spec.ws.data
    schemas = {names[name]: rewriter.node(s.node) for name, s in sorted(spec.schemas.items())}
    if spec.version == "2.0":
        return {
            "openapi": "3.0.3",
            "info": rewriter.node(data.get("info") or {"title": spec.name, "version": "0"}),
            "paths": {},
            "components": {"schemas": schemas},
        }
    components = {
        str(k): rewriter.node(v)
        for k, v in (data.get("components") or {}).items()
        if k not in ("schemas", "pathItems", "callbacks")
    }
    components["schemas"] = schemas
    return {
        "openapi": str(data.get("openapi")),
        "info": rewriter.node(data.get("info") or {}),
        "paths": {},
        "components": components,
    }


class Rewriter:
    """Copies spec nodes into the generator's naming and 3.0 spellings."""

    def __init__(self, spec: Spec, names: NameMap) -> None:
        self.spec = spec
        self.names = names
        self.v2 = spec.version == "2.0"
        self.active: set[int] = set()

    def ref(self, ref: str, container: Any) -> str:
        file_part, _, _ = ref.partition("#")
        if file_part:
            raise SpecError(
                f"$ref {ref!r} points into another file; models need the schemas in one file",
                self.spec.name,
                line_of(container, "$ref"),
            )
        for prefix in _SCHEMA_REFS:
            if ref.startswith(prefix):
                tokens = split_pointer(ref[len(prefix) - 1 :])
                if tokens and tokens[0] in self.names.classes:
                    rest = "".join("/" + escape(t) for t in tokens[1:])
                    return f"#/components/schemas/{escape(self.names[tokens[0]])}{rest}"
        return ref

    def mapping_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if value.startswith("#"):
            return self.ref(value, {})
        if value in self.names.classes:  # a bare schema name: spelled as the reference it means
            return f"#/components/schemas/{escape(self.names[value])}"
        return value

    def node(self, node: Any) -> Any:
        """A plain (line-free) copy of ``node`` with references renamed."""
        if not isinstance(node, (dict, list)):
            return node
        if id(node) in self.active:
            raise SpecError("a recursive YAML alias cannot become models", self.spec.name)
        self.active.add(id(node))
        try:
            return self._copy(node)
        finally:
            self.active.discard(id(node))

    def _copy(self, node: dict[str, Any] | list[Any]) -> Any:
        if isinstance(node, list):
            return [self.node(v) for v in node]
        out: dict[str, Any] = {}
        for key, value in node.items():
            key = str(key)
            if key == "$ref" and isinstance(value, str):
                out[key] = self.ref(value, node)
            elif key == "discriminator":
                out[key] = self.discriminator(value)
            elif self.v2 and key == "x-nullable":
                if value is True:
                    out["nullable"] = True
            elif self.v2 and key == "type" and value == "file":
                out["type"] = "string"
                out.setdefault("format", "binary")
            else:
                out[key] = self.node(value)
        return out

    def discriminator(self, value: Any) -> Any:
        if isinstance(value, str):
            return {"propertyName": value}
        if not isinstance(value, dict):
            return value
        out = self.node({k: v for k, v in value.items() if k != "mapping"})
        mapping = value.get("mapping")
        if isinstance(mapping, dict):
            out["mapping"] = {str(k): self.mapping_value(v) for k, v in mapping.items()}
        return out
