"""What Prism's users rely on: the ``Prefer`` request header and CORS (preflights answered)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PART = re.compile(r"\s*([A-Za-z-]+)\s*=\s*\"?([^\",;]*)\"?\s*")
EXPOSED = b"x-specward-violations, www-authenticate, allow, location, retry-after"


@dataclass(frozen=True)
class Prefer:
    """``Prefer: code=404, example=missing, dynamic=true`` (any order, ``,`` or ``;``)."""

    code: int | None = None
    example: str | None = None
    dynamic: bool = False


def parse_prefer(header: str) -> Prefer | None:
    """The preferences Prism understands; None when the header names none of them."""
    code = example = None
    dynamic = False
    for part in re.split(r"[,;]", header):
        found = _PART.fullmatch(part)
        if found is None:
            continue
        name, value = found.group(1).lower(), found.group(2).strip()
        if name == "code" and value.isdigit():
            code = int(value)
        elif name == "example" and value:
            example = value
        elif name == "dynamic":
            dynamic = value.lower() == "true"
    if code is None and example is None and not dynamic:
        return None
    return Prefer(code, example, dynamic)


def cors_headers(origin: str) -> list[tuple[bytes, bytes]]:
    """Headers letting a browser on ``origin`` read the answer (credentials included)."""
    try:
        value = origin.encode("latin-1")
    except UnicodeEncodeError:
        value = b"*"
    return [
        (b"access-control-allow-origin", value),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-expose-headers", EXPOSED),
        (b"vary", b"Origin"),
    ]


def preflight(
    requested_headers: str, methods: list[str]
) -> tuple[int, None, bytes, list[tuple[bytes, bytes]]]:
    """The answer to a CORS preflight: 204, the methods of the path, the headers asked for."""
    allowed = requested_headers.strip() or "*"
    return (
        204,
        None,
        b"",
        [
            (b"access-control-allow-methods", ", ".join(methods).encode()),
            (b"access-control-allow-headers", allowed.encode("latin-1", "replace")),
            (b"access-control-max-age", b"600"),
        ],
    )


def allow_list(methods: set[str]) -> list[str]:
    """Every method a path answers, HEAD with GET, OPTIONS always."""
    out = set(methods) | {"OPTIONS"}
    if "GET" in out:
        out.add("HEAD")
    return sorted(out)
