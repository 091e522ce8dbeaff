"""Raw change events: what the differ saw, before a rule classifies it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from specward.model import Schema, Source


@dataclass
class SchemaEvent:
    """A change inside a schema, relative to the schema the differ was asked to compare.

    ``path`` is the property path (names, ``[]`` for array items, ``*`` for additional
    properties, ``oneOf[Name]`` for variants); ``on_property`` marks property-level events
    (added, removed, renamed, required toggled) whose subject is the object holding the property.

    ``names`` are the (base name, head name) of each property on the path, the event's own
    property included; they differ where a correspondence pairs other names (``drift``).
    ``where`` is the pair of nodes the differ was comparing when it emitted the event, before
    anything was resolved (their pointers say where the change is written). ``extra`` holds
    facts for other consumers that rules do not render.
    """

    kind: str
    path: tuple[str, ...]
    fields: dict[str, Any]
    base: Schema | None = None
    head: Schema | None = None
    on_property: bool = False
    names: tuple[tuple[str, str], ...] = ()
    where: tuple[Any, Any] = (None, None)
    extra: dict[str, Any] = field(default_factory=dict)

    def source(self) -> Source | None:
        """HEAD for additions and changes, BASE for removals."""
        removal = self.kind.endswith(("removed", "deleted")) or self.head is None
        node = self.base if removal and self.base is not None else self.head or self.base
        return node.source if node is not None else None

    def located(self, base: Any, head: Any) -> SchemaEvent:
        """This event as seen from another use of the compared pair: events of the pair's own
        level take that use's nodes as ``where``; deeper ones keep theirs."""
        own_level = not self.path or (self.on_property and len(self.path) == 1)
        if not own_level or self.where == (base, head):
            return self
        return replace(self, where=(base, head))

    def prefixed(
        self, tokens: tuple[str, ...], names: tuple[tuple[str, str], ...] = ()
    ) -> SchemaEvent:
        return SchemaEvent(
            self.kind,
            tokens + self.path,
            self.fields,
            self.base,
            self.head,
            self.on_property,
            names + self.names,
            self.where,
            self.extra,
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
