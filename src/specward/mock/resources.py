"""The mock's stateful resources: what create, list, read, update, delete and action operations
of an inferred collection do to the in-memory :class:`Store`, kept valid against the spec."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

from specward.mock.plan import OpPlan
from specward.mock.request_checks import Invalid
from specward.mock.schemas import SchemaSet, deepcopy_json
from specward.mock.shapes import Collection
from specward.mock.state import (
    COMPLETED,
    ERROR_FIELDS,
    OUTPUT_FIELDS,
    PENDING,
    STATUS_FIELDS,
    Store,
    status_value,
)
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.mock.violations import Violation


class Resources:
    """The stateful handlers; ``template`` gives an operation's success body, ``plans`` every
    operation's plans by method (for the status enums responses declare)."""

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

    def check_parents(self, plan: OpPlan, values: list[str]) -> None:
        for parent in plan.parents:
            depth = parent.item_path.count("{}")
            if len(values) < depth:
                continue
            scope, rid = tuple(values[: depth - 1]), values[depth - 1]
            if not self.store.exists(parent.path, scope, rid):
                raise missing(parent, rid)

    def create(
        self, plan: OpPlan, coll: Collection, bucket: dict[str, dict[str, Any]], body: Any
    ) -> Any:
        template = self._template(plan)
        if not isinstance(template, dict):
            return template
        value = deepcopy_json(template)
        if isinstance(body, dict):
            value = self._echo(plan, value, body)
        id_field = next((n for n in coll.id_candidates() if n in value), None)
        self.store.counter += 1
        rid = f"{self.store.counter}"
        if id_field is not None:
            rid = self._new_id(plan, coll, id_field, bucket)
            value[id_field] = _typed_id(rid, value[id_field])
        if coll.is_async:
            self.set_status(value, PENDING, "pending")
            for name in (*OUTPUT_FIELDS, *ERROR_FIELDS):
                if name in value and name not in _required(plan, self.schemas):
                    del value[name]
            if "done" in value and isinstance(value["done"], bool):
                value["done"] = False
        if plan.success.node is not None and not self.schemas.is_valid(plan.success.node, value):
            value = deepcopy_json(template)
            if id_field is not None:
                value[id_field] = _typed_id(rid, value[id_field])
        bucket[rid] = value
        return value

    def _new_id(self, plan: OpPlan, coll: Collection, field: str, bucket: dict[str, Any]) -> str:
        node = _property(plan.success.node, field, self.schemas)
        for attempt in range(32):
            rng = random.Random(f"{self.seed}:{coll.path}:{self.store.counter}:{attempt}")
            try:
                value = (
                    self.synth.fresh(node, rng)
                    if node is not None
                    else f"{coll.singular}-{self.store.counter}"
                )
            except Unsatisfiable:
                value = f"{coll.singular}-{self.store.counter}"
            if isinstance(value, (dict, list)) or value is None:
                value = f"{coll.singular}-{self.store.counter}"
            if str(value) not in bucket and "/" not in str(value):
                return str(value)
        return f"{coll.singular}-{self.store.counter}-{len(bucket)}"

    def _echo(self, plan: OpPlan, value: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        node = plan.success.node
        for key, item in body.items():
            if key not in value:
                continue
            prop = _property(node, key, self.schemas)
            if prop is not None and self.schemas.is_valid(prop, item):
                value[key] = item
        return value

    def overlay(self, plan: OpPlan, stored: dict[str, Any]) -> Any:
        node = plan.success.node
        if node is None or self.schemas.is_valid(node, stored):
            return stored
        template = self._template(plan)
        if not isinstance(template, dict):
            return template
        out = deepcopy_json(template)
        for key, item in stored.items():
            prop = _property(node, key, self.schemas)
            if prop is not None and self.schemas.is_valid(prop, item):
                out[key] = item
        return out if self.schemas.is_valid(node, out) else template

    def set_status(self, value: dict[str, Any], wanted: tuple[str, ...], fallback: str) -> None:
        for name in STATUS_FIELDS:
            if name in value:
                enum = self._status_enum(name)
                found = status_value(enum, wanted, fallback)
                if found is not None:
                    value[name] = found
                return

    def _status_enum(self, name: str) -> list[Any] | None:
        enums: list[Any] = []
        for methods in self._plans():
            for plan in methods.values():
                prop = _property(plan.success.node, name, self.schemas)
                while isinstance(prop, dict) and isinstance(prop.get("$ref"), str):
                    prop = self.schemas.resolve(prop["$ref"])[0]
                if isinstance(prop, dict) and isinstance(prop.get("enum"), list):
                    enums.extend(v for v in prop["enum"] if v not in enums)
        return enums or None

    def complete(self, plan: OpPlan, current: dict[str, Any]) -> None:
        self.set_status(current, COMPLETED, "completed")
        if "done" in current and isinstance(current["done"], bool):
            current["done"] = True
        template = self._template(plan)
        for name in OUTPUT_FIELDS:
            if isinstance(template, dict) and name in template and name not in current:
                current[name] = deepcopy_json(template[name])
        for name in ERROR_FIELDS:
            if name in current and name not in _required(plan, self.schemas):
                del current[name]

    def listing(self, plan: OpPlan, bucket: dict[str, dict[str, Any]], args: dict[str, Any]) -> Any:
        template = self._template(plan)
        node = plan.success.node
        items = list(bucket.values())
        limit = args.get("limit") or args.get("page_size") or args.get("pageSize")
        if isinstance(limit, int) and limit > 0:
            items = items[:limit]
        if isinstance(template, list):
            candidate: Any = items
        elif isinstance(template, dict):
            key = _list_field(template, node, self.schemas)
            if key is None:
                return template
            candidate = deepcopy_json(template)
            candidate[key] = items
        else:
            return template
        if node is None or self.schemas.is_valid(node, candidate):
            return candidate
        return template


def missing(coll: Collection, rid: str) -> Invalid:
    """The not-found failure of a member id, located at its path parameter."""
    message = f"{coll.noun} {rid!r} does not exist"
    return Invalid(message, "missing", [Violation(("path", coll.param), message, "not_found")])


# -- schema lookups -----------------------------------------------------------------------
def _resolved(node: Any, schemas: SchemaSet) -> Any:
    depth = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 16:
        node = schemas.resolve(node["$ref"])[0]
        depth += 1
    return node


def _property(node: Any, name: str, schemas: SchemaSet, depth: int = 0) -> dict[str, Any] | None:
    node = _resolved(node, schemas)
    if not isinstance(node, dict) or depth > 8:
        return None
    props = node.get("properties")
    if isinstance(props, dict) and isinstance(props.get(name), dict):
        return props[name]
    for key in ("allOf", "anyOf", "oneOf"):
        for part in node.get(key, []) if isinstance(node.get(key), list) else []:
            found = _property(part, name, schemas, depth + 1)
            if found is not None:
                return found
    return None


def _required(plan: OpPlan, schemas: SchemaSet) -> set[str]:
    node = _resolved(plan.success.node, schemas)
    out: set[str] = set()
    if isinstance(node, dict):
        out.update(r for r in node.get("required", []) if isinstance(r, str))
        for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
            part = _resolved(part, schemas)
            if isinstance(part, dict):
                out.update(r for r in part.get("required", []) if isinstance(r, str))
    return out


def _list_field(template: dict[str, Any], node: Any, schemas: SchemaSet) -> str | None:
    arrays = [k for k, v in template.items() if isinstance(v, list)]
    for preferred in ("data", "items", "results", "objects", "entries"):
        if preferred in arrays:
            return preferred
    return arrays[0] if len(arrays) == 1 else None


def _typed_id(rid: str, like: Any) -> Any:
    if isinstance(like, bool):
        return like
    if isinstance(like, int):
        try:
            return int(rid)
        except ValueError:
            return like
    return rid
