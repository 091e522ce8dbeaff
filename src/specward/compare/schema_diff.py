"""Direction-aware structural diff of two schemas, through $refs, allOf, oneOf, anyOf, arrays and
nested objects at any depth.

Comparisons are memoized by the identities of both resolved schemas and the direction, so a
component referenced by a hundred operations is compared once; schemas whose raw content is equal
and whose references all reach unchanged components are skipped without walking them.

The walk itself lives here (types, formats, defaults, discriminators, additional properties,
properties, variants); enum/const keywords are in :mod:`schema_enums`, bounds in
:mod:`schema_bounds`, per-schema facts in :mod:`schema_facts`, the unchanged-subtree index in
:mod:`unchanged` and variant matching in :mod:`variants`.
"""

from __future__ import annotations

from typing import Any

from specward.compare.events import SchemaEvent
from specward.compare.matcher import match_properties
from specward.compare.schema_bounds import BoundsDiff
from specward.compare.schema_enums import EnumDiff
from specward.compare.schema_facts import (
    MISSING,
    Facts,
    Types,
    covers,
    describe_types,
    effective_types,
    label,
    show_value,
)
from specward.compare.schema_keywords import KeywordsDiff
from specward.compare.unchanged import UnchangedIndex
from specward.compare.variants import compatible, find_single, match_variants
from specward.model import Schema, Spec

__all__ = [
    "Facts",
    "SchemaDiffer",
    "Types",
    "UnchangedIndex",
    "compatible",
    "covers",
    "describe_types",
    "effective_types",
    "match_variants",
]


class SchemaDiffer:
    """Compares schema pairs in a direction (``request`` or ``response``)."""

    def __init__(self, base: Spec, head: Spec) -> None:
        self.unchanged = UnchangedIndex(base, head)
        self._memo: dict[tuple[Any, Any, str], list[SchemaEvent]] = {}
        self._active: set[tuple[Any, Any, str]] = set()

    def diff(self, base: Schema | None, head: Schema | None, direction: str) -> list[SchemaEvent]:
        """Events for ``base`` → ``head``; paths are relative to these schemas."""
        if base is None or head is None:
            return []
        if self.unchanged.same(base, head):
            return []
        key = (base.identity, head.identity, direction)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:  # a cycle: its changes are reported where it started
            return []
        self._active.add(key)
        try:
            events = _Walk(self, direction).run(base, head)
        finally:
            self._active.discard(key)
        self._memo[key] = events
        return events


