"""Headers a forwarder must not pass on: the contract runner's guard and the mock's proxy."""

from __future__ import annotations

# request headers (lower-case bytes, as in an ASGI scope) that belong to one connection
HOP_BY_HOP = frozenset(
    {
        b"host",
        b"content-length",
        b"connection",
        b"keep-alive",
        b"transfer-encoding",
        b"te",
        b"upgrade",
        b"accept-encoding",
    }
)
# response headers not copied back: the forwarder re-frames and decodes the body
DROP_BACK = frozenset(
    {"content-length", "connection", "transfer-encoding", "content-encoding", "keep-alive"}
)
