"""Schema differ part: numeric bounds (3.0 and 3.1 exclusive forms), lengths and counts,
``multipleOf``, ``uniqueItems`` and ``pattern``."""

from __future__ import annotations

from collections.abc import Callable

from specward.compare.kinds import BOUNDS
from specward.compare.schema_facts import NUMERIC, as_number, as_str, bound, divides
from specward.model import Schema


class BoundsDiff:
    """Mixed into the schema walk, which provides ``emit`` and ``request``."""

    request: bool

    emit: Callable[..., None]

    def bounds(self, b: Schema, h: Schema) -> None:
        rb, rh = b.raw, h.raw
        for upper in (False, True):
            self.numeric_bound(b, h, upper)
        for keyword, name, _ in BOUNDS:
            if keyword in NUMERIC:
                continue
            vb, vh = as_number(rb.get(keyword)), as_number(rh.get(keyword))
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
        pb, ph = as_str(rb.get("pattern")), as_str(rh.get("pattern"))
        if pb != ph:
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
        lb, lh = bound(b.raw, upper), bound(h.raw, upper)
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
        mb, mh = as_number(b.raw.get("multipleOf")), as_number(h.raw.get("multipleOf"))
        if mb == mh:
            return
        if mb is None:
            kind = "multiple-of-set"
        elif mh is None:
            kind = "multiple-of-unset"
        elif divides(mb, mh):
            kind = "multiple-of-tightened"
        elif divides(mh, mb):
            kind = "multiple-of-relaxed"
        else:
            kind = "multiple-of-changed"
        self.emit(kind, b, h, old=mb, new=mh, keyword="multipleOf")
