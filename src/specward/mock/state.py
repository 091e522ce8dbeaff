"""The mock's in-memory resources and the status words they move through."""

from __future__ import annotations

import re
from typing import Any

PENDING = (
    "PENDING",
    "VALIDATING",
    "INITIALIZING",
    "NEW",
    "QUEUED",
    "SUBMITTED",
    "CREATED",
    "CREATING",
    "ACCEPTED",
    "IN_PROGRESS",
    "RUNNING",
    "STARTING",
    "PROVISIONING",
)
COMPLETED = ("COMPLETED", "SUCCEEDED", "SUCCESS", "DONE", "FINISHED", "COMPLETE", "READY")
CANCELLED = ("CANCELLED", "CANCELED", "STOPPED", "STOPPING", "CANCELLING", "TERMINATED", "ABORTED")
STATUS_FIELDS = ("status", "state", "phase")
OUTPUT_FIELDS = ("output", "result", "results", "response")
ERROR_FIELDS = ("error", "failure", "failure_reason")


def status_value(enum: list[Any] | None, wanted: tuple[str, ...], fallback: str) -> Any:
    """The enum value that best means ``wanted`` (``TRAINING_STATUS_COMPLETED`` for COMPLETED)."""
    if not enum:
        return fallback
    for word in wanted:
        for value in enum:
            if isinstance(value, str) and word in re.split(
                r"[^A-Z]+", value.upper().replace("-", "_")
            ):
                return value
    for word in wanted:
        for value in enum:
            if isinstance(value, str) and word in value.upper():
                return value
    return None


class Bucket(dict[str, dict[str, Any]]):
    """One collection's members, oldest first; :meth:`add` evicts the oldest past the bounds."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sizes: dict[str, int] = {}

    def add(self, rid: str, value: dict[str, Any], size: int) -> None:
        if rid in self:
            self.discard(rid)
        self[rid] = value
        self.sizes[rid] = size
        self.store.used += size
        while len(self) > 1 and (
            len(self) > self.store.max_items or self.store.used > self.store.max_bytes
        ):
            self.discard(next(iter(self)))
            self.store.evicted += 1

    def discard(self, rid: str) -> None:
        self.pop(rid, None)
        self.store.used -= self.sizes.pop(rid, 0)


class Store:
    """Resources by collection and parent ids: ``(collection path, parents) -> {id: resource}``.

    Bounded: at most ``max_items`` per collection, and about ``max_bytes`` in all (sizes are
    estimated from the request body and the resource template); the oldest are evicted first.
    """

    def __init__(self, max_items: int = 5000, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.items: dict[tuple[str, tuple[str, ...]], Bucket] = {}
        self.counter = 0
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.used = 0
        self.evicted = 0

    def bucket(self, collection: str, parents: tuple[str, ...]) -> Bucket:
        key = (collection, parents)
        found = self.items.get(key)
        if found is None:
            found = self.items[key] = Bucket(self)
        return found

    def get(self, collection: str, parents: tuple[str, ...], rid: str) -> dict[str, Any] | None:
        found = self.items.get((collection, parents))
        return found.get(rid) if found is not None else None

    def exists(self, collection: str, parents: tuple[str, ...], rid: str) -> bool:
        found = self.items.get((collection, parents))
        return found is not None and rid in found

    def clear(self) -> None:
        self.items.clear()
        self.counter = 0
        self.used = 0
