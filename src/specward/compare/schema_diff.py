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

import copy
from typing import Any

from specward.compare import kinds as K
from specward.compare.events import SchemaEvent
from specward.compare.hooks import IDENTITY, PLAIN, Correspondence, Representation
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
from specward.load.walk import iter_refs
from specward.model import Schema, Spec

NEUTRAL = "neutral"  # neither request nor response: nothing hidden (drift)

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
    """Compares schema pairs in a direction (``request``, ``response`` or ``neutral``).

    ``correspondence`` and ``representation`` are the two hooks (:mod:`specward.compare.hooks`):
    the identity and schemas as written for ``breaking``; the upstream↔published mapping and
    grpc-gateway's wire choices for ``drift``.
    """

    def __init__(
        self,
        base: Spec,
        head: Spec,
        *,
        correspondence: Correspondence = IDENTITY,
        representation: Representation = PLAIN,
    ) -> None:
        self.corr = correspondence
        self.rep = representation
        self.unchanged = UnchangedIndex(base, head) if correspondence is IDENTITY else None
        self._memo: dict[tuple[Any, Any, str], list[SchemaEvent]] = {}
        self._active: set[tuple[Any, Any, str]] = set()

    def diff(self, base: Schema | None, head: Schema | None, direction: str) -> list[SchemaEvent]:
        """Events for ``base`` → ``head``; paths are relative to these schemas."""
        if base is None or head is None:
            return []
        if self.unchanged is not None:
            if self.unchanged.same(base, head):
                return []
        else:
            verdict = self.corr.refs(base, head)
            if verdict is not None:
                return [_reference_changed(base, head, verdict)] if verdict else []
            if base.node == head.node and _self_contained(base.node):
                return []  # the same content, referring to nothing: nothing can differ
        key = (base.identity, head.identity, direction)
        events = self._memo.get(key)
        if events is None:
            if key in self._active:  # a cycle: its changes are reported where it started
                return []
            self._active.add(key)
            try:
                events = _Walk(self, direction, (base, head)).run(base, head)
            finally:
                self._active.discard(key)
            self._memo[key] = events
        if self.unchanged is None:  # the pair is compared once; say where this use is written
            return [e.located(base, head) for e in events]
        return events

    def similar(self, base: Schema, head: Schema, direction: str) -> bool:
        """Could ``base`` and ``head`` be one renamed property (the correspondence decides)?

        Through a correspondence, candidates are compared in a scratch differ: a rejected
        candidate leaves nothing in the memo that a real comparison would then reuse."""
        differ = self
        if self.unchanged is None:
            differ = copy.copy(self)  # the same hooks, an empty memo
            differ._memo, differ._active = {}, set()
        return self.corr.similar(base, head, lambda b, h: differ.diff(b, h, direction))


