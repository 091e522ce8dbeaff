"""Error bodies filled from the failure, for whatever error schema a spec declares.

The fields of an error object are recognized by name and type, one level deep and inside an
``error`` object (``{"error": {"message", "type", "code"}}``):

- an integer ``code``/``status``/``status_code`` gets the HTTP status;
- a string ``type``/``error``/``code`` gets the failure's token (``not_found``...) or the enum value
  that fits it;
- ``detail``/``message``/``title`` gets the human message (``title`` the status phrase when there
  is also a ``detail`` or ``message``);
- an array of violations (``errors``, FastAPI's ``detail: [...]``, ``invalid_params``...) gets one
  item per violation, with its location and message.

Every value is checked against its property schema; the body as a whole against the error schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from specward.mock.schemas import SchemaSet
from specward.mock.violations import Violation

PURPOSES: dict[str, tuple[int, str]] = {
    "invalid": (400, "validation_error"),
    "auth": (401, "authentication_error"),
    "forbidden": (403, "permission_denied"),
    "missing": (404, "not_found"),
    "method": (405, "method_not_allowed"),
    "conflict": (409, "conflict"),
    "too_large": (413, "payload_too_large"),
    "media": (415, "unsupported_media_type"),
    "rate": (429, "rate_limited"),
    "upstream": (502, "bad_gateway"),
}
_BY_STATUS = {status: purpose for purpose, (status, _) in PURPOSES.items()}
_BY_STATUS[422] = "invalid"
_SYNONYMS = {
    "validation_error": ("validation", "invalid", "unprocessable", "bad_request", "request"),
    "authentication_error": ("authentication", "unauthenticated", "unauthorized", "auth"),
    "permission_denied": ("permission", "forbidden", "denied"),
    "not_found": ("not_found", "notfound", "missing"),
    "method_not_allowed": ("method",),
    "conflict": ("conflict", "already_exists", "exists", "duplicate"),
    "payload_too_large": ("too_large", "large", "size"),
    "unsupported_media_type": ("media", "content_type", "unsupported"),
    "rate_limited": ("rate", "too_many", "throttl", "quota"),
    "bad_gateway": ("gateway", "upstream", "unavailable"),
}
_INT_CODE = {"code", "status", "statuscode", "httpstatus", "httpcode", "errorcode"}
_TOKEN = {"type", "error", "code", "errortype", "errorcode", "status", "kind"}
_MESSAGE = {"detail", "message", "title", "msg", "description", "errordescription", "errormessage"}
_VIOLATIONS = {
    "errors",
    "detail",
    "details",
    "invalidparams",
    "violations",
    "fielderrors",
    "validationerrors",
    "issues",
}
_LOC_ARRAY = {"loc", "location", "path"}
_LOC_TEXT = {"field", "name", "param", "parameter", "path", "property", "location", "loc"}
_POINTER = {"pointer", "jsonpointer"}
_SOURCE = {"in", "source"}
_ITEM_MESSAGE = {"msg", "message", "reason", "detail", "description", "title", "error"}
_ITEM_TYPE = {"type", "code", "kind", "errortype"}


@dataclass
class Failure:
    """What went wrong with a request, in the terms error bodies need."""

    status: int
    token: str
    message: str
    violations: list[Violation] = field(default_factory=list)

    @classmethod
    def of(cls, purpose: str, message: str, violations: list[Violation] | None = None) -> Failure:
        status, token = PURPOSES.get(purpose, (400, "validation_error"))
        return cls(status, token, message, list(violations or []))


def purpose_of(status: int) -> str:
    """The failure purpose an HTTP error status stands for (``invalid`` for the unknown 4xx)."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return "upstream" if status >= 500 else "invalid"


def token_for(status: int) -> str:
    purpose = _BY_STATUS.get(status)
    if purpose is not None:
        return PURPOSES[purpose][1]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def fit_enum(enum: list[Any], token: str) -> Any:
    """The enum value meaning ``token`` (``invalid_request_error`` for ``validation_error``)."""
    words = _SYNONYMS.get(token, (token,))
    best, score = None, 0
    for value in enum:
        if not isinstance(value, str):
            continue
        text = re.sub(r"[^a-z0-9]+", "_", value.lower())
        if text == token:
            return value
        found = 50 if token in text else 0
        found += sum(len(words) - i for i, w in enumerate(words) if w in text)
        if found > score:
            best, score = value, found
    return best


