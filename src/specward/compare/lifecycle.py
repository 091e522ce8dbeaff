"""Spec differ part: deprecation, sunset dates and stability levels of operations and
parameters (when they were deprecated, until when, and whether they were removed too early)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from specward.compare import kinds as K
from specward.compare.differ_state import DifferState
from specward.compare.lifecycle_facts import (
    Sunset,
    parse_sunset,
    stability,
    stability_rank,
)
from specward.model import Operation, Parameter


def removal_kind(deprecated: bool, sunset: Sunset | None, today: dt.date) -> str:
    """How an element left: without deprecation, deprecated (sunset passed or none), before its
    sunset, or with a sunset nobody can read."""
    if not deprecated:
        return K.REMOVED
    if sunset is None:
        return K.REMOVED_DEPRECATED
    if sunset.date is None:
        return K.REMOVED_SUNSET_INVALID
    return K.REMOVED_BEFORE_SUNSET if sunset.date > today else K.REMOVED_DEPRECATED


def sunset_change(b: Sunset | None, h: Sunset | None) -> str | None:
    """The kind of a sunset change on a kept element (None: no change to report)."""
    db, dh = (b.date if b else None), (h.date if h else None)
    if (b is not None and db is None) or (h is not None and dh is None):
        return None  # unreadable dates are reported where they are declared
    if db == dh:
        return None
    if db is None:
        return K.SUNSET_ADDED
    if dh is None:
        return K.SUNSET_REMOVED
    return K.SUNSET_EARLIER if dh < db else K.SUNSET_LATER


def _node(op: Operation) -> dict[str, Any]:
    """Where an operation's ``x-sunset`` or standard ``sunset`` key is read."""
    return op.raw if isinstance(op.raw, dict) else op.extensions


class LifecycleDiff(DifferState):
    """Mixed into the spec differ, which provides ``add``, ``today`` and the two specs."""

    today: dt.date

    def operation_lifecycle(self, b: Operation, h: Operation, label: str) -> None:
        """Deprecation toggled or announced with a sunset, sunset moved, stability changed."""
        sb, sh = parse_sunset(_node(b)), parse_sunset(_node(h))
        if h.deprecated and sh is not None and sh.date is None:
            if not (b.deprecated and sb is not None and sb.text == sh.text):
                self.add(K.OPERATION, K.SUNSET_INVALID, label, label, h.source, sunset=sh.text)
        elif b.deprecated != h.deprecated:
            if not h.deprecated:
                kind, fields = K.REACTIVATED, {}
            elif sh is not None:
                kind, fields = K.DEPRECATED_WITH_SUNSET, {"sunset": sh.shown}
            else:
                kind, fields = K.DEPRECATED, {}
            self.add(K.OPERATION, kind, label, label, h.source, **fields)
        change = sunset_change(sb, sh)
        if change == K.SUNSET_REMOVED and not (b.deprecated and h.deprecated):
            change = None  # a sunset only means something on a deprecated operation
        if change == K.SUNSET_ADDED and h.deprecated and not b.deprecated:
            change = None  # announced with the deprecation itself
        if change is not None:
            old = sb.shown if sb else None
            new = sh.shown if sh else None
            self.add(K.OPERATION, change, label, label, h.source, old=old, new=new)
        self.stability_change(b, h, label)

    def stability_change(self, b: Operation, h: Operation, label: str) -> None:
        (lb, okb), (lh, okh) = stability(b.extensions), stability(h.extensions)
        if not (okb and okh) or lb == lh:
            return
        kind = K.STABILITY_DECREASED if stability_rank(lh) < stability_rank(lb) else None
        kind = kind or K.STABILITY_INCREASED
        self.add(K.OPERATION, kind, label, label, h.source, old=lb, new=lh)

    def invalid_stability(self) -> None:
        """Every operation of either spec whose ``x-stability-level`` is not a known level."""
        for side, spec in (("base", self.base), ("head", self.head)):
            for op in spec.operations.values():
                value, ok = stability(op.extensions)
                if not ok:
                    fields: dict[str, Any] = {"value": value, "side": side}
                    self.add(
                        K.OPERATION, K.STABILITY_INVALID, op.label, op.label, op.source, **fields
                    )

    def parameter_lifecycle(self, b: Parameter, h: Parameter, where: str, label: str) -> None:
        fields = {"location": h.location, "name": h.name}
        if b.deprecated != h.deprecated:
            kind = K.DEPRECATED if h.deprecated else K.REACTIVATED
            self.add(K.REQUEST_PARAMETER, kind, where, label, h.source, **fields)
        sb, sh = parse_sunset(b.raw), parse_sunset(h.raw)
        change = sunset_change(sb, sh)
        if change in (K.SUNSET_REMOVED, K.SUNSET_EARLIER) and b.deprecated and h.deprecated:
            old, new = (sb.shown if sb else None), (sh.shown if sh else None)
            self.add(
                K.REQUEST_PARAMETER, change, where, label, h.source, old=old, new=new, **fields
            )

    def parameter_removal(self, p: Parameter) -> tuple[str, dict[str, Any]]:
        """The kind of a removed parameter's event and its sunset field."""
        sunset = parse_sunset(p.raw)
        kind = removal_kind(p.deprecated, sunset, self.today)
        return kind, {"sunset": sunset.shown} if sunset and p.deprecated else {}
