"""Scale a spec N times (more paths and schemas) and make a lightly changed HEAD of it.

Used by bench/bench_breaking.py; copies are written to a temporary folder, never committed.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

_PREFIXES = ("#/components/schemas/", "#/definitions/")


def _rename_refs(node: Any, suffix: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("$ref", "mapping") and isinstance(value, str):
                out[key] = _ref(value, suffix)
            elif key == "mapping" and isinstance(value, dict):
                out[key] = {
                    k: _ref(v, suffix) if isinstance(v, str) else v for k, v in value.items()
                }
            else:
                out[key] = _rename_refs(value, suffix)
        return out
    if isinstance(node, list):
        return [_rename_refs(v, suffix) for v in node]
    return node


def _ref(value: str, suffix: str) -> str:
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            return value + suffix
    return value


def scale(doc: dict[str, Any], factor: int) -> dict[str, Any]:
    """``factor`` copies of every path (under ``/copyK``) and schema (``NameK``)."""
    out = copy.deepcopy(doc)
    paths = dict(out.get("paths") or {})
    schemas_parent = out.setdefault("components", {}) if "openapi" in out else out
    key = "schemas" if "openapi" in out else "definitions"
    schemas = dict(schemas_parent.get(key) or {})
    originals_p, originals_s = dict(paths), dict(schemas)
    for k in range(1, factor):
        suffix = f"Copy{k}"
        for path, item in originals_p.items():
            paths[f"/copy{k}{path}"] = _rename_refs(item, suffix)
        for name, schema in originals_s.items():
            schemas[name + suffix] = _rename_refs(schema, suffix)
    out["paths"] = paths
    schemas_parent[key] = schemas
    return out


def modify(doc: dict[str, Any], every: int = 25) -> dict[str, Any]:
    """A lightly changed copy: every ``every``-th schema loses a property or gains one, one path
    in ``every`` loses an operation, one gains a new required query parameter."""
    out = copy.deepcopy(doc)
    schemas = (out.get("components") or {}).get("schemas") or out.get("definitions") or {}
    for i, name in enumerate(sorted(schemas)):
        props = schemas[name].get("properties") if isinstance(schemas[name], dict) else None
        if i % every or not isinstance(props, dict) or not props:
            continue
        if i % (2 * every):
            props.pop(sorted(props)[0])
        else:
            props["bench_added"] = {"type": "string"}
    for i, path in enumerate(sorted(out.get("paths") or {})):
        item = out["paths"][path]
        if i % every or not isinstance(item, dict):
            continue
        methods = [m for m in ("get", "post", "put", "patch", "delete") if m in item]
        if not methods:
            continue
        if i % (2 * every):
            item.pop(methods[-1])
        else:
            item[methods[0]].setdefault("parameters", []).append(
                {"name": "bench_q", "in": "query", "required": True, "schema": {"type": "string"}}
            )
    return out


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def dump(doc: Any, path: Path) -> Path:
    path.write_text(
        yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return path
