"""Direction-aware structural diff of two schemas, through $refs, allOf, oneOf, anyOf, arrays and
nested objects at any depth.

Comparisons are memoized by the identities of both resolved schemas and the direction, so a
component referenced by a hundred operations is compared once; schemas whose raw content is equal
and whose references all reach unchanged components are skipped without walking them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from specward.compare.events import SchemaEvent
from specward.compare.renames import pair_renames
from specward.load.pointer import split_pointer
from specward.load.walk import iter_refs
from specward.model import Schema, Spec
from specward.rules.schema_rules import BOUNDS

Types = frozenset[str] | None  # None: any type


def covers(wide: Types, narrow: Types) -> bool:
    """Whether every value of ``narrow`` types is allowed by ``wide`` (integer is a number)."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def describe_types(types: Types, fmt: str | None = None) -> str:
    text = "any" if types is None else " | ".join(sorted(types)) or "any"
    return f"{text}/{fmt}" if fmt else text


def _is_null(schema: Schema) -> bool:
    return schema.types == frozenset({"null"}) or schema.get("enum") == [None]


class Facts:
    """What the differ needs of one schema: its core, variants and nullability."""

    __slots__ = ("composition", "core", "nullable", "variants")

    def __init__(self, schema: Schema) -> None:
        core = schema.resolve()
        nullable = core.nullable
        composition, variants = None, None
        for key, found in (("oneOf", core.one_of), ("anyOf", core.any_of)):
            if not found:
                continue
            kept = [v for v in found if not _is_null(v)]
            if len(kept) < len(found):
                nullable = True
            if len(kept) == 1 and not core.properties and "type" not in core.raw:
                core = kept[0].resolve()
                nullable = nullable or core.nullable
            elif kept:
                composition, variants = key, kept
            break
        self.core = core
        self.nullable = nullable
        self.composition = composition
        self.variants = variants


def effective_types(schema: Schema, _seen: frozenset[Any] = frozenset()) -> Types:
    """JSON types a schema allows (null excluded), inferred when ``type`` is absent."""
    ident = schema.identity
    if ident in _seen:
        return None
    seen = _seen | {ident}
    declared = schema.types - {"null"}
    if declared:
        return frozenset(declared)
    raw = schema.raw
    if "properties" in raw or "additionalProperties" in raw:
        return frozenset({"object"})
    if "items" in raw:
        return frozenset({"array"})
    variants = [v for v in schema.one_of + schema.any_of if not _is_null(v)]
    if variants:
        out: set[str] = set()
        for v in variants:
            t = effective_types(v, seen)
            if t is None:
                return None
            out |= t
        return frozenset(out)
    for part in schema.all_of:
        t = effective_types(part, seen)
        if t is not None:
            return t
    enum = schema.enum
    if enum:
        names = {_json_type(v) for v in enum if v is not None}
        return frozenset(names) if names else None
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _label(schema: Schema, index: int) -> str:
    return schema.ref_name or _str(schema.get("title")) or f"#{index}"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _enum_values(raw: dict[str, Any]) -> list[Any] | None:
    """The non-null values of an ``enum`` list (None when there is no enum)."""
    value = raw.get("enum")
    return [v for v in value if v is not None] if isinstance(value, list) else None


def _has_list(raw: dict[str, Any], key: str) -> bool:
    return isinstance(raw.get(key), list)


def _bound(raw: dict[str, Any], upper: bool) -> tuple[float, bool] | None:
    """The effective lower (or upper) bound as (value, exclusive), from ``minimum`` with a 3.0
    boolean ``exclusiveMinimum`` or a 3.1 numeric ``exclusiveMinimum`` (the tighter wins)."""
    key, ekey = ("maximum", "exclusiveMaximum") if upper else ("minimum", "exclusiveMinimum")
    value, exclusive = _number(raw.get(key)), raw.get(ekey)
    numeric = _number(exclusive)
    if numeric is not None:
        if value is None:
            return (numeric, True)
        tighter = numeric <= value if upper else numeric >= value
        return (numeric, True) if tighter else (value, False)
    if value is None:
        return None
    return (value, exclusive is True)


