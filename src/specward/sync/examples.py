"""Keep published examples in step with renamed properties.

When ``sync`` renames a property, every example that holds an instance of the owning schema
(the schema's own ``example``/``examples``, examples of schemas that contain it, media-type and
parameter ``example``/``examples``) gets the key renamed in place; the curated values stay.
Examples are paired with their schema by walking both together, following local ``$ref``s.
"""

from __future__ import annotations

from typing import Any

from specward.load.pointer import join_pointer, split_pointer
from specward.sync.roundtrip import rename_key

_COMBINERS = ("allOf", "oneOf", "anyOf")
_MAX_DEPTH = 64

Renames = dict[str, list[tuple[str, str]]]  # owner schema pointer -> [(old, new)]


class _Renamer:
    def __init__(self, root: Any, renames: Renames) -> None:
        self.root = root
        self.renames = renames
        self.changed = 0

    def resolve(self, schema: Any, pointer: str) -> tuple[Any, str]:
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if not ref.startswith("#/") or ref in seen:
                break
            seen.add(ref)
            pointer = ref[1:]
            node: Any = self.root
            for token in split_pointer(pointer):
                if not isinstance(node, dict) or token not in node:
                    return None, pointer
                node = node[token]
            schema = node
        return schema, pointer

    def instance(self, value: Any, schema: Any, pointer: str, depth: int = 0) -> None:
        """Walk an example ``value`` that is an instance of ``schema`` (at ``pointer``)."""
        schema, pointer = self.resolve(schema, pointer)
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return
        if isinstance(value, dict):
            for old, new in self.renames.get(pointer, []):
                if old in value and new not in value:
                    rename_key(value, old, new)
                    self.changed += 1
            props = schema.get("properties")
            props = props if isinstance(props, dict) else {}
            extra = schema.get("additionalProperties")
            for key in list(value):
                if key in props:
                    sub = join_pointer(pointer, "properties", str(key))
                    self.instance(value[key], props[key], sub, depth + 1)
                elif isinstance(extra, dict):
                    sub = join_pointer(pointer, "additionalProperties")
                    self.instance(value[key], extra, sub, depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for item in value:
                self.instance(item, schema["items"], join_pointer(pointer, "items"), depth + 1)
        for key in _COMBINERS:
            parts = schema.get(key)
            if isinstance(parts, list):
                for i, part in enumerate(parts):
                    self.instance(value, part, join_pointer(pointer, key, str(i)), depth + 1)

    def examples_of(self, owner: dict[str, Any], schema: Any, pointer: str) -> None:
        """``example`` and ``examples`` of a schema, media type or parameter."""
        if "example" in owner:
            self.instance(owner["example"], schema, pointer)
        examples = owner.get("examples")
        if isinstance(examples, list):  # JSON Schema examples (a schema's own)
            for value in examples:
                self.instance(value, schema, pointer)
        elif isinstance(examples, dict):  # OpenAPI Example Objects (media types, parameters)
            for example in examples.values():
                if isinstance(example, dict) and "value" in example:
                    self.instance(example["value"], schema, pointer)

    def walk(self, root: Any) -> None:
        """Visit the whole document; pair every example with its schema.

        No recursion and no pointer built per node: a large spec has hundreds of thousands of
        containers and few examples, so a pointer is joined only where an example is.
        """
        stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
        containers = (dict, list)
        while stack:
            node, path = stack.pop()
            if len(path) > _MAX_DEPTH:
                continue
            if isinstance(node, list):
                stack += [
                    (v, (*path, str(i))) for i, v in enumerate(node) if isinstance(v, containers)
                ]
                continue
            if "example" in node or "examples" in node:
                pointer = join_pointer("", *path)
                schema = node.get("schema")
                if isinstance(schema, dict):
                    self.examples_of(node, schema, join_pointer(pointer, "schema"))
                if _looks_like_schema(path):
                    self.examples_of(node, node, pointer)
            stack += [
                (v, (*path, str(k)))
                for k, v in node.items()
                if isinstance(v, containers) and k not in ("example", "examples")
            ]


def _looks_like_schema(tokens: tuple[str, ...]) -> bool:
    if len(tokens) >= 3 and tokens[-3] == "components" and tokens[-2] == "schemas":
        return True
    if len(tokens) >= 2 and tokens[-2] == "definitions":
        return True
    if tokens and tokens[-1] in ("schema", "items", "additionalProperties"):
        return True
    return len(tokens) >= 2 and tokens[-2] in ("properties", *_COMBINERS)


def rename_example_keys(root: Any, renames: Renames, text: str | None = None) -> int:
    """Rename keys in every example holding an instance of a renamed schema; returns the count.

    ``text`` is the document as written: without the word ``example`` (nor a JSON escape that
    could spell it) it has no example, and the walk over every node is skipped.
    """
    if not renames:
        return 0
    if text is not None and "example" not in text and "\\u" not in text:
        return 0
    renamer = _Renamer(root, renames)
    renamer.walk(root)
    return renamer.changed