class Shaper:
    """Fills error bodies; the roles of an error schema's fields are found once per schema."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self._roles: dict[int, list[tuple[str, str, dict[str, Any]]]] = {}

    def fill(self, node: dict[str, Any] | None, base: Any, failure: Failure, item: Any) -> Any:
        """``base`` (a valid body) with its recognized fields set from ``failure``.

        ``item(node)`` gives a minimal valid value for a violation item schema.
        """
        if node is None:
            return base
        out = self._fill_object(node, base, failure, item, 0)
        if out is not base and not self.schemas.is_valid(node, out):
            return base
        return out

    def _fill_object(
        self, node: dict[str, Any], base: Any, failure: Failure, item: Any, depth: int
    ) -> Any:
        roles = self.roles(node)
        if not roles or not isinstance(base, dict):
            return base
        out = dict(base)
        titled = any(r == "message" and _norm(n) in ("detail", "message") for n, r, _ in roles)
        for name, role, prop in roles:
            value: Any
            if role == "status":
                value = failure.status
            elif role == "token":
                value = self._token(prop, failure.token)
            elif role == "message":
                value = phrase(failure.status) if titled and _norm(name) == "title" else None
                value = value or failure.message
            elif role == "violations":
                value = self._violations(prop, failure, item)
                if value is None:
                    if name in out and name not in self._required(node):
                        del out[name]
                    continue
            elif role == "nested" and depth == 0:
                value = self._fill_object(prop, out.get(name), failure, item, 1)
            else:
                continue
            if value is not None and self.schemas.is_valid(prop, value):
                out[name] = value
        return out

    def roles(self, node: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        key = id(node)
        if key not in self._roles:
            self._roles[key] = self._find_roles(node)
        return self._roles[key]

    def _find_roles(self, node: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        out = []
        for name, prop in self.schemas.properties(node).items():
            kind = self.schemas.kind(prop)
            norm = _norm(name)
            if kind == "integer" and norm in _INT_CODE:
                out.append((name, "status", prop))
            elif kind == "string" and norm in _TOKEN:
                out.append((name, "token", prop))
            elif kind == "string" and norm in _MESSAGE:
                out.append((name, "message", prop))
            elif kind == "array" and norm in _VIOLATIONS:
                out.append((name, "violations", prop))
            elif kind == "object" and norm == "error":
                out.append((name, "nested", self.schemas.deref(prop)))
        return out

    def _required(self, node: dict[str, Any]) -> set[str]:
        return self.schemas.required(node)

    def _token(self, prop: dict[str, Any], token: str) -> Any:
        resolved = self.schemas.deref(prop)
        enum = resolved.get("enum") if isinstance(resolved, dict) else None
        if isinstance(enum, list):
            return fit_enum(enum, token)
        fmt = resolved.get("format") if isinstance(resolved, dict) else None
        return "about:blank" if fmt in ("uri", "iri") else token

    def _violations(self, prop: dict[str, Any], failure: Failure, item: Any) -> Any:
        if not failure.violations:
            return None
        node = self.schemas.deref(prop)
        items = self.schemas.deref(node.get("items")) if isinstance(node, dict) else None
        if not isinstance(items, dict):
            return None
        kind = self.schemas.kind(items)
        out: list[Any] = []
        for violation in failure.violations:
            if kind == "string":
                value: Any = violation.text()
            elif kind == "object":
                value = self._item(items, violation, item)
            else:
                return None
            if value is None or not self.schemas.is_valid(items, value):
                return None
            out.append(value)
        return out

    def _item(self, node: dict[str, Any], violation: Violation, item: Any) -> Any:
        base = item(node)
        out = dict(base) if isinstance(base, dict) else {}
        for name, prop in self.schemas.properties(node).items():
            norm = _norm(name)
            kind = self.schemas.kind(prop)
            value: Any = None
            if kind == "array" and norm in _LOC_ARRAY:
                value = list(violation.loc)
            elif kind == "string" and norm in _POINTER:
                value = "/" + "/".join(str(p) for p in violation.loc[1:])
            elif kind == "string" and norm in _SOURCE:
                value = str(violation.loc[0]) if violation.loc else ""
            elif kind == "string" and norm in _LOC_TEXT:
                value = violation.field()
            elif kind == "string" and norm in _ITEM_MESSAGE:
                value = violation.msg
            elif kind == "string" and norm in _ITEM_TYPE:
                value = violation.type
            if value is not None and self.schemas.is_valid(prop, value):
                out[name] = value
        return out
