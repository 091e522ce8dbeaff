"""Form bodies (``application/x-www-form-urlencoded`` and ``multipart/form-data``) as JSON values.

Fields are coerced by the property schema they belong to: integers, numbers, booleans, ``null``,
arrays from repeated fields (or ``a,b`` text), objects from JSON text (the multipart default
encoding for objects). Files become strings (their bytes as latin-1), the JSON Schema view of
``format: binary``.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from typing import Any
from urllib.parse import parse_qsl

from specward.load.walk import tree_depth
from specward.mock.plan import first_type, items_of
from specward.mock.schemas import SchemaSet


class FormError(ValueError):
    """The body is not a well-formed form."""


def parse_urlencoded(body: bytes) -> list[tuple[str, str]]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormError(f"form body is not UTF-8: {exc}") from None
    return parse_qsl(text, keep_blank_values=True)


def parse_multipart(body: bytes, content_type: str) -> list[tuple[str, str]]:
    """``(name, value)`` for every part; file contents as latin-1 text."""
    if "boundary=" not in content_type:
        raise FormError("multipart body without a boundary parameter")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise FormError("malformed multipart body")
    out = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise FormError("a multipart part has no name")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None or part.get_content_type() not in (
            "text/plain",
            "application/json",
        ):
            out.append((name, payload.decode("latin-1")))
        else:
            charset = part.get_content_charset() or "utf-8"
            try:
                out.append((name, payload.decode(charset)))
            except (UnicodeDecodeError, LookupError):
                raise FormError(f"part {name!r} is not valid {charset} text") from None
    return out


def form_value(
    fields: list[tuple[str, str]], node: dict[str, Any] | None, schemas: SchemaSet
) -> dict[str, Any]:
    """The JSON object a form stands for, fields coerced by their property schema."""
    props = _properties(node, schemas)
    grouped: dict[str, list[str]] = {}
    for name, value in fields:
        grouped.setdefault(name.removesuffix("[]"), []).append(value)
    out: dict[str, Any] = {}
    for name, values in grouped.items():
        prop = props.get(name)
        kind = first_type(prop, schemas)
        if kind == "array":
            item_kind = first_type(items_of(prop, schemas), schemas)
            if len(values) == 1 and "," in values[0] and item_kind != "string":
                values = values[0].split(",")
            out[name] = [scalar(v, item_kind) for v in values]
        else:
            out[name] = scalar(values[0], kind) if len(values) == 1 else values
    return out


def scalar(raw: str, kind: str | None) -> Any:
    """A form or parameter string as the JSON type ``kind`` (unchanged when it does not parse)."""
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            value = float(raw)
            plain = value.is_integer() and "." not in raw and "e" not in raw.lower()
            return int(value) if plain else value
        if kind == "boolean":
            return {"true": True, "false": False}.get(raw, raw)
        if kind == "null" and raw in ("", "null"):
            return None
        if kind == "object":
            return parse_json(raw) if raw.strip() else {}
    except (ValueError, OverflowError):
        return raw
    return raw


MAX_DEPTH = 128  # deeper JSON is refused: validation and echoing recurse per level


def parse_json(raw: str | bytes) -> Any:
    """Decode a JSON request value; ValueError when it is malformed or nested too deeply."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None
    if tree_depth(value, MAX_DEPTH) > MAX_DEPTH:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    return value


def _properties(node: Any, schemas: SchemaSet, depth: int = 0) -> dict[str, Any]:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 16:
        node = schemas.resolve(node["$ref"])[0]
        depth += 1
    if not isinstance(node, dict) or depth > 16:
        return {}
    out = dict(node.get("properties") or {}) if isinstance(node.get("properties"), dict) else {}
    for part in node.get("allOf") or []:
        for key, value in _properties(part, schemas, depth + 1).items():
            out.setdefault(key, value)
    return out