def _divides(small: float, big: float) -> bool:
    """Whether ``big`` is an integer multiple of ``small`` (exact for decimal literals)."""
    if small == 0:
        return False
    ratio = Fraction(str(big)) / Fraction(str(small))
    return ratio.denominator == 1


def _show_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class UnchangedIndex:
    """Answers "is this pair of nodes certainly equal, references included?" cheaply."""

    def __init__(self, base: Spec, head: Spec) -> None:
        self.base_data = base.ws.entry.data
        self.head_data = head.ws.entry.data
        self._refs: dict[int, frozenset[str]] = {}
        self._components: dict[str, bool] = {}

    def refs(self, node: Any) -> frozenset[str]:
        key = id(node)
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = frozenset(ref for _, ref in iter_refs(node))
        return found

    def _lookup(self, data: Any, ref: str) -> Any:
        node = data
        for token in split_pointer(ref):
            if isinstance(node, dict) and token in node:
                node = node[token]
            else:
                return _MISSING
        return node

    def _equal_at(self, ref: str) -> tuple[bool, Any]:
        """Whether ``ref`` names the same raw node on both sides, and that node."""
        if not ref.startswith("#/"):
            return False, None
        try:
            b = self._lookup(self.base_data, ref)
            h = self._lookup(self.head_data, ref)
        except ValueError:
            return False, None
        return (b is not _MISSING and h is not _MISSING and b == h), b

    def component_unchanged(self, ref: str) -> bool:
        """Whether the node at ``ref`` and every component it reaches are equal on both sides.

        Walks the reference graph with an explicit stack: chains of thousands of components
        (and cycles, which count as unchanged) cost no recursion.
        """
        known = self._components.get(ref)
        if known is not None:
            return known
        reached = [ref]
        pending = [ref]
        seen = {ref}
        while pending:
            current = pending.pop()
            if self._components.get(current) is True:
                continue
            equal, node = (
                (False, None) if self._components.get(current) is False else self._equal_at(current)
            )
            if not equal:
                self._components[ref] = False
                return False
            for child in self.refs(node):
                if child not in seen:
                    seen.add(child)
                    reached.append(child)
                    pending.append(child)
        for found in reached:  # everything reachable from an unchanged node is unchanged
            self._components[found] = True
        return True

    def same(self, base: Schema, head: Schema) -> bool:
        if base.doc.path != base.ws.entry.path or head.doc.path != head.ws.entry.path:
            return False
        b, h = base.raw, head.raw
        if b != h:
            return False
        return all(self.component_unchanged(r) for r in self.refs(b))


_MISSING = object()


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


