"""The mock's in-memory resources and the status words they move through."""

from __future__ import annotations

import re
from typing import Any

PENDING = (
    "PENDING",
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


class Store:
    """Resources by collection and parent ids: ``(collection path, parents) -> {id: resource}``."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, tuple[str, ...]], dict[str, dict[str, Any]]] = {}
        self.counter = 0

    def bucket(self, collection: str, parents: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        return self.items.setdefault((collection, parents), {})

    def get(self, collection: str, parents: tuple[str, ...], rid: str) -> dict[str, Any] | None:
        return self.items.get((collection, parents), {}).get(rid)

    def exists(self, collection: str, parents: tuple[str, ...], rid: str) -> bool:
        return rid in self.items.get((collection, parents), {})

    def clear(self) -> None:
        self.items.clear()
        self.counter = 0
