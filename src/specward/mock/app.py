"""The mock server: a plain ASGI application over the normalized model.

Requests are routed by path shape, validated against the spec (parameters, bodies, security) and
answered with the spec's examples or synthesized data; resources inferred from path shapes are
kept in memory so that what is created can be read, listed, changed and deleted.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote

from specward.errors import SpecError
from specward.mock.forms import (
    FormError,
    form_value,
    parse_json,
    parse_multipart,
    parse_urlencoded,
    scalar,
)
from specward.mock.headers import response_headers
from specward.mock.plan import (
    JSON_MEDIA,
    BodyPlan,
    OpPlan,
    ParamPlan,
    ResponsePlan,
    error_status,
    media_example,
    pick_media,
    plan_param,
    security_plan,
    success_response,
)
from specward.mock.routes import Router
from specward.mock.schemas import SchemaSet, deepcopy_json
from specward.mock.shapes import Collection, infer_collections, parents_of
from specward.mock.state import (
    CANCELLED,
    COMPLETED,
    ERROR_FIELDS,
    OUTPUT_FIELDS,
    PENDING,
    STATUS_FIELDS,
    Store,
    status_value,
)
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.model import Operation, Spec, load, path_key

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Reply = tuple[int, str | None, bytes, list[tuple[bytes, bytes]]]

PROBLEM = "application/problem+json"
_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
}
_MESSAGE_KEYS = ("message", "detail", "error", "title", "description", "msg")
_MAX_BODY = 10 * 1024 * 1024


class Invalid(Exception):
    """The request does not satisfy the spec."""

    def __init__(self, message: str, purpose: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.purpose = purpose


def create_app(
    spec_or_path: Spec | str | os.PathLike[str],
    *,
    seed: int = 0,
    tokens: Iterable[str] | None = None,
) -> MockApp:
    """The ASGI app mocking a spec. ``tokens``: accepted credentials (None accepts any non-empty)."""
    spec = spec_or_path if isinstance(spec_or_path, Spec) else load(spec_or_path)
    return MockApp(spec, seed=seed, tokens=tokens)


class MockApp:
    """A stateful mock of one spec; call it as an ASGI app or use :meth:`handle` directly."""

    def __init__(self, spec: Spec, *, seed: int = 0, tokens: Iterable[str] | None = None) -> None:
        self.spec = spec
        self.seed = seed
        self.tokens = set(tokens) if tokens is not None else None
        self.schemas = SchemaSet(spec)
        self.synth = Synthesizer(self.schemas)
        self.store = Store()
        self.base = [s for s in spec.base_path.split("/") if s]
        self.collections = infer_collections(spec)
        self.routes: Router[dict[str, OpPlan]] = Router()
        self._templates: dict[tuple[str, str], Any] = {}
        self._cache: dict[tuple[Any, ...], bytes] = {}
        self._error_headers: dict[tuple[str, str, str], list[tuple[bytes, bytes]]] = {}
        self.problems: list[str] = []
        self._build()

    # -- start-up ------------------------------------------------------------------------------------
    def _build(self) -> None:
        v2 = self.spec.version == "2.0"
        by_key: dict[str, dict[str, OpPlan]] = {}
        for op in self.spec.operations.values():
            by_key.setdefault(path_key(op.path), {})[op.method] = self._plan(op, v2)
        for key, methods in by_key.items():
            self.routes.add(key, methods)
        for coll in self.collections:
            roles = [
                (coll.create, "create"),
                (coll.read, "read"),
                (coll.listing, "list"),
                (coll.delete, "delete"),
            ]
            roles += [(op, "update") for op in coll.update]
            roles += [(op, "action") for op in coll.actions.values()]
            for op, role in roles:
                if op is None:
                    continue
                plan = by_key[path_key(op.path)][op.method]
                plan.role, plan.collection = role, coll
                if role == "action":
                    plan.action = next(k for k, v in coll.actions.items() if v is op)
        for methods in by_key.values():
            for plan in methods.values():
                plan.parents = parents_of(self.collections, plan.op.path)
                if plan.role == "plain" and plan.parents:
                    plan.role = "sub"
        for methods in by_key.values():  # synthesize every template now: fail fast, serve fast
            for plan in methods.values():
                self._template(plan)

    def _plan(self, op: Operation, v2: bool) -> OpPlan:
        params = [
            plan_param(p, self.schemas, v2)
            for p in op.parameters.values()
            if p.location in ("path", "query", "header", "cookie")
        ]
        body = None
        if op.request_body is not None and op.request_body.content:
            media = {}
            for name, mt in op.request_body.content.items():
                media[name.split(";")[0].strip().lower()] = (
                    self.schemas.locate(mt.schema)[0] if mt.schema is not None else None
                )
            form = any(
                m in ("application/x-www-form-urlencoded", "multipart/form-data") for m in media
            )
            body = BodyPlan(op.request_body.required, media, form)
        status, response = success_response(op)
        success = ResponsePlan(status, None, None)
        if response is not None:
            media_type = pick_media(response.content)
            if media_type is not None:
                success.media = media_type.name
                success.node = (
                    self.schemas.locate(media_type.schema)[0]
                    if media_type.schema is not None
                    else None
                )
                has, example = media_example(media_type, self.spec)
                if has and (success.node is None or self.schemas.is_valid(success.node, example)):
                    success.example, success.has_example = example, True
        if response is not None:
            success.headers, problems = response_headers(
                response, self.schemas, self.synth, f"{self.seed}:{op.label}:{status}"
            )
            self.problems.extend(f"{op.label}: {p}" for p in problems)
        errors = {
            "invalid": error_status(op, ("400", "422")),
            "auth": error_status(op, ("401", "403")),
            "missing": error_status(op, ("404",)),
        }
        return OpPlan(op, params, body, success, security_plan(self.spec, op), errors)

    # -- ASGI ----------------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        chunks = []
        size = 0
        more = True
        while more:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size <= _MAX_BODY:
                chunks.append(chunk)
            more = message.get("more_body", False)
        raw_path = scope.get("raw_path") or scope["path"].encode()
        status, media, payload, extra = self.handle(
            scope["method"],
            raw_path.decode("latin-1").split("?", 1)[0],
            scope.get("query_string", b"").decode("latin-1"),
            scope.get("headers", []),
            b"".join(chunks),
        )
        headers = [(b"content-length", str(len(payload)).encode())]
        if media:
            headers.append((b"content-type", media.encode()))
        headers.extend(extra)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": payload if scope["method"] != "HEAD" else b""}
        )

    # -- requests ------------------------------------------------------------------------------------
    def handle(
        self,
        method: str,
        raw_path: str,
        query: str,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> Reply:
        """Answer one request: (status, content type, body, extra headers)."""
        parts = [unquote(s) for s in raw_path.split("/")[1:]]
        if parts and parts[-1] == "":
            parts.pop()
        match = None
        if self.base and parts[: len(self.base)] == self.base:
            # served both with and without the server URL's path: the prefixed form first
            match = self.routes.match(parts[len(self.base) :])
            if match is not None:
                parts = parts[len(self.base) :]
        match = match or self.routes.match(parts)
        if match is None:
            return self._problem(404, f"no operation matches {raw_path}")
        methods, values = match
        plan = methods.get(method.upper())
        if plan is None:
            if method.upper() == "HEAD" and "GET" in methods:
                plan = methods["GET"]
            else:
                allow = ", ".join(sorted(methods))
                status, media, payload, extra = self._problem(
                    405, f"{method} is not allowed here (allowed: {allow})"
                )
                return status, media, payload, [*extra, (b"allow", allow.encode())]
        try:
            hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
            qs = parse_qsl(query, keep_blank_values=True)
            self._check_security(plan, hdrs, qs)
            args = self._parameters(plan, parts, values, hdrs, qs)
            payload = self._body(plan, hdrs, body)
            return self._respond(plan, values, args, payload)
        except Invalid as exc:
            return self._error(plan, exc.purpose, exc.message)

    def _check_security(
        self, plan: OpPlan, headers: dict[str, str], query: list[tuple[str, str]]
    ) -> None:
        if not plan.security or any(not req for req in plan.security):
            return
        cookies = _cookies(headers.get("cookie", ""))
        qmap = dict(query)
        for requirement in plan.security:
            if all(
                self._credential(kind, where, name, headers, qmap, cookies)
                for kind, where, name in requirement
            ):
                return
        raise Invalid("missing or invalid credentials", "auth")

    def _credential(
        self,
        kind: str,
        where: str,
        name: str,
        headers: dict[str, str],
        query: dict[str, str],
        cookies: dict[str, str],
    ) -> bool:
        if kind in ("bearer", "basic"):
            value = headers.get("authorization", "")
            scheme, _, token = value.partition(" ")
            if scheme.lower() != kind or not token.strip():
                return False
            return self.tokens is None or token.strip() in self.tokens
        source = {"header": headers, "query": query, "cookie": cookies}.get(where, headers)
        value = source.get(name.lower() if where == "header" else name, "")
        if not value:
            return False
        return self.tokens is None or value in self.tokens

    def _parameters(
        self,
        plan: OpPlan,
        parts: list[str],
        values: list[str],
        headers: dict[str, str],
        query: list[tuple[str, str]],
    ) -> dict[str, Any]:
        names = [p for p in (seg for seg in _template_params(plan.op.path))]
        path_values = dict(zip(names, values, strict=False))
        out: dict[str, Any] = {}
        for param in plan.params:
            if param.location == "path":
                raw: Any = path_values.get(param.name)
            elif param.location == "query":
                found = [v for k, v in query if k == param.name or k == param.name + "[]"]
                raw = found if found else None
                if raw is not None and not (param.kind == "array" and param.explode):
                    raw = raw[0]
            elif param.location == "header":
                raw = headers.get(param.name.lower())
            else:
                raw = _cookies(headers.get("cookie", "")).get(param.name)
            if raw is None:
                if param.required:
                    raise Invalid(f"missing required {param.location} parameter {param.name!r}")
                continue
            value = _coerce(raw, param)
            if param.node is not None and not self.schemas.is_valid(param.node, value):
                errors = "; ".join(self.schemas.errors(param.node, value, 2))
                raise Invalid(f"{param.location} parameter {param.name!r}: {errors}")
            out[param.name] = value
        return out

    def _body(self, plan: OpPlan, headers: dict[str, str], body: bytes) -> Any:
        spec = plan.body
        if spec is None:
            return None
        if not body.strip():
            if spec.required:
                raise Invalid("a request body is required")
            return None
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in spec.media:
            wild = [m for m in spec.media if m.endswith("/*") and ctype.startswith(m[:-1])] or [
                m for m in spec.media if m == "*/*"
            ]
            if not wild:
                raise Invalid(
                    f"content type {ctype or '(none)'!r} is not accepted (expected {', '.join(sorted(spec.media))})"
                )
            ctype = wild[0]
        node = spec.media[ctype]
        if JSON_MEDIA.match(ctype):
            try:
                value = parse_json(body)
            except (ValueError, UnicodeDecodeError) as exc:
                raise Invalid(f"request body is not valid JSON: {exc}") from None
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                fields = (
                    parse_multipart(body, headers.get("content-type", ""))
                    if ctype == "multipart/form-data"
                    else parse_urlencoded(body)
                )
            except FormError as exc:
                raise Invalid(f"request body: {exc}") from None
            value = form_value(fields, node, self.schemas)
        else:
            return body
        if node is not None and not self.schemas.is_valid(node, value):
            raise Invalid("request body: " + "; ".join(self.schemas.errors(node, value, 3)))
        return value

    # -- responses -----------------------------------------------------------------------------------
    def _template(self, plan: OpPlan) -> Any:
        """The operation's success body (example or synthesized), computed once."""
        key = (plan.op.method, plan.op.path)
        if key not in self._templates:
            resp = plan.success
            if resp.has_example:
                value = resp.example
            elif resp.node is not None:
                rng = random.Random(f"{self.seed}:{plan.op.label}")
                try:
                    value = self.synth.value(resp.node, rng)
                except Unsatisfiable as exc:
                    self.problems.append(f"{plan.op.label}: response {resp.status}: {exc}")
                    value = None
            else:
                value = None
            self._templates[key] = value
        return self._templates[key]

    def _respond(self, plan: OpPlan, values: list[str], args: dict[str, Any], body: Any) -> Reply:
        """Answer by role; ``values`` are the path parameter values in template order."""
        self._check_parents(plan, values)
        if plan.role == "plain":
            return self._ok(plan, self._template(plan), cache=True)
        coll = plan.collection
        if plan.role == "sub" or coll is None:
            return self._ok(plan, self._template(plan), cache=True)
        depth = coll.path.count("{}")
        scope = tuple(values[:depth])
        bucket = self.store.bucket(coll.path, scope)
        if plan.role == "create":
            return self._ok(plan, self._create(plan, coll, bucket, body))
        if plan.role == "list":
            return self._ok(plan, self._list(plan, bucket, args))
        rid = values[depth] if len(values) > depth else ""
        current = bucket.get(rid)
        if current is None:
            raise Invalid(f"{coll.singular} {rid!r} does not exist", "missing")
        if plan.role == "delete":
            del bucket[rid]
            return self._ok(plan, self._overlay(plan, current))
        if plan.role == "update" and isinstance(body, dict):
            current.update(body)
        if plan.role == "action":
            self._set_status(current, CANCELLED, "cancelled")
        if plan.role == "read" and coll.is_async:
            self._complete(plan, current)
        return self._ok(plan, self._overlay(plan, current))

    def _check_parents(self, plan: OpPlan, values: list[str]) -> None:
        for parent in plan.parents:
            depth = parent.item_path.count("{}")
            if len(values) < depth:
                continue
            scope, rid = tuple(values[: depth - 1]), values[depth - 1]
            if not self.store.exists(parent.path, scope, rid):
                raise Invalid(f"{parent.singular} {rid!r} does not exist", "missing")

    def _create(
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
            self._set_status(value, PENDING, "pending")
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

    def _overlay(self, plan: OpPlan, stored: dict[str, Any]) -> Any:
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

    def _set_status(self, value: dict[str, Any], wanted: tuple[str, ...], fallback: str) -> None:
        for name in STATUS_FIELDS:
            if name in value:
                enum = self._status_enum(name)
                found = status_value(enum, wanted, fallback)
                if found is not None:
                    value[name] = found
                return

    def _status_enum(self, name: str) -> list[Any] | None:
        enums: list[Any] = []
        for methods in self.routes.targets():
            for plan in methods.values():
                prop = _property(plan.success.node, name, self.schemas)
                while isinstance(prop, dict) and isinstance(prop.get("$ref"), str):
                    prop = self.schemas.resolve(prop["$ref"])[0]
                if isinstance(prop, dict) and isinstance(prop.get("enum"), list):
                    enums.extend(v for v in prop["enum"] if v not in enums)
        return enums or None

    def _complete(self, plan: OpPlan, current: dict[str, Any]) -> None:
        self._set_status(current, COMPLETED, "completed")
        if "done" in current and isinstance(current["done"], bool):
            current["done"] = True
        template = self._template(plan)
        for name in OUTPUT_FIELDS:
            if isinstance(template, dict) and name in template and name not in current:
                current[name] = deepcopy_json(template[name])
        for name in ERROR_FIELDS:
            if name in current and name not in _required(plan, self.schemas):
                del current[name]

    def _list(self, plan: OpPlan, bucket: dict[str, dict[str, Any]], args: dict[str, Any]) -> Any:
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

    def _ok(self, plan: OpPlan, value: Any, cache: bool = False) -> Reply:
        status = plan.success.status
        media = plan.success.media
        headers = plan.success.headers
        if media is None or status == 204:
            return status, None, b"", headers
        ckey = (plan.op.method, plan.op.path) if cache else None
        if ckey is not None and ckey in self._cache:
            return status, media, self._cache[ckey], headers
        payload = _encode(value, media)
        if ckey is not None:
            self._cache[ckey] = payload
        return status, media, payload, headers

    # -- errors --------------------------------------------------------------------------------------
    def _error(self, plan: OpPlan, purpose: str, message: str) -> Reply:
        default = {"invalid": 400, "auth": 401, "missing": 404}[purpose]
        declared = plan.error_statuses.get(purpose)
        extra = [(b"www-authenticate", b"Bearer")] if purpose == "auth" else []
        if declared is None:
            status, media, payload, more = self._problem(default, message)
            return status, media, payload, extra + more
        status = int(declared) if declared.isdigit() else default
        response = plan.op.responses[declared]
        hkey = (plan.op.method, plan.op.path, declared)
        if hkey not in self._error_headers:
            found, _ = response_headers(
                response, self.schemas, self.synth, f"{self.seed}:{plan.op.label}:{declared}"
            )
            self._error_headers[hkey] = found
        declared_headers = self._error_headers[hkey]
        names = {name for name, _ in declared_headers}
        extra = [h for h in extra if h[0] not in names] + declared_headers
        media_type = pick_media(response.content)
        if media_type is None:
            return status, None, b"", extra
        node = self.schemas.locate(media_type.schema)[0] if media_type.schema is not None else None
        value = self._error_body(plan, declared, node, media_type, message)
        return status, media_type.name, _encode(value, media_type.name), extra

    def _error_body(
        self,
        plan: OpPlan,
        declared: str,
        node: dict[str, Any] | None,
        media_type: Any,
        message: str,
    ) -> Any:
        key = ("error", plan.op.method, plan.op.path, declared)
        if key not in self._templates:
            has, example = media_example(media_type, self.spec)
            if has and (node is None or self.schemas.is_valid(node, example)):
                value = example
            elif node is not None:
                try:
                    value = self.synth.value(node, random.Random(f"{self.seed}:{key}"))
                except Unsatisfiable:
                    value = {"message": message}
            else:
                value = {"message": message}
            self._templates[key] = value
        template = self._templates[key]
        filled = _fill_message(deepcopy_json(template), message)
        if node is None or self.schemas.is_valid(node, filled):
            return filled
        return template

    def _problem(self, status: int, detail: str) -> Reply:
        body = {
            "type": "about:blank",
            "title": _TITLES.get(status, "Error"),
            "status": status,
            "detail": detail,
        }
        return status, PROBLEM, json.dumps(body).encode(), []


# -- helpers -------------------------------------------------------------------------------------------
def _template_params(path: str) -> list[str]:
    import re

    return re.findall(r"\{([^}/]*)\}", path)


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value
    return out


def _coerce(raw: Any, param: ParamPlan) -> Any:
    if isinstance(raw, list):
        return [_scalar(v, param.item_kind) for v in raw]
    if param.kind == "array":
        return (
            [_scalar(v, param.item_kind) for v in raw.split(param.separator)] if raw != "" else []
        )
    return _scalar(raw, param.kind)


def _scalar(raw: str, kind: str | None) -> Any:
    return scalar(raw, kind)


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


def _fill_message(value: Any, message: str, depth: int = 0) -> Any:
    if not isinstance(value, dict) or depth > 3:
        return value
    for key in list(value):
        if key in _MESSAGE_KEYS and isinstance(value[key], str):
            value[key] = message
        elif isinstance(value[key], dict):
            _fill_message(value[key], message, depth + 1)
    return value


def _encode(value: Any, media: str | None) -> bytes:
    if media is not None and not JSON_MEDIA.match(media) and not media.endswith("+json"):
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        return (value if isinstance(value, str) else json.dumps(value)).encode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def check_spec(path: str) -> Spec:
    """Load a spec for the mock; raise :class:`SpecError` when it has no operations."""
    spec = load(path)
    if not spec.operations:
        raise SpecError("the spec declares no operations to mock", spec.name)
    return spec
