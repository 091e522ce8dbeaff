"""Between Schemathesis and a real server: reachability first, then bounded time and memory.

The guard is a loopback HTTP forwarder: every request gets a whole-request deadline (headers and
body included, not just each read) and a response-size cap. A server that sends 1 byte/s or 200 MB
is answered 504 or 502 with ``x-specward-guard`` saying why, so the run reports a failure and
goes on, in bounded time and memory.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any
from urllib.parse import urlsplit

from specward.errors import SpecwardError
from specward.hop_headers import DROP_BACK, HOP_BY_HOP

GUARD_HEADER = "x-specward-guard"


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Connect to ``url``'s host and port once; :class:`SpecwardError` (one line) when it fails."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise SpecwardError(f"--url {url}: the port is not a number") from None
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except socket.gaierror as exc:
        raise SpecwardError(f"--url {url}: cannot resolve {host!r} ({exc.strerror})") from None
    except TimeoutError:
        raise SpecwardError(
            f"--url {url}: no answer from {host}:{port} within {timeout:g} s"
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SpecwardError(f"--url {url}: cannot connect to {host}:{port} ({reason})") from None


class Guard:
    """ASGI app forwarding to ``origin`` (scheme://host:port) with a deadline and a size cap."""

    def __init__(self, origin: str, deadline: float, max_bytes: int, read_timeout: float) -> None:
        self.origin = origin.rstrip("/")
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.read_timeout = read_timeout
        self._client: Any = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks, more = [], True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        raw = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        url = self.origin + raw.split("?", 1)[0] + (f"?{query}" if query else "")
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in HOP_BY_HOP]
        headers.append((b"accept-encoding", b"identity"))
        try:
            status, back, body = await asyncio.wait_for(
                self._exchange(scope["method"], url, headers, b"".join(chunks)), self.deadline
            )
        except TimeoutError:
            status, back, body = self._refusal(
                504, "deadline", f"no complete response within {self.deadline:g} s"
            )
        back.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": back})
        await send({"type": "http.response.body", "body": body})

    async def _exchange(
        self, method: str, url: str, headers: list[Any], body: bytes
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        import httpx

        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.read_timeout, follow_redirects=False)
        try:
            request = self._client.build_request(method, url, headers=headers, content=body)
            response = await self._client.send(request, stream=True)
            try:
                chunks, size = [], 0
                async for chunk in response.aiter_raw():
                    size += len(chunk)
                    if size > self.max_bytes:
                        return self._refusal(
                            502, "size", f"response larger than {self.max_bytes} bytes"
                        )
                    chunks.append(chunk)
            finally:
                await response.aclose()
        except httpx.TimeoutException:
            return self._refusal(504, "timeout", f"no data for {self.read_timeout:g} s")
        except httpx.HTTPError as exc:
            return self._refusal(502, "network", str(exc) or type(exc).__name__)
        back = [
            (k.encode("latin-1"), v.encode("latin-1"))
            for k, v in response.headers.multi_items()
            if k.lower() not in DROP_BACK
        ]
        return response.status_code, back, b"".join(chunks)

    @staticmethod
    def _refusal(
        status: int, kind: str, message: str
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        text = f"specward guard: {message}"
        headers = [(GUARD_HEADER.encode(), f"{kind}: {message}".encode("latin-1", "replace"))]
        headers.append((b"content-type", b"text/plain"))
        return status, headers, text.encode()
