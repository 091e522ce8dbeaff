"""Validation errors as people write them: a location and a short message per violation.

``jsonschema_rs`` errors read like ``5 is not valid under any of the schemas listed in the 'anyOf'
keyword``; here they become ``Violation(("body", "name"), "expected a string, got 5", "type")``,
rendered ```name`: expected a string, got 5`` in a detail message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_VIOLATIONS = 20
_ARTICLE = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "object": "an object",
    "array": "an array",
    "null": "null",
}
_FORMATS = {
    "email": "an email address",
    "idn-email": "an email address",
    "date-time": "an RFC 3339 date-time",
    "date": "a date (YYYY-MM-DD)",
    "time": "a time (HH:MM:SS)",
    "uuid": "a UUID",
    "uri": "an absolute URI",
    "uri-reference": "a URI reference",
    "iri": "an IRI",
    "hostname": "a hostname",
    "ipv4": "an IPv4 address",
    "ipv6": "an IPv6 address",
    "duration": "an ISO 8601 duration",
    "regex": "a regular expression",
}


@dataclass(frozen=True)
class Violation:
    """One thing wrong with a request (or a response): where, what, and a short kind token."""

    loc: tuple[str | int, ...]
    msg: str
    type: str = "invalid"

    def field(self) -> str:
        """``name``, ``config.learning_rate``, ``items[2]``: the location without its source."""
        parts = self.loc[1:] if len(self.loc) > 1 else self.loc
        out = ""
        for part in parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def text(self) -> str:
        """```name`: expected a string, got 5``."""
        return f"`{self.field()}`: {self.msg}" if self.loc else self.msg

    def as_dict(self) -> dict[str, Any]:
        return {"loc": list(self.loc), "msg": self.msg, "type": self.type}


def shown(value: Any, limit: int = 40) -> str:
    """A short JSON rendering of a value for messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    words = [_ARTICLE.get(str(n), str(n)) for n in names]
    return " or ".join(words) if words else "another type"


def _branch_types(schema: Any) -> str | None:
    """``a string or null`` when every anyOf/oneOf branch is a plain type."""
    if not isinstance(schema, dict):
        return None
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            kinds = [b.get("type") for b in branches if isinstance(b, dict)]
            if len(kinds) == len(branches) and all(isinstance(k, str) for k in kinds):
                return _types(kinds)
    return None


def humanize(error: Any, prefix: tuple[str | int, ...], schema: Any = None) -> list[Violation]:
    """The violations one ``jsonschema_rs.ValidationError`` stands for (several for extra keys)."""
    kind = error.kind
    name = type(kind).__name__
    loc = (*prefix, *error.instance_path)
    got = shown(error.instance)
    if name == "Required":
        return [Violation((*loc, str(kind.property)), "required property is missing", "missing")]
    if name in ("AdditionalProperties", "UnevaluatedProperties"):
        extra = getattr(kind, "unexpected", None) or []
        return [Violation((*loc, str(key)), "unknown property", "extra_forbidden") for key in extra]
    msg = _message(name, kind, got, error, schema)
    return [Violation(loc, msg, _token(name))]


def _message(name: str, kind: Any, got: str, error: Any, schema: Any) -> str:
    limit = getattr(kind, "limit", None)
    if name == "Type":
        return f"expected {_types(kind.types)}, got {got}"
    if name == "Enum":
        options = ", ".join(shown(o) for o in (kind.options or [])[:8])
        return f"expected one of {options}, got {got}"
    if name == "Constant":
        return f"expected {shown(kind.expected_value)}, got {got}"
    if name in ("AnyOf", "OneOfNotValid"):
        found = _branch_types(_at(schema, error.schema_path[:-1]))
        return (
            f"expected {found}, got {got}"
            if found
            else f"matches none of the allowed shapes, got {got}"
        )
    if name == "OneOfMultipleValid":
        return "matches more than one of the allowed shapes"
    if name == "Format":
        return f"expected {_FORMATS.get(kind.format, repr(kind.format) + ' text')}, got {got}"
    if name == "Pattern":
        return f"expected text matching {kind.pattern}, got {got}"
    words = {
        "MinLength": f"expected at least {limit} character(s), got {got}",
        "MaxLength": f"expected at most {limit} character(s), got {got}",
        "Minimum": f"expected at least {limit}, got {got}",
        "Maximum": f"expected at most {limit}, got {got}",
        "ExclusiveMinimum": f"expected more than {limit}, got {got}",
        "ExclusiveMaximum": f"expected less than {limit}, got {got}",
        "MultipleOf": f"expected a multiple of {getattr(kind, 'multiple_of', limit)}, got {got}",
        "MinItems": f"expected at least {limit} item(s)",
        "MaxItems": f"expected at most {limit} item(s)",
        "MinProperties": f"expected at least {limit} propert(ies)",
        "MaxProperties": f"expected at most {limit} propert(ies)",
        "UniqueItems": "items must be unique",
        "Not": "is a value that is not allowed here",
        "FalseSchema": "is not allowed here",
    }
    return words.get(name) or str(error.message)


def _token(name: str) -> str:
    return {
        "Type": "type",
        "Enum": "enum",
        "Constant": "const",
        "AnyOf": "any_of",
        "OneOfNotValid": "one_of",
        "OneOfMultipleValid": "one_of",
        "Format": "format",
        "Pattern": "pattern",
        "MinLength": "string_too_short",
        "MaxLength": "string_too_long",
        "Minimum": "greater_than_equal",
        "Maximum": "less_than_equal",
        "ExclusiveMinimum": "greater_than",
        "ExclusiveMaximum": "less_than",
        "MinItems": "too_short",
        "MaxItems": "too_long",
    }.get(name, name[:1].lower() + "".join(c if c.islower() else "_" + c.lower() for c in name[1:]))


def _at(schema: Any, path: Any) -> Any:
    node = schema
    for part in path or ():
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def detail_of(violations: list[Violation], fallback: str) -> str:
    """One human sentence for a list of violations (the first three shown)."""
    if not violations:
        return fallback
    shown_ = "; ".join(v.text() for v in violations[:3])
    more = len(violations) - 3
    return shown_ + (f" (and {more} more)" if more > 0 else "")


def header_value(violations: list[Violation], limit: int = 4096) -> bytes:
    """The ``x-specward-violations`` header: a JSON array (ASCII), cut to ``limit`` bytes."""
    items = [v.as_dict() for v in violations]
    while True:
        text = json.dumps(items, ensure_ascii=True, separators=(",", ":"))
        if len(text) <= limit or len(items) <= 1:
            break
        items = items[: max(1, len(items) // 2)]
    if len(text) > limit:
        text = json.dumps([{"loc": items[0]["loc"][:4], "msg": items[0]["msg"][:200]}])[:limit]
    return text.encode("ascii")
