"""The mock's stateful resources: what create, list, read, update, delete and action operations
of an inferred collection do to the in-memory :class:`Store`, kept valid against the spec.

The store holds each resource in the shape of the collection's *resource schema* (the read
operation's response, else the list's items, else the create response), never the raw request
body. A response that wraps the resource (``{"job": {...}, "warning": ...}``, ``{"data": {...}}``)
is recognized, so create, read, list, update and delete agree on one resource and one id.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from specward.mock.lifecycle import FINISHED, fresh_times, list_metadata, touch
from specward.mock.plan import OpPlan
from specward.mock.request_checks import Invalid
from specward.mock.schemas import SchemaSet, deepcopy_json
from specward.mock.shapes import Collection
from specward.mock.state import (
    CANCELLED,
    COMPLETED,
    ERROR_FIELDS,
    OUTPUT_FIELDS,
    PENDING,
    STATUS_FIELDS,
    Bucket,
    Store,
    status_value,
)
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.mock.violations import Violation

_WRAPPERS = ("data", "job", "item", "result", "resource", "object")


def missing(coll: Collection, rid: str) -> Invalid:
    """The not-found failure of a member id, located at its path parameter."""
    message = f"{coll.noun} {rid!r} does not exist"
    return Invalid(message, "missing", [Violation(("path", coll.param), message, "not_found")])


class Resources:
    """The stateful handlers; ``template`` gives an operation's success body, ``plans`` every
    operation's plans by method."""

    def __init__(
        self,
        store: Store,
        schemas: SchemaSet,
        synth: Synthesizer,
        seed: int,
        template: Callable[[OpPlan], Any],
        plans: Callable[[], Iterable[dict[str, OpPlan]]],
    ) -> None:
        self.store = store
        self.schemas = schemas
        self.synth = synth
        self.seed = seed
        self._template = template
        self._plans = plans
        self._wraps: dict[int, str | None] = {}
        self._nodes: dict[str, Any] = {}
        self._by_op: dict[int, OpPlan] | None = None
        self._memo: dict[tuple[Any, ...], Any] = {}

    # -- shapes --------------------------------------------------------------------------------
    def plan_of(self, op: Any) -> OpPlan | None:
        if self._by_op is None:
            self._by_op = {id(p.op): p for ms in self._plans() for p in ms.values()}
        return self._by_op.get(id(op))

    def resource_node(self, coll: Collection) -> Any:
        """The schema of one member: the read response, else the list items, else the create's."""
        if coll.path not in self._nodes:
            node = None
            read = self.plan_of(coll.read) if coll.read is not None else None
            listing = self.plan_of(coll.listing) if coll.listing is not None else None
            if read is not None and self.schemas.kind(read.success.node) == "object":
                node = self._unwrap(self.schemas.deref(read.success.node), coll)
            elif listing is not None:
                node = self._list_items(listing)
            create = self.plan_of(coll.create)
            if node is None and create is not None:
                node = self._unwrap(self.schemas.deref(create.success.node), coll)
            self._nodes[coll.path] = node
        return self._nodes[coll.path]

    def _unwrap(self, node: Any, coll: Collection) -> Any:
        """``R`` for a ``{"data": R}`` body without an id of its own; else the body's schema."""
        key = self._wrap_key_by_name(node, coll)
        return self.schemas.deref(self.schemas.properties(node)[key]) if key else node

    def _wrap_key_by_name(self, node: Any, coll: Collection) -> str | None:
        props = self.schemas.properties(node)
        if any(n in props for n in coll.id_candidates()):
            return None  # the body carries the id itself: the resource, not an envelope
        for name in (*_WRAPPERS, coll.singular, coll.noun):
            if name in props and self.schemas.kind(props[name]) == "object":
                return name
        return None

    def _list_items(self, plan: OpPlan) -> Any:
        node = self.schemas.deref(plan.success.node)
        if self.schemas.kind(node) == "array":
            return self.schemas.deref(node.get("items"))
        for name in _list_fields(self.schemas.properties(node), self.schemas):
            prop = self.schemas.deref(self.schemas.properties(node)[name])
            return self.schemas.deref(prop.get("items"))
        return None

    def wrap(self, plan: OpPlan, coll: Collection) -> str | None:
        """The property of ``plan``'s response that holds the resource (None: the body itself)."""
        key = id(plan)
        if key not in self._wraps:
            self._wraps[key] = self._wrap_key(plan, self.resource_node(coll), coll)
        return self._wraps[key]

    def _wrap_key(self, plan: OpPlan, resource: Any, coll: Collection | None = None) -> str | None:
        node = self.schemas.deref(plan.success.node)
        if node is None or node is resource or resource is None:
            return None
        for name, prop in self.schemas.properties(node).items():
            if self.schemas.deref(prop) is resource:
                return name
        return self._wrap_key_by_name(node, coll) if coll is not None else None

    # -- roles ---------------------------------------------------------------------------------
    def check_parents(self, plan: OpPlan, values: list[str]) -> None:
        for parent in plan.parents:
            depth = parent.item_path.count("{}")
            if len(values) < depth:
                continue
            scope, rid = tuple(values[: depth - 1]), values[depth - 1]
            if not self.store.exists(parent.path, scope, rid):
                raise missing(parent, rid)

    def create(self, plan: OpPlan, coll: Collection, bucket: Bucket, body: Any, size: int) -> Any:
        node = self.resource_node(coll)
        base = self._resource_template(plan, coll)
        if not isinstance(base, dict):
            return self._template(plan)
        value = deepcopy_json(base)
        self.store.counter += 1
        if isinstance(body, dict):
            self._echo(node, value, body)
        id_field = self.id_field(coll)
        rid = str(self.store.counter)
        if id_field is not None:
            rid = self._new_id(coll, id_field, bucket, base.get(id_field))
            value[id_field] = _typed_id(rid, base.get(id_field))
        self._initial(coll, node, value)
        if node is not None and not self.schemas.is_valid(node, value):
            value = deepcopy_json(base)
            if id_field is not None:
                value[id_field] = _typed_id(rid, base.get(id_field))
        bucket.add(rid, value, size + self._size(coll))
        return self.present(plan, coll, value)

    def read(self, plan: OpPlan, coll: Collection, current: dict[str, Any]) -> Any:
        if coll.is_async:
            self.complete(coll, current)
        return self.present(plan, coll, current)

    def update(self, plan: OpPlan, coll: Collection, current: dict[str, Any], body: Any) -> Any:
        node = self.resource_node(coll)
        if isinstance(body, dict):
            self._echo(node, current, body)
        self.store.counter += 1
        touch(current, node, self.store.counter, self.schemas, ())
        return self.present(plan, coll, current)

    def action(self, plan: OpPlan, coll: Collection, current: dict[str, Any]) -> Any:
        node = self.resource_node(coll)
        self.set_status(current, CANCELLED, "cancelled", node)
        self.store.counter += 1
        touch(current, node, self.store.counter, self.schemas, FINISHED["cancelled"])
        return self.present(plan, coll, current)

    def complete(self, coll: Collection, current: dict[str, Any]) -> None:
        node = self.resource_node(coll)
        self.set_status(current, COMPLETED, "completed", node)
        if "done" in current and isinstance(current["done"], bool):
            current["done"] = True
        base = self._resource_template(self.plan_of(coll.create), coll)
        required = self.schemas.required(node)
        for name in OUTPUT_FIELDS:
            if isinstance(base, dict) and name in base and current.get(name) is None:
                current[name] = deepcopy_json(base[name])
        for name in ERROR_FIELDS:
            if name in current and name not in required:
                del current[name]
        touch(current, node, self.store.counter, self.schemas, FINISHED["completed"])

    def listing(self, plan: OpPlan, coll: Collection, bucket: Bucket, args: dict[str, Any]) -> Any:
        template = self._template(plan)
        node = plan.success.node
        every = list(bucket.values())
        items = every
        limit = args.get("limit") or args.get("page_size") or args.get("pageSize")
        if isinstance(limit, int) and limit > 0:
            items = items[:limit]
        if isinstance(template, list):
            candidate: Any = items
        elif isinstance(template, dict):
            key = next(iter(_list_fields(template, self.schemas, arrays=True)), None)
            if key is None:
                return template
            candidate = deepcopy_json(template)
            candidate[key] = items
            list_metadata(
                candidate,
                items,
                len(items) < len(every),
                len(every),
                self.id_field(coll),
                node,
                self.schemas,
            )
        else:
            return template
        if node is None or self.schemas.is_valid(node, candidate):
            return candidate
        return template

    # -- presenting -----------------------------------------------------------------------------
    def present(self, plan: OpPlan | None, coll: Collection, stored: dict[str, Any]) -> Any:
        """The stored resource as ``plan``'s response shows it (wrapped, overlaid, valid)."""
        if plan is None:
            return stored
        key = self.wrap(plan, coll)
        if key is None:
            return self.overlay(plan, stored)
        template = self._template(plan)
        out = deepcopy_json(template) if isinstance(template, dict) else {}
        out[key] = stored
        node = plan.success.node
        if node is None or self.schemas.is_valid(node, out):
            return out
        return template

    def overlay(self, plan: OpPlan, stored: dict[str, Any]) -> Any:
        node = plan.success.node
        if node is None or self.schemas.is_valid(node, stored):
            return stored
        template = self._template(plan)
        if not isinstance(template, dict):
            return template
        out = deepcopy_json(template)
        props = self.schemas.properties(node)
        for key, item in stored.items():
            prop = props.get(key)
            if prop is not None and self.schemas.is_valid(prop, item):
                out[key] = item
        return out if self.schemas.is_valid(node, out) else template

    # -- values --------------------------------------------------------------------------------
    def _resource_template(self, plan: OpPlan | None, coll: Collection) -> Any:
        """A valid member value: the read response's template, else the create's, unwrapped."""
        key = ("template", coll.path, id(plan))
        if key not in self._memo:
            self._memo[key] = self._find_template(plan, coll)
        return self._memo[key]

    def _find_template(self, plan: OpPlan | None, coll: Collection) -> Any:
        for op in (coll.read, coll.create):
            other = self.plan_of(op) if op is not None else None
            if other is None:
                continue
            value = self._template(other)
            key = self.wrap(other, coll)
            if key is not None and isinstance(value, dict):
                value = value.get(key)
            if isinstance(value, dict):
                return value
        return self._template(plan) if plan is not None else None

    def _size(self, coll: Collection) -> int:
        base = self._resource_template(None, coll)
        return len(str(base)) if base is not None else 64

    def id_field(self, coll: Collection) -> str | None:
        key = ("id", coll.path)
        if key not in self._memo:
            self._memo[key] = self._find_id_field(coll)
        return self._memo[key]

    def _find_id_field(self, coll: Collection) -> str | None:
        props = self.schemas.properties(self.resource_node(coll))
        base = self._resource_template(None, coll)
        return next(
            (
                n
                for n in coll.id_candidates()
                if n in props or (isinstance(base, dict) and n in base)
            ),
            None,
        )

    def _echo(self, node: Any, value: dict[str, Any], body: dict[str, Any]) -> None:
        """Request fields the resource schema declares (not readOnly/writeOnly), where valid."""
        props = self.schemas.properties(node)
        for key, item in body.items():
            prop = props.get(key)
            if prop is None:
                continue
            resolved = self.schemas.deref(prop)
            if isinstance(resolved, dict) and (
                resolved.get("readOnly") is True or resolved.get("writeOnly") is True
            ):
                continue
            if self.schemas.is_valid(prop, item):
                value[key] = item

    def _initial(self, coll: Collection, node: Any, value: dict[str, Any]) -> None:
        """A new resource: the status's initial state, timestamps that fit it, no outcome yet."""
        pending = self.set_status(value, PENDING, "pending" if coll.is_async else None, node)
        fresh_times(value, node, self.store.counter, self.schemas)
        if not pending:
            return
        required = self.schemas.required(node)
        for name in (*OUTPUT_FIELDS, *ERROR_FIELDS):
            if name in value and name not in required:
                del value[name]
        if "done" in value and isinstance(value["done"], bool):
            value["done"] = False

    def _new_id(self, coll: Collection, field: str, bucket: Bucket, like: Any) -> str:
        node = self.schemas.properties(self.resource_node(coll)).get(field)
        base = zlib.crc32(f"{self.seed}:{coll.path}".encode()) << 40
        for attempt in range(32):
            rng = random.Random(base + self.store.counter * 32 + attempt)
            value: Any = None
            if isinstance(like, str) and node is not None:
                candidate = id_like(like, rng)
                if candidate != like and self.schemas.is_valid(node, candidate):
                    value = candidate
            if value is None and node is not None:
                try:
                    value = self.synth.fresh(node, rng)
                except Unsatisfiable:
                    value = None
            if isinstance(value, (dict, list, bool)) or value is None:
                value = f"{coll.singular}-{self.store.counter}"
            if str(value) not in bucket and "/" not in str(value):
                return str(value)
        return f"{coll.singular}-{self.store.counter}-{len(bucket)}"

    def set_status(
        self, value: dict[str, Any], wanted: tuple[str, ...], fallback: str | None, node: Any
    ) -> bool:
        """Set the status field to the enum value meaning ``wanted``; whether one was set."""
        for name in STATUS_FIELDS:
            if name in value:
                own = self.schemas.deref(self.schemas.properties(node).get(name))
                enum = own.get("enum") if isinstance(own, dict) else None
                enum = enum if isinstance(enum, list) else self._status_enum(name)
                if not enum and fallback is None:
                    return False
                key = ("status", id(enum), wanted, fallback)
                if key not in self._memo:
                    self._memo[key] = (
                        status_value(enum, wanted, fallback) if enum or fallback else None
                    )
                found = self._memo[key]
                if found is not None:
                    value[name] = found
                    return True
                return False
        return False

    def _status_enum(self, name: str) -> list[Any] | None:
        enums: list[Any] = []
        for methods in self._plans():
            for plan in methods.values():
                prop = self.schemas.deref(self.schemas.properties(plan.success.node).get(name))
                if isinstance(prop, dict) and isinstance(prop.get("enum"), list):
                    enums.extend(v for v in prop["enum"] if v not in enums)
        return enums or None


