"""The mock server: a plain ASGI application over the normalized model.

Requests are routed by path shape, validated against the spec (parameters, bodies, security) and
answered with the spec's examples or synthesized data; resources inferred from path shapes are
kept in memory so that what is created can be read, listed, changed and deleted.

Request checks live in :mod:`specward.mock.request_checks`, the stateful resource handlers in
:mod:`specward.mock.resources`, error answers in :mod:`specward.mock.errors` and Prism's
``Prefer``/CORS in :mod:`specward.mock.prism`.
"""

from __future__ import annotations

import os
import random
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote

from specward.errors import SpecError
from specward.mock.envelope import phrase, purpose_of
from specward.mock.errors import PROBLEM, ErrorResponder, Reply
from specward.mock.headers import response_headers
from specward.mock.plan import (
    BodyPlan,
    OpPlan,
    ResponsePlan,
    media_example,
    pick_media,
    plan_param,
    security_plan,
    success_response,
)
from specward.mock.prism import Prefer, allow_list, cors_headers, parse_prefer, preflight
from specward.mock.request_checks import Invalid, check_security, parameters, request_body
from specward.mock.resources import Resources, missing
from specward.mock.responses import encode
from specward.mock.routes import Router
from specward.mock.schemas import SchemaSet
from specward.mock.shapes import infer_collections, parents_of
from specward.mock.state import Store
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.mock.violations import Violation
from specward.model import Operation, Spec, load, path_key

_ALL = ("GET", "PUT", "POST", "DELETE", "PATCH")
__all__ = ["PROBLEM", "Invalid", "MockApp", "Reply", "check_spec", "create_app"]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

MAX_BODY = 10 * 1024 * 1024


def _declared_length(headers: list[tuple[bytes, bytes]]) -> int:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


def create_app(
    spec_or_path: Spec | str | os.PathLike[str],
    *,
    seed: int = 0,
    tokens: Iterable[str] | None = None,
    cors: bool = True,
    max_body: int = MAX_BODY,
    max_resources: int = 5000,
) -> MockApp:
    """The ASGI app mocking a spec. ``tokens``: accepted credentials (None accepts any non-empty);
    ``max_body``: request bodies above it get 413; ``max_resources``: kept per collection."""
    spec = spec_or_path if isinstance(spec_or_path, Spec) else load(spec_or_path, lines=False)
    return MockApp(
        spec, seed=seed, tokens=tokens, cors=cors, max_body=max_body, max_resources=max_resources
    )