class _Walk(EnumDiff, BoundsDiff, KeywordsDiff):
    """One comparison of a schema pair (children go back through the memoizing differ)."""

    def __init__(self, differ: SchemaDiffer, direction: str, where: tuple[Any, Any]) -> None:
        self.notes: dict[str, str] = {}
        self.parent: tuple[str, str, int | None] = ("", "", None)  # the object being walked
        self.differ = differ
        self.corr = differ.corr
        self.rep = differ.rep
        self.request = direction == "request"
        self.direction = direction
        self.where = where
        self.out: list[SchemaEvent] = []

    def emit(
        self,
        kind: str,
        b: Schema | None,
        h: Schema | None,
        path: tuple[str, ...] = (),
        *,
        on_property: bool = False,
        names: tuple[tuple[str, str], ...] = (),
        extra: dict[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        if on_property:
            extra = {"parent": self.parent, **(extra or {})}
        self.out.append(
            SchemaEvent(kind, path, fields, b, h, on_property, names, self.where, extra or {})
        )

    def child(
        self,
        b: Schema | None,
        h: Schema | None,
        path: tuple[str, ...],
        names: tuple[tuple[str, str], ...] = (),
    ) -> None:
        for event in self.differ.diff(b, h, self.direction):
            self.out.append(event.prefixed(path, names))

    # -- the walk -----------------------------------------------------------------------------
    def run(self, base: Schema, head: Schema) -> list[SchemaEvent]:
        rep = self.rep
        fb, fh = rep.facts(base), rep.facts(head)
        b, h = fb.core, fh.core
        tb, th = fb.types, fh.types
        if rep.opaque(head) or rep.opaque(base):
            if rep.type_reported(tb, th):
                self.types(b, h, tb, th)
            return self.out
        if rep.nullability and fb.nullable != fh.nullable:
            self.emit("became-nullable" if fh.nullable else "became-not-nullable", b, h)
        if fb.variants is not None and fh.variants is not None:
            changed = self.variants(fb, fh)
            if rep.keywords:
                self.discriminator(b, h, skip=changed)
            return self.out
        if (
            (fb.variants is not None or fh.variants is not None)
            and tb == th
            and self.wrapped(fb, fh)
        ):
            return self.out
        union = rep.union(fb, fh)
        if union is not None:
            self.properties(union, h)
            return self.out
        if tb != th:
            if rep.type_reported(tb, th):
                self.types(b, h, tb, th)
            if not rep.comparable(tb, th):
                return self.out
        elif not rep.comparable(tb, th):
            return self.out
        elif rep.formats_differ(b, h):
            self.formats(b, h, tb)
        self.enums(b, h)
        if rep.keywords:
            self.default(b, h)
            self.bounds(b, h)
            self.discriminator(b, h)
        self.additional(b, h)
        self.properties(b, h)
        bi, hi = b.items, h.items
        if bi is not None and hi is not None:
            self.child(bi, hi, ("[]",))
        if rep.keywords:
            self.keywords(b, h)
        return self.out

    def default(self, b: Schema, h: Schema) -> None:
        db, dh = b.raw.get("default", MISSING), h.raw.get("default", MISSING)
        if db == dh:
            return
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

    def properties(self, b: Any, h: Schema) -> None:
        """Properties added, removed, renamed or changed; ``b`` may be a union's view."""
        if not (_has_properties(b) or _has_properties(h)):
            return
        pb, ph = b.flattened_properties(), h.flattened_properties()
        if not pb and not ph:
            return
        req_b, req_h = set(b.flattened_required()), set(h.flattened_required())
        hidden = ("readOnly" if self.request else "writeOnly") if self.rep.hidden else None
        self.parent = (b.pointer, h.pointer, b.line)
        pairs = self.corr.pair_names(pb, ph)  # head name -> base name
        paired_b = set(pairs.values())
        removed: dict[str, Schema] = {}
        added: dict[str, Schema] = {}
        for name, bs in pb.items():
            if name not in paired_b and (hidden is None or bs.get(hidden) is not True):
                removed[name] = bs
        for name, hs in ph.items():
            if name not in pairs and (hidden is None or hs.get(hidden) is not True):
                added[name] = hs
        by_base = {old: new for new, old in pairs.items()}
        for old in pb:
            if old in by_base:
                new = by_base[old]
                self.pair(pb[old], ph[new], old, new, req_b, req_h, hidden)
        for new, old, why in self.renames(b, h, removed, added, list(pb), list(ph)):
            bs, hs = removed.pop(old), added.pop(new)
            self.emit(
                "renamed",
                bs,
                hs,
                (new,),
                on_property=True,
                names=((old, new),),
                extra={"by": why.pop("by", "matcher"), "was_required": old in req_b},
                old=old,
                new=new,
                name=new,
                required=new in req_h,
                **why,
            )
            self.child(bs, hs, (new,), ((old, new),))
        for name, bs in removed.items():
            if self.request:
                kind = "removed"
            else:
                kind = "required-removed" if name in req_b else "optional-removed"
            self.emit(
                kind,
                bs,
                None,
                (name,),
                on_property=True,
                names=((name, name),),
                name=name,
                note=self.notes.get(name),
            )
        for name, hs in added.items():
            if self.request:
                kind = "new-required" if name in req_h else "new-optional"
            else:
                kind = "required-added" if name in req_h else "optional-added"
            self.emit(kind, None, hs, (name,), on_property=True, names=((name, name),), name=name)

    def pair(
        self,
        bs: Schema,
        hs: Schema,
        old: str,
        new: str,
        req_b: set[str],
        req_h: set[str],
        hidden: str | None,
    ) -> None:
        """One property on both sides (``old`` and ``new`` are its base and head names)."""
        names = ((old, new),)
        if hidden is not None:
            b_hidden, h_hidden = bs.get(hidden) is True, hs.get(hidden) is True
            if b_hidden or h_hidden:
                if b_hidden != h_hidden:
                    toggled = "read-only" if self.request else "write-only"
                    kind = f"became-{toggled}" if h_hidden else f"became-not-{toggled}"
                    self.emit(kind, bs, hs, (new,), on_property=True, names=names, name=new)
                return
        if (old in req_b) != (new in req_h):
            kind = "became-required" if new in req_h else "became-optional"
            self.emit(kind, bs, hs, (new,), on_property=True, names=names, name=new)
        if self.rep.keywords:
            self.property_lifecycle(bs, hs, (new,), new)
        self.child(bs, hs, (new,), names)

    def renames(
        self,
        b: Any,
        h: Schema,
        removed: dict[str, Schema],
        added: dict[str, Schema],
        order_b: list[str],
        order_h: list[str],
    ) -> list[tuple[str, str, dict[str, Any]]]:
        """(head name, base name, evidence) of renamed properties: those the correspondence
        knows first (a baseline, proto field numbers), then the matcher's. Notes for removed
        properties the matcher nearly paired go to ``self.notes``."""
        out: list[tuple[str, str, dict[str, Any]]] = []
        left_b, left_h = dict(removed), dict(added)
        for new, (old, why) in sorted(self.corr.known_renames(b, h).items()):
            if new in left_h and old in left_b:
                out.append((new, old, dict(why)))
                left_b.pop(old)
                left_h.pop(new)
        found = match_properties(
            left_b,
            left_h,
            order_b,
            order_h,
            lambda x, y: self.differ.similar(x, y, self.direction),
            self.rep.matcher_node,
            lone_bonus=self.corr.lone_bonus,
        )
        out.extend((p.new, p.old, p.evidence.details()) for p in found.pairs)
        self.notes = {old: note for old in left_b if (note := found.note(old)) is not None}
        return out

    def variants(self, fb: Facts, fh: Facts) -> frozenset[str]:
        """Compare two variant lists; return the labels of the variants added or removed."""
        vb, vh = fb.variants or [], fh.variants or []
        pairs, lost, new = match_variants(vb, vh, self.corr.same_ref)
        for i, j in pairs:
            self.child(vb[i], vh[j], (f"{fh.composition}[{label(vh[j], j)}]",))
        for i in lost:
            kind = "one-of-removed" if fb.composition == "oneOf" else "any-of-removed"
            self.emit(kind, vb[i], None, name=label(vb[i], i))
        for j in new:
            kind = "one-of-added" if fh.composition == "oneOf" else "any-of-added"
            name = label(vh[j], j)
            self.emit(kind, None, vh[j], name=self.corr.head_label(name))
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


def _reference_changed(base: Schema, head: Schema, why: str) -> SchemaEvent:
    """The two references name components the correspondence does not pair."""
    return SchemaEvent(K.REFERENCE_CHANGED, (), {"why": why}, base, head, where=(base, head))


def _has_properties(schema: Any) -> bool:
    """Whether a (resolved) schema may have properties: its own or its ``allOf`` members'."""
    node = getattr(schema, "node", None)
    return not isinstance(node, dict) or "properties" in node or "allOf" in node


def _self_contained(node: dict[str, Any]) -> bool:
    """A node with no ``$ref`` anywhere in it.

    Leaves are checked directly. Otherwise ``repr`` (in C, several times faster than a walk in
    Python) rules a ``$ref`` key out when the text ``'$ref'`` is not in it; a string that merely
    contains it only costs the walk.
    """
    if "$ref" in node:
        return False
    if not any(isinstance(v, (dict, list)) for v in node.values()):
        return True
    try:
        if "'$ref'" not in repr(node):
            return True
    except RecursionError:
        pass
    return next(iter_refs(node), None) is None
