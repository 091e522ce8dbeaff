"""Deprecation and stability facts of one element: its sunset date (``x-sunset`` or ``sunset``,
an RFC 3339 date or date-time) and its ``x-stability-level``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SUNSET_KEYS = ("x-sunset", "sunset")
STABILITY_KEY = "x-stability-level"
STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")

_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)


@dataclass(frozen=True)
class Sunset:
    """A declared sunset: ``date`` when it parses, else None with the text as written."""

    text: str
    date: dt.date | None

    @property
    def shown(self) -> str:
        return self.date.isoformat() if self.date else self.text


def parse_sunset(node: Mapping[str, Any]) -> Sunset | None:
    """The sunset an element declares, or None when it declares none."""
    for key in SUNSET_KEYS:
        if key in node and node[key] is not None:
            return _parse(node[key])
    return None


def _parse(value: Any) -> Sunset:
    if isinstance(value, dt.datetime):
        return Sunset(value.isoformat(), value.date())
    if isinstance(value, dt.date):
        return Sunset(value.isoformat(), value)
    text = str(value).strip()
    match = _DATE_TIME.match(text)
    try:
        if match:
            dt.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
            return Sunset(text, dt.date.fromisoformat(match.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return Sunset(text, dt.date.fromisoformat(text))
    except ValueError:
        pass
    return Sunset(text, None)


def stability(node: Mapping[str, Any]) -> tuple[str, bool]:
    """``(level, valid)``: a missing level is ``stable``; an invalid one is returned as text."""
    value = node.get(STABILITY_KEY)
    if value is None:
        return "stable", True
    text = str(value)
    return text, isinstance(value, str) and value in STABILITY_LEVELS


def stability_rank(level: str) -> int:
    return STABILITY_LEVELS.index(level)
