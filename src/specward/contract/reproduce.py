"""A curl command that reproduces a failed case, and what the server answered.

The URL is rewritten onto the one the user gave (not the guard's or a port that is gone), the body
is included, and credentials are shown as ``$TOKEN`` (set it in the shell before pasting).
"""

from __future__ import annotations

import base64
import shlex
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_NOISE = {
    "user-agent",
    "accept-encoding",
    "connection",
    "content-length",
    "accept",
    "x-schemathesis-testcaseid",
}
_SECRET = {"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey"}


def curl(request: Any, base: str, shown: str, secrets: set[str]) -> str:
    """``curl -X POST -H ... --data-raw '...' URL`` for a recorded Schemathesis request.

    ``base``: the URL requests were sent to; ``shown``: what the user gave instead. ``secrets``:
    header and query names holding credentials (lower case).
    """
    uri = str(request.uri)
    if uri.startswith(base):
        uri = shown.rstrip("/") + uri[len(base) :]
    uri = _mask_query(uri, secrets)
    parts = ["curl", "-X", str(request.method)]
    for name, values in sorted(_headers(request).items()):
        lower = name.lower()
        if lower in _NOISE:
            continue
        for value in values:
            if lower in _SECRET or lower in secrets:
                parts.append(f'-H "{name}: {_placeholder(value)}"')
            else:
                parts.append("-H " + shlex.quote(f"{name}: {value}"))
    body = _body(request)
    if body is not None:
        try:
            text = body.decode("utf-8")
            parts.append("--data-raw " + shlex.quote(text))
        except UnicodeDecodeError:
            encoded = base64.b64encode(body).decode()
            return f"echo {encoded} | base64 -d | " + " ".join(
                [*parts, "--data-binary @-", _quote_url(uri)]
            )
    parts.append(_quote_url(uri))
    return " ".join(parts)


def received(response: Any, limit: int = 200) -> tuple[int | None, str]:
    """The status and the start of the body the server answered (None when it did not answer)."""
    if response is None:
        return None, ""
    content = getattr(response, "content", b"") or b""
    text = content[:limit].decode("utf-8", "replace")
    text = " ".join(text.split())
    return int(response.status_code), text + ("…" if len(content) > limit else "")


def _headers(request: Any) -> dict[str, list[str]]:
    raw = request.headers or {}
    out: dict[str, list[str]] = {}
    for name, value in raw.items():
        out[str(name)] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return out


def _body(request: Any) -> bytes | None:
    body = request.body
    if body is None or body == b"":
        return None
    if isinstance(body, str):
        try:
            return base64.b64decode(body, validate=True)
        except ValueError:
            return body.encode()
    return bytes(body)


def _placeholder(value: str) -> str:
    scheme, _, rest = value.partition(" ")
    if rest and scheme.lower() in ("bearer", "basic", "token", "apikey"):
        return f"{scheme} $TOKEN"
    return "$TOKEN"


def _mask_query(uri: str, secrets: set[str]) -> str:
    parts = urlsplit(uri)
    if not parts.query or not secrets:
        return uri
    pairs = [(k, "$TOKEN" if k.lower() in secrets else v) for k, v in parse_qsl(parts.query, True)]
    query = urlencode(pairs, safe="$")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _quote_url(uri: str) -> str:
    return f'"{uri}"' if "$TOKEN" in uri else shlex.quote(uri)