class _Walk:
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
        db, dh = b.raw.get("default", _MISSING), h.raw.get("default", _MISSING)
        if db != dh:
            kind = (
                "default-value-added"
                if db is _MISSING
                else "default-value-removed"
                if dh is _MISSING
                else "default-value-changed"
            )
            self.emit(
                kind,
                b,
                h,
                old=None if db is _MISSING else _show_value(db),
                new=None if dh is _MISSING else _show_value(dh),
            )
        self.bounds(b, h)
        self.discriminator(b, h)
        self.additional(b, h)
        self.properties(b, h)
        bi, hi = b.items, h.items
        if bi is not None and hi is not None:
            self.child(bi, hi, ("[]",))
        return self.out

    def types(self, b: Schema, h: Schema, tb: Types, th: Types) -> None:
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

    def enums(self, b: Schema, h: Schema) -> None:
        """``enum`` lists, ``const`` outside them and Zalando's ``x-extensible-enum``."""
        eb, eh = _enum_values(b.raw), _enum_values(h.raw)
        if eb is None and eh is None:
            self.consts(b, h)
            self.extensible(b, h)
            return
        if eh is None:
            if eb and not _has_list(h.raw, "x-extensible-enum") and "const" not in h.raw:
                self.emit("became-not-enum", b, h, values=[_show_value(v) for v in eb])
            elif eb and "const" in h.raw:
                self.enum_lists(b, h, eb, [h.raw["const"]])
            return
        if eb is None:
            if "const" in b.raw:
                self.enum_lists(b, h, [b.raw["const"]], eh)
            elif eh:
                self.emit("became-enum", b, h, values=[_show_value(v) for v in eh])
            return
        self.enum_lists(b, h, eb, eh)

    def enum_lists(self, b: Schema, h: Schema, eb: list[Any], eh: list[Any]) -> None:
        removed = [_show_value(v) for v in eb if v not in eh]
        added = [_show_value(v) for v in eh if v not in eb]
        if removed:
            self.emit("enum-value-removed", b, h, values=removed)
        if added:
            self.emit("enum-value-added", b, h, values=added)

    def consts(self, b: Schema, h: Schema) -> None:
        cb, ch = b.raw.get("const", _MISSING), h.raw.get("const", _MISSING)
        if cb == ch:
            return
        old = None if cb is _MISSING else _show_value(cb)
        new = None if ch is _MISSING else _show_value(ch)
        if cb is _MISSING:
            kind = "const-added"
        elif ch is _MISSING:
            kind = "const-removed"
        else:
            kind = "const-changed"
        self.emit(kind, b, h, old=old, new=new)

    def extensible(self, b: Schema, h: Schema) -> None:
        xb, xh = b.raw.get("x-extensible-enum"), h.raw.get("x-extensible-enum")
        if not isinstance(xb, list) or not isinstance(xh, list):
            return
        removed = [_show_value(v) for v in xb if v not in xh]
        added = [_show_value(v) for v in xh if v not in xb]
        if removed:
            self.emit("x-extensible-enum-value-removed", b, h, values=removed)
        if added:
            self.emit("x-extensible-enum-value-added", b, h, values=added)

    def bounds(self, b: Schema, h: Schema) -> None:
        rb, rh = b.raw, h.raw
        for upper in (False, True):
            self.numeric_bound(b, h, upper)
        for keyword, name, _ in BOUNDS:
            if keyword in _NUMERIC:
                continue
            vb, vh = _number(rb.get(keyword)), _number(rh.get(keyword))
            if vb == vh:
                continue
            if vb is None:
                kind = f"{name}-set"
            elif vh is None:
                kind = f"{name}-unset"
            else:
                kind = f"{name}-{'increased' if vh > vb else 'decreased'}"
            self.emit(kind, b, h, old=vb, new=vh, keyword=keyword)
        self.multiple_of(b, h)
        ub, uh = rb.get("uniqueItems") is True, rh.get("uniqueItems") is True
        if ub != uh:
            self.emit("unique-items-set" if uh else "unique-items-unset", b, h)
        pb, ph = _str(rb.get("pattern")), _str(rh.get("pattern"))
        if self.request and pb != ph:
            kind = (
                "pattern-added"
                if pb is None
                else "pattern-removed"
                if ph is None
                else "pattern-changed"
            )
            self.emit(kind, b, h, old=pb, new=ph)

    def numeric_bound(self, b: Schema, h: Schema, upper: bool) -> None:
        """minimum/maximum with their exclusive forms, 3.0 booleans and 3.1 numbers alike."""
        lb, lh = _bound(b.raw, upper), _bound(h.raw, upper)
        if lb == lh:
            return
        base = "max" if upper else "min"
        keyword = "maximum" if upper else "minimum"

        def named(bound: tuple[float, bool]) -> tuple[str, str]:
            if bound[1]:
                return f"exclusive-{base}", "exclusive" + keyword.title()
            return base, keyword

        if lb is None:
            assert lh is not None
            name, kw = named(lh)
            self.emit(f"{name}-set", b, h, old=None, new=lh[0], keyword=kw)
        elif lh is None:
            name, kw = named(lb)
            self.emit(f"{name}-unset", b, h, old=lb[0], new=None, keyword=kw)
        elif lb[0] == lh[0]:
            state = "exclusive" if lh[1] else "inclusive"
            self.emit(f"{base}-became-{state}", b, h, old=lb[0], new=lh[0], keyword=keyword)
        else:
            name, kw = named(lh)
            change = "increased" if lh[0] > lb[0] else "decreased"
            self.emit(f"{name}-{change}", b, h, old=lb[0], new=lh[0], keyword=kw)

    def multiple_of(self, b: Schema, h: Schema) -> None:
        mb, mh = _number(b.raw.get("multipleOf")), _number(h.raw.get("multipleOf"))
        if mb == mh:
            return
        if mb is None:
            kind = "multiple-of-set"
        elif mh is None:
            kind = "multiple-of-unset"
        elif _divides(mb, mh):
            kind = "multiple-of-tightened"
        elif _divides(mh, mb):
            kind = "multiple-of-relaxed"
        else:
            kind = "multiple-of-changed"
        self.emit(kind, b, h, old=mb, new=mh, keyword="multipleOf")

    def discriminator(self, b: Schema, h: Schema, skip: frozenset[str] = frozenset()) -> None:
        """Discriminator changes; mapping entries of variants reported added or removed (named in
        ``skip``) are part of that change, not another one."""
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
            self.child(bs, hs, (name,))
        for name, hs in ph.items():
            if name not in pb and hs.get(hidden) is not True:
                added[name] = hs
        for old, new in pair_renames(removed, added, compatible):
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
            )
            self.child(bs, hs, (new,))
        for name, bs in removed.items():
            if self.request:
                kind = "removed"
            else:
                kind = "required-removed" if name in req_b else "optional-removed"
            self.emit(kind, bs, None, (name,), on_property=True, name=name)
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
            self.child(vb[i], vh[j], (f"{fh.composition}[{_label(vh[j], j)}]",))
        for i in lost:
            kind = "one-of-removed" if fb.composition == "oneOf" else "any-of-removed"
            self.emit(kind, vb[i], None, name=_label(vb[i], i))
        for j in new:
            kind = "one-of-added" if fh.composition == "oneOf" else "any-of-added"
            self.emit(kind, None, vh[j], name=_label(vh[j], j))
        return frozenset([_label(vb[i], i) for i in lost] + [_label(vh[j], j) for j in new])

    def wrapped(self, fb: Facts, fh: Facts) -> bool:
        """One side is a oneOf/anyOf, the other a single schema: one variant stands for it."""
        single, facts = (fb.core, fh) if fh.variants is not None else (fh.core, fb)
        variants = facts.variants or []
        index = _find_single(single, variants)
        if index is None:
            return False
        name = "one-of" if facts.composition == "oneOf" else "any-of"
        others = [i for i in range(len(variants)) if i != index]
        if facts is fh:
            self.child(single, variants[index], ())
            for j in others:
                self.emit(f"{name}-added", None, variants[j], name=_label(variants[j], j))
        else:
            self.child(variants[index], single, ())
            for i in others:
                self.emit(f"{name}-removed", variants[i], None, name=_label(variants[i], i))
        return True


