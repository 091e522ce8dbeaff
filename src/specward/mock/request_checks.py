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


class Invalid(Exception):
    """The request does not satisfy the spec."""

    def __init__(self, message: str, purpose: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.purpose = purpose


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
    raise Invalid("missing or invalid credentials", "auth")


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
                raise Invalid(f"missing required {param.location} parameter {param.name!r}")
            continue
        value = _coerce(raw, param)
        if param.node is not None and not schemas.is_valid(param.node, value):
            errors = "; ".join(schemas.errors(param.node, value, 2))
            raise Invalid(f"{param.location} parameter {param.name!r}: {errors}")
        out[param.name] = value
    return out


def request_body(plan: OpPlan, headers: dict[str, str], body: bytes, schemas: SchemaSet) -> Any:
    """The request body parsed by its content type and validated (None when there is none)."""
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
        value = form_value(fields, node, schemas)
    else:
        return body
    if node is not None and not schemas.is_valid(node, value):
        raise Invalid("request body: " + "; ".join(schemas.errors(node, value, 3)))
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
