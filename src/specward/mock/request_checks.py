"""Checking a mock request against its operation: credentials, parameters and the body.

Each check raises :class:`Invalid` (with the purpose that picks the error response) when the
request does not satisfy the spec.
"""

from __future__ import annotations

import re
from typing import Any

from specward.mock.forms import (
    FormError,
    form_value,
    parse_json,
    parse_multipart,
    parse_urlencoded,
    scalar,
)
from specward.mock.plan import JSON_MEDIA, OpPlan, ParamPlan
from specward.mock.schemas import SchemaSet
from specward.mock.violations import Violation, detail_of


class Invalid(Exception):
    """The request does not satisfy the spec: a purpose (picks the error response), a human
    message and the violations behind it."""

    def __init__(
        self,
        message: str,
        purpose: str = "invalid",
        violations: list[Violation] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.purpose = purpose
        self.violations = list(violations or [])

    @classmethod
    def of(cls, violations: list[Violation], purpose: str = "invalid") -> Invalid:
        return cls(detail_of(violations, "invalid request"), purpose, violations)


def check_security(
    plan: OpPlan,
    headers: dict[str, str],
    query: list[tuple[str, str]],
    tokens: set[str] | None,
) -> None:
    """Pass when one of the operation's security requirements is met (or none is needed)."""
    if not plan.security or any(not req for req in plan.security):
        return
    cookies = cookies_of(headers.get("cookie", ""))
    qmap = dict(query)
    for requirement in plan.security:
        if all(
            _credential(kind, where, name, headers, qmap, cookies, tokens)
            for kind, where, name in requirement
        ):
            return
    sent = any(
        _present(where, name, headers, qmap, cookies)
        for req in plan.security
        for _, where, name in req
    )
    where = plan.security[0][0] if plan.security[0] else ("bearer", "header", "authorization")
    loc = (where[1], where[2])
    if sent:
        message = "Authentication failed: the credentials sent are not accepted"
    else:
        message = f"Authentication failed: no credentials sent (expected {_expected(where)})"
    raise Invalid(message, "auth", [Violation(loc, message.split(": ", 1)[1], "authentication")])


def _present(
    where: str, name: str, headers: dict[str, str], query: dict[str, str], cookies: dict[str, str]
) -> bool:
    source = {"header": headers, "query": query, "cookie": cookies}.get(where, headers)
    return bool(source.get(name.lower() if where == "header" else name))


def _expected(check: tuple[str, str, str]) -> str:
    kind, where, name = check
    if kind in ("bearer", "basic"):
        return f"'Authorization: {kind.capitalize()} <token>'"
    return f"an API key in the {where} {name!r}"


def _credential(
    kind: str,
    where: str,
    name: str,
    headers: dict[str, str],
    query: dict[str, str],
    cookies: dict[str, str],
    tokens: set[str] | None,
) -> bool:
    if kind in ("bearer", "basic"):
        value = headers.get("authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != kind or not token.strip():
            return False
        return tokens is None or token.strip() in tokens
    source = {"header": headers, "query": query, "cookie": cookies}.get(where, headers)
    value = source.get(name.lower() if where == "header" else name, "")
    if not value:
        return False
    return tokens is None or value in tokens


def parameters(
    plan: OpPlan,
    values: list[str],
    headers: dict[str, str],
    query: list[tuple[str, str]],
    schemas: SchemaSet,
) -> dict[str, Any]:
    """The declared parameters' values, coerced and validated; ``values``: the path values."""
    names = [p for p in (seg for seg in _template_params(plan.op.path))]
    path_values = dict(zip(names, values, strict=False))
    out: dict[str, Any] = {}
    problems: list[Violation] = []
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
            raw = cookies_of(headers.get("cookie", "")).get(param.name)
        if raw is None:
            if param.required:
                problems.append(
                    Violation(
                        (param.location, param.name), "required parameter is missing", "missing"
                    )
                )
            continue
        value = _coerce(raw, param)
        if param.node is not None and not schemas.is_valid(param.node, value):
            problems.extend(schemas.violations(param.node, value, (param.location, param.name)))
            continue
        out[param.name] = value
    if problems:
        raise Invalid.of(problems)
    return out


def request_body(plan: OpPlan, headers: dict[str, str], body: bytes, schemas: SchemaSet) -> Any:
    """The request body parsed by its content type and validated (None when there is none)."""
    spec = plan.body
    if spec is None:
        return None
    if not body.strip():
        if spec.required:
            raise Invalid.of([Violation(("body",), "a request body is required", "missing")])
        return None
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in spec.media:
        wild = [m for m in spec.media if m.endswith("/*") and ctype.startswith(m[:-1])] or [
            m for m in spec.media if m == "*/*"
        ]
        if not wild:
            message = f"content type {ctype or '(none)'!r} is not accepted (expected {', '.join(sorted(spec.media))})"
            raise Invalid(
                message, "media", [Violation(("header", "content-type"), message, "media")]
            )
        ctype = wild[0]
    node = spec.media[ctype]
    if JSON_MEDIA.match(ctype):
        try:
            value = parse_json(body)
        except (ValueError, UnicodeDecodeError) as exc:
            message = f"request body is not valid JSON: {exc}"
            raise Invalid(
                message, "invalid", [Violation(("body",), message, "json_invalid")]
            ) from None
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            fields = (
                parse_multipart(body, headers.get("content-type", ""))
                if ctype == "multipart/form-data"
                else parse_urlencoded(body)
            )
        except FormError as exc:
            raise Invalid.of([Violation(("body",), str(exc), "form_invalid")]) from None
        value = form_value(fields, node, schemas)
    else:
        return body
    if node is not None and not schemas.is_valid(node, value):
        raise Invalid.of(schemas.violations(node, value, ("body",)))
    return value


def _template_params(path: str) -> list[str]:
    return re.findall(r"\{([^}/]*)\}", path)


def cookies_of(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value
    return out


def _coerce(raw: Any, param: ParamPlan) -> Any:
    if isinstance(raw, list):
        return [scalar(v, param.item_kind) for v in raw]
    if param.kind == "array":
        return [scalar(v, param.item_kind) for v in raw.split(param.separator)] if raw != "" else []
    return scalar(raw, param.kind)
