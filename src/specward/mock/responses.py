"""Encoding mock response bodies by media type."""

from __future__ import annotations

import json
from typing import Any

from specward.mock.plan import JSON_MEDIA


def encode(value: Any, media: str | None) -> bytes:
    if media is not None and not JSON_MEDIA.match(media) and not media.endswith("+json"):
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        return (value if isinstance(value, str) else json.dumps(value)).encode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
