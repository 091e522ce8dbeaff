"""Schema differ part: ``enum`` lists, ``const`` and Zalando's ``x-extensible-enum``."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from specward.compare.schema_facts import MISSING, enum_values, has_list, show_value
from specward.model import Schema


class EnumDiff:
    """Mixed into the schema walk, which provides ``emit``."""

    emit: Callable[..., None]

    def enums(self, b: Schema, h: Schema) -> None:
        """``enum`` lists, ``const`` outside them and Zalando's ``x-extensible-enum``."""
        eb, eh = enum_values(b.raw), enum_values(h.raw)
        if eb is None and eh is None:
            self.consts(b, h)
            self.extensible(b, h)
            return
        if eh is None:
            if eb and not has_list(h.raw, "x-extensible-enum") and "const" not in h.raw:
                self.emit("became-not-enum", b, h, values=[show_value(v) for v in eb])
            elif eb and "const" in h.raw:
                self.enum_lists(b, h, eb, [h.raw["const"]])
            return
        if eb is None:
            if "const" in b.raw:
                self.enum_lists(b, h, [b.raw["const"]], eh)
            elif eh:
                self.emit("became-enum", b, h, values=[show_value(v) for v in eh])
            return
        self.enum_lists(b, h, eb, eh)

    def enum_lists(
        self, b: Schema, h: Schema, eb: list[Any], eh: list[Any], prefix: str = "enum-value"
    ) -> None:
        """``{prefix}-removed`` then ``{prefix}-added`` for values only in ``eb`` / ``eh``."""
        in_b, in_h = membership(eb), membership(eh)
        removed = [show_value(v) for v in eb if not in_h(v)]
        added = [show_value(v) for v in eh if not in_b(v)]
        if removed:
            self.emit(f"{prefix}-removed", b, h, values=removed)
        if added:
            self.emit(f"{prefix}-added", b, h, values=added)

    def consts(self, b: Schema, h: Schema) -> None:
        cb, ch = b.raw.get("const", MISSING), h.raw.get("const", MISSING)
        if cb == ch:
            return
        old = None if cb is MISSING else show_value(cb)
        new = None if ch is MISSING else show_value(ch)
        if cb is MISSING:
            kind = "const-added"
        elif ch is MISSING:
            kind = "const-removed"
        else:
            kind = "const-changed"
        self.emit(kind, b, h, old=old, new=new)

    def extensible(self, b: Schema, h: Schema) -> None:
        xb, xh = b.raw.get("x-extensible-enum"), h.raw.get("x-extensible-enum")
        if not isinstance(xb, list) or not isinstance(xh, list):
            return
        self.enum_lists(b, h, xb, xh, "x-extensible-enum-value")


def membership(values: list[Any]) -> Callable[[Any], bool]:
    """``value in values`` in constant time for hashable values (a 40,000-value enum)."""
    hashable = {v for v in values if isinstance(v, Hashable)}
    others = [v for v in values if not isinstance(v, Hashable)]
    return lambda v: v in hashable if isinstance(v, Hashable) else v in others
