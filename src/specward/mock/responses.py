"""Encoding mock response bodies and the problem+json and error bodies the mock answers with."""

from __future__ import annotations

import json
from typing import Any

from specward.mock.plan import JSON_MEDIA

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


def problem(status: int, detail: str) -> Reply:
    """An RFC 9457 problem reply for failures the spec declares no response for."""
    body = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    return status, PROBLEM, json.dumps(body).encode(), []


def fill_message(value: Any, message: str, depth: int = 0) -> Any:
    if not isinstance(value, dict) or depth > 3:
        return value
    for key in list(value):
        if key in _MESSAGE_KEYS and isinstance(value[key], str):
            value[key] = message
        elif isinstance(value[key], dict):
            fill_message(value[key], message, depth + 1)
    return value


def encode(value: Any, media: str | None) -> bytes:
    if media is not None and not JSON_MEDIA.match(media) and not media.endswith("+json"):
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        return (value if isinstance(value, str) else json.dumps(value)).encode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
