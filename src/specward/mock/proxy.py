"""Proxy mode: forward every request to a real server, validate both sides against the spec.

Violations are logged (a text line each on stderr, and JSON lines with ``log_json``); with
``errors`` a response that violates the spec is answered 502, in the API's error envelope, with the
violations listed. Requests are forwarded whatever their violations (the server decides).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, Any
from urllib.parse import parse_qsl

from specward.hop_headers import DROP_BACK, HOP_BY_HOP
from specward.mock.app import MockApp, Receive, Scope, Send
from specward.mock.plan import JSON_MEDIA, OpPlan
from specward.mock.request_checks import Invalid, parameters, request_body
from specward.mock.violations import Violation

_HOP = HOP_BY_HOP | {b"proxy-authorization"}
MAX_RESPONSE = 64 * 1024 * 1024


class ProxyApp:
    """ASGI app forwarding to ``target`` and checking traffic with ``mock``'s compiled plans."""

    def __init__(
        self,
        mock: MockApp,
        target: str,
        *,
        errors: bool = False,
        log: Callable[[str], None] | None = None,
        log_json: IO[str] | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.mock = mock
        self.target = target.rstrip("/")
        self.errors = errors
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.log_json = log_json
        self.timeout = timeout
        self._client: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await _read(receive, self.mock.max_body)
        method = scope["method"]
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        path = raw_path.split("?", 1)[0]
        query = scope.get("query_string", b"").decode("latin-1")
        headers = scope.get("headers", [])
        plan, values = self._plan(method, path)
        label = plan.op.label if plan is not None else f"{method} {path}"
        if plan is None:
            self._report(label, None, [Violation(("path",), "no operation matches", "not_found")])
        else:
            self._report(label, None, self._check_request(plan, values, query, headers, body))
        status, out_headers, payload = await self._forward(method, path, query, headers, body)
        if plan is not None and status:
            found = self._check_response(plan, status, out_headers, payload)
            self._report(label, status, found)
            if found and self.errors:
                status, media, payload, extra = self.mock.errors.reply(
                    plan,
                    "upstream",
                    f"the server's {status} response violates the spec",
                    found,
                    status=502,
                )
                out_headers = [(k, v) for k, v in extra]
                if media:
                    out_headers.append((b"content-type", media.encode()))
        elif not status:
            message = (
                f"the server at {self.target} did not answer: {payload.decode(errors='replace')}"
            )
            status, media, payload, extra = self.mock.errors.reply(
                plan, "upstream", message, [Violation((), message, "bad_gateway")], status=502
            )
            out_headers = [*extra, *([(b"content-type", media.encode())] if media else [])]
        out_headers = [h for h in out_headers if h[0].lower() != b"content-length"]
        out_headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": out_headers})
        await send({"type": "http.response.body", "body": payload if method != "HEAD" else b""})

    # -- checks ----------------------------------------------------------------------------------
    def _plan(self, method: str, path: str) -> tuple[OpPlan | None, list[str]]:
        for methods, values in self.mock.matches(path):
            plan = methods.get(method) or (methods.get("GET") if method == "HEAD" else None)
            if plan is not None:
                return plan, values
        return None, []

    def _check_request(
        self, plan: OpPlan, values: list[str], query: str, headers: list[Any], body: bytes
    ) -> list[Violation]:
        hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        qs = parse_qsl(query, keep_blank_values=True)
        found: list[Violation] = []
        for check in (
            lambda: parameters(plan, values, hdrs, qs, self.mock.request_schemas),
            lambda: request_body(plan, hdrs, body, self.mock.request_schemas),
        ):
            try:
                check()
            except Invalid as exc:
                found.extend(exc.violations or [Violation((), exc.message, exc.purpose)])
        return [Violation(("request", *v.loc), v.msg, v.type) for v in found]

    def _check_response(
        self, plan: OpPlan, status: int, headers: list[tuple[bytes, bytes]], payload: bytes
    ) -> list[Violation]:
        responses = plan.op.responses
        key = next(
            (
                k
                for k in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default")
                if k in responses
            ),
            None,
        )
        if key is None:
            declared = ", ".join(sorted(responses))
            return [
                Violation(
                    ("response", "status"),
                    f"status {status} is not documented (declared: {declared})",
                    "status",
                )
            ]
        response = responses[key]
        hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        out = [
            Violation(("response", "header", name), "required header is missing", "missing")
            for name, header in response.headers.items()
            if header.required and name.lower() not in hdrs
        ]
        ctype = hdrs.get("content-type", "").split(";")[0].strip().lower()
        if not response.content or not payload:
            return out
        declared = {m.split(";")[0].strip().lower(): mt for m, mt in response.content.items()}
        media = declared.get(ctype) or next(
            (mt for m, mt in declared.items() if m.endswith("/*") and ctype.startswith(m[:-1])),
            None,
        )
        if media is None and "*/*" not in declared:
            listed = ", ".join(sorted(declared))
            return [
                *out,
                Violation(
                    ("response", "header", "content-type"),
                    f"content type {ctype or '(none)'!r} is not documented (declared: {listed})",
                    "content_type",
                ),
            ]
        if media is None or media.schema is None or not JSON_MEDIA.match(ctype):
            return out
        try:
            value = json.loads(payload)
        except ValueError as exc:
            return [*out, Violation(("response", "body"), f"not valid JSON: {exc}", "json_invalid")]
        node = self.mock.schemas.locate(media.schema)[0]
        if self.mock.schemas.is_valid(node, value):
            return out
        return [*out, *self.mock.schemas.violations(node, value, ("response", "body"))]

    def _report(self, label: str, status: int | None, violations: list[Violation]) -> None:
        side = "request" if status is None else f"response {status}"
        for v in violations:
            self.log(
                f"specward: violation: {label} ({side}): {v.text() if len(v.loc) > 1 else v.msg}"
            )
            if self.log_json is not None:
                record = {"operation": label, "status": status, **v.as_dict()}
                self.log_json.write(json.dumps(record, ensure_ascii=False) + "\n")
                self.log_json.flush()

    # -- forwarding ------------------------------------------------------------------------------
    async def _forward(
        self, method: str, path: str, query: str, headers: list[Any], body: bytes
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """The server's status, headers and body; status 0 and the reason when it failed."""
        import httpx

        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=False)
        url = self.target + path + (f"?{query}" if query else "")
        sent = [(k, v) for k, v in headers if k.lower() not in _HOP]
        sent.append((b"accept-encoding", b"identity"))
        try:
            request = self._client.build_request(method, url, headers=sent, content=body)
            response = await self._client.send(request, stream=True)
            try:
                chunks, size = [], 0
                async for chunk in response.aiter_raw():
                    size += len(chunk)
                    if size > MAX_RESPONSE:
                        return 0, [], f"response larger than {MAX_RESPONSE} bytes".encode()
                    chunks.append(chunk)
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            return 0, [], (str(exc) or type(exc).__name__).encode()
        back = [
            (k.encode("latin-1"), v.encode("latin-1"))
            for k, v in response.headers.multi_items()
            if k.lower() not in DROP_BACK
        ]
        return response.status_code, back, b"".join(chunks)


async def _read(receive: Receive, limit: int) -> bytes:
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)
