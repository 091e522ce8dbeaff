"""Raw change events: what the differ saw, before a rule classifies it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specward.model import Schema, Source


@dataclass
class SchemaEvent:
    """A change inside a schema, relative to the schema the differ was asked to compare.

    ``path`` is the property path (names, ``[]`` for array items, ``*`` for additional
    properties, ``oneOf[Name]`` for variants); ``on_property`` marks property-level events
    (added, removed, renamed, required toggled) whose subject is the object holding the property.
    """

    kind: str
    path: tuple[str, ...]
    fields: dict[str, Any]
    base: Schema | None = None
    head: Schema | None = None
    on_property: bool = False

    def source(self) -> Source | None:
        """HEAD for additions and changes, BASE for removals."""
        removal = self.kind.endswith(("removed", "deleted")) or self.head is None
        node = self.base if removal and self.base is not None else self.head or self.base
        return node.source if node is not None else None

    def prefixed(self, tokens: tuple[str, ...]) -> SchemaEvent:
        return SchemaEvent(
            self.kind, tokens + self.path, self.fields, self.base, self.head, self.on_property
        )


@dataclass
class Event:
    """A change anywhere in the spec, ready to classify: ``(scope, kind)`` picks the rule."""

    scope: str
    kind: str
    location: str
    operation: str | None
    source: Source | None
    fields: dict[str, Any] = field(default_factory=dict)


def render_path(tokens: tuple[str, ...]) -> str:
    """``("data", "[]", "id")`` is ``data[].id``."""
    out = ""
    for token in tokens:
        if token.startswith("[") or not out:
            out += token
        else:
            out += "." + token
    return out
