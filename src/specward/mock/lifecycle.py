"""Coherent resource fields: status words, ``*_at`` timestamps that fit the status, list metadata.

A mock clock starts at 2024-01-01T00:00:00Z and moves one minute per created resource, so values
are deterministic and ordered.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from specward.mock.schemas import SchemaSet

EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_CREATED = re.compile(r"^(created|creation|submitted|queued)(_?at|_?time|_?on|_?timestamp)?$", re.I)
_UPDATED = re.compile(r"^(updated|modified|last_?modified|last_?updated)(_?at|_?time|_?on)?$", re.I)
_STAMP = re.compile(r"(_at|At|_time|_on)$")
_FUTURE = re.compile(r"^(expires|expiry|expiration|deadline|valid_until)", re.I)
FINISHED = {
    "completed": (
        "completed_at",
        "completedAt",
        "finished_at",
        "finishedAt",
        "ended_at",
        "endedAt",
    ),
    "cancelled": ("cancelled_at", "canceled_at", "cancelledAt", "canceledAt", "ended_at"),
    "started": ("started_at", "startedAt"),
}
_CURSORS = {
    "next_cursor",
    "nextcursor",
    "next_page_token",
    "nextpagetoken",
    "cursor",
    "next",
    "next_page",
    "after",
    "next_token",
}
_TOTALS = {"total", "total_count", "totalcount", "count", "total_items", "totalitems"}


def moment(counter: int) -> dt.datetime:
    return EPOCH + dt.timedelta(minutes=counter)


def stamp(prop: Any, when: dt.datetime, schemas: SchemaSet) -> Any:
    """``when`` as the property's type: unix seconds for integers, RFC 3339 text otherwise."""
    kind = schemas.kind(prop)
    if kind == "integer":
        return int(when.timestamp())
    if kind == "number":
        return float(when.timestamp())
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def clear(
    value: dict[str, Any], name: str, prop: Any, required: set[str], schemas: SchemaSet
) -> None:
    """Unset a field: null when the schema allows it, else removed when optional."""
    if name not in value:
        return
    if prop is not None and schemas.is_valid(prop, None):
        value[name] = None
    elif name not in required:
        del value[name]


def set_field(value: dict[str, Any], name: str, new: Any, prop: Any, schemas: SchemaSet) -> bool:
    if prop is not None and not schemas.is_valid(prop, new):
        return False
    value[name] = new
    return True


def fresh_times(value: dict[str, Any], node: Any, counter: int, schemas: SchemaSet) -> None:
    """A new resource: created/updated now, every other past ``*_at`` unset."""
    props = schemas.properties(node)
    required = schemas.required(node)
    when = moment(counter)
    for name, prop in props.items():
        if _CREATED.match(name) or _UPDATED.match(name):
            set_field(value, name, stamp(prop, when, schemas), prop, schemas)
        elif _STAMP.search(name) and not _FUTURE.match(name):
            clear(value, name, prop, required, schemas)


def touch(value: dict[str, Any], node: Any, counter: int, schemas: SchemaSet, names: Any) -> None:
    """Set the named timestamps (``updated_at`` always) to now."""
    props = schemas.properties(node)
    when = moment(counter)
    for name, prop in props.items():
        if name in names or _UPDATED.match(name):
            set_field(value, name, stamp(prop, when, schemas), prop, schemas)


def list_metadata(
    listing: dict[str, Any],
    items: list[Any],
    truncated: bool,
    total: int,
    id_field: str | None,
    node: Any,
    schemas: SchemaSet,
) -> None:
    """Make ``has_more``, ``first_id``/``last_id``, cursors and totals agree with ``items``."""
    props = schemas.properties(node)
    required = schemas.required(node)
    ids = [i.get(id_field) for i in items if isinstance(i, dict)] if id_field else []
    for name, prop in props.items():
        norm = name.lower()
        if norm in ("has_more", "hasmore", "has_next", "hasnext"):
            set_field(listing, name, truncated, prop, schemas)
        elif norm in ("first_id", "firstid", "last_id", "lastid"):
            pick = ids[0] if norm.startswith("first") and ids else (ids[-1] if ids else None)
            if pick is None or not set_field(listing, name, pick, prop, schemas):
                clear(listing, name, prop, required, schemas)
        elif norm in _CURSORS:
            if (
                not truncated
                or not ids
                or not set_field(listing, name, str(ids[-1]), prop, schemas)
            ):
                clear(listing, name, prop, required, schemas)
        elif norm in _TOTALS and schemas.kind(prop) == "integer":
            set_field(listing, name, total, prop, schemas)
