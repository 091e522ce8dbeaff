"""Facts about one schema that the schema differ reads: its JSON types, nullability and
oneOf/anyOf variants, numeric bounds, and display helpers for values."""

from __future__ import annotations

import json
from typing import Any

from specward.model import Schema

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


def is_null(schema: Schema) -> bool:
    return schema.types == frozenset({"null"}) or schema.get("enum") == [None]


class Facts:
    """What the differ needs of one schema: its core, variants and nullability."""

    __slots__ = ("composition", "core", "nullable", "types", "variants")

    def __init__(self, schema: Schema, types: Types | bool = True) -> None:
        """``types``: the core's JSON types, inferred when True, or as given."""
        core = schema.resolve()
        nullable = core.nullable
        composition, variants = None, None
        for key, found in (("oneOf", core.one_of), ("anyOf", core.any_of)):
            if not found:
                continue
            kept = [v for v in found if not is_null(v)]
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
        self.types: Types = effective_types(core) if types is True else types  # type: ignore[assignment]


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
    variants = [v for v in schema.one_of + schema.any_of if not is_null(v)]
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
        names = {json_type(v) for v in enum if v is not None}
        return frozenset(names) if names else None
    return None


def json_type(value: Any) -> str:
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


def label(schema: Schema, index: int) -> str:
    return schema.ref_name or as_str(schema.get("title")) or f"#{index}"


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def enum_values(raw: dict[str, Any]) -> list[Any] | None:
    """The non-null values of an ``enum`` list (None when there is no enum)."""
    value = raw.get("enum")
    return [v for v in value if v is not None] if isinstance(value, list) else None


def has_list(raw: dict[str, Any], key: str) -> bool:
    return isinstance(raw.get(key), list)


def bound(raw: dict[str, Any], upper: bool) -> tuple[float, bool] | None:
    """The effective lower (or upper) bound as (value, exclusive), from ``minimum`` with a 3.0
    boolean ``exclusiveMinimum`` or a 3.1 numeric ``exclusiveMinimum`` (the tighter wins)."""
    key, ekey = ("maximum", "exclusiveMaximum") if upper else ("minimum", "exclusiveMinimum")
    value, exclusive = as_number(raw.get(key)), raw.get(ekey)
    numeric = as_number(exclusive)
    if numeric is not None:
        if value is None:
            return (numeric, True)
        tighter = numeric <= value if upper else numeric >= value
        return (numeric, True) if tighter else (value, False)
    if value is None:
        return None
    return (value, exclusive is True)


def divides(small: float, big: float) -> bool:
    """Whether ``big`` is an integer multiple of ``small`` (exact for decimal literals)."""
    if small == 0:
        return False
    from fractions import Fraction  # only multipleOf changes need it; decimal is slow to import

    ratio = Fraction(str(big)) / Fraction(str(small))
    return ratio.denominator == 1


def show_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


MISSING = object()  # a keyword that is absent (as opposed to present with a null value)
