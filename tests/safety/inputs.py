"""Hostile but well-formed specs, shared by tests/safety and bench/bench_hostile.py."""

from __future__ import annotations

import json
from pathlib import Path

INFO = {"title": "hostile", "version": "1"}


def _ok(schema_ref: str) -> dict:
    return {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": schema_ref}}},
        }
    }


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, indent=1))
    return path


def ref_chain(path: Path, length: int) -> Path:
    """``S0 -> S1 -> ... -> S<length>``, plain references, the last one a string schema."""
    schemas: dict = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(length)}
    schemas[f"S{length}"] = {"type": "string"}
    paths = {"/x": {"get": {"operationId": "getX", "responses": _ok("#/components/schemas/S0")}}}
    return write(
        path, {"openapi": "3.1.0", "info": INFO, "paths": paths, "components": {"schemas": schemas}}
    )


def enum_pair(folder: Path, values: int) -> tuple[Path, Path]:
    """An upstream swagger and a published spec, each with one ``values``-long enum (one differs)."""
    up_enum = [f"V{i}" for i in range(values)]
    pub_enum = [*up_enum[:-1], "CHANGED"]
    upstream = {
        "swagger": "2.0",
        "info": INFO,
        "paths": {
            "/v1/things": {
                "get": {
                    "operationId": "Things_List",
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}
                    },
                }
            }
        },
        "definitions": {
            "Thing": {"type": "object", "properties": {"kind": {"type": "string", "enum": up_enum}}}
        },
    }
    published = {
        "openapi": "3.1.0",
        "info": INFO,
        "paths": {
            "/v1/things": {
                "get": {"operationId": "listThings", "responses": _ok("#/components/schemas/Thing")}
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"kind": {"type": "string", "enum": pub_enum}},
                }
            }
        },
    }
    return write(folder / "up.swagger.json", upstream), write(folder / "pub.json", published)


def nested(levels: int, leaf: dict | None = None) -> dict:
    """A schema ``levels`` objects deep (built without recursion)."""
    node: dict = leaf or {"type": "string"}
    for _ in range(levels):
        node = {"type": "object", "properties": {"a": node}}
    return node


def deep_pair(folder: Path, levels: int) -> tuple[Path, Path]:
    """An upstream swagger and a published spec whose one schema is ``levels`` deep."""
    upstream = {
        "swagger": "2.0",
        "info": INFO,
        "paths": {
            "/v1/deep": {
                "get": {
                    "operationId": "Deep_Get",
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Deep"}}
                    },
                }
            }
        },
        "definitions": {"Deep": nested(levels, {"type": "integer"})},
    }
    published = {
        "openapi": "3.1.0",
        "info": INFO,
        "paths": {
            "/v1/deep": {
                "get": {"operationId": "getDeep", "responses": _ok("#/components/schemas/Deep")}
            }
        },
        "components": {"schemas": {"Deep": nested(levels)}},
    }
    return write(folder / "up.swagger.json", upstream), write(folder / "pub.json", published)


def big_pair(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """An upstream swagger and a published spec of about ``megabytes`` each: many small schemas
    and operations (the shape of a real large API), one property renamed."""
    count = int(megabytes * 1024 * 1024 / 740)
    definitions, schemas, up_paths, pub_paths = {}, {}, {}, {}
    for i in range(count):
        props = {
            f"field_{j}": {"type": "string", "description": f"Field {j} of thing {i}."}
            for j in range(6)
        }
        definitions[f"Thing{i}"] = {"type": "object", "properties": props}
        pub_props = dict(props)
        if i == 0:
            pub_props["renamed"] = pub_props.pop("field_0")
        schemas[f"Thing{i}"] = {"type": "object", "properties": pub_props}
        if i % 4 == 0:
            up_paths[f"/v1/thing{i}"] = {
                "get": {
                    "operationId": f"Thing{i}_Get",
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": f"#/definitions/Thing{i}"}}
                    },
                }
            }
            pub_paths[f"/v1/thing{i}"] = {
                "get": {
                    "operationId": f"getThing{i}",
                    "responses": _ok(f"#/components/schemas/Thing{i}"),
                }
            }
    upstream = {"swagger": "2.0", "info": INFO, "paths": up_paths, "definitions": definitions}
    published = {
        "openapi": "3.1.0",
        "info": INFO,
        "paths": pub_paths,
        "components": {"schemas": schemas},
    }
    return write(folder / "up.swagger.json", upstream), write(folder / "pub.json", published)


def padded_pair(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """An upstream swagger and a published spec of about ``megabytes`` each, mostly long strings
    in an extension (just under the size cap, a few nodes): a small API, a huge file."""
    upstream, published = enum_pair(folder, 3)
    lines = int(megabytes * 1024 * 1024 / 1004)
    for path in (upstream, published):
        doc = json.loads(path.read_text())
        doc["x-padding"] = ["x" * 1000] * lines
        path.write_text(json.dumps(doc, indent=1))
    return upstream, published
