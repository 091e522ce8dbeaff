"""Calling a mock app in-process, through httpx's ASGI transport."""

from __future__ import annotations

import asyncio

import httpx


def call(app, method: str, url: str, *, base_url: str = "http://mock", **kwargs) -> httpx.Response:
    """One request to ``app``, as a client on ``base_url`` would send it."""

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())