def _list_fields(props: dict[str, Any], schemas: SchemaSet, arrays: bool = False) -> list[str]:
    """Array fields of a list response, most likely first (``data``, ``items``...)."""
    if arrays:  # a value: its list-valued keys
        names = [k for k, v in props.items() if isinstance(v, list)]
    else:
        names = [k for k, v in props.items() if schemas.kind(v) == "array"]
    preferred = [n for n in ("data", "items", "results", "objects", "entries") if n in names]
    return (
        preferred + [n for n in names if n not in preferred] if preferred or len(names) == 1 else []
    )


def id_like(example: str, rng: random.Random) -> str:
    """A fresh id shaped like ``example``: its prefix kept, every letter/digit after it redrawn."""
    match = re.match(r"^([A-Za-z]+[-_])?(.*)$", example, re.DOTALL)
    prefix, rest = (match.group(1) or "", match.group(2)) if match else ("", example)
    hexish = all(c in "0123456789abcdefABCDEF-" for c in rest)
    bits = rng.getrandbits(6 * len(rest) + 6)
    out = []
    for ch in rest:
        bits >>= 6
        if not (ch.isascii() and ch.isalnum()):
            out.append(ch)
        elif hexish:
            out.append(_HEX[bits % 16])
        elif ch.isdigit():
            out.append(_DIGITS[bits % 10])
        else:
            pick = _ALNUM[bits % 36]
            out.append(pick.upper() if ch.isupper() else pick)
    return prefix + "".join(out)


_HEX = "0123456789abcdef"
_DIGITS = "0123456789"
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def _typed_id(rid: str, like: Any) -> Any:
    if isinstance(like, bool):
        return like
    if isinstance(like, int):
        try:
            return int(rid)
        except ValueError:
            return like
    return rid
