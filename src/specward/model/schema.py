"""Lazy, cycle-safe view of a JSON Schema node inside a loaded spec."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from specward.errors import SpecError
from specward.load.parse import line_of
from specward.load.pointer import join_pointer

if TYPE_CHECKING:
    from specward.load.document import Document, Workspace

_COMPONENT_PREFIXES = ("/components/schemas/", "/definitions/")
_NUMERIC_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


@dataclass(frozen=True)
class Source:
    """Where a node is written: display file name and 1-based line (None when unknown).

    In a file read without lines, ``pointer`` says where the node is instead, and
    :func:`specward.model.placement.place` finds the line once something is reported there.
    """

    file: str
    line: int | None
    pointer: str | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any] | None:
        return {"file": self.file, "line": self.line or 1}


def source_at(doc: Document, pointer: str, line: int | None) -> Source:
    """Where ``pointer`` is written in ``doc``: its ``line``, or the pointer when the document
    was read without lines (it is placed late, see :class:`Source`)."""
    return Source(doc.name, line, None if line is not None or doc.lined else pointer)


class _Self:
    """The marker of a resolved node that is not a reference (see :meth:`Schema.resolve`)."""


_SELF = _Self()


class Schema:
    """One schema node. ``$ref`` is followed lazily by :meth:`resolve`; nothing recurses by itself.

    ``pointer`` is where the node sits in ``doc``; ``line`` is the line of the key that holds it.
    """

    __slots__ = ("_identity", "_resolved", "doc", "line", "node", "pointer", "ws")

    def __init__(
        self, ws: Workspace, doc: Document, node: Any, pointer: str, line: int | None = None
    ) -> None:
        self.ws = ws
        self.doc = doc
        self.node = node if isinstance(node, dict) else {}
        self.pointer = pointer
        self.line = line if line is not None else line_of(node)
        self._resolved: Schema | _Self | None = None
        self._identity: tuple[str, str] | None = None

    def __repr__(self) -> str:
        return f"Schema({self.doc.name}#{self.pointer})"

    # -- references -------------------------------------------------------------------------
    @property
    def ref(self) -> str | None:
        """The ``$ref`` string of this node, if it is a reference."""
        if self._resolved is _SELF:
            return None  # resolved already, and not a reference
        ref = self.node.get("$ref")
        return ref if isinstance(ref, str) else None

    @property
    def ref_name(self) -> str | None:
        """Component name when this node is a ``$ref`` to a named schema (followed through chains)."""
        if self.ref is None:
            return None
        target = self.resolve()
        return component_name(target.pointer)

    @property
    def name(self) -> str | None:
        """Component name of the resolved schema, when it is one."""
        return component_name(self.resolve().pointer)

    def resolve(self) -> Schema:
        """The schema this node stands for after following ``$ref`` (itself when not a ref).

        A node that is not a reference does not store itself (``_SELF`` instead): no cycle,
        so the many short-lived views of a large spec are freed at once, not by the collector.
        """
        resolved = self._resolved
        if resolved is _SELF:
            return self
        if resolved is None:
            if self.ref is None:
                self._resolved = _SELF
                return self
            try:
                node, doc, pointer = self.ws.deref(self.node, self.doc, self.pointer)
            except SpecError:
                node, doc, pointer = {}, self.doc, self.pointer
            resolved = self._resolved = Schema(self.ws, doc, node, pointer)
        return resolved

    @property
    def identity(self) -> tuple[str, str]:
        """Stable identity of the resolved node, for cycle detection."""
        if self._identity is None:  # fixed once resolved: resolve() is itself cached
            target = self.resolve()
            self._identity = (str(target.doc.path), target.pointer)
        return self._identity

    @property
    def source(self) -> Source:
        return source_at(self.doc, self.pointer, self.line)

    # -- children ---------------------------------------------------------------------------
    def _child(self, node: Any, *tokens: Any, line: int | None = None) -> Schema:
        return Schema(self.ws, self.doc, node, join_pointer(self.pointer, *tokens), line)

    @property
    def raw(self) -> dict[str, Any]:
        """The resolved node itself."""
        return self.resolve().node

    def get(self, key: str, default: Any = None) -> Any:
        return self.resolve().node.get(key, default)

    @property
    def types(self) -> frozenset[str]:
        """Declared JSON types, with ``"null"`` for nullable (3.0 ``nullable``, 2.0 ``x-nullable``, 3.1 lists)."""
        node = self.resolve().node
        declared = node.get("type")
        if isinstance(declared, str):
            found = {declared}
        elif isinstance(declared, list):
            found = {t for t in declared if isinstance(t, str)}
        else:
            found = set()
        if node.get("nullable") is True or node.get("x-nullable") is True:
            found.add("null")
        if found == {"null"} and "const" not in node and "enum" not in node and declared is None:
            return frozenset()
        return frozenset(found)

    @property
    def nullable(self) -> bool:
        if "null" in self.types:
            return True
        enum = self.get("enum")
        return isinstance(enum, list) and None in enum

    @property
    def format(self) -> str | None:
        value = self.get("format")
        return value if isinstance(value, str) else None

    @property
    def enum(self) -> list[Any] | None:
        value = self.get("enum")
        if isinstance(value, list):
            return value
        if "const" in self.raw:
            return [self.raw["const"]]
        return None

    @property
    def properties(self) -> dict[str, Schema]:
        target = self.resolve()
        props = target.node.get("properties")
        if not isinstance(props, dict):
            return {}
        ws, doc, base = target.ws, target.doc, target.pointer + "/properties"
        return {
            str(name): Schema(ws, doc, node, join_pointer(base, name), line_of(props, name))
            for name, node in props.items()
        }

    @property
    def required(self) -> list[str]:
        value = self.get("required")
        return [str(v) for v in value] if isinstance(value, list) else []

    @property
    def items(self) -> Schema | None:
        target = self.resolve()
        node = target.node.get("items")
        if isinstance(node, dict):
            return target._child(node, "items", line=line_of(target.node, "items"))
        return None

    @property
    def additional_properties(self) -> bool | Schema | None:
        """``None`` when absent, a bool when written as one, else a schema."""
        target = self.resolve()
        node = target.node.get("additionalProperties")
        if node is None or isinstance(node, bool):
            return node
        if isinstance(node, dict):
            return target._child(
                node, "additionalProperties", line=line_of(target.node, "additionalProperties")
            )
        return None

    def _list(self, key: str) -> list[Schema]:
        target = self.resolve()
        value = target.node.get(key)
        if value is None or not isinstance(value, list):  # the common case first: absent
            return []
        return [
            target._child(n, key, i, line=line_of(value, i))
            for i, n in enumerate(value)
            if isinstance(n, dict)
        ]

    @property
    def all_of(self) -> list[Schema]:
        if self._resolved is _SELF and "allOf" not in self.node:
            return []  # the common case, asked millions of times on a large spec
        return self._list("allOf")

    @property
    def one_of(self) -> list[Schema]:
        if self._resolved is _SELF and "oneOf" not in self.node:
            return []
        return self._list("oneOf")

    @property
    def any_of(self) -> list[Schema]:
        if self._resolved is _SELF and "anyOf" not in self.node:
            return []
        return self._list("anyOf")

    @property
    def discriminator(self) -> dict[str, Any] | None:
        """``{"propertyName": ..., "mapping": {...}}``; Swagger 2.0's string form is normalized."""
        value = self.get("discriminator")
        if isinstance(value, str):
            return {"propertyName": value, "mapping": {}}
        if isinstance(value, dict):
            mapping = value.get("mapping")
            return {
                "propertyName": value.get("propertyName"),
                "mapping": dict(mapping) if isinstance(mapping, dict) else {},
            }
        return None

    @property
    def bounds(self) -> dict[str, Any]:
        """Numeric and length bounds and pattern, only those that are set."""
        node = self.raw
        keys = (
            *_NUMERIC_BOUNDS,
            "minLength",
            "maxLength",
            "pattern",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
        )
        return {k: node[k] for k in keys if k in node}

    def all_of_closure(self) -> list[Schema]:
        """This schema and its ``allOf`` members, members first (depth first, in order).

        A member already on the way down (an ``allOf`` cycle) is skipped; a member reached by
        two ways appears twice. Iterative: chains of any length cost no recursion.
        """
        if not isinstance(self.resolve().node.get("allOf"), list):
            return [self]  # the common case, without computing identities
        out: list[Schema] = []
        root = self.identity
        path, on_path = [root], {root}
        stack = [(self, iter(self.all_of))]
        while stack:
            node, parts = stack[-1]
            part = next(parts, None)
            if part is None:
                stack.pop()
                out.append(node)
                on_path.discard(path.pop())
                continue
            ident = part.identity
            if ident in on_path:
                continue
            on_path.add(ident)
            path.append(ident)
            stack.append((part, iter(part.all_of)))
        return out

    def flattened_properties(self) -> dict[str, Schema]:
        """Properties including those contributed by ``allOf`` members (cycle-safe)."""
        out: dict[str, Schema] = {}
        for part in self.all_of_closure():
            out.update(part.properties)
        return out

    def flattened_required(self) -> list[str]:
        """Required names including those from ``allOf`` members (cycle-safe)."""
        out: list[str] = []
        seen: set[str] = set()
        for part in self.all_of_closure():
            for name in part.required:
                if name not in seen:
                    seen.add(name)
                    out.append(name)
        return out


def component_name(pointer: str) -> str | None:
    """``Foo`` for ``/components/schemas/Foo`` or ``/definitions/Foo``; None otherwise."""
    for prefix in _COMPONENT_PREFIXES:
        if pointer.startswith(prefix):
            rest = pointer[len(prefix) :]
            if "/" not in rest:
                return rest.replace("~1", "/").replace("~0", "~")
    return None
