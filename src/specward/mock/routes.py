"""Route requests by path shape: literal segments, ``{param}`` segments and mixed ones (``{id}:run``).

Routes are grouped by segment count; literal segments win over mixed ones (the most literal text
first), which win over bare parameters, so ``/jobs/latest`` is preferred to ``/jobs/{id}``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
Segment = str | re.Pattern[str] | None  # literal, mixed pattern, bare parameter

_PARAM = re.compile(r"\{[^}/]*\}")
_GROUP = re.compile(r"\(\.\+\?\)|\\Z")


def compile_segment(segment: str) -> Segment:
    """``None`` for ``{}``, a pattern for ``{}:check`` or ``v{}``, else the literal itself."""
    if segment == "{}":
        return None
    if "{" not in segment:
        return segment
    pieces = _PARAM.split(segment)
    return re.compile("(.+?)".join(re.escape(p) for p in pieces) + r"\Z", re.DOTALL)


def _rank(segment: Segment) -> tuple[int, int]:
    """Literal first, then mixed segments with the most literal text, then bare parameters."""
    if isinstance(segment, str):
        return (0, 0)
    if segment is None:
        return (2, 0)
    return (1, -len(_GROUP.sub("", segment.pattern)))


def _shape_rank(item: tuple[tuple[Segment, ...], object]) -> list[tuple[int, int]]:
    return [_rank(s) for s in item[0]]


class Router(Generic[T]):
    """Path keys (``/a/{}/b``) to targets; :meth:`match` gives the target and the parameter values."""

    def __init__(self) -> None:
        self.by_length: dict[int, list[tuple[tuple[Segment, ...], T]]] = {}

    def add(self, key: str, target: T) -> None:
        shape = tuple(compile_segment(s) for s in key.split("/") if s)
        routes = self.by_length.setdefault(len(shape), [])
        # after the routes that rank the same or higher, as a stable sort would put it (one sort
        # per route was quadratic: a minute of start-up for 11k operations)
        bisect.insort_right(routes, (shape, target), key=_shape_rank)

    def targets(self) -> list[T]:
        return [target for routes in self.by_length.values() for _, target in routes]

    def match(self, parts: list[str]) -> tuple[T, list[str]] | None:
        """The most literal route matching ``parts`` (the hot path: no generator)."""
        for shape, target in self.by_length.get(len(parts), ()):
            values = _values(shape, parts)
            if values is not None:
                return target, values
        return None

    def match_all(self, parts: list[str]) -> Iterator[tuple[T, list[str]]]:
        """Every route matching ``parts``, the most literal first."""
        for shape, target in self.by_length.get(len(parts), ()):
            values = _values(shape, parts)
            if values is not None:
                yield target, values


def _values(shape: tuple[Segment, ...], parts: list[str]) -> list[str] | None:
    """The parameter values when ``parts`` fits ``shape`` (None when it does not)."""
    values: list[str] = []
    for segment, part in zip(shape, parts, strict=True):
        if segment is None:
            values.append(part)
        elif isinstance(segment, str):
            if segment != part:
                return None
        else:
            found = segment.match(part)
            if found is None:
                return None
            values.extend(found.groups())
    return values
