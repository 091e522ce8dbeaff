"""Matching schemas across versions: oneOf/anyOf variants paired by reference, content, title or
shape, a single schema found among variants, and whether two properties could be one renamed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from specward.compare.schema_facts import as_str, covers, effective_types
from specward.model import Schema


def signature(schema: Schema) -> tuple[Any, ...]:
    return (effective_types(schema), tuple(sorted(schema.flattened_properties())))


def compatible(b: Schema, h: Schema) -> bool:
    """Whether a removed and an added property could be one renamed property."""
    if b.ref_name or h.ref_name:
        return b.ref_name == h.ref_name or b.raw == h.raw
    tb, th = effective_types(b), effective_types(h)
    return tb == th or covers(th, tb)


def find_single(single: Schema, variants: list[Schema]) -> int | None:
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
    vb: list[Schema],
    vh: list[Schema],
    same_ref: Callable[[Schema, Schema], bool] | None = None,
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of corresponding variants, then unmatched base and head indexes; ``same_ref``
    says whether two references name one component (by default: the same name)."""
    pairs: list[tuple[int, int]] = []
    left_b = list(range(len(vb)))
    left_h = list(range(len(vh)))
    tests: list[Callable[[Schema, Schema], bool]] = [
        same_ref or (lambda x, y: x.ref_name is not None and x.ref_name == y.ref_name),
        lambda x, y: x.raw == y.raw,
        lambda x, y: bool(as_str(x.get("title"))) and x.get("title") == y.get("title"),
        lambda x, y: x.ref_name is None and y.ref_name is None and signature(x) == signature(y),
    ]
    for test in tests:
        for i in list(left_b):
            for j in left_h:
                if test(vb[i], vh[j]):
                    pairs.append((i, j))
                    left_b.remove(i)
                    left_h.remove(j)
                    break
    pairs += _same_type_inline(vb, vh, left_b, left_h)
    return sorted(pairs), left_b, left_h


def _same_type_inline(
    vb: list[Schema], vh: list[Schema], left_b: list[int], left_h: list[int]
) -> list[tuple[int, int]]:
    """Inline variants left over that are the only ones of their type on both sides are one
    variant that changed (an object that lost a property), compared rather than replaced."""

    def by_type(variants: list[Schema], left: list[int]) -> dict[Any, list[int]]:
        out: dict[Any, list[int]] = {}
        for i in left:
            if variants[i].ref_name is None:
                out.setdefault(effective_types(variants[i]), []).append(i)
        return out

    tb, th = by_type(vb, left_b), by_type(vh, left_h)
    pairs = []
    for types, base in tb.items():
        head = th.get(types)
        if types is not None and len(base) == 1 and head is not None and len(head) == 1:
            pairs.append((base[0], head[0]))
            left_b.remove(base[0])
            left_h.remove(head[0])
    return pairs
