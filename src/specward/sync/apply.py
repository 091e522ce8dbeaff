"""Apply drift items to the round-trip tree of the published spec.

Curated content is never lost: descriptions, summaries, examples, tags, ``x-`` extensions,
operationIds and published-only operations and schemas stay. New operations and schemas follow
the published naming and the style of their neighbours.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from specward.compare import kinds as k
from specward.compare.representation import kind
from specward.drift.names import camel_operation_id, snake_case
from specward.drift.result import DriftItem, DriftResult
from specward.load.pointer import join_pointer, split_pointer
from specward.model import HTTP_METHODS, Operation, Parameter, Spec, path_params
from specward.sync.convert import Converter, KeyOrder, text_value
from specward.sync.examples import Renames, rename_example_keys
from specward.sync.roundtrip import (
    EditableDocument,
    get_path,
    insert_item,
    insert_key,
    new_map,
    new_seq,
    remove_entry,
    rename_key,
)

_TYPE_KEYS = (
    "$ref",
    "type",
    "format",
    "items",
    "enum",
    "additionalProperties",
    "properties",
    "allOf",
    "oneOf",
    "anyOf",
    "nullable",
)
# drift rule id -> the Applier method that applies it, in the order they are applied
_HANDLERS: dict[str, str] = {
    k.DRIFT_PROPERTY_RENAMED: "do_property_renamed",
    k.DRIFT_PROPERTY_REMOVED: "do_property_removed",
    k.DRIFT_PROPERTY_ADDED: "do_property_added",
    k.DRIFT_PROPERTY_TYPE_CHANGED: "do_property_type_changed",
    k.DRIFT_PARAMETER_CHANGED: "do_parameter_changed",
    k.DRIFT_ENUM_VALUE_ADDED: "do_enum_value_added",
    k.DRIFT_ENUM_VALUE_REMOVED: "do_enum_value_removed",
    k.DRIFT_PROPERTY_REQUIRED_CHANGED: "do_property_required_changed",
    k.DRIFT_PARAMETER_REMOVED: "do_parameter_removed",
    k.DRIFT_PARAMETER_ADDED: "do_parameter_added",
    k.DRIFT_SCHEMA_ADDED: "do_schema_added",
    k.DRIFT_OPERATION_ADDED: "do_operation_added",
    k.DRIFT_DESCRIPTION_CHANGED: "do_description_changed",
}
NOT_APPLIED = {
    k.DRIFT_PUBLISHED_ONLY: "published-only operations and schemas are curated content and stay",
    k.DRIFT_OPERATION_REMOVED: "an operation upstream removed since the baseline: remove it by hand "
    "(clients may still call it)",
    k.DRIFT_SCHEMA_REMOVED: "a schema upstream removed since the baseline: remove it by hand",
}


def _parent(pointer: str) -> tuple[str, str]:
    tokens = split_pointer(pointer)
    return join_pointer("", *tokens[:-1]), tokens[-1]


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(_segments(a), _segments(b), strict=False):
        if x != y:
            break
        n += 1
    return n


class Applier:
    """Edits one published document according to one drift result."""

    def __init__(self, result: DriftResult, doc: EditableDocument) -> None:
        self.result = result
        self.doc = doc
        self.root = doc.data
        self.up = result.upstream
        self.pub = result.published
        self.mapping = result.mapping
        # lessons hold the published spec, not the applier: no cycle keeps the edit alive
        self.schema_order = KeyOrder(partial(_learn_schemas, self.pub))
        self.op_order = KeyOrder(partial(_learn_operations, self.pub))
        self.param_order = KeyOrder(partial(_learn_parameters, self.pub))
        self.conv = Converter(
            self.up.ws.entry.data, self.mapping, doc, self.pub.version, self.schema_order
        )
        self.applied: list[DriftItem] = []
        self.skipped: list[tuple[DriftItem, str]] = []
        self.up_ops = {op.pointer: op for op in self.up.operations.values()}
        self.renames: Renames = {}  # owner schema pointer -> renamed properties
        self.example_keys = 0  # example keys renamed along with their properties
        self._pub_media: set[str] | None = None  # media types the published operations use

    # -- style learning ----------------------------------------------------------------------
    # -- driver --------------------------------------------------------------------------------
    def apply(self, items: list[DriftItem]) -> None:
        up_order = {name: i for i, name in enumerate(self.up.schemas)}
        by_kind: dict[str, list[DriftItem]] = {}
        for item in items:
            by_kind.setdefault(item.kind, []).append(item)
        for kind_, reason in NOT_APPLIED.items():
            for item in by_kind.get(kind_, []):
                self.skipped.append((item, reason))
        for kind_, method in _HANDLERS.items():
            batch = by_kind.get(kind_, [])
            if kind_ == k.DRIFT_PARAMETER_REMOVED:
                batch = sorted(
                    batch,
                    key=lambda i: [int(t) if t.isdigit() else 0 for t in split_pointer(i.pointer)],
                    reverse=True,
                )
            if kind_ == k.DRIFT_SCHEMA_ADDED:
                batch = sorted(batch, key=lambda i: up_order.get(i.upstream_location, 0))
            for item in batch:
                shared = self._shared_schema(item)
                if shared is not None:
                    self.skipped.append(
                        (
                            item,
                            f"{item.published_location} uses the shared schema {shared}, "
                            "which follows its own upstream counterpart",
                        )
                    )
                    continue
                handler = getattr(self, method)
                try:
                    handler(item)
                except (KeyError, IndexError, ValueError, TypeError) as exc:
                    self.skipped.append(
                        (item, f"cannot apply at {item.pointer} ({type(exc).__name__}: {exc})")
                    )
                else:
                    self.applied.append(item)
        self.example_keys = rename_example_keys(self.root, self.renames, self.doc.text)

    def _shared_schema(self, item: DriftItem) -> str | None:
        """The published component an operation-level item would edit through a ``$ref``.

        Upstream repeats enums and messages inline in parameters and bodies; the published spec
        shares one component. When that component has an upstream counterpart of its own, the
        component follows it; editing it for the operation too would make syncs oscillate.
        """
        if item.published_location.split(" ", 1)[0].lower() not in HTTP_METHODS:
            return None
        tokens = split_pointer(item.pointer)
        if len(tokens) < 3 or tokens[:2] != ["components", "schemas"]:
            return None
        name = tokens[2]
        mapped = set(self.mapping.schemas.values()) | {self.mapping.error_schema}
        return name if name in mapped else None

    def node(self, pointer: str) -> Any:
        return get_path(self.root, pointer)

    def upstream(self, item: DriftItem) -> Any:
        return self.conv.upstream_node(item.upstream_pointer)

    # -- properties ----------------------------------------------------------------------------
    def do_property_renamed(self, item: DriftItem) -> None:
        parent_ptr, old = _parent(item.pointer)
        new = item.details["to"]
        rename_key(self.node(parent_ptr), old, new)
        self.renames.setdefault(_parent(parent_ptr)[0], []).append((old, new))
        required = self._required(parent_ptr)
        if required is not None and old in required:
            required[required.index(old)] = new

    def _required(self, properties_ptr: str) -> Any:
        owner_ptr, _ = _parent(properties_ptr)
        owner = self.node(owner_ptr)
        value = owner.get("required") if isinstance(owner, dict) else None
        return value if isinstance(value, list) else None

    def do_property_removed(self, item: DriftItem) -> None:
        parent_ptr, name = _parent(item.pointer)
        remove_entry(self.node(parent_ptr), name)
        required = self._required(parent_ptr)
        if required is not None and name in required:
            remove_entry(required, list(required).index(name))
            if not required:
                owner_ptr, _ = _parent(parent_ptr)
                remove_entry(self.node(owner_ptr), "required")

    def do_property_added(self, item: DriftItem) -> None:
        props_ptr, name = _parent(item.pointer)
        owner_ptr, _ = _parent(props_ptr)
        owner = self.node(owner_ptr)
        if not isinstance(owner.get("properties"), dict):
            insert_key(owner, len(owner), "properties", new_map(self.doc))
        props = owner["properties"]
        up_props_ptr, up_name = _parent(item.upstream_pointer)
        up_names = list(self.conv.upstream_node(up_props_ptr))
        position = len(props)
        snake = {snake_case(k): k for k in props}
        for before in reversed(up_names[: up_names.index(up_name)]):
            key = before if before in props else snake.get(snake_case(before))
            if key is not None:
                position = list(props).index(key) + 1
                break
        insert_key(props, position, name, self.conv.schema(self.upstream(item)))
        up_owner = self.conv.upstream_node(_parent(up_props_ptr)[0])
        if up_name in (up_owner.get("required") or []):
            self._add_required(owner, name)

    def _add_required(self, owner: Any, name: str) -> None:
        if not isinstance(owner.get("required"), list):
            keys = list(owner)
            position = keys.index("properties") if "properties" in keys else len(keys)
            insert_key(owner, position, "required", new_seq(self.doc))
        if name not in owner["required"]:
            owner["required"].append(name)

    def do_property_required_changed(self, item: DriftItem) -> None:
        owner_ptr, _ = _parent(item.pointer)
        owner = self.node(owner_ptr)
        if item.details.get("required") is not False:
            self._add_required(owner, item.details["name"])
            return
        required = owner["required"]  # upstream dropped the requirement (three-way)
        remove_entry(required, list(required).index(item.details["name"]))
        if not required:
            remove_entry(owner, "required")

    def do_property_type_changed(self, item: DriftItem) -> None:
        target = self.node(item.pointer)
        fresh = self.conv.schema(self.upstream(item))
        old_type = target.get("type")
        if target.get("nullable") is True and "type" in fresh and "nullable" not in fresh:
            fresh["nullable"] = True  # nullability is published representation: it stays
        elif (
            isinstance(old_type, list) and "null" in old_type and isinstance(fresh.get("type"), str)
        ):
            fresh["type"] = new_seq(self.doc, [fresh["type"], "null"])
        for key in _TYPE_KEYS:
            if key in target and key not in fresh:
                remove_entry(target, key)
        keys = list(target)
        for key in _TYPE_KEYS:
            if key in fresh:
                if key in target:
                    if target[key] != fresh[key]:  # equal values keep their published style
                        target[key] = fresh[key]
                else:
                    insert_key(target, min(len(keys), list(fresh).index(key)), key, fresh[key])
                    keys = list(target)

    def do_parameter_changed(self, item: DriftItem) -> None:
        if item.details.get("required") is True:
            self.node(item.pointer)["required"] = True
        else:
            self.do_property_type_changed(item)

    # -- enums -----------------------------------------------------------------------------------
    def do_enum_value_added(self, item: DriftItem) -> None:
        values = self.node(item.pointer)
        upstream_values = list(self.upstream(item))
        value = item.details["value"]
        position = len(values)
        for before in reversed(upstream_values[: upstream_values.index(value)]):
            if before in values:
                position = list(values).index(before) + 1
                break
        insert_item(values, position, value)

    def do_enum_value_removed(self, item: DriftItem) -> None:
        values = self.node(item.pointer)
        remove_entry(values, list(values).index(item.details["value"]))

    # -- parameters ------------------------------------------------------------------------------
    def do_parameter_removed(self, item: DriftItem) -> None:
        parent_ptr, key = _parent(item.pointer)
        parent = self.node(parent_ptr)
        remove_entry(parent, int(key) if isinstance(parent, list) else key)

    def do_parameter_added(self, item: DriftItem) -> None:
        if item.details.get("in") == "body":
            op_ptr, _ = _parent(item.pointer)
            uop = self._up_op_of(item.upstream_pointer)
            op = self.node(op_ptr)
            keys = list(op)
            position = keys.index("responses") if "responses" in keys else len(keys)
            insert_key(op, position, "requestBody", self.request_body(uop))
            return
        op_ptr, _ = _parent(_parent(item.pointer)[0])
        op = self.node(op_ptr)
        if not isinstance(op.get("parameters"), list):
            keys = list(op)
            position = min(
                (keys.index(k) for k in ("requestBody", "responses") if k in keys),
                default=len(keys),
            )
            insert_key(op, position, "parameters", new_seq(self.doc))
        op["parameters"].append(self.parameter(self.upstream(item), None))

    def _up_op_of(self, pointer: str) -> Operation:
        owners = [p for p in self.up_ops if pointer == p or pointer.startswith(p + "/")]
        return self.up_ops[max(owners, key=len)]

    def parameter(
        self, raw: Any, neighbour: Operation | None, up_param: Parameter | None = None
    ) -> Any:
        """A published parameter: a curated twin from the neighbours when one exists."""
        name, where = raw.get("name"), raw.get("in")
        candidates = ([neighbour] if neighbour else []) + list(self.pub.operations.values())
        if up_param is None:
            for op in self.up.operations.values():
                for p in op.parameters.values():
                    if p.raw is raw:
                        up_param = p
        for op in candidates:
            twin = op.parameters.get((where, name)) if op else None
            if (
                twin is not None
                and twin.schema is not None
                and up_param is not None
                and up_param.schema is not None
                and kind(twin.schema) == kind(up_param.schema)
            ):
                raw_params = get_path(self.root, op.pointer).get("parameters") or []
                for entry in raw_params:  # a shared component parameter: reuse the $ref
                    if isinstance(entry, dict) and entry.get("$ref") == "#" + twin.pointer:
                        return self.conv.plain(entry)
                return self.conv.plain(get_path(self.root, twin.pointer))
        return self.conv.parameter(raw, self.param_order)

    def media_types(self, content: dict[str, Any]) -> dict[str, Any]:
        """Upstream media types the published operations use (all of them when none is)."""
        if self._pub_media is None:
            used: set[str] = set()
            for op in self.pub.operations.values():
                if op.request_body is not None:
                    used.update(op.request_body.content)
                for resp in op.responses.values():
                    used.update(resp.content)
            self._pub_media = used
        kept = {m: mt for m, mt in content.items() if m in self._pub_media}
        return kept or content

    def request_body(self, uop: Operation) -> Any:
        body = uop.request_body
        out = new_map(self.doc)
        if body is None:
            return out
        if body.required:
            out["required"] = True
        content = new_map(self.doc)
        for media, mt in self.media_types(body.content).items():
            entry = new_map(self.doc)
            if mt.schema is not None:
                entry["schema"] = self.conv.schema(mt.schema.node)
            content[media] = entry
        out["content"] = content
        return out

    # -- schemas ---------------------------------------------------------------------------------
    def do_schema_added(self, item: DriftItem) -> None:
        parent_ptr, name = _parent(item.pointer)
        try:
            schemas = self.node(parent_ptr)
        except KeyError:
            schemas = self._ensure(parent_ptr)
        up_names = list(self.up.schemas)
        upstream_name = item.upstream_location
        position = len(schemas)
        for before in reversed(up_names[: up_names.index(upstream_name)]):
            published = self.mapping.published_name(before)
            if published in schemas:
                position = list(schemas).index(published) + 1
                break
        insert_key(schemas, position, name, self.conv.schema(self.up.schemas[upstream_name].node))

    def _ensure(self, pointer: str) -> Any:
        node = self.root
        for token in split_pointer(pointer):
            if token not in node:
                insert_key(node, len(node), token, new_map(self.doc))
            node = node[token]
        return node

    # -- operations ------------------------------------------------------------------------------
    def neighbour(self, path: str, method: str) -> Operation | None:
        best, score = None, (-1, False, -1)
        for i, op in enumerate(self.pub.operations.values()):
            s = (_common(op.path, path), op.method == method, i)
            if s > score:
                best, score = op, s
        return best

    def tags_for(self, uop: Operation, neighbour: Operation | None) -> list[str]:
        votes: dict[tuple[str, ...], int] = {}
        for ukey, pkey in self.mapping.operations.items():
            if self.up.operations[ukey].tags == uop.tags and uop.tags:
                t = tuple(self.pub.operations[pkey].tags)
                votes[t] = votes.get(t, 0) + 1
        if votes:
            return list(max(votes, key=lambda t: (votes[t], t)))
        return list(neighbour.tags) if neighbour else list(uop.tags)

    def do_operation_added(self, item: DriftItem) -> None:
        uop = self.up_ops[item.upstream_pointer]
        paths_ptr, method = _parent(item.pointer)
        _, path = _parent(paths_ptr)
        if "paths" not in self.root:
            insert_key(self.root, len(self.root), "paths", new_map(self.doc))
        paths = self.root["paths"]
        if path not in paths:
            keys = list(paths)
            best = max(range(len(keys)), key=lambda i: (_common(str(keys[i]), path), i), default=-1)
            insert_key(paths, best + 1, path, new_map(self.doc))
            servers = self.servers_outside_prefix(uop.path)
            if servers is not None:
                paths[path]["servers"] = servers
        item_node = paths[path]
        neighbour = self.neighbour(path, uop.method)
        fields: dict[str, Any] = {}
        existing_ids = {op.operation_id for op in self.pub.operations.values()}
        op_id = camel_operation_id(uop.operation_id, uop.tags)
        if op_id and op_id not in existing_ids:
            fields["operationId"] = op_id
        elif uop.operation_id:
            fields["operationId"] = uop.operation_id
        for key in ("summary", "description"):
            value = getattr(uop, key)
            if value:
                fields[key] = text_value(value, self.doc)
        tags = self.tags_for(uop, neighbour)
        if tags:
            fields["tags"] = new_seq(self.doc, tags)
        if neighbour is not None and "security" in neighbour.raw:
            fields["security"] = self.conv.plain(get_path(self.root, neighbour.pointer)["security"])
        renamed = dict(zip(path_params(uop.path), path_params(path), strict=False))
        params = []
        for p in uop.parameters.values():
            if p.location == "body":
                continue
            raw = p.raw
            if p.location == "path" and renamed.get(p.name, p.name) != p.name:
                raw = {**raw, "name": renamed[p.name]}
            params.append(self.parameter(raw, neighbour, p))
        if params:
            fields["parameters"] = new_seq(self.doc, params)
        if uop.request_body is not None:
            fields["requestBody"] = self.request_body(uop)
        fields["responses"] = self.responses(uop, neighbour)
        if uop.deprecated:
            fields["deprecated"] = True
        op = new_map(self.doc)
        for key in self.op_order.sort(list(fields)):
            op[key] = fields[key]
        methods = [m for m in item_node if m in HTTP_METHODS]
        later = [m for m in methods if HTTP_METHODS.index(m) > HTTP_METHODS.index(method)]
        position = list(item_node).index(later[0]) if later else len(item_node)
        insert_key(item_node, position, method, op)

    def servers_outside_prefix(self, upstream_path: str) -> Any:
        """Path-level servers for an upstream path the published servers' prefix does not cover
        (``/v2/x`` when the servers end in ``/v1``): the same servers without the prefix."""
        prefix = self.mapping.path_prefix
        if (
            not prefix
            or self.pub.version == "2.0"
            or self.mapping.published_path(upstream_path) != (upstream_path)
        ):
            return None
        out = []
        for server in self.root.get("servers") or []:
            url = server.get("url") if isinstance(server, dict) else None
            if not isinstance(url, str) or not url.rstrip("/").endswith(prefix):
                return None
            entry = self.conv.plain(server)
            entry["url"] = url.rstrip("/")[: -len(prefix)] or "/"
            out.append(entry)
        return new_seq(self.doc, out) if out else None

    def responses(self, uop: Operation, neighbour: Operation | None) -> Any:
        out = new_map(self.doc)
        for status, resp in uop.responses.items():
            if not status.startswith("2"):
                continue
            entry = new_map(self.doc)
            entry["description"] = text_value(resp.description or "OK", self.doc)
            if resp.content:
                content = new_map(self.doc)
                for media, mt in self.media_types(resp.content).items():
                    body = new_map(self.doc)
                    if mt.schema is not None:
                        body["schema"] = self.conv.schema(mt.schema.node)
                    content[media] = body
                entry["content"] = content
            out[self.status_key(status)] = entry
        errors = {}
        if neighbour is not None:
            raw = get_path(self.root, neighbour.pointer).get("responses") or {}
            errors = {s: r for s, r in raw.items() if not str(s).startswith(("1", "2", "3"))}
        if errors:
            for status, resp in errors.items():
                out[status] = self.conv.plain(resp)
        else:
            for status, resp in uop.responses.items():
                if status.startswith("2"):
                    continue
                entry = new_map(self.doc)
                entry["description"] = text_value(resp.description or "Error", self.doc)
                schema = next(iter(resp.content.values())).schema if resp.content else None
                if schema is not None:
                    content = new_map(self.doc)
                    body = new_map(self.doc)
                    body["schema"] = self.conv.schema(schema.node)
                    content["application/json"] = body
                    entry["content"] = content
                out[self.status_key(status)] = entry
        return out

    def status_key(self, status: str) -> Any:
        """A response code quoted the way the published file quotes them."""
        if self.doc.kind == "yaml" and status.isdigit():
            double = len(re.findall(r'^\s*"\d{3}":', self.doc.text, re.M))
            single = len(re.findall(r"^\s*'\d{3}':", self.doc.text, re.M))
            if double > single:
                return DoubleQuotedScalarString(status)
        return status

    # -- wording ---------------------------------------------------------------------------------
    def do_description_changed(self, item: DriftItem) -> None:
        parent_ptr, field_ = _parent(item.pointer)
        node = self.node(parent_ptr)
        node[field_] = text_value(item.details["upstream"], self.doc)


def _learn_schemas(pub: Spec, order: KeyOrder) -> None:
    for schema in pub.schemas.values():
        _learn_schema(order, schema.node, 0)


def _learn_operations(pub: Spec, order: KeyOrder) -> None:
    for op in pub.operations.values():
        order.learn(op.raw)


def _learn_parameters(pub: Spec, order: KeyOrder) -> None:
    for op in pub.operations.values():
        for param in op.parameters.values():
            order.learn(param.raw)


def _learn_schema(order: KeyOrder, node: Any, depth: int) -> None:
    """Teach ``order`` the key order of a published schema and the schemas inside it."""
    if not isinstance(node, dict) or depth > 20:
        return
    order.learn(node)
    if isinstance(node.get("properties"), dict):
        for sub in node["properties"].values():
            _learn_schema(order, sub, depth + 1)
    for key in ("items", "additionalProperties"):
        _learn_schema(order, node.get(key), depth + 1)
