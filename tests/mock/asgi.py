"""Calling a mock app in-process, through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import httpx


def call(app, method: str, url: str, *, base_url: str = "http://mock", **kwargs) -> httpx.Response:
    """One request to ``app``, as a client on ``base_url`` would send it."""

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


@contextlib.contextmanager
def listener() -> Iterator[tuple[int, list[bool]]]:
    """A loopback port nobody should connect to: ``(port, connected)``; ``connected[0]`` is set
    on exit to whether something did."""
    connected: list[bool] = []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(5)
        sock.setblocking(False)
        try:
            yield sock.getsockname()[1], connected
        finally:
            try:
                sock.accept()
                connected.append(True)
            except BlockingIOError:
                connected.append(False)
