"""Schema events of the shared differ, classified into the ``drift`` rule family.

The differ compares published (base) against upstream (head) through the drift correspondence
and the gateway representation; each event it emits either becomes a drift item here or is one
of :data:`NOT_REPORTED`: constraints, defaults, nullability and the other keywords a published
spec curates. Any other event is collected in ``unclaimed`` (a test keeps that empty).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from specward.compare import kinds as K
from specward.compare.events import SchemaEvent
from specward.compare.representation import describe, kind, unspecified, unwrap
from specward.load.pointer import join_pointer

_TYPE_KINDS = frozenset({K.TYPE_CHANGED, K.TYPE_GENERALIZED, K.TYPE_SPECIALIZED})
_ADDED = frozenset({K.REQUIRED_ADDED, K.OPTIONAL_ADDED, K.NEW_REQUIRED, K.NEW_OPTIONAL})
_REMOVED = frozenset({K.REQUIRED_REMOVED, K.OPTIONAL_REMOVED, K.REMOVED})
_VARIANT_ADDED = frozenset({K.ONE_OF_ADDED, K.ANY_OF_ADDED})
_VARIANT_REMOVED = frozenset({K.ONE_OF_REMOVED, K.ANY_OF_REMOVED})
CLAIMED = (
    _TYPE_KINDS
    | _ADDED
    | _REMOVED
    | _VARIANT_ADDED
    | _VARIANT_REMOVED
    | {K.RENAMED, K.BECAME_REQUIRED, K.ENUM_VALUE_ADDED, K.ENUM_VALUE_REMOVED}
    | {K.REFERENCE_CHANGED}
)
NOT_REPORTED = frozenset(
    {
        # without a baseline, a published requirement upstream lacks is curation; with one,
        # drift's three-way pass reports what upstream dropped since the baseline
        K.BECAME_OPTIONAL,
        # an enum the published spec states or leaves out is its curation; values are compared
        # where both sides have one
        K.BECAME_ENUM,
        K.BECAME_NOT_ENUM,
        K.CONST_ADDED,
        K.CONST_REMOVED,
        K.CONST_CHANGED,
        K.X_EXTENSIBLE_ENUM_VALUE_ADDED,
        K.X_EXTENSIBLE_ENUM_VALUE_REMOVED,
    }
)


@dataclass(frozen=True)
class Root:
    """Where a comparison starts: the names of both sides and the parameter it belongs to
    (``{"name", "in"}`` of a parameter, the body or the response; None for a schema)."""

    pub: str
    up: str
    param: dict[str, Any] | None = None


@dataclass
class Item:
    """A drift item before its level is set (the comparer owns levels and sources)."""

    kind: str
    published_location: str
    upstream_location: str
    pointer: str
    message: str
    details: dict[str, Any]
    upstream_pointer: str
    line: int | None
    level: str | None = None  # a level this item has whatever the rule says (format changes)


class DriftClassifier:
    """Turns schema events into drift items; ``rename`` maps upstream names to published."""

    def __init__(self, rename: dict[str, str]) -> None:
        self.rename = rename
        self.unclaimed: list[SchemaEvent] = []

    def reports(self, event: SchemaEvent) -> bool:
        """Whether drift reports ``event`` at all (the matcher's equivalence signal)."""
        return bool(self.items([event], Root("", ""), collect=False))

    def items(self, events: list[SchemaEvent], root: Root, *, collect: bool = True) -> list[Item]:
        out: list[Item] = []
        for event in events:
            found = self.classify(event, root)
            if found is None:
                if collect and event.kind not in NOT_REPORTED:
                    self.unclaimed.append(event)
                continue
            out.extend(found)
        return out

    def classify(self, e: SchemaEvent, root: Root) -> list[Item] | None:
        k = e.kind
        if k in _TYPE_KINDS or k == K.REFERENCE_CHANGED:
            return [self.type_changed(e, root, e.fields.get("why"))]
        if k in _VARIANT_ADDED or k in _VARIANT_REMOVED:
            variant = e.head if k in _VARIANT_ADDED else e.base
            name = e.fields.get("name")
            if variant is None or variant.ref_name is None:
                return [self.type_changed(e, root)]
            why = (
                f"upstream alternative {name} is missing here"
                if k in _VARIANT_ADDED
                else f"alternative {name} no longer exists upstream"
            )
            return [self.type_changed(e, root, why)]
        if k in (K.ENUM_VALUE_ADDED, K.ENUM_VALUE_REMOVED):
            return self.enum_values(e, root)
        if k == K.RENAMED:
            return self.renamed(e, root)
        if k in _ADDED:
            return [self.added(e, root)]
        if k in _REMOVED:
            return [self.removed(e, root)]
        if k == K.BECAME_REQUIRED:
            return [self.required(e, root, e.names[-1])]
        return None

    # -- locations ----------------------------------------------------------------------------
    def locations(self, e: SchemaEvent, root: Root) -> tuple[str, str]:
        pub = "".join(f".{b}" for b, _ in e.names)
        up = "".join(f".{h}" for _, h in e.names)
        return root.pub + pub, root.up + up

    def item(
        self,
        kind_: str,
        e: SchemaEvent,
        root: Root,
        message: str,
        *,
        pointer: str,
        up_pointer: str,
        details: dict[str, Any],
        line: int | None,
        locations: tuple[str, str] | None = None,
    ) -> Item:
        if root.param is not None and kind_ != K.DRIFT_PROPERTY_RENAMED:
            details = {**root.param, **details}
        pub, up = locations or self.locations(e, root)
        return Item(kind_, pub, up, pointer, message, details, up_pointer, line)

    # -- kinds --------------------------------------------------------------------------------
    def type_changed(self, e: SchemaEvent, root: Root, why: str | None = None) -> Item:
        p, u = e.where
        pp, uu = unwrap(p), unwrap(u)
        was, now = describe(pp), describe(uu, self.rename)
        details: dict[str, Any] = {"from": was, "to": now}
        if (kind(uu) == "array") != (kind(pp) == "array"):
            details["array"] = kind(uu) == "array"
        kind_ = (
            K.DRIFT_PARAMETER_CHANGED if root.param is not None else K.DRIFT_PROPERTY_TYPE_CHANGED
        )
        message = why or f"type is {was} here but {now} upstream"
        found = self.item(
            kind_,
            e,
            root,
            message,
            pointer=p.pointer,
            up_pointer=u.pointer,
            details=details,
            line=pp.line,
        )
        if e.kind in _TYPE_KINDS and kind(uu) == kind(pp):
            found.level = "warning"  # the same kind in another format
        return found

    def enum_values(self, e: SchemaEvent, root: Root) -> list[Item]:
        b, h = e.base, e.head
        assert b is not None and h is not None
        added = e.kind == K.ENUM_VALUE_ADDED
        first = (h.enum or [None])[0]
        out = []
        for shown in e.fields.get("values") or []:
            value = json.loads(shown)
            if added and value == first and unspecified(value):
                continue  # proto3's zero value
            message = (
                f"upstream enum value {value!r} is missing"
                if added
                else f"enum value {value!r} no longer exists upstream"
            )
            out.append(
                self.item(
                    e.kind,
                    e,
                    root,
                    message,
                    pointer=join_pointer(b.pointer, "enum"),
                    up_pointer=join_pointer(h.pointer, "enum"),
                    details={"value": value},
                    line=b.line,
                )
            )
        return out

    def renamed(self, e: SchemaEvent, root: Root) -> list[Item]:
        b, h = e.base, e.head
        assert b is not None and h is not None
        f = e.fields
        evidence = {k: v for k, v in f.items() if k not in ("old", "new", "name", "required")}
        details = {"from": f["old"], "to": f["new"], "by": e.extra.get("by", "matcher"), **evidence}
        out = [
            self.item(
                K.DRIFT_PROPERTY_RENAMED,
                e,
                root,
                f"renamed to {f['new']} upstream",
                pointer=b.pointer,
                up_pointer=h.pointer,
                details=details,
                line=b.line,
            )
        ]
        if f.get("required") and not e.extra.get("was_required"):
            out.append(self.required(e, root, (f["old"], f["new"])))
        return out

    def added(self, e: SchemaEvent, root: Root) -> Item:
        h = e.head
        assert h is not None
        parent, _, line = e.extra["parent"]
        name = e.fields["name"]
        shown = describe(h, self.rename)
        return self.item(
            K.DRIFT_PROPERTY_ADDED,
            e,
            root,
            f"upstream property ({shown}) is missing",
            pointer=join_pointer(parent, "properties", name),
            up_pointer=h.pointer,
            details={"type": shown},
            line=line,
        )

    def removed(self, e: SchemaEvent, root: Root) -> Item:
        b = e.base
        assert b is not None
        note = e.fields.get("note")
        return self.item(
            K.DRIFT_PROPERTY_REMOVED,
            e,
            root,
            "no longer exists upstream",
            pointer=b.pointer,
            up_pointer=e.where[1].pointer if e.where[1] is not None else "",
            details={"note": note} if note else {},
            line=b.line,
        )

    def required(self, e: SchemaEvent, root: Root, names: tuple[str, str]) -> Item:
        b = e.base
        assert b is not None
        parent = e.extra.get("parent")
        pub, up = self.locations(e, root)
        return self.item(
            K.DRIFT_PROPERTY_REQUIRED_CHANGED,
            e,
            root,
            "required upstream but optional here",
            pointer=join_pointer(parent[0] if parent else b.pointer, "required"),
            up_pointer=e.head.pointer if e.head is not None else e.where[1].pointer,
            details={"required": True, "name": names[0]},
            line=b.line,
            locations=(pub, up),
        )