class _Walk(EnumDiff, BoundsDiff, KeywordsDiff):
    """One comparison of a schema pair (children go back through the memoizing differ)."""

    def __init__(self, differ: SchemaDiffer, direction: str) -> None:
        self.differ = differ
        self.request = direction == "request"
        self.direction = direction
        self.out: list[SchemaEvent] = []

    def emit(
        self,
        kind: str,
        b: Schema | None,
        h: Schema | None,
        path: tuple[str, ...] = (),
        *,
        on_property: bool = False,
        **fields: Any,
    ) -> None:
        self.out.append(SchemaEvent(kind, path, fields, b, h, on_property))

    def child(self, b: Schema | None, h: Schema | None, path: tuple[str, ...]) -> None:
        for event in self.differ.diff(b, h, self.direction):
            self.out.append(event.prefixed(path))

    # -- the walk -----------------------------------------------------------------------------
    def run(self, base: Schema, head: Schema) -> list[SchemaEvent]:
        fb, fh = Facts(base), Facts(head)
        b, h = fb.core, fh.core
        if fb.nullable != fh.nullable:
            self.emit("became-nullable" if fh.nullable else "became-not-nullable", b, h)
        if fb.variants is not None and fh.variants is not None:
            changed = self.variants(fb, fh)
            self.discriminator(b, h, skip=changed)
            return self.out
        tb, th = effective_types(b), effective_types(h)
        if (
            (fb.variants is not None or fh.variants is not None)
            and tb == th
            and self.wrapped(fb, fh)
        ):
            return self.out
        if tb != th:
            self.types(b, h, tb, th)
            if tb is not None and th is not None and not (tb & th):
                return self.out
        elif b.format != h.format:
            self.formats(b, h, tb)
        self.enums(b, h)
        db, dh = b.raw.get("default", MISSING), h.raw.get("default", MISSING)
        if db != dh:
            kind = (
                "default-value-added"
                if db is MISSING
                else "default-value-removed"
                if dh is MISSING
                else "default-value-changed"
            )
            self.emit(
                kind,
                b,
                h,
                old=None if db is MISSING else show_value(db),
                new=None if dh is MISSING else show_value(dh),
            )
        self.bounds(b, h)
        self.discriminator(b, h)
        self.additional(b, h)
        self.properties(b, h)
        bi, hi = b.items, h.items
        if bi is not None and hi is not None:
            self.child(bi, hi, ("[]",))
        self.keywords(b, h)
        return self.out

    def types(self, b: Schema, h: Schema, tb: Types, th: Types) -> None:
        if self.list_of_types(b, h, tb, th):
            return
        old, new = describe_types(tb, b.format), describe_types(th, h.format)
        widened, narrowed = covers(th, tb), covers(tb, th)
        if self.request:
            kind = "type-generalized" if widened else "type-changed"
        else:
            kind = "type-specialized" if narrowed and not widened else "type-changed"
        self.emit(kind, b, h, old=old, new=new)

    def formats(self, b: Schema, h: Schema, types: Types) -> None:
        old, new = describe_types(types, b.format), describe_types(types, h.format)
        if self.request:
            kind = "type-generalized" if h.format is None else "type-changed"
        else:
            kind = "type-specialized" if b.format is None else "type-changed"
        self.emit(kind, b, h, old=old, new=new)

    def discriminator(self, b: Schema, h: Schema, skip: frozenset[str] = frozenset()) -> None:
        """Discriminator changes; mapping entries of variants reported added or removed (named in
        ``skip``) are part of that change, not another one."""
        self.discriminator_presence(b, h)
        db, dh = b.discriminator, h.discriminator
        if db is None or dh is None:
            return
        if db["propertyName"] != dh["propertyName"]:
            self.emit(
                "discriminator-property-name-changed",
                b,
                h,
                old=db["propertyName"],
                new=dh["propertyName"],
            )

        def target(value: Any) -> str:
            text = str(value)
            return text.rsplit("/", 1)[-1] if "/" in text else text

        removed = sorted(
            k
            for k in set(db["mapping"]) - set(dh["mapping"])
            if target(db["mapping"][k]) not in skip
        )
        added = sorted(
            k
            for k in set(dh["mapping"]) - set(db["mapping"])
            if target(dh["mapping"][k]) not in skip
        )
        if removed:
            self.emit("discriminator-mapping-deleted", b, h, values=removed)
        if added:
            self.emit("discriminator-mapping-added", b, h, values=added)

    def additional(self, b: Schema, h: Schema) -> None:
        ab, ah = b.additional_properties, h.additional_properties
        if isinstance(ab, Schema) and isinstance(ah, Schema):
            self.child(ab, ah, ("*",))
            return
        if not self.request:
            return
        rank = {"any": 2, "schema": 1, "none": 0}

        def state(value: bool | Schema | None) -> str:
            if isinstance(value, Schema):
                return "any" if not value.raw else "schema"
            return "none" if value is False else "any"

        sb, sh = state(ab), state(ah)
        if sb != sh:
            kind = (
                "additional-properties-tightened"
                if rank[sh] < rank[sb]
                else "additional-properties-relaxed"
            )
            self.emit(kind, b, h, old=sb, new=sh)

    def properties(self, b: Schema, h: Schema) -> None:
        pb, ph = b.flattened_properties(), h.flattened_properties()
        if not pb and not ph:
            return
        req_b, req_h = set(b.flattened_required()), set(h.flattened_required())
        hidden = "readOnly" if self.request else "writeOnly"
        removed: dict[str, Schema] = {}
        added: dict[str, Schema] = {}
        for name, bs in pb.items():
            hs = ph.get(name)
            b_hidden = bs.get(hidden) is True
            if hs is None:
                if not b_hidden:
                    removed[name] = bs
                continue
            h_hidden = hs.get(hidden) is True
            if b_hidden or h_hidden:
                if b_hidden != h_hidden:
                    toggled = "read-only" if self.request else "write-only"
                    kind = f"became-{toggled}" if h_hidden else f"became-not-{toggled}"
                    self.emit(kind, bs, hs, (name,), on_property=True, name=name)
                continue
            if (name in req_b) != (name in req_h):
                kind = "became-required" if name in req_h else "became-optional"
                self.emit(kind, bs, hs, (name,), on_property=True, name=name)
            self.property_lifecycle(bs, hs, (name,), name)
            self.child(bs, hs, (name,))
        for name, hs in ph.items():
            if name not in pb and hs.get(hidden) is not True:
                added[name] = hs
        renames = match_properties(removed, added, list(pb), list(ph), compatible, _raw)
        for pair in renames.pairs:
            old, new = pair.old, pair.new
            bs, hs = removed.pop(old), added.pop(new)
            self.emit(
                "renamed",
                bs,
                hs,
                (new,),
                on_property=True,
                old=old,
                new=new,
                name=new,
                required=new in req_h,
                **pair.evidence.details(),
            )
            self.child(bs, hs, (new,))
        for name, bs in removed.items():
            if self.request:
                kind = "removed"
            else:
                kind = "required-removed" if name in req_b else "optional-removed"
            self.emit(kind, bs, None, (name,), on_property=True, name=name, note=renames.note(name))
        for name, hs in added.items():
            if self.request:
                kind = "new-required" if name in req_h else "new-optional"
            else:
                kind = "required-added" if name in req_h else "optional-added"
            self.emit(kind, None, hs, (name,), on_property=True, name=name)

    def variants(self, fb: Facts, fh: Facts) -> frozenset[str]:
        """Compare two variant lists; return the labels of the variants added or removed."""
        vb, vh = fb.variants or [], fh.variants or []
        pairs, lost, new = match_variants(vb, vh)
        for i, j in pairs:
            self.child(vb[i], vh[j], (f"{fh.composition}[{label(vh[j], j)}]",))
        for i in lost:
            kind = "one-of-removed" if fb.composition == "oneOf" else "any-of-removed"
            self.emit(kind, vb[i], None, name=label(vb[i], i))
        for j in new:
            kind = "one-of-added" if fh.composition == "oneOf" else "any-of-added"
            self.emit(kind, None, vh[j], name=label(vh[j], j))
        return frozenset([label(vb[i], i) for i in lost] + [label(vh[j], j) for j in new])

    def wrapped(self, fb: Facts, fh: Facts) -> bool:
        """One side is a oneOf/anyOf, the other a single schema: one variant stands for it."""
        single, facts = (fb.core, fh) if fh.variants is not None else (fh.core, fb)
        variants = facts.variants or []
        index = find_single(single, variants)
        if index is None:
            return False
        name = "one-of" if facts.composition == "oneOf" else "any-of"
        others = [i for i in range(len(variants)) if i != index]
        if facts is fh:
            self.child(single, variants[index], ())
            for j in others:
                self.emit(f"{name}-added", None, variants[j], name=label(variants[j], j))
        else:
            self.child(variants[index], single, ())
            for i in others:
                self.emit(f"{name}-removed", variants[i], None, name=label(variants[i], i))
        return True


def _raw(schema: Schema) -> dict[str, Any]:
    return schema.raw