def _signature(schema: Schema) -> tuple[Any, ...]:
    return (effective_types(schema), tuple(sorted(schema.flattened_properties())))


def compatible(b: Schema, h: Schema) -> bool:
    """Whether a removed and an added property could be one renamed property."""
    if b.ref_name or h.ref_name:
        return b.ref_name == h.ref_name or b.raw == h.raw
    tb, th = effective_types(b), effective_types(h)
    return tb == th or covers(th, tb)


def _find_single(single: Schema, variants: list[Schema]) -> int | None:
    name = single.ref_name
    if name:
        for i, v in enumerate(variants):
            if v.ref_name == name:
                return i
    for i, v in enumerate(variants):
        if v.raw == single.raw:
            return i
    return None


def match_variants(
    vb: list[Schema], vh: list[Schema]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of corresponding variants, then unmatched base and head indexes."""
    pairs: list[tuple[int, int]] = []
    left_b = list(range(len(vb)))
    left_h = list(range(len(vh)))
    tests: list[Callable[[Schema, Schema], bool]] = [
        lambda x, y: x.ref_name is not None and x.ref_name == y.ref_name,
        lambda x, y: x.raw == y.raw,
        lambda x, y: bool(_str(x.get("title"))) and x.get("title") == y.get("title"),
        lambda x, y: x.ref_name is None and y.ref_name is None and _signature(x) == _signature(y),
    ]
    for test in tests:
        for i in list(left_b):
            for j in left_h:
                if test(vb[i], vh[j]):
                    pairs.append((i, j))
                    left_b.remove(i)
                    left_h.remove(j)
                    break
    return sorted(pairs), left_b, left_h
