"""Declared response headers: synthesized once per response, serialized in ``simple`` style."""

from __future__ import annotations

import json
import random
from typing import Any

from specward.mock.schemas import SchemaSet
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.model import Response

# Set by the server itself, never from a spec's header list (OpenAPI says Content-Type is ignored).
_SKIPPED = {"content-type", "content-length", "transfer-encoding", "connection"}


def serialize(value: Any, explode: bool = False) -> str:
    """A header value in OpenAPI ``simple`` style: arrays ``a,b``, objects ``k,v`` or ``k=v``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(serialize(v) for v in value)
    if isinstance(value, dict):
        pairs = [(str(k), serialize(v)) for k, v in value.items()]
        return ",".join(f"{k}={v}" if explode else f"{k},{v}" for k, v in pairs)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return str(value)


def _usable(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(c in text for c in "\r\n\x00") and text == text.strip()


def response_headers(
    response: Response | None,
    schemas: SchemaSet,
    synth: Synthesizer,
    seed: str,
) -> tuple[list[tuple[bytes, bytes]], list[str]]:
    """Encoded headers for every declared header of ``response`` and problems met on the way."""
    out: list[tuple[bytes, bytes]] = []
    problems: list[str] = []
    if response is None:
        return out, problems
    for key in sorted(response.headers):
        header = response.headers[key]
        if key in _SKIPPED:
            continue
        raw = header.raw if isinstance(header.raw, dict) else {}
        explode = raw.get("explode") is True
        text: str | None = None
        node = schemas.locate(header.schema)[0] if header.schema is not None else None
        candidates: list[Any] = []
        if "example" in raw:
            candidates.append(raw["example"])
        for attempt in range(8):
            if node is None:
                candidates.append("x")
                break
            try:
                candidates.append(synth.value(node, random.Random(f"{seed}:{key}:{attempt}")))
            except Unsatisfiable:
                continue
        for value in candidates:
            if node is not None and not schemas.is_valid(node, value):
                continue
            encoded = serialize(value, explode)
            if _usable(encoded) and (encoded or not header.required):
                text = encoded
                break
        if text is None:
            problems.append(f"response header {header.name}: no value could be synthesized")
            continue
        out.append((key.encode("latin-1"), text.encode("latin-1")))
    return out, problems
