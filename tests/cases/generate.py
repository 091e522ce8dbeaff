"""Regenerate the rule cases: ``python tests/cases/generate.py``.

Each case is one file ``tests/cases/<rule-id>/<name>.yaml`` holding two complete specs (``base``
and ``head``) and what ``specward breaking`` must report: ``expect`` lists rule ids that must be
reported, ``forbid`` ids that must not. Every rule has at least one positive case (it expects the
rule) and one negative case (a near miss that forbids it). The specs are complete, so the pairs
can also be fed to other tools (``oasdiff breaking base.yaml head.yaml``).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
S = {"type": "string"}
I = {"type": "integer"}  # noqa: E741


def obj(props: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    out.update(extra)
    return out


def spec(
    *,
    request: Any = None,
    response: Any = None,
    parameters: list[Any] | None = None,
    operation: dict[str, Any] | None = None,
    paths: dict[str, Any] | None = None,
    schemas: dict[str, Any] | None = None,
    security: Any = None,
    servers: list[str] | None = None,
    headers: dict[str, Any] | None = None,
    version: str = "3.1.0",
) -> dict[str, Any]:
    """A complete small spec around one operation, ``POST /items``."""
    if paths is None:
        op: dict[str, Any] = {"operationId": "createItem"}
        if parameters is not None:
            op["parameters"] = parameters
        if request is not None:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": request}},
            }
        ok: dict[str, Any] = {"description": "OK"}
        if response is not None:
            ok["content"] = {"application/json": {"schema": response}}
        if headers is not None:
            ok["headers"] = headers
        op["responses"] = {"200": ok}
        op.update(operation or {})
        paths = {"/items": {"post": op}}
    doc: dict[str, Any] = {
        "openapi": version,
        "info": {"title": "cases", "version": "1.0.0"},
        "servers": [{"url": u} for u in (servers or ["https://api.example.com/v1"])],
        "paths": paths,
        "components": {
            "schemas": schemas or {},
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "oauth": {
                    "type": "oauth2",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": "https://example.com/token",
                            "scopes": {"read": "r", "write": "w"},
                        }
                    },
                },
            },
        },
    }
    if security is not None:
        doc["security"] = security
    return doc


CASES: dict[str, list[tuple[str, dict[str, Any]]]] = {}


def case(
    rule: str,
    name: str,
    base: dict[str, Any],
    head: dict[str, Any],
    *,
    expect: list[str] | None = None,
    forbid: list[str] | None = None,
    description: str = "",
) -> None:
    body: dict[str, Any] = {}
    if description:
        body["description"] = description
    if expect:
        body["expect"] = expect
    if forbid:
        body["forbid"] = forbid
    body["base"] = base
    body["head"] = head
    CASES.setdefault(rule, []).append((name, copy.deepcopy(body)))


# -- schema rules, generated for every place a schema sits --------------------------------------
def place(scope: str, schema: Any, version: str = "3.1.0") -> dict[str, Any]:
    """A spec with ``schema`` in the given place (variant schemas A and B as components)."""
    kw: dict[str, Any] = {"schemas": VARIANTS, "version": version}
    if scope == "request-body":
        return spec(request=schema, **kw)
    if scope == "request-property":
        return spec(request=obj({"id": S, "value": schema}), **kw)
    if scope == "response-body":
        return spec(response=schema, **kw)
    if scope == "response-property":
        return spec(response=obj({"id": S, "value": schema}, ["id"]), **kw)
    if scope == "response-header":
        return spec(headers={"X-Value": {"schema": schema}}, **kw)
    return spec(parameters=[{"name": "q", "in": "query", "schema": schema}], **kw)


NUM = {"type": "number"}
ENUM3 = {"type": "string", "enum": ["a", "b", "c"]}
ENUM2 = {"type": "string", "enum": ["a", "b"]}
NULLABLE = {"type": ["string", "null"]}
VARIANTS = {
    "A": obj({"kind": {"type": "string", "const": "a"}, "a": S}, ["kind"]),
    "B": obj({"kind": {"type": "string", "const": "b"}, "b": I}, ["kind"]),
}
V_A, V_B = {"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}
DISC = lambda name, mapping: {  # noqa: E731
    "oneOf": [V_A, V_B],
    "discriminator": {"propertyName": name, "mapping": mapping},
}
MAP_AB = {"a": "#/components/schemas/A", "b": "#/components/schemas/B"}
MAP_A = {"a": "#/components/schemas/A"}

# kind -> {direction or "any": (positive base, positive head, negative base, negative head)}
SCHEMA_CASES: dict[str, dict[str, tuple[Any, Any, Any, Any]]] = {
    "type-changed": {
        "request": (S, I, I, NUM),
        "response": (S, {"oneOf": [S, I]}, NUM, I),
    },
    "type-generalized": {"request": (I, NUM, S, I)},
    "type-specialized": {"response": (NUM, I, I, NUM)},
    "enum-value-removed": {"any": (ENUM3, ENUM2, ENUM2, ENUM3)},
    "enum-value-added": {"any": (ENUM2, ENUM3, ENUM3, ENUM2)},
    "became-enum": {"any": (S, ENUM2, ENUM2, S)},
    "became-not-enum": {"any": (ENUM2, S, S, ENUM2)},
    "const-changed": {
        "any": ({**S, "const": "a"}, {**S, "const": "b"}, {**S, "const": "a"}, {**S, "enum": ["a"]})
    },
    "const-added": {"any": (S, {**S, "const": "a"}, {**S, "const": "a"}, S)},
    "const-removed": {"any": ({**S, "const": "a"}, S, S, {**S, "const": "a"})},
    "x-extensible-enum-value-removed": {
        "any": (
            {**S, "x-extensible-enum": ["a", "b"]},
            {**S, "x-extensible-enum": ["a"]},
            {**S, "x-extensible-enum": ["a"]},
            {**S, "x-extensible-enum": ["a", "b"]},
        )
    },
    "x-extensible-enum-value-added": {
        "any": (
            {**S, "x-extensible-enum": ["a"]},
            {**S, "x-extensible-enum": ["a", "b"]},
            {**S, "x-extensible-enum": ["a", "b"]},
            {**S, "x-extensible-enum": ["a"]},
        )
    },
    "multiple-of-set": {"any": (I, {**I, "multipleOf": 2}, {**I, "multipleOf": 2}, I)},
    "multiple-of-unset": {"any": ({**I, "multipleOf": 2}, I, I, {**I, "multipleOf": 2})},
    "multiple-of-tightened": {
        "any": (
            {**I, "multipleOf": 2},
            {**I, "multipleOf": 4},
            {**I, "multipleOf": 4},
            {**I, "multipleOf": 2},
        )
    },
    "multiple-of-relaxed": {
        "any": (
            {**I, "multipleOf": 4},
            {**I, "multipleOf": 2},
            {**I, "multipleOf": 2},
            {**I, "multipleOf": 4},
        )
    },
    "multiple-of-changed": {
        "any": (
            {**I, "multipleOf": 2},
            {**I, "multipleOf": 3},
            {**I, "multipleOf": 2},
            {**I, "multipleOf": 6},
        )
    },
    "unique-items-set": {
        "any": (
            {"type": "array", "items": S},
            {"type": "array", "items": S, "uniqueItems": True},
            {"type": "array", "items": S, "uniqueItems": True},
            {"type": "array", "items": S, "uniqueItems": False},
        )
    },
    "unique-items-unset": {
        "any": (
            {"type": "array", "items": S, "uniqueItems": True},
            {"type": "array", "items": S},
            {"type": "array", "items": S, "uniqueItems": False},
            {"type": "array", "items": S, "uniqueItems": True},
        )
    },
    "became-nullable": {"any": (S, NULLABLE, NULLABLE, S)},
    "became-not-nullable": {"any": (NULLABLE, S, S, NULLABLE)},
    "default-value-changed": {
        "any": (
            {**I, "default": 1},
            {**I, "default": 2},
            {**I, "default": 1},
            {**I, "default": 1, "description": "d"},
        )
    },
    "default-value-added": {"any": (I, {**I, "default": 1}, {**I, "default": 1}, I)},
    "default-value-removed": {"any": ({**I, "default": 1}, I, I, {**I, "default": 1})},
    "pattern-added": {"any": (S, {**S, "pattern": "^a"}, {**S, "pattern": "^a"}, S)},
    "pattern-changed": {
        "any": ({**S, "pattern": "^a"}, {**S, "pattern": "^b"}, {**S, "pattern": "^a"}, S)
    },
    "pattern-removed": {"any": ({**S, "pattern": "^a"}, S, S, {**S, "pattern": "^a"})},
    "one-of-removed": {
        "any": ({"oneOf": [V_A, V_B]}, {"oneOf": [V_A]}, {"oneOf": [V_A]}, {"oneOf": [V_A, V_B]})
    },
    "one-of-added": {
        "any": ({"oneOf": [V_A]}, {"oneOf": [V_A, V_B]}, {"oneOf": [V_A, V_B]}, {"oneOf": [V_A]})
    },
    "any-of-removed": {
        "any": ({"anyOf": [V_A, V_B]}, {"anyOf": [V_A]}, {"anyOf": [V_A]}, {"anyOf": [V_A, V_B]})
    },
    "any-of-added": {
        "any": ({"anyOf": [V_A]}, {"anyOf": [V_A, V_B]}, {"anyOf": [V_A, V_B]}, {"anyOf": [V_A]})
    },
    "discriminator-property-name-changed": {
        "any": (
            DISC("kind", MAP_AB),
            DISC("type", MAP_AB),
            DISC("kind", MAP_A),
            DISC("kind", MAP_AB),
        )
    },
    "discriminator-mapping-deleted": {
        "any": (
            DISC("kind", MAP_AB),
            DISC("kind", MAP_A),
            DISC("kind", MAP_A),
            DISC("kind", MAP_AB),
        )
    },
    "discriminator-mapping-added": {
        "any": (
            DISC("kind", MAP_A),
            DISC("kind", MAP_AB),
            DISC("kind", MAP_AB),
            DISC("kind", MAP_A),
        )
    },
    "additional-properties-tightened": {
        "request": (
            obj({"a": S}),
            obj({"a": S}, additionalProperties=False),
            obj({"a": S}, additionalProperties=False),
            obj({"a": S}),
        )
    },
    "additional-properties-relaxed": {
        "request": (
            obj({"a": S}, additionalProperties=False),
            obj({"a": S}),
            obj({"a": S}),
            obj({"a": S}, additionalProperties=False),
        )
    },
}


# -- JSON Schema 2020-12 keywords, type lists, allOf members, discriminator presence -------------
ARR = {"type": "array", "items": S}
OBJ_AB = obj({"a": S, "b": S, "c": S})
CONSTRAINED = {"type": "object", "minProperties": 1}
NOTE = {"description": "an annotation only"}
STR_JSON = {"type": "string", "contentMediaType": "application/json"}


def both_ways(added: str, removed: str, plain: Any, extended: Any) -> None:
    """Cases for a keyword whose presence is the change: adding it and removing it."""
    SCHEMA_CASES[added] = {"any": (plain, extended, extended, plain)}
    SCHEMA_CASES[removed] = {"any": (extended, plain, plain, extended)}


both_ways(
    "list-of-types-widened",
    "list-of-types-narrowed",
    {"type": ["string", "integer"]},
    {"type": ["string", "integer", "boolean"]},
)
both_ways("all-of-added", "all-of-removed", {"allOf": [V_A]}, {"allOf": [V_A, CONSTRAINED]})
both_ways(
    "all-of-added-annotation-only",
    "all-of-removed-annotation-only",
    {"allOf": [V_A]},
    {"allOf": [V_A, NOTE]},
)
both_ways(
    "discriminator-added",
    "discriminator-removed",
    {"oneOf": [V_A, V_B]},
    DISC("kind", MAP_AB),
)
SCHEMA_CASES["discriminator-mapping-changed"] = {
    "any": (
        DISC("kind", MAP_AB),
        DISC("kind", {"a": MAP_AB["b"], "b": MAP_AB["a"]}),
        DISC("kind", MAP_AB),
        DISC("kind", MAP_AB),
    )
}
both_ways("contains-added", "contains-removed", ARR, {**ARR, "contains": {"const": "x"}})
for _kw, _lo, _hi in (("minContains", 1, 2), ("maxContains", 3, 5)):
    _stem = "min-contains" if _kw == "minContains" else "max-contains"
    _with = lambda n, kw=_kw: {**ARR, "contains": {"const": "x"}, kw: n}  # noqa: E731
    SCHEMA_CASES[f"{_stem}-increased"] = {"any": (_with(_lo), _with(_hi), _with(_hi), _with(_lo))}
    SCHEMA_CASES[f"{_stem}-decreased"] = {"any": (_with(_hi), _with(_lo), _with(_lo), _with(_hi))}
both_ways(
    "prefix-items-added",
    "prefix-items-removed",
    {"type": "array", "prefixItems": [S]},
    {"type": "array", "prefixItems": [S, I]},
)
both_ways(
    "dependent-required-added",
    "dependent-required-removed",
    OBJ_AB,
    {**OBJ_AB, "dependentRequired": {"a": ["b"]}},
)
SCHEMA_CASES["dependent-required-changed"] = {
    "any": (
        {**OBJ_AB, "dependentRequired": {"a": ["b"]}},
        {**OBJ_AB, "dependentRequired": {"a": ["c"]}},
        {**OBJ_AB, "dependentRequired": {"a": ["b"]}},
        {**OBJ_AB, "dependentRequired": {"a": ["b"]}, "description": "d"},
    )
}
both_ways(
    "dependent-schema-added",
    "dependent-schema-removed",
    OBJ_AB,
    {**OBJ_AB, "dependentSchemas": {"a": {"required": ["b"]}}},
)
IF_A = {"properties": {"a": {"const": "x"}}}
both_ways("if-added", "if-removed", OBJ_AB, {**OBJ_AB, "if": IF_A})
both_ways(
    "then-added",
    "then-removed",
    {**OBJ_AB, "if": IF_A},
    {**OBJ_AB, "if": IF_A, "then": {"required": ["b"]}},
)
both_ways(
    "else-added",
    "else-removed",
    {**OBJ_AB, "if": IF_A},
    {**OBJ_AB, "if": IF_A, "else": {"required": ["c"]}},
)
both_ways("not-added", "not-removed", S, {**S, "not": {"const": "x"}})
both_ways(
    "pattern-property-added",
    "pattern-property-removed",
    {"type": "object"},
    {"type": "object", "patternProperties": {"^x-": S}},
)
both_ways(
    "property-names-added",
    "property-names-removed",
    {"type": "object"},
    {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}},
)
both_ways(
    "unevaluated-items-added",
    "unevaluated-items-removed",
    {"type": "array", "prefixItems": [S]},
    {"type": "array", "prefixItems": [S], "unevaluatedItems": False},
)
both_ways(
    "unevaluated-properties-added",
    "unevaluated-properties-removed",
    obj({"a": S}),
    obj({"a": S}, unevaluatedProperties=False),
)
both_ways(
    "content-schema-added",
    "content-schema-removed",
    STR_JSON,
    {**STR_JSON, "contentSchema": obj({"a": S})},
)
SCHEMA_CASES["content-media-type-changed"] = {
    "any": (STR_JSON, {**STR_JSON, "contentMediaType": "application/xml"}, STR_JSON, STR_JSON)
}
SCHEMA_CASES["content-encoding-changed"] = {
    "any": (
        {**S, "contentEncoding": "base64"},
        {**S, "contentEncoding": "base32"},
        {**S, "contentEncoding": "base64"},
        {**S, "contentEncoding": "base64", "description": "d"},
    )
}

BOUND_BASE = {
    "minimum": I,
    "maximum": I,
    "exclusiveMinimum": I,
    "exclusiveMaximum": I,
    "minLength": S,
    "maxLength": S,
    "minItems": {"type": "array", "items": S},
    "maxItems": {"type": "array", "items": S},
    "minProperties": {"type": "object", "additionalProperties": S},
    "maxProperties": {"type": "object", "additionalProperties": S},
}
BOUND_NAMES = {
    "minimum": "min",
    "maximum": "max",
    "exclusiveMinimum": "exclusive-min",
    "exclusiveMaximum": "exclusive-max",
    "minLength": "min-length",
    "maxLength": "max-length",
    "minItems": "min-items",
    "maxItems": "max-items",
    "minProperties": "min-properties",
    "maxProperties": "max-properties",
}
REVERSE = {"increased": "decreased", "decreased": "increased", "set": "unset", "unset": "set"}
for keyword, name in BOUND_NAMES.items():
    base_schema = BOUND_BASE[keyword]
    pairs = {
        "increased": ({**base_schema, keyword: 1}, {**base_schema, keyword: 5}),
        "decreased": ({**base_schema, keyword: 5}, {**base_schema, keyword: 1}),
        "set": (base_schema, {**base_schema, keyword: 3}),
        "unset": ({**base_schema, keyword: 3}, base_schema),
    }
    for change, (pb, ph) in pairs.items():
        SCHEMA_CASES[f"{name}-{change}"] = {"any": (pb, ph, ph, pb)}


# OpenAPI 3.0 boolean exclusive bounds (base/head of the positive case, then of the negative:
# the same bound spelled the 3.1 way, which is no change at all).
for _kw, _nm in (("minimum", "min"), ("maximum", "max")):
    _ex = "exclusive" + _kw.title()
    SCHEMA_CASES[f"{_nm}-became-exclusive"] = {
        "any": ({**I, _kw: 5}, {**I, _kw: 5, _ex: True}, {**I, _kw: 5, _ex: True}, {**I, _ex: 5})
    }
    SCHEMA_CASES[f"{_nm}-became-inclusive"] = {
        "any": ({**I, _kw: 5, _ex: True}, {**I, _kw: 5}, {**I, _kw: 5, _ex: True}, {**I, _ex: 5})
    }
VERSION_30 = ("min-became-", "max-became-")


def schema_cases() -> None:
    from specward.rules import REGISTRY

    for rule in REGISTRY.all():
        table = SCHEMA_CASES.get(rule.kind)
        if table is None or rule.scope not in (
            "request-body",
            "request-property",
            "response-body",
            "response-property",
            "request-parameter",
            "response-header",
        ):
            continue
        pb, ph, nb, nh = table.get(rule.direction) or table["any"]
        scope = rule.scope
        version = "3.0.3" if rule.kind.startswith(VERSION_30) else "3.1.0"
        case(
            rule.id,
            "positive",
            place(scope, pb, version),
            place(scope, ph, version),
            expect=[rule.id],
            description=f"{rule.kind} in the {scope}",
        )
        case(
            rule.id,
            "negative",
            place(scope, nb, version),
            place(scope, nh, "3.1.0"),
            forbid=[rule.id],
            description=f"near miss: not {rule.kind} in the {scope}",
        )


# -- property rules -----------------------------------------------------------------------------
def property_cases() -> None:
    for direction, wrap in (
        ("request", lambda s: spec(request=s)),
        ("response", lambda s: spec(response=s)),
    ):
        hidden = "readOnly" if direction == "request" else "writeOnly"
        other = "writeOnly" if direction == "request" else "readOnly"
        base = obj({"id": S, "color": S}, ["id", "color"])
        if direction == "request":
            case(
                "new-required-request-property",
                "positive",
                wrap(obj({"id": S})),
                wrap(obj({"id": S, "size": I}, ["size"])),
                expect=["new-required-request-property"],
            )
            case(
                "new-required-request-property",
                "negative",
                wrap(obj({"id": S})),
                wrap(obj({"id": S, "size": I})),
                expect=["new-optional-request-property"],
                forbid=["new-required-request-property"],
            )
            case(
                "new-optional-request-property",
                "positive",
                wrap(obj({"id": S})),
                wrap(obj({"id": S, "size": I})),
                expect=["new-optional-request-property"],
            )
            case(
                "new-optional-request-property",
                "negative-read-only",
                wrap(obj({"id": S})),
                wrap(obj({"id": S, "size": {**I, "readOnly": True}})),
                forbid=["new-optional-request-property"],
                description="a readOnly property is not part of requests",
            )
            case(
                "request-property-removed",
                "positive",
                wrap(obj({"id": S, "color": S})),
                wrap(obj({"id": S})),
                expect=["request-property-removed"],
            )
            case(
                "request-property-removed",
                "negative-read-only",
                wrap(obj({"id": S, "color": {**S, "readOnly": True}})),
                wrap(obj({"id": S})),
                forbid=["request-property-removed"],
            )
        else:
            case(
                "response-required-property-removed",
                "positive",
                wrap(base),
                wrap(obj({"id": S}, ["id"])),
                expect=["response-required-property-removed"],
            )
            case(
                "response-required-property-removed",
                "negative-optional",
                wrap(obj({"id": S, "color": S}, ["id"])),
                wrap(obj({"id": S}, ["id"])),
                expect=["response-optional-property-removed"],
                forbid=["response-required-property-removed"],
            )
            case(
                "response-optional-property-removed",
                "positive",
                wrap(obj({"id": S, "color": S}, ["id"])),
                wrap(obj({"id": S}, ["id"])),
                expect=["response-optional-property-removed"],
            )
            case(
                "response-optional-property-removed",
                "negative-write-only",
                wrap(obj({"id": S, "color": {**S, "writeOnly": True}}, ["id"])),
                wrap(obj({"id": S}, ["id"])),
                forbid=["response-optional-property-removed", "response-required-property-removed"],
            )
            case(
                "response-required-property-added",
                "positive",
                wrap(obj({"id": S}, ["id"])),
                wrap(base),
                expect=["response-required-property-added"],
            )
            case(
                "response-required-property-added",
                "negative",
                wrap(obj({"id": S}, ["id"])),
                wrap(obj({"id": S, "color": S}, ["id"])),
                forbid=["response-required-property-added"],
            )
            case(
                "response-optional-property-added",
                "positive",
                wrap(obj({"id": S}, ["id"])),
                wrap(obj({"id": S, "color": S}, ["id"])),
                expect=["response-optional-property-added"],
            )
            case(
                "response-optional-property-added",
                "negative-write-only",
                wrap(obj({"id": S}, ["id"])),
                wrap(obj({"id": S, "color": {**S, "writeOnly": True}}, ["id"])),
                forbid=["response-optional-property-added"],
            )
        prefix = f"{direction}-property"
        renamed = f"{prefix}-renamed"
        case(
            renamed,
            "positive",
            wrap(obj({"name": S, "checkpoint_id": S})),
            wrap(obj({"name": S, "resume_from_checkpoint_id": S})),
            expect=[renamed],
            forbid=[
                "request-property-removed",
                "new-optional-request-property",
                "response-optional-property-removed",
                "response-optional-property-added",
            ],
            description="checkpoint_id became resume_from_checkpoint_id: one rename, reported once",
        )
        case(
            renamed,
            "negative-incompatible",
            wrap(obj({"name": S, "checkpoint_id": S})),
            wrap(obj({"name": S, "resume_from_checkpoint_id": I})),
            forbid=[renamed],
            description="the new property has another type: a removal and an addition, not a rename",
        )
        case(
            renamed,
            "negative-unrelated",
            wrap(obj({"name": S, "color": S})),
            wrap(obj({"name": S, "weight": S})),
            forbid=[renamed],
        )
        req, opt = ("became-required", "became-optional")
        for kind, (rb, rh) in {req: ([], ["color"]), opt: (["color"], [])}.items():
            rid = f"{prefix}-{kind}"
            case(
                rid,
                "positive",
                wrap(obj({"id": S, "color": S}, rb or None)),
                wrap(obj({"id": S, "color": S}, rh or None)),
                expect=[rid],
            )
            case(
                rid,
                "negative",
                wrap(obj({"id": S, "color": S}, rh or None)),
                wrap(obj({"id": S, "color": S}, rb or None)),
                forbid=[rid],
            )
        toggled = "read-only" if direction == "request" else "write-only"
        for kind, (hb, hh) in {
            f"became-{toggled}": (False, True),
            f"became-not-{toggled}": (True, False),
        }.items():
            rid = f"{prefix}-{kind}"
            pb = {**S, hidden: True} if hb else S
            ph = {**S, hidden: True} if hh else S
            case(
                rid,
                "positive",
                wrap(obj({"id": S, "color": pb})),
                wrap(obj({"id": S, "color": ph})),
                expect=[rid],
            )
            case(
                rid,
                "negative-other-flag",
                wrap(obj({"id": S, "color": {**S, other: hb}})),
                wrap(obj({"id": S, "color": {**S, other: hh}})),
                forbid=[rid],
                description=f"{other} does not matter in {direction}s",
            )


# -- everything else ----------------------------------------------------------------------------
def op(**extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"responses": {"200": {"description": "OK"}}}
    out.update(extra)
    return out


def paths_spec(paths: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return spec(paths=paths, **kw)


def other_cases() -> None:
    two = {
        "/a": {"get": op(operationId="getA")},
        "/b": {"get": op(operationId="getB"), "post": op(operationId="postB")},
    }
    only_a = {"/a": {"get": op(operationId="getA")}}
    dep_b = {
        "/a": {"get": op(operationId="getA")},
        "/b": {
            "get": op(operationId="getB", deprecated=True),
            "post": op(operationId="postB", deprecated=True),
        },
    }
    sunset_b = {
        "/a": {"get": op(operationId="getA")},
        "/b": {
            "get": op(operationId="getB", deprecated=True, **{"x-sunset": "2999-01-01"}),
            "post": op(operationId="postB", deprecated=True, **{"x-sunset": "2999-01-01"}),
        },
    }
    past_b = {
        "/a": {"get": op(operationId="getA")},
        "/b": {
            "get": op(operationId="getB", deprecated=True, **{"x-sunset": "2001-01-01"}),
            "post": op(operationId="postB", deprecated=True, **{"x-sunset": "2001-01-01"}),
        },
    }
    case(
        "api-path-removed-without-deprecation",
        "positive",
        paths_spec(two),
        paths_spec(only_a),
        expect=["api-path-removed-without-deprecation"],
    )
    case(
        "api-path-removed-without-deprecation",
        "negative-deprecated",
        paths_spec(dep_b),
        paths_spec(only_a),
        expect=["api-path-removed-with-deprecation"],
        forbid=["api-path-removed-without-deprecation"],
    )
    case(
        "api-path-removed-before-sunset",
        "positive",
        paths_spec(sunset_b),
        paths_spec(only_a),
        expect=["api-path-removed-before-sunset"],
    )
    case(
        "api-path-removed-before-sunset",
        "negative-sunset-passed",
        paths_spec(past_b),
        paths_spec(only_a),
        expect=["api-path-removed-with-deprecation"],
        forbid=["api-path-removed-before-sunset"],
    )
    case(
        "api-path-removed-with-deprecation",
        "positive",
        paths_spec(dep_b),
        paths_spec(only_a),
        expect=["api-path-removed-with-deprecation"],
    )
    case(
        "api-path-removed-with-deprecation",
        "negative",
        paths_spec(two),
        paths_spec(only_a),
        forbid=["api-path-removed-with-deprecation"],
    )
    one_left = {"/a": {"get": op(operationId="getA")}, "/b": {"get": op(operationId="getB")}}
    case(
        "api-removed-without-deprecation",
        "positive",
        paths_spec(two),
        paths_spec(one_left),
        expect=["api-removed-without-deprecation"],
        forbid=["api-path-removed-without-deprecation"],
    )
    case(
        "api-removed-without-deprecation",
        "negative-path-removed",
        paths_spec(two),
        paths_spec(only_a),
        forbid=["api-removed-without-deprecation"],
    )
    dep_post = {
        "/a": {"get": op(operationId="getA")},
        "/b": {"get": op(operationId="getB"), "post": op(operationId="postB", deprecated=True)},
    }
    sunset_post = {
        "/a": {"get": op(operationId="getA")},
        "/b": {
            "get": op(operationId="getB"),
            "post": op(operationId="postB", deprecated=True, **{"x-sunset": "2999-12-31"}),
        },
    }
    case(
        "api-removed-before-sunset",
        "positive",
        paths_spec(sunset_post),
        paths_spec(one_left),
        expect=["api-removed-before-sunset"],
    )
    case(
        "api-removed-before-sunset",
        "negative",
        paths_spec(dep_post),
        paths_spec(one_left),
        forbid=["api-removed-before-sunset"],
    )
    case(
        "api-removed-with-deprecation",
        "positive",
        paths_spec(dep_post),
        paths_spec(one_left),
        expect=["api-removed-with-deprecation"],
    )
    case(
        "api-removed-with-deprecation",
        "negative",
        paths_spec(two),
        paths_spec(one_left),
        forbid=["api-removed-with-deprecation"],
    )
    case(
        "endpoint-added",
        "positive",
        paths_spec(one_left),
        paths_spec(two),
        expect=["endpoint-added"],
    )
    case(
        "endpoint-added",
        "negative",
        paths_spec(two),
        paths_spec(one_left),
        forbid=["endpoint-added"],
    )
    case(
        "endpoint-deprecated",
        "positive",
        paths_spec(two),
        paths_spec(dep_post),
        expect=["endpoint-deprecated"],
    )
    case(
        "endpoint-deprecated",
        "negative",
        paths_spec(dep_post),
        paths_spec(two),
        forbid=["endpoint-deprecated"],
    )
    case(
        "endpoint-reactivated",
        "positive",
        paths_spec(dep_post),
        paths_spec(two),
        expect=["endpoint-reactivated"],
    )
    case(
        "endpoint-reactivated",
        "negative",
        paths_spec(two),
        paths_spec(dep_post),
        forbid=["endpoint-reactivated"],
    )
    renamed_id = {"/a": {"get": op(operationId="fetchA")}}
    no_id = {"/a": {"get": op()}}
    case(
        "api-operation-id-removed",
        "positive",
        paths_spec(only_a),
        paths_spec(renamed_id),
        expect=["api-operation-id-removed"],
    )
    case(
        "api-operation-id-removed",
        "negative",
        paths_spec(no_id),
        paths_spec(only_a),
        forbid=["api-operation-id-removed"],
    )
    case(
        "api-operation-id-added",
        "positive",
        paths_spec(no_id),
        paths_spec(only_a),
        expect=["api-operation-id-added"],
    )
    case(
        "api-operation-id-added",
        "negative",
        paths_spec(only_a),
        paths_spec(renamed_id),
        forbid=["api-operation-id-added"],
    )
    q = {"name": "job_uuid", "in": "query", "required": True, "schema": S}
    p = {"name": "job_uuid", "in": "path", "required": True, "schema": S}
    job = obj({"id": S})
    ok = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}},
        }
    }
    case(
        "api-operation-moved",
        "positive",
        paths_spec(
            {"/post-training/job/status": {"get": {"parameters": [q], "responses": ok}}},
            schemas={"Job": job},
        ),
        paths_spec(
            {
                "/post-training/jobs/{job_uuid}/status": {
                    "get": {"parameters": [p], "responses": ok}
                }
            },
            schemas={"Job": job},
        ),
        expect=["api-operation-moved"],
        forbid=[
            "api-path-removed-without-deprecation",
            "endpoint-added",
            "request-parameter-removed",
        ],
        description="a query parameter became a path segment and the path was pluralized",
    )
    case(
        "api-operation-moved",
        "negative-unrelated",
        paths_spec(
            {"/post-training/job/status": {"get": {"parameters": [q], "responses": ok}}},
            schemas={"Job": job},
        ),
        paths_spec(
            {"/billing/invoices/{job_uuid}": {"get": {"parameters": [p], "responses": ok}}},
            schemas={"Job": job},
        ),
        expect=["api-path-removed-without-deprecation", "endpoint-added"],
        forbid=["api-operation-moved"],
    )

    case(
        "api-operation-moved",
        "positive-same-operation-id",
        paths_spec({"/users/{id}": {"get": op(operationId="getUser")}}),
        paths_spec({"/accounts/{id}": {"get": op(operationId="getUser")}}),
        expect=["api-operation-moved"],
        forbid=["api-path-removed-without-deprecation", "endpoint-added"],
        description="the path words changed but the operationId says it is the same operation",
    )
    case(
        "api-operation-moved",
        "negative-sibling-resource",
        paths_spec({"/v1/things/{id}/foo": {"get": op(operationId="getFoo")}}),
        paths_spec({"/v1/things/{id}/bar": {"get": op(operationId="getBar")}}),
        expect=["api-path-removed-without-deprecation", "endpoint-added"],
        forbid=["api-operation-moved"],
        description="a sibling resource replaced another: most words are shared, but foo is not bar",
    )

    # parameters
    qp = lambda name, **kw: {"name": name, "in": "query", "schema": S, **kw}  # noqa: E731
    case(
        "new-required-request-parameter",
        "positive",
        spec(parameters=[]),
        spec(parameters=[qp("q", required=True)]),
        expect=["new-required-request-parameter"],
    )
    case(
        "new-required-request-parameter",
        "negative",
        spec(parameters=[]),
        spec(parameters=[qp("q")]),
        forbid=["new-required-request-parameter"],
    )
    case(
        "new-optional-request-parameter",
        "positive",
        spec(parameters=[]),
        spec(parameters=[qp("q")]),
        expect=["new-optional-request-parameter"],
    )
    case(
        "new-optional-request-parameter",
        "negative",
        spec(parameters=[]),
        spec(parameters=[qp("q", required=True)]),
        forbid=["new-optional-request-parameter"],
    )
    case(
        "request-parameter-removed",
        "positive",
        spec(parameters=[qp("color")]),
        spec(parameters=[]),
        expect=["request-parameter-removed"],
    )
    case(
        "request-parameter-removed",
        "negative-renamed",
        spec(parameters=[qp("job_id")]),
        spec(parameters=[qp("job_uuid")]),
        forbid=["request-parameter-removed"],
    )
    case(
        "request-parameter-renamed",
        "positive",
        spec(parameters=[qp("limit")]),
        spec(parameters=[qp("page_limit")]),
        expect=["request-parameter-renamed"],
        forbid=["request-parameter-removed", "new-optional-request-parameter"],
    )
    case(
        "request-parameter-renamed",
        "negative-other-location",
        spec(parameters=[qp("limit")]),
        spec(parameters=[{"name": "page_limit", "in": "header", "schema": S}]),
        forbid=["request-parameter-renamed"],
    )
    case(
        "request-parameter-became-required",
        "positive",
        spec(parameters=[qp("q")]),
        spec(parameters=[qp("q", required=True)]),
        expect=["request-parameter-became-required"],
    )
    case(
        "request-parameter-became-required",
        "negative",
        spec(parameters=[qp("q", required=True)]),
        spec(parameters=[qp("q")]),
        forbid=["request-parameter-became-required"],
    )
    case(
        "request-parameter-became-optional",
        "positive",
        spec(parameters=[qp("q", required=True)]),
        spec(parameters=[qp("q")]),
        expect=["request-parameter-became-optional"],
    )
    case(
        "request-parameter-became-optional",
        "negative",
        spec(parameters=[qp("q")]),
        spec(parameters=[qp("q", required=True)]),
        forbid=["request-parameter-became-optional"],
    )
    for kind, (before, after) in {
        "deprecated": (False, True),
        "reactivated": (True, False),
    }.items():
        rid = f"request-parameter-{kind}"
        case(
            rid,
            "positive",
            spec(parameters=[qp("q", deprecated=before)]),
            spec(parameters=[qp("q", deprecated=after)]),
            expect=[rid],
        )
        case(
            rid,
            "negative",
            spec(parameters=[qp("q", deprecated=after)]),
            spec(parameters=[qp("q", deprecated=before)]),
            forbid=[rid],
        )
    tagged = {"/a": {"get": op(operationId="getA", tags=["jobs", "beta"])}}
    case(
        "api-tag-added",
        "positive",
        paths_spec(only_a),
        paths_spec(tagged),
        expect=["api-tag-added"],
    )
    case(
        "api-tag-added",
        "negative",
        paths_spec(tagged),
        paths_spec(only_a),
        forbid=["api-tag-added"],
    )
    case(
        "api-tag-removed",
        "positive",
        paths_spec(tagged),
        paths_spec(only_a),
        expect=["api-tag-removed"],
    )
    case(
        "api-tag-removed",
        "negative",
        paths_spec(only_a),
        paths_spec(tagged),
        forbid=["api-tag-removed"],
    )
    arr = {"type": "array", "items": S}
    case(
        "request-parameter-style-changed",
        "positive",
        spec(parameters=[qp("q", schema=arr)]),
        spec(parameters=[qp("q", schema=arr, style="pipeDelimited")]),
        expect=["request-parameter-style-changed"],
    )
    case(
        "request-parameter-style-changed",
        "negative-default-spelled-out",
        spec(parameters=[qp("q", schema=arr)]),
        spec(parameters=[qp("q", schema=arr, style="form", explode=True)]),
        forbid=["request-parameter-style-changed"],
    )
    case(
        "request-parameter-explode-changed",
        "positive",
        spec(parameters=[qp("q", schema=arr)]),
        spec(parameters=[qp("q", schema=arr, explode=False)]),
        expect=["request-parameter-explode-changed"],
    )
    case(
        "request-parameter-explode-changed",
        "negative",
        spec(parameters=[qp("q", schema=arr)]),
        spec(parameters=[qp("q", schema=arr, explode=True)]),
        forbid=["request-parameter-explode-changed"],
    )

    # request bodies
    body = lambda required, media=("application/json",): {  # noqa: E731
        "requestBody": {
            "required": required,
            "content": {m: {"schema": obj({"a": S})} for m in media},
        }
    }
    case(
        "request-body-added-required",
        "positive",
        spec(operation={}),
        spec(operation=body(True)),
        expect=["request-body-added-required"],
    )
    case(
        "request-body-added-required",
        "negative",
        spec(operation={}),
        spec(operation=body(False)),
        forbid=["request-body-added-required"],
    )
    case(
        "request-body-added-optional",
        "positive",
        spec(operation={}),
        spec(operation=body(False)),
        expect=["request-body-added-optional"],
    )
    case(
        "request-body-added-optional",
        "negative",
        spec(operation={}),
        spec(operation=body(True)),
        forbid=["request-body-added-optional"],
    )
    case(
        "request-body-removed",
        "positive",
        spec(operation=body(False)),
        spec(operation={}),
        expect=["request-body-removed"],
    )
    case(
        "request-body-removed",
        "negative",
        spec(operation={}),
        spec(operation=body(False)),
        forbid=["request-body-removed"],
    )
    case(
        "request-body-became-required",
        "positive",
        spec(operation=body(False)),
        spec(operation=body(True)),
        expect=["request-body-became-required"],
    )
    case(
        "request-body-became-required",
        "negative",
        spec(operation=body(True)),
        spec(operation=body(False)),
        forbid=["request-body-became-required"],
    )
    case(
        "request-body-became-optional",
        "positive",
        spec(operation=body(True)),
        spec(operation=body(False)),
        expect=["request-body-became-optional"],
    )
    case(
        "request-body-became-optional",
        "negative",
        spec(operation=body(False)),
        spec(operation=body(True)),
        forbid=["request-body-became-optional"],
    )
    both = ("application/json", "application/x-www-form-urlencoded")
    case(
        "request-body-media-type-removed",
        "positive",
        spec(operation=body(True, both)),
        spec(operation=body(True)),
        expect=["request-body-media-type-removed"],
    )
    case(
        "request-body-media-type-removed",
        "negative-charset",
        spec(operation=body(True)),
        spec(operation=body(True, ("application/json; charset=utf-8",))),
        forbid=["request-body-media-type-removed"],
        description="media type parameters do not make another media type",
    )
    case(
        "request-body-media-type-added",
        "positive",
        spec(operation=body(True)),
        spec(operation=body(True, both)),
        expect=["request-body-media-type-added"],
    )
    case(
        "request-body-media-type-added",
        "negative",
        spec(operation=body(True, both)),
        spec(operation=body(True)),
        forbid=["request-body-media-type-added"],
    )

    # responses
    resp = lambda *statuses: {"responses": {s: {"description": s} for s in statuses}}  # noqa: E731
    for rid, (b, h, nb, nh) in {
        "response-success-status-removed": (("200", "201"), ("200",), ("200", "404"), ("200",)),
        "response-non-success-status-removed": (("200", "404"), ("200",), ("200", "201"), ("200",)),
        "response-success-status-added": (("200",), ("200", "201"), ("200",), ("200", "404")),
        "response-non-success-status-added": (("200",), ("200", "404"), ("200",), ("200", "201")),
    }.items():
        case(rid, "positive", spec(operation=resp(*b)), spec(operation=resp(*h)), expect=[rid])
        case(rid, "negative", spec(operation=resp(*nb)), spec(operation=resp(*nh)), forbid=[rid])

    def media(*types: str) -> dict[str, Any]:
        content = {m: {"schema": obj({"a": S})} for m in types}
        return {"responses": {"200": {"description": "OK", "content": content}}}

    case(
        "response-media-type-removed",
        "positive",
        spec(operation=media("application/json", "text/csv")),
        spec(operation=media("application/json")),
        expect=["response-media-type-removed"],
    )
    case(
        "response-media-type-removed",
        "negative",
        spec(operation=media("application/json")),
        spec(operation=media("application/json", "text/csv")),
        forbid=["response-media-type-removed"],
    )
    case(
        "response-media-type-added",
        "positive",
        spec(operation=media("application/json")),
        spec(operation=media("application/json", "text/csv")),
        expect=["response-media-type-added"],
    )
    case(
        "response-media-type-added",
        "negative",
        spec(operation=media("application/json", "text/csv")),
        spec(operation=media("application/json")),
        forbid=["response-media-type-added"],
    )
    hdr = lambda required: {"X-Rate-Limit": {"required": required, "schema": I}}  # noqa: E731
    case(
        "required-response-header-removed",
        "positive",
        spec(headers=hdr(True)),
        spec(headers={}),
        expect=["required-response-header-removed"],
    )
    case(
        "required-response-header-removed",
        "negative",
        spec(headers=hdr(False)),
        spec(headers={}),
        expect=["optional-response-header-removed"],
        forbid=["required-response-header-removed"],
    )
    case(
        "optional-response-header-removed",
        "positive",
        spec(headers=hdr(False)),
        spec(headers={}),
        expect=["optional-response-header-removed"],
    )
    case(
        "optional-response-header-removed",
        "negative-case",
        spec(headers=hdr(False)),
        spec(headers={"x-rate-limit": {"schema": I}}),
        forbid=["optional-response-header-removed"],
        description="header names ignore case",
    )
    case(
        "response-header-became-optional",
        "positive",
        spec(headers=hdr(True)),
        spec(headers=hdr(False)),
        expect=["response-header-became-optional"],
    )
    case(
        "response-header-became-required",
        "positive",
        spec(headers=hdr(False)),
        spec(headers=hdr(True)),
        expect=["response-header-became-required"],
    )
    case(
        "response-header-became-required",
        "negative",
        spec(headers=hdr(True)),
        spec(headers=hdr(False)),
        forbid=["response-header-became-required"],
    )
    case(
        "response-header-became-optional",
        "negative",
        spec(headers=hdr(False)),
        spec(headers=hdr(True)),
        forbid=["response-header-became-optional"],
    )

    # security
    sec = lambda *reqs: {"security": list(reqs)}  # noqa: E731
    key, oauth_r, oauth_rw = {"apiKey": []}, {"oauth": ["read"]}, {"oauth": ["read", "write"]}
    pairs = {
        "api-security-added": ((), (key,), (key,), (key, oauth_r)),
        "api-security-removed": ((key,), (), (key, oauth_r), (key,)),
        "api-security-requirement-removed": ((key, oauth_r), (key,), (key,), (key, oauth_r)),
        "api-security-requirement-added": ((key,), (key, oauth_r), (), (key,)),
        "api-security-scope-added": ((oauth_r,), (oauth_rw,), (oauth_rw,), (oauth_r,)),
        "api-security-scope-removed": ((oauth_rw,), (oauth_r,), (oauth_r,), (oauth_rw,)),
    }
    for rid, (b, h, nb, nh) in pairs.items():
        case(rid, "positive", spec(operation=sec(*b)), spec(operation=sec(*h)), expect=[rid])
        case(rid, "negative", spec(operation=sec(*nb)), spec(operation=sec(*nh)), forbid=[rid])
    case(
        "api-security-added",
        "positive-global",
        spec(),
        spec(security=[key]),
        expect=["api-security-added"],
        description="global security applies to every operation without its own",
    )
    case(
        "api-security-added",
        "negative-overridden",
        spec(operation=sec({})),
        spec(security=[key], operation=sec({})),
        forbid=["api-security-added"],
        description="an empty requirement keeps the operation public",
    )

    # servers
    one, other = ["https://api.example.com/v1"], ["https://eu.example.com/v1"]
    case(
        "api-server-removed",
        "positive",
        spec(servers=[*one, *other]),
        spec(servers=one),
        expect=["api-server-removed"],
    )
    case(
        "api-server-removed",
        "negative",
        spec(servers=one),
        spec(servers=[*one, *other]),
        forbid=["api-server-removed"],
    )
    case(
        "api-server-added",
        "positive",
        spec(servers=one),
        spec(servers=[*one, *other]),
        expect=["api-server-added"],
    )
    case(
        "api-server-added",
        "negative",
        spec(servers=[*one, *other]),
        spec(servers=one),
        forbid=["api-server-added"],
    )
    case(
        "api-base-path-changed",
        "positive",
        spec(servers=one),
        spec(servers=["https://api.example.com/v2"]),
        expect=["api-base-path-changed"],
        forbid=[
            "api-removed-without-deprecation",
            "endpoint-added",
            "api-path-removed-without-deprecation",
        ],
    )
    case(
        "api-base-path-changed",
        "negative-moved-into-paths",
        spec(servers=one),
        spec(
            servers=["https://api.example.com"],
            paths={"/v1/items": {"post": op(operationId="createItem")}},
        ),
        forbid=["api-base-path-changed", "api-path-removed-without-deprecation"],
        description="/v1 moved from the server URL into the paths: the full URLs are unchanged",
    )

    # parameters that change location
    case(
        "request-parameter-location-changed",
        "positive",
        spec(parameters=[qp("X-Request-Id", required=True)]),
        spec(parameters=[{"name": "x-request-id", "in": "header", "required": True, "schema": S}]),
        expect=["request-parameter-location-changed"],
        forbid=["request-parameter-removed", "new-required-request-parameter"],
        description="a query parameter became a header of the same name: one change",
    )
    case(
        "request-parameter-location-changed",
        "negative-other-name",
        spec(parameters=[qp("limit")]),
        spec(parameters=[{"name": "X-Trace", "in": "header", "schema": S}]),
        expect=["request-parameter-removed", "new-optional-request-parameter"],
        forbid=["request-parameter-location-changed"],
    )

    case(
        "api-path-trailing-slash-changed",
        "positive",
        paths_spec({"/a": {"get": op(operationId="getA")}}),
        paths_spec({"/a/": {"get": op(operationId="getA")}}),
        expect=["api-path-trailing-slash-changed"],
        forbid=["api-path-removed-without-deprecation", "endpoint-added"],
    )
    case(
        "api-path-trailing-slash-changed",
        "negative-double-slash",
        paths_spec({"/a/b": {"get": op(operationId="getA")}}),
        paths_spec({"/a//b": {"get": op(operationId="getA")}}),
        forbid=["api-path-trailing-slash-changed"],
    )

    # sunset dates on operations that stay
    def sunset_op(date: str | None) -> dict[str, Any]:
        extra: dict[str, Any] = {"deprecated": True}
        if date:
            extra["x-sunset"] = date
        return paths_spec({"/a": {"get": op(operationId="getA", **extra)}})

    for rid, ((b, h), (nb, nh)) in {
        "api-sunset-date-changed-too-small": (
            ("2027-06-01", "2026-12-01"),
            ("2026-12-01", "2027-06-01"),
        ),
        "api-sunset-date-extended": (("2026-12-01", "2027-06-01"), ("2027-06-01", "2026-12-01")),
        "api-sunset-date-added": ((None, "2027-06-01"), ("2027-06-01", None)),
        "sunset-deleted": (("2027-06-01", None), (None, "2027-06-01")),
    }.items():
        case(rid, "positive", sunset_op(b), sunset_op(h), expect=[rid])
        case(rid, "negative", sunset_op(nb), sunset_op(nh), forbid=[rid])
    case(
        "api-sunset-date-changed-too-small",
        "negative-same-date",
        sunset_op("2027-06-01"),
        sunset_op("2027-06-01T00:00:00Z"),
        forbid=["api-sunset-date-changed-too-small", "api-sunset-date-extended"],
        description="the same date written with a time is no change",
    )

    # security scheme definitions
    def schemes(**defs: Any) -> dict[str, Any]:
        doc = spec(operation=sec({"auth": []}))
        doc["components"]["securitySchemes"] = defs
        return doc

    bearer = {"type": "http", "scheme": "bearer"}
    basic = {"type": "http", "scheme": "basic"}
    key_h = {"type": "apiKey", "in": "header", "name": "X-Key"}
    key_h2 = {"type": "apiKey", "in": "header", "name": "X-Api-Key"}
    key_lc = {"type": "apiKey", "in": "header", "name": "x-key"}

    def oauth(flows: dict[str, Any]) -> dict[str, Any]:
        return {"type": "oauth2", "flows": flows}

    def cc(scopes: tuple[str, ...], url: str = "https://example.com/token") -> dict[str, Any]:
        return {"clientCredentials": {"tokenUrl": url, "scopes": {s: s for s in scopes}}}

    code = {
        "authorizationCode": {
            "authorizationUrl": "https://example.com/authorize",
            "tokenUrl": "https://example.com/token",
            "scopes": {"read": "read"},
        }
    }
    code2 = {
        "authorizationCode": {
            **code["authorizationCode"],
            "authorizationUrl": "https://login.example.com/authorize",
        }
    }
    rw, r = cc(("read", "write")), cc(("read",))
    oidc = lambda url: {"type": "openIdConnect", "openIdConnectUrl": url}  # noqa: E731
    for rid, (b, h, nb, nh) in {
        "api-security-component-removed": (
            {"auth": bearer, "old": basic},
            {"auth": bearer},
            {"auth": bearer},
            {"auth": bearer, "old": basic},
        ),
        "api-security-component-added": (
            {"auth": bearer},
            {"auth": bearer, "extra": basic},
            {"auth": bearer, "extra": basic},
            {"auth": bearer},
        ),
        "api-security-component-type-changed": (
            {"auth": bearer},
            {"auth": key_h},
            {"auth": bearer},
            {"auth": {**bearer, "bearerFormat": "JWT"}},
        ),
        "api-security-component-http-scheme-changed": (
            {"auth": basic},
            {"auth": bearer},
            {"auth": bearer},
            {"auth": {"type": "http", "scheme": "Bearer"}},
        ),
        "api-security-component-api-key-location-changed": (
            {"auth": key_h},
            {"auth": {**key_h, "in": "query"}},
            {"auth": key_h},
            {"auth": key_lc},
        ),
        "api-security-component-api-key-name-changed": (
            {"auth": key_h},
            {"auth": key_h2},
            {"auth": key_h},
            {"auth": key_lc},
        ),
        "api-security-component-oauth-flow-removed": (
            {"auth": oauth({**r, **code})},
            {"auth": oauth(r)},
            {"auth": oauth(r)},
            {"auth": oauth({**r, **code})},
        ),
        "api-security-component-oauth-flow-added": (
            {"auth": oauth(r)},
            {"auth": oauth({**r, **code})},
            {"auth": oauth({**r, **code})},
            {"auth": oauth(r)},
        ),
        "api-security-component-oauth-scope-removed": (
            {"auth": oauth(rw)},
            {"auth": oauth(r)},
            {"auth": oauth(r)},
            {"auth": oauth(rw)},
        ),
        "api-security-component-oauth-scope-added": (
            {"auth": oauth(r)},
            {"auth": oauth(rw)},
            {"auth": oauth(rw)},
            {"auth": oauth(r)},
        ),
        "api-security-component-oauth-token-url-changed": (
            {"auth": oauth(r)},
            {"auth": oauth(cc(("read",), "https://auth.example.com/token"))},
            {"auth": oauth(r)},
            {"auth": oauth(rw)},
        ),
        "api-security-component-oauth-url-changed": (
            {"auth": oauth(code)},
            {"auth": oauth(code2)},
            {"auth": oauth(code)},
            {"auth": oauth(code)},
        ),
        "api-security-component-openid-connect-url-changed": (
            {"auth": oidc("https://example.com/.well-known/openid-configuration")},
            {"auth": oidc("https://id.example.com/.well-known/openid-configuration")},
            {"auth": oidc("https://example.com/.well-known/openid-configuration")},
            {"auth": oidc("https://example.com/.well-known/openid-configuration")},
        ),
    }.items():
        case(rid, "positive", schemes(**b), schemes(**h), expect=[rid])
        case(rid, "negative", schemes(**nb), schemes(**nh), forbid=[rid])
    swagger_base = {
        "swagger": "2.0",
        "info": {"title": "cases", "version": "1"},
        "host": "api.example.com",
        "basePath": "/v1",
        "paths": {
            "/items": {
                "post": {
                    "operationId": "createItem",
                    "security": [{"auth": []}],
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
        "securityDefinitions": {"auth": {"type": "basic"}},
    }
    case(
        "api-security-component-type-changed",
        "negative-swagger-basic",
        swagger_base,
        schemes(auth=basic),
        forbid=[
            "api-security-component-type-changed",
            "api-security-component-http-scheme-changed",
        ],
        description="Swagger 2.0 basic is OpenAPI 3 http basic",
    )

    # components
    pet = obj({"name": S, "age": I})
    case(
        "api-schema-removed",
        "positive",
        spec(schemas={"Pet": pet, "Owner": obj({"id": S})}),
        spec(schemas={"Pet": pet}),
        expect=["api-schema-removed"],
    )
    case(
        "api-schema-removed",
        "negative-renamed",
        spec(schemas={"Pet": pet}),
        spec(schemas={"RL.Pet": pet}),
        forbid=["api-schema-removed"],
    )
    case(
        "api-schema-renamed",
        "positive",
        spec(schemas={"TrainingSession": pet}),
        spec(schemas={"RL.TrainingSession": pet}),
        expect=["api-schema-renamed"],
        forbid=["api-schema-removed", "api-schema-added"],
    )
    case(
        "api-schema-renamed",
        "negative-different",
        spec(schemas={"TrainingSession": pet}),
        spec(schemas={"RL.TrainingSession": obj({"name": S})}),
        forbid=["api-schema-renamed"],
    )
    case(
        "api-schema-added",
        "positive",
        spec(schemas={"Pet": pet}),
        spec(schemas={"Pet": pet, "Owner": obj({"id": S})}),
        expect=["api-schema-added"],
    )
    case(
        "api-schema-added",
        "negative",
        spec(schemas={"Pet": pet, "Owner": obj({"id": S})}),
        spec(schemas={"Pet": pet}),
        forbid=["api-schema-added"],
    )


# -- deprecation, sunset and stability; header properties; media type schemas; global security --
def toggle(rule: str, plain: Any, changed: Any, **kw: Any) -> None:
    """``plain`` -> ``changed`` reports the rule; ``changed`` -> ``plain`` does not."""
    case(rule, "positive", plain, changed, expect=[rule], **kw)
    case(rule, "negative", changed, plain, forbid=[rule])


def near_miss(rule: str, base: Any, head: Any, name: str = "negative", **kw: Any) -> None:
    case(rule, name, base, head, forbid=[rule], **kw)


def lifecycle_cases() -> None:
    property_lifecycle_cases()
    operation_lifecycle_cases()
    parameter_lifecycle_cases()
    other_new_cases()


def property_lifecycle_cases() -> None:
    for direction in ("request", "response"):

        def wrap(color: Any, direction: str = direction) -> dict[str, Any]:
            schema = obj({"id": S, "color": color}, ["id"])
            return spec(request=schema) if direction == "request" else spec(response=schema)

        dep = {**S, "deprecated": True}
        later = {**dep, "x-sunset": "2027-01-01"}
        bad = {**dep, "x-sunset": "next spring"}
        prefix = f"{direction}-property"
        toggle(f"{prefix}-deprecated", wrap(S), wrap(dep))
        toggle(f"{prefix}-reactivated", wrap(dep), wrap(S))
        case(
            f"{prefix}-deprecated-with-sunset",
            "positive",
            wrap(S),
            wrap(later),
            expect=[f"{prefix}-deprecated-with-sunset"],
        )
        near_miss(
            f"{prefix}-deprecated-with-sunset",
            wrap(S),
            wrap(dep),
            description="deprecated without a sunset",
        )
        case(
            f"{prefix}-deprecated-invalid",
            "positive",
            wrap(S),
            wrap(bad),
            expect=[f"{prefix}-deprecated-invalid"],
        )
        near_miss(
            f"{prefix}-deprecated-invalid",
            wrap(S),
            wrap({**dep, "x-sunset": "2027-01-01T00:00:00Z"}),
            description="an RFC 3339 date-time is a valid sunset",
        )


def operation_lifecycle_cases() -> None:
    def one(**extra: Any) -> dict[str, Any]:
        return paths_spec({"/a": {"get": op(operationId="getA", **extra)}})

    def two(**extra: Any) -> dict[str, Any]:
        return paths_spec(
            {"/a": {"get": op(operationId="getA")}, "/b": {"get": op(operationId="getB", **extra)}}
        )

    def pair(**extra: Any) -> dict[str, Any]:
        return paths_spec(
            {"/a": {"get": op(operationId="getA"), "post": op(operationId="postA", **extra)}}
        )

    sunset = {"deprecated": True, "x-sunset": "2027-01-01"}
    case(
        "endpoint-deprecated-with-sunset",
        "positive",
        one(),
        one(**sunset),
        expect=["endpoint-deprecated-with-sunset"],
        forbid=["endpoint-deprecated"],
    )
    case(
        "endpoint-deprecated-with-sunset",
        "negative",
        one(),
        one(deprecated=True),
        expect=["endpoint-deprecated"],
        forbid=["endpoint-deprecated-with-sunset"],
    )
    bad = {"deprecated": True, "x-sunset": "soon"}
    case(
        "api-deprecated-sunset-parse",
        "positive",
        one(),
        one(**bad),
        expect=["api-deprecated-sunset-parse"],
    )
    near_miss(
        "api-deprecated-sunset-parse",
        one(),
        one(deprecated=True, sunset="2027-01-01T12:00:00+02:00"),
        description="the standard `sunset` key with an RFC 3339 date-time",
    )
    case(
        "api-path-sunset-parse",
        "positive",
        two(**bad),
        one(),
        expect=["api-path-sunset-parse"],
        forbid=["api-path-removed-with-deprecation"],
    )
    near_miss("api-path-sunset-parse", two(deprecated=True, **{"x-sunset": "2001-01-01"}), one())
    case(
        "api-removed-sunset-parse",
        "positive",
        pair(**bad),
        one(),
        expect=["api-removed-sunset-parse"],
    )
    near_miss("api-removed-sunset-parse", pair(deprecated=True), one())
    case(
        "api-invalid-stability-level",
        "positive",
        one(),
        one(**{"x-stability-level": "experimental"}),
        expect=["api-invalid-stability-level"],
    )
    near_miss(
        "api-invalid-stability-level",
        one(**{"x-stability-level": "beta"}),
        one(**{"x-stability-level": "beta"}),
    )
    case(
        "api-invalid-stability-level",
        "positive-in-base",
        one(**{"x-stability-level": "Beta"}),
        one(**{"x-stability-level": "beta"}),
        expect=["api-invalid-stability-level"],
        description="an invalid value in the base spec is reported too",
    )
    stable, beta = {"x-stability-level": "stable"}, {"x-stability-level": "beta"}
    toggle("api-stability-decreased", one(**stable), one(**beta))
    case(
        "api-stability-decreased",
        "positive-implicit-stable",
        one(),
        one(**beta),
        expect=["api-stability-decreased"],
        description="a missing level is stable",
    )
    toggle("api-stability-increased", one(**beta), one(**stable))
    near_miss(
        "sunset-deleted",
        one(**{"x-sunset": "2027-01-01"}),
        one(),
        "negative-not-deprecated",
        description="a sunset only means something on a deprecated operation",
    )


def parameter_lifecycle_cases() -> None:
    def with_q(**extra: Any) -> dict[str, Any]:
        return spec(parameters=[{"name": "q", "in": "query", "schema": S, **extra}])

    none = spec(parameters=[])
    dep = {"deprecated": True}
    rule = "request-parameter-removed-with-deprecation"
    case(rule, "positive", with_q(**dep), none, expect=[rule], forbid=["request-parameter-removed"])
    case(rule, "negative", with_q(), none, expect=["request-parameter-removed"], forbid=[rule])
    rule = "request-parameter-removed-before-sunset"
    case(rule, "positive", with_q(**dep, **{"x-sunset": "2999-01-01"}), none, expect=[rule])
    near_miss(rule, with_q(**dep, **{"x-sunset": "2001-01-01"}), none)
    rule = "request-parameter-sunset-parse"
    case(rule, "positive", with_q(**dep, **{"x-sunset": "whenever"}), none, expect=[rule])
    near_miss(rule, with_q(**dep, **{"x-sunset": "2001-01-01"}), none)
    early, late = {"x-sunset": "2026-12-01"}, {"x-sunset": "2027-06-01"}
    rule = "request-parameter-sunset-deleted"
    case(rule, "positive", with_q(**dep, **late), with_q(**dep), expect=[rule])
    near_miss(rule, with_q(**dep), with_q(**dep, **late))
    rule = "request-parameter-sunset-date-changed-too-small"
    case(rule, "positive", with_q(**dep, **late), with_q(**dep, **early), expect=[rule])
    near_miss(rule, with_q(**dep, **early), with_q(**dep, **late))


def other_new_cases() -> None:
    def header(schema: Any, where: str = "header") -> dict[str, Any]:
        return spec(parameters=[{"name": "X-Meta", "in": where, "schema": schema}])

    mode = obj({"mode": S})
    for rule, head_schema in (
        (
            "request-header-property-became-enum",
            obj({"mode": ENUM2}),
        ),
        ("request-header-property-became-required", obj({"mode": S}, ["mode"])),
        ("new-required-request-header-property", obj({"mode": S, "x": S}, ["x"])),
    ):
        case(rule, "positive", header(mode), header(head_schema), expect=[rule])
        near_miss(
            rule,
            header(mode, "query"),
            header(head_schema, "query"),
            description="the same change in a query parameter",
        )
    bare_request = spec(
        operation={"requestBody": {"required": True, "content": {"application/json": {}}}}
    )
    typed_request = spec(request=obj({"a": S}))
    toggle("request-body-media-type-schema-added", bare_request, typed_request)
    toggle("request-body-media-type-schema-removed", typed_request, bare_request)
    bare_response = spec(
        operation={"responses": {"200": {"description": "OK", "content": {"application/json": {}}}}}
    )
    typed_response = spec(response=obj({"a": S}))
    toggle("response-body-media-type-schema-added", bare_response, typed_response)
    toggle("response-body-media-type-schema-removed", typed_response, bare_response)
    key, both = [{"apiKey": []}], [{"apiKey": []}, {"oauth": ["read"]}]
    toggle("api-global-security-added", spec(security=key), spec(security=both))
    toggle("api-global-security-removed", spec(security=both), spec(security=key))
    read, rw = [{"oauth": ["read"]}], [{"oauth": ["read", "write"]}]
    toggle("api-global-security-scope-added", spec(security=read), spec(security=rw))
    toggle("api-global-security-scope-removed", spec(security=rw), spec(security=read))

    def scheme(definition: Any) -> dict[str, Any]:
        doc = spec(security=[{"auth": []}])
        doc["components"]["securitySchemes"] = {"auth": definition}
        return doc

    auth_key = {"type": "apiKey", "in": "header", "name": "Authorization"}
    bearer = {"type": "http", "scheme": "bearer"}
    rule = "api-security-component-type-changed-same-wire"
    case(
        rule,
        "positive",
        scheme(auth_key),
        scheme(bearer),
        expect=[rule],
        forbid=["api-security-component-type-changed"],
    )
    case(
        rule,
        "negative",
        scheme({"type": "apiKey", "in": "header", "name": "X-Key"}),
        scheme(bearer),
        expect=["api-security-component-type-changed"],
        forbid=[rule],
    )


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def main() -> None:
    schema_cases()
    property_cases()
    other_cases()
    lifecycle_cases()
    for child in HERE.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
    for rule, cases in sorted(CASES.items()):
        folder = HERE / rule
        folder.mkdir()
        for name, body in cases:
            text = yaml.dump(
                body, Dumper=_Dumper, sort_keys=False, default_flow_style=None, width=100
            )
            (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    print(f"wrote {sum(len(c) for c in CASES.values())} cases for {len(CASES)} rules")


if __name__ == "__main__":
    main()
