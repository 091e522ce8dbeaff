"""Per-operation plans compiled once at start-up: routes, parameters, bodies, responses, security."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from specward.mock.schemas import SchemaSet
from specward.mock.shapes import Collection
from specward.model import MediaType, Operation, Response, Spec

JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]*\+)?json(?:;.*)?$|^\*/\*$", re.IGNORECASE)


@dataclass
class ParamPlan:
    name: str
    location: str
    required: bool
    node: dict[str, Any] | None
    kind: str | None  # the first non-null JSON type, for coercion
    item_kind: str | None
    explode: bool
    separator: str


@dataclass
class BodyPlan:
    required: bool
    media: dict[str, dict[str, Any] | None]  # media type -> converted schema
    form: bool


@dataclass
class ResponsePlan:
    status: int
    media: str | None
    node: dict[str, Any] | None
    example: Any = None
    has_example: bool = False
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)  # declared, synthesized


@dataclass
class OpPlan:
    op: Operation
    params: list[ParamPlan]
    body: BodyPlan | None
    success: ResponsePlan
    security: list[list[tuple[str, str, str]]]  # OR of AND of (kind, location, name)
    role: str = "plain"  # create, read, list, delete, update, action, sub
    collection: Collection | None = None
    action: str | None = None
    parents: list[Collection] = field(default_factory=list)


def first_type(node: dict[str, Any] | None, schemas: SchemaSet) -> str | None:
    """The first non-null JSON type a (converted) schema declares, following ``$ref``s."""
    return schemas.kind(node)


def items_of(node: dict[str, Any] | None, schemas: SchemaSet) -> dict[str, Any] | None:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = schemas.resolve(node["$ref"])[0]
    if isinstance(node, dict) and isinstance(node.get("items"), dict):
        return node["items"]
    return None


def plan_param(param: Any, schemas: SchemaSet, v2: bool) -> ParamPlan:
    node = schemas.locate(param.schema)[0] if param.schema is not None else None
    kind = first_type(node, schemas)
    item_kind = first_type(items_of(node, schemas), schemas) if kind == "array" else None
    style = param.style or ("form" if param.location == "query" else "simple")
    explode = (
        param.explode if param.explode is not None else (style in ("form", "multi") and not v2)
    )
    if v2:
        explode = style == "multi"
    separator = {
        "ssv": " ",
        "spaceDelimited": " ",
        "tsv": "\t",
        "pipes": "|",
        "pipeDelimited": "|",
    }.get(style, ",")
    return ParamPlan(
        param.name, param.location, param.required, node, kind, item_kind, explode, separator
    )


def pick_media(content: dict[str, MediaType]) -> MediaType | None:
    if not content:
        return None
    for media in content.values():
        if JSON_MEDIA.match(media.name):
            return media
    return next(iter(content.values()))


def media_example(media: MediaType, spec: Spec) -> tuple[bool, Any]:
    raw = media.raw if isinstance(media.raw, dict) else {}
    if spec.version == "2.0":
        examples = raw.get("examples")
        if isinstance(examples, dict) and media.name in examples:
            return True, examples[media.name]
        return False, None
    if "example" in raw:
        return True, raw["example"]
    examples = raw.get("examples")
    if isinstance(examples, dict):
        for value in examples.values():
            if isinstance(value, dict) and "value" in value:
                return True, value["value"]
    return False, None


def success_response(op: Operation) -> tuple[int, Response | None]:
    codes = sorted(s for s in op.responses if s.isdigit() and s.startswith("2"))
    if codes:
        return int(codes[0]), op.responses[codes[0]]
    if "2XX" in op.responses or "2xx" in op.responses:
        return 200, op.responses.get("2XX") or op.responses.get("2xx")
    if "default" in op.responses:
        return 200, op.responses["default"]
    return 200, None


def security_plan(spec: Spec, op: Operation) -> list[list[tuple[str, str, str]]]:
    out = []
    for requirement in spec.effective_security(op):
        checks = []
        for name in requirement:
            scheme = spec.security_schemes.get(name, {})
            kind = str(scheme.get("type", "")).lower()
            if kind == "http":
                checks.append(
                    (str(scheme.get("scheme", "bearer")).lower(), "header", "authorization")
                )
            elif kind == "apikey":
                checks.append(
                    ("apikey", str(scheme.get("in", "header")), str(scheme.get("name", "")))
                )
            elif kind == "basic":
                checks.append(("basic", "header", "authorization"))
            elif kind in ("oauth2", "openidconnect"):
                checks.append(("bearer", "header", "authorization"))
        out.append(checks)
    return out