class MockApp:
    """A stateful mock of one spec; call it as an ASGI app or use :meth:`handle` directly."""

    def __init__(
        self,
        spec: Spec,
        *,
        seed: int = 0,
        tokens: Iterable[str] | None = None,
        cors: bool = True,
        max_body: int = MAX_BODY,
        max_resources: int = 5000,
    ) -> None:
        self.spec = spec
        self.seed = seed
        self.cors = cors
        self.max_body = max_body
        self._dynamic = 0
        self.tokens = set(tokens) if tokens is not None else None
        self.schemas = SchemaSet(spec)
        self.request_schemas = self.schemas.request_view()
        self.synth = Synthesizer(self.schemas)
        self.store = Store(max_items=max_resources)
        self.base = [s for s in spec.base_path.split("/") if s]
        self.collections = infer_collections(spec)
        self.routes: Router[dict[str, OpPlan]] = Router()
        self._templates: dict[tuple[str, str], Any] = {}
        self._cache: dict[tuple[Any, ...], bytes] = {}
        self.problems: list[str] = list(dict.fromkeys(self.schemas.problems))
        self.errors = ErrorResponder(spec, self.schemas, self.synth, seed)
        self.resources = Resources(
            self.store, self.schemas, self.synth, seed, self._template, self.routes.targets
        )
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
            plan_param(p, self.request_schemas, v2)
            for p in op.parameters.values()
            if p.location in ("path", "query", "header", "cookie")
        ]
        body = None
        if op.request_body is not None and op.request_body.content:
            media = {}
            for name, mt in op.request_body.content.items():
                media[name.split(";")[0].strip().lower()] = (
                    self.request_schemas.locate(mt.schema)[0] if mt.schema is not None else None
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
        return OpPlan(op, params, body, success, security_plan(self.spec, op))

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
        chunks: list[bytes] = []
        size = 0
        more = True
        too_large = _declared_length(scope.get("headers", [])) > self.max_body
        while more and not too_large:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            too_large = size > self.max_body
            if not too_large:
                chunks.append(chunk)
            more = message.get("more_body", False)
        raw_path = scope.get("raw_path") or scope["path"].encode()
        status, media, payload, extra = self.handle(
            scope["method"],
            raw_path.decode("latin-1").split("?", 1)[0],
            scope.get("query_string", b"").decode("latin-1"),
            scope.get("headers", []),
            b"" if too_large else b"".join(chunks),
            too_large=too_large,
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
        *,
        too_large: bool = False,
    ) -> Reply:
        """Answer one request: (status, content type, body, extra headers).

        ``too_large``: the body was over ``max_body`` and not read (answered 413).
        """
        hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        reply = self._route(method.upper(), raw_path, query, hdrs, body, too_large)
        if self.cors and "origin" in hdrs:
            status, media, payload, extra = reply
            reply = status, media, payload, [*extra, *cors_headers(hdrs["origin"])]
        return reply

    def matches(self, raw_path: str) -> list[tuple[dict[str, OpPlan], list[str]]]:
        """Every route matching a request path, the most literal first."""
        return list(self._iter_matches(raw_path))

    def _first_match(self, raw_path: str) -> tuple[dict[str, OpPlan], list[str]] | None:
        parts = [unquote(s) for s in raw_path.split("/")[1:]]
        if parts and parts[-1] == "":
            parts.pop()
        if self.base and parts[: len(self.base)] == self.base:
            found = self.routes.match(parts[len(self.base) :])
            if found is not None:
                return found
        return self.routes.match(parts)

    def _iter_matches(self, raw_path: str) -> Iterator[tuple[dict[str, OpPlan], list[str]]]:
        parts = [unquote(s) for s in raw_path.split("/")[1:]]
        if parts and parts[-1] == "":
            parts.pop()
        seen = False
        if self.base and parts[: len(self.base)] == self.base:
            # served both with and without the server URL's path: the prefixed form first
            for match in self.routes.match_all(parts[len(self.base) :]):
                seen = True
                yield match
        if not seen:
            yield from self.routes.match_all(parts)

    def _route(
        self,
        method: str,
        raw_path: str,
        query: str,
        hdrs: dict[str, str],
        body: bytes,
        too_large: bool,
    ) -> Reply:
        preflight_asked = method == "OPTIONS" and "access-control-request-method" in hdrs
        fast = None if preflight_asked else self._first_match(raw_path)
        if fast is not None and method in fast[0]:  # the hot path: one route, method declared
            return self._checked(fast[0][method], fast[1], method, query, hdrs, body, too_large)
        first: dict[str, OpPlan] | None = None
        found = None
        for methods, values in self._iter_matches(raw_path):
            first = first or methods
            plan = methods.get(method) or (methods.get("GET") if method == "HEAD" else None)
            if plan is not None and not (self.cors and preflight_asked):
                found = plan, values
                break
        if self.cors and preflight_asked:
            allowed = self._allowed(first)
            return preflight(hdrs.get("access-control-request-headers", ""), allowed)
        if first is None:
            message = f"no operation matches {raw_path}"
            return self.errors.reply(
                None, "missing", message, [Violation(("path",), message, "not_found")]
            )
        if found is None:
            allowed = self._allowed(first)
            allow = ", ".join(allowed).encode()
            if method == "OPTIONS":
                return 204, None, b"", [(b"allow", allow)]
            message = f"{method} is not allowed here (allowed: {', '.join(allowed)})"
            status, media, payload, extra = self.errors.reply(
                None, "method", message, [Violation(("method",), message, "method_not_allowed")]
            )
            return status, media, payload, [*extra, (b"allow", allow)]
        plan, values = found
        return self._checked(plan, values, method, query, hdrs, body, too_large)

    def _checked(
        self,
        plan: OpPlan,
        values: list[str],
        method: str,
        query: str,
        hdrs: dict[str, str],
        body: bytes,
        too_large: bool,
    ) -> Reply:
        """Answer a routed request: limits, Prefer, credentials, parameters, body, then the role."""
        if too_large:
            message = f"request body larger than the mock's limit of {self.max_body} bytes"
            return self.errors.reply(
                plan, "too_large", message, [Violation(("body",), message, "too_large")]
            )
        try:
            prefer = parse_prefer(hdrs["prefer"]) if "prefer" in hdrs else None
            if prefer is not None and prefer.code is not None and prefer.code >= 400:
                return self._preferred_error(plan, prefer.code)
            qs = parse_qsl(query, keep_blank_values=True)
            check_security(plan, hdrs, qs, self.tokens)
            args = parameters(plan, values, hdrs, qs, self.request_schemas)
            payload = request_body(plan, hdrs, body, self.request_schemas)
            if prefer is not None and (
                prefer.example or prefer.dynamic or prefer.code != plan.success.status
            ):
                return self._preferred(plan, prefer)
            return self._respond(plan, values, args, payload, len(body))
        except Invalid as exc:
            return self._error(plan, exc)

    @staticmethod
    def _allowed(first: dict[str, OpPlan] | None) -> list[str]:
        """The methods of the most literal matching path (what the spec lists for that path)."""
        return allow_list(set(first) if first else set(_ALL))

    # -- Prefer ---------------------------------------------------------------------------------------
    def _response_key(self, plan: OpPlan, code: int) -> str:
        for key in (str(code), f"{str(code)[0]}XX", f"{str(code)[0]}xx"):
            if key in plan.op.responses:
                return key
        declared = ", ".join(sorted(plan.op.responses))
        message = f"Prefer: code={code}: {plan.op.label} declares no {code} response (declared: {declared})"
        raise Invalid(message, "invalid", [Violation(("header", "prefer"), message, "prefer")])

    def _preferred_error(self, plan: OpPlan, code: int) -> Reply:
        key = self._response_key(plan, code)
        description = (plan.op.responses[key].description or "").strip().rstrip(".")
        message = description or phrase(code)
        return self.errors.reply(plan, purpose_of(code), message, status=code, key=key)

    def _preferred(self, plan: OpPlan, prefer: Prefer) -> Reply:
        """A stateless answer from the response, example or dynamic value the client asked for."""
        code = prefer.code or plan.success.status
        key = self._response_key(plan, code)
        response = plan.op.responses[key]
        media = pick_media(response.content)
        headers, _ = response_headers(
            response, self.schemas, self.synth, f"{self.seed}:{plan.op.label}:{key}"
        )
        if media is None:
            return code, None, b"", headers
        node = self.schemas.locate(media.schema)[0] if media.schema is not None else None
        if prefer.example:
            value = self._named_example(plan, media, prefer.example)
        elif prefer.dynamic and node is not None:
            self._dynamic += 1
            rng = random.Random(f"{self.seed}:{plan.op.label}:dynamic:{self._dynamic}")
            try:
                value = self.synth.fresh(node, rng)
            except Unsatisfiable:
                value = self._template(plan)
        else:
            has, example = media_example(media, self.spec)
            value = example if has else self._template(plan)
            if not has and node is not None and code != plan.success.status:
                value = self.synth.value(node, random.Random(f"{self.seed}:{plan.op.label}:{key}"))
        return code, media.name, encode(value, media.name), headers

    def _named_example(self, plan: OpPlan, media: Any, name: str) -> Any:
        raw = media.raw if isinstance(media.raw, dict) else {}
        examples = raw.get("examples") if isinstance(raw.get("examples"), dict) else {}
        found = examples.get(name)
        if isinstance(found, dict) and "$ref" in found:
            ref = str(found["$ref"]).rsplit("/", 1)[-1]
            found = self.spec.ws.entry.data.get("components", {}).get("examples", {}).get(ref)
        if isinstance(found, dict) and "value" in found:
            return found["value"]
        known = ", ".join(sorted(examples)) or "none"
        message = f"Prefer: example={name}: no such example (known: {known})"
        raise Invalid(message, "invalid", [Violation(("header", "prefer"), message, "prefer")])

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

    def _respond(
        self, plan: OpPlan, values: list[str], args: dict[str, Any], body: Any, size: int
    ) -> Reply:
        """Answer by role; ``values`` are the path parameter values in template order."""
        self.resources.check_parents(plan, values)
        if plan.role == "plain":
            return self._ok(plan, self._template(plan), cache=True)
        coll = plan.collection
        if plan.role == "sub" or coll is None:
            return self._ok(plan, self._template(plan), cache=True)
        depth = coll.path.count("{}")
        bucket = self.store.bucket(coll.path, tuple(values[:depth]))
        res = self.resources
        if plan.role == "create":
            return self._ok(plan, res.create(plan, coll, bucket, body, size))
        if plan.role == "list":
            return self._ok(plan, res.listing(plan, coll, bucket, args))
        rid = values[depth] if len(values) > depth else ""
        current = bucket.get(rid)
        if current is None:
            raise missing(coll, rid)
        if plan.role == "delete":
            bucket.discard(rid)
            return self._ok(plan, res.present(plan, coll, current))
        if plan.role == "update":
            return self._ok(plan, res.update(plan, coll, current, body))
        if plan.role == "action":
            return self._ok(plan, res.action(plan, coll, current))
        return self._ok(plan, res.read(plan, coll, current))

    def _ok(self, plan: OpPlan, value: Any, cache: bool = False) -> Reply:
        status = plan.success.status
        media = plan.success.media
        headers = plan.success.headers
        if media is None or status == 204:
            return status, None, b"", headers
        ckey = (plan.op.method, plan.op.path) if cache else None
        if ckey is not None and ckey in self._cache:
            return status, media, self._cache[ckey], headers
        payload = encode(value, media)
        if ckey is not None:
            self._cache[ckey] = payload
        return status, media, payload, headers

    # -- errors --------------------------------------------------------------------------------------
    def _error(self, plan: OpPlan, exc: Invalid) -> Reply:
        return self.errors.reply(plan, exc.purpose, exc.message, exc.violations)


def check_spec(path: str) -> Spec:
    """Load a spec for the mock; raise :class:`SpecError` when it has no operations.

    A JSON spec is read without its lines: the mock reports no lines, and a refused ``$ref``
    still finds its own (see ``Workspace.line_in``)."""
    spec = load(path, lines=False)
    if not spec.operations:
        raise SpecError("the spec declares no operations to mock", spec.name)
    return spec
