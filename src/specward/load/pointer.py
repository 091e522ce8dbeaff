"""JSON pointers (RFC 6901) as used in $refs and in findings."""

from __future__ import annotations

from urllib.parse import unquote


def escape(token: str) -> str:
    """Escape one reference token."""
    token = str(token)
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """Undo :func:`escape`."""
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(base: str, *tokens: object) -> str:
    """Append tokens to a pointer: ``join_pointer("/paths", "/a/{b}")`` is ``/paths/~1a~1{b}``."""
    for token in tokens:  # a plain loop: this runs for every schema view a command builds
        text = token if type(token) is str else str(token)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        base = f"{base}/{text}"
    return base


def split_pointer(pointer: str) -> list[str]:
    """Split a pointer (or a ``#``-fragment) into unescaped tokens."""
    pointer = unquote(pointer.lstrip("#"))
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]
