"""Resources inferred from path shapes, with no per-API code.

A *collection* is a path ``P`` with ``POST P`` (create) and at least one of ``GET/PUT/PATCH/DELETE
P/{id}``. ``POST P/{id}/stop`` (or ``cancel``) is an action that changes the status. Collections
under ``.../operations/<kind>`` are asynchronous: created pending, read back completed.
The contract runner uses the same shapes to infer OpenAPI links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from specward.model import Operation, Spec, path_key

ACTIONS = ("stop", "cancel", "cancellation", "abort", "terminate", "pause")
_ID_NAMES = ("id", "uuid", "name")


@dataclass
class Collection:
    """One inferred resource collection."""

    path: str  # path key of the collection, e.g. /rl/sessions/{}/operations/sample
    item_path: str  # path key of one member: /rl/sessions/{}/operations/sample/{}
    create: Operation
    param: str  # the item's path parameter name, as written in the first item operation
    read: Operation | None = None
    listing: Operation | None = None
    delete: Operation | None = None
    update: list[Operation] = field(default_factory=list)
    actions: dict[str, Operation] = field(default_factory=dict)  # "stop" -> POST P/{id}/stop
    subresources: list[Operation] = field(default_factory=list)  # other operations under P/{id}/
    is_async: bool = False

    @property
    def depth(self) -> int:
        """Number of segments of the item path."""
        return len(segments(self.item_path))

    @property
    def singular(self) -> str:
        """``session`` for ``/rl/training-sessions``: a guess at one member's name."""
        last = next((s for s in reversed(segments(self.path)) if s != "{}"), "item")
        return singular(re.split(r"[-_.]", last)[-1])

    @property
    def noun(self) -> str:
        """``fine-tune`` for ``/fine-tunes``, ``batch`` for ``/batches``: for messages."""
        last = next((s for s in reversed(segments(self.path)) if s != "{}"), "item")
        return singular(last.split(":")[0]).replace("_", " ")

    def id_candidates(self) -> list[str]:
        """Response fields that may hold the id, most likely first."""
        out = [self.param, "id", f"{self.singular}_id", f"{self.singular}Id", *_ID_NAMES]
        return list(dict.fromkeys(out))


def singular(word: str) -> str:
    """English singular of a plural path word (``batches`` -> ``batch``, ``policies`` -> ``policy``)."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def infer_collections(spec: Spec) -> list[Collection]:
    """Every collection of ``spec``, deepest item path first (so lookups find the closest)."""
    by_path: dict[str, dict[str, Operation]] = {}
    for (method, key), op in spec.operations.items():
        by_path.setdefault(key, {})[method] = op
    found: dict[str, Collection] = {}
    for key, methods in by_path.items():
        if "POST" not in methods:
            continue
        item_key = key.rstrip("/") + "/{}"
        item = by_path.get(item_key, {})
        if not any(m in item for m in ("GET", "DELETE", "PUT", "PATCH")):
            continue
        first = next(iter(item.values()))
        params = _path_param_names(first.path)
        coll = Collection(
            path=key,
            item_path=item_key,
            create=methods["POST"],
            param=params[-1] if params else "id",
            read=item.get("GET"),
            listing=methods.get("GET"),
            delete=item.get("DELETE"),
            update=[item[m] for m in ("PUT", "PATCH") if m in item],
            is_async="operations" in segments(key)[:-1] or segments(key)[-1:] == ["operations"],
        )
        found[key] = coll
    for coll in found.values():
        prefix = coll.item_path + "/"
        for (method, key), op in sorted(spec.operations.items()):
            custom = key.startswith(coll.item_path + ":")  # AIP custom method: /x/{id}:cancel
            if not (key.startswith(prefix) or custom) or (
                key.endswith("/{}") and key[:-3] in found
            ):
                continue
            rest = key[len(prefix) :] if not custom else key[len(coll.item_path) + 1 :]
            if method == "POST" and "/" not in rest and rest.lower().lstrip(":") in ACTIONS:
                coll.actions[rest.lower().lstrip(":")] = op
            else:
                coll.subresources.append(op)
    return sorted(found.values(), key=lambda c: (-c.depth, c.path))


def _path_param_names(path: str) -> list[str]:
    return re.findall(r"\{([^}/]*)\}", path)


def parents_of(collections: list[Collection], key: str) -> list[Collection]:
    """Collections whose member path is a proper prefix of the path key ``key``."""
    parts = segments(path_key(key))
    out = []
    for coll in collections:
        item = segments(coll.item_path)
        if len(item) < len(parts) and parts[: len(item)] == item:
            out.append(coll)
    return sorted(out, key=lambda c: c.depth)
