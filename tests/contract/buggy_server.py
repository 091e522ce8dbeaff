"""A small real server for tests/contract/items.yaml, correct by default, with one switch per bug."""

from __future__ import annotations

import itertools
import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

BUGS = (
    "server_error",  # 500 on unusual input (non-ASCII name)
    "missing_field",  # a required response field is missing
    "wrong_type",  # size is returned as a string
    "undocumented_status",  # create answers 200 instead of the documented 201
    "wrong_content_type",  # list answers text/plain
    "accept_invalid",  # invalid bodies are accepted
    "unreadable",  # a created item cannot be read back
    "ignored_auth",  # no credentials needed
    "renamed_property",  # "name" is returned as "title"
)
TOKEN = "secret-token"


def create_server(bug: str | None = None) -> Starlette:
    """The items API; ``bug`` switches one deliberate contract bug on."""
    if bug is not None and bug not in BUGS:
        raise ValueError(bug)
    items: dict[str, dict[str, Any]] = {}
    ids = itertools.count(1)

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"message": message}, status_code=status)

    def authorized(request: Request) -> bool:
        return bug == "ignored_auth" or request.headers.get("authorization") == f"Bearer {TOKEN}"

    def render(item: dict[str, Any]) -> dict[str, Any]:
        out = dict(item)
        if bug == "missing_field":
            out.pop("status")
        if bug == "wrong_type":
            out["size"] = str(out["size"])
        if bug == "renamed_property":
            out["title"] = out.pop("name")
        return out

    async def list_items(request: Request) -> Response:
        if not authorized(request):
            return error(401, "unauthorized")
        limit = request.query_params.get("limit")
        if limit is not None and (not limit.isdigit() or not 1 <= int(limit) <= 50):
            return error(400, "bad limit")
        data = [render(i) for i in items.values()][: int(limit) if limit else None]
        if bug == "wrong_content_type":
            return PlainTextResponse(json.dumps({"data": data}))
        return JSONResponse({"data": data})

    async def create_item(request: Request) -> Response:
        if not authorized(request):
            return error(401, "unauthorized")
        try:
            body = await request.json()
        except ValueError:
            return error(400, "invalid JSON")
        if bug != "accept_invalid":
            if not isinstance(body, dict) or set(body) - {"name", "size"}:
                return error(400, "unexpected fields")
            name, size = body.get("name"), body.get("size", 0)
            if not isinstance(name, str) or not 1 <= len(name) <= 40:
                return error(400, "bad name")
            if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= 100:
                return error(400, "bad size")
        else:
            body = body if isinstance(body, dict) else {}
            name = str(body.get("name", "x"))
            size = body.get("size", 0) if isinstance(body.get("size", 0), int) else 0
        if bug == "server_error" and not name.isascii():
            raise RuntimeError("cannot encode name")
        item = {
            "id": f"it{next(ids)}",
            "name": name,
            "size": size,
            "status": "active",
            "note": None,
        }
        items[item["id"]] = item
        return JSONResponse(render(item), status_code=200 if bug == "undocumented_status" else 201)

    async def get_item(request: Request) -> Response:
        if not authorized(request):
            return error(401, "unauthorized")
        item = items.get(request.path_params["item_id"])
        if item is None or bug == "unreadable":
            return error(404, "not found")
        return JSONResponse(render(item))

    async def delete_item(request: Request) -> Response:
        if not authorized(request):
            return error(401, "unauthorized")
        if items.pop(request.path_params["item_id"], None) is None:
            return error(404, "not found")
        return Response(status_code=204)

    async def server_error(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Internal Server Error", status_code=500)

    async def collection(request: Request) -> Response:
        return await (list_items if request.method == "GET" else create_item)(request)

    async def member(request: Request) -> Response:
        return await (get_item if request.method == "GET" else delete_item)(request)

    routes = [
        Route("/api/items", collection, methods=["GET", "POST"]),
        Route("/api/items/{item_id}", member, methods=["GET", "DELETE"]),
    ]
    return Starlette(routes=routes, exception_handlers={Exception: server_error})
