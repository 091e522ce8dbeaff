"""Infer OpenAPI links from resource shapes, so stateful tests chain calls when a spec has none.

``POST /x`` gets links to ``GET/PUT/PATCH/DELETE /x/{id}``, to actions (``POST /x/{id}/stop``) and
to operations under ``/x/{id}/`` whose parameters are all known: path parameters of the create
request, plus the id read from the create response body. Swagger 2.0 uses ``x-links``.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from specward.load.pointer import escape, split_pointer
from specward.mock.shapes import Collection, infer_collections, segments
from specward.model import Operation, Spec

_PARAM = re.compile(r"\{([^}/]*)\}")


def has_links(raw: dict[str, Any]) -> bool:
    """Whether any response of the document declares links (``links`` or ``x-links``)."""
    for item in (raw.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for response in (op.get("responses") or {}).values():
                if isinstance(response, dict) and (
                    response.get("links") or response.get("x-links")
                ):
                    return True
    return False


def id_field(spec: Spec, coll: Collection) -> str | None:
    """The create response's property that holds the new member's id."""
    props: set[str] = set()
    for status, response in coll.create.responses.items():
        if not status.startswith("2"):
            continue
        for media in response.content.values():
            if media.schema is not None:
                props.update(media.schema.flattened_properties())
    return next((name for name in coll.id_candidates() if name in props), None)


def infer_links(spec: Spec, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``raw`` with inferred links, and one line per link added (``POST /x -> GET /x/{id}``).

    ``raw`` is the run's own plain copy of the document: links are added to it in place (a
    copy of a 31 MB document would cost as much again), and only the responses that get links
    are copied out of shared ``$ref``s.
    """
    out = raw
    keyword = "x-links" if spec.version == "2.0" else "links"
    added: list[str] = []
    for coll in infer_collections(spec):
        field = id_field(spec, coll)
        if field is None:
            continue
        targets = [coll.read, coll.delete, *coll.update, *coll.actions.values(), *coll.subresources]
        for target in targets:
            if target is None:
                continue
            params = _link_parameters(coll, target, field)
            if params is None:
                continue
            for status, response in _success_responses(out, coll.create):
                links = response.setdefault(keyword, {})
                name = _link_name(target, links)
                links[name] = {
                    "operationRef": "#/paths/" + escape(target.path) + "/" + target.method.lower(),
                    "parameters": params,
                }
                added.append(f"{coll.create.label} ({status}) -> {target.label}")
    return out, added


def _link_parameters(coll: Collection, target: Operation, field: str) -> dict[str, str] | None:
    """Values for every path parameter of ``target``, or None when one cannot be known."""
    create_params = _PARAM.findall(coll.create.path)
    depth = len(segments(coll.item_path))
    params: dict[str, str] = {}
    position = 0
    for index, part in enumerate(segments(target.path)):
        for name in _PARAM.findall(part):  # "{id}" or a custom method's "{id}:archive"
            if index < depth - 1 and position < len(create_params):
                params[name] = f"$request.path.{create_params[position]}"
            elif index == depth - 1:
                params[name] = f"$response.body#/{escape(field)}"
            else:
                return None
            position += 1
    for param in target.parameters.values():
        if param.location != "path" and param.required:
            return None
    return params


def _success_responses(raw: dict[str, Any], op: Operation) -> list[tuple[str, dict[str, Any]]]:
    """The 2xx responses of ``op`` in ``raw``; a local ``$ref`` is replaced by an inline copy."""
    item = (raw.get("paths") or {}).get(op.path) or {}
    operation = item.get(op.method.lower()) or {}
    responses = operation.get("responses") or {}
    out = []
    for status, response in responses.items():
        if not str(status).startswith("2"):
            continue
        response = _inline(raw, response)
        if response is None:
            continue
        responses[status] = response
        out.append((str(status), response))
    return out


def _inline(raw: dict[str, Any], response: Any) -> dict[str, Any] | None:
    """A response object, following local ``$ref``s (links must sit on the operation's own copy)."""
    seen: set[str] = set()
    while isinstance(response, dict) and isinstance(response.get("$ref"), str):
        ref = response["$ref"]
        if not ref.startswith("#/") or ref in seen:
            return None  # other documents' responses keep their own relative refs: left alone
        seen.add(ref)
        node: Any = raw
        for token in split_pointer(ref[1:]):
            node = node.get(token) if isinstance(node, dict) else None
        response = copy.deepcopy(node)
    return response if isinstance(response, dict) else None


def _link_name(target: Operation, existing: dict[str, Any]) -> str:
    base = target.operation_id or re.sub(
        r"[^A-Za-z0-9]+", "_", f"{target.method}_{target.path}"
    ).strip("_")
    name = base
    counter = 2
    while name in existing:
        name = f"{base}_{counter}"
        counter += 1
    return name
