"""``validate``: the strict schema check (openapi-spec-validator) plus the loader's own checks."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specward.compare.deep import run_deep
from specward.errors import SpecError
from specward.load.document import Workspace, load_spec
from specward.load.parse import line_at, line_of
from specward.load.resolver import path_handlers, short_refs
from specward.load.walk import nesting_depth
from specward.model.build import normalize
from specward.model.spec import Spec

_SHALLOW = 64
"""Documents nested up to this deep are validated in the calling thread."""

_FRAMES_PER_LEVEL = 12
"""Python frames openapi-spec-validator uses per level of nesting (measured: about 8)."""

# The validator's own messages for checks the loader makes with better lines.
_COVERED = re.compile(r"Operation ID .* is not unique|Path parameter .* was not resolved")


@dataclass(frozen=True)
class Problem:
    """One validation problem at ``file:line``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _first_line(exc: BaseException) -> str:
    """``Type: first line of the message`` (a bare ``assert`` or a ``KeyError`` says little alone)."""
    lines = str(exc).strip().splitlines()
    name = type(exc).__name__
    return f"{name}: {lines[0][:200]}" if lines else name


def _value_key(value: Any) -> str:
    return type(value).__name__ + json.dumps(value, sort_keys=True, default=str)


def _default_lines(ws: Workspace) -> dict[str, list[int]]:
    """Lines of every ``default:`` in the entry document, by value (the validator checks
    defaults without saying where they are)."""
    out: dict[str, list[int]] = defaultdict(list)
    for node in ws.entry.containers():
        if isinstance(node, dict) and "default" in node and line_of(node, "default"):
            out[_value_key(node["default"])].append(line_of(node, "default"))
    for lines in out.values():
        lines.sort(reverse=True)  # pop() hands them out first line first
    return out


def _validator(version: str) -> Any:
    import openapi_spec_validator as osv

    return {
        "2.0": osv.OpenAPIV2SpecValidator,
        "3.0": osv.OpenAPIV30SpecValidator,
        "3.1": osv.OpenAPIV31SpecValidator,
    }[version]


def _schema_path(ws: Workspace) -> Any:
    """The entry document for openapi-spec-validator, its references retrieved by the workspace
    (confined, no network, ``REV:path`` siblings from the revision), never by the library."""
    from jsonschema_path import SchemaPath

    return SchemaPath.from_dict(
        short_refs(ws, ws.entry), base_uri=ws.entry.path.as_uri(), handlers=path_handlers(ws)
    )


def schema_problems(ws: Workspace, *, limit: int = 100) -> list[Problem]:
    """Problems found by openapi-spec-validator, mapped to lines of the entry document.

    The validator recurses a few frames per level of nesting: a deep document (within
    ``MAX_DEPTH``) gets a walk with room for that, and no more. A large document (more than
    ``FAST_CONTAINERS`` mappings and lists) takes the fast path of :func:`fast_problems`.
    """
    if len(ws.entry.containers()) > FAST_CONTAINERS:
        return fast_problems(ws, limit=limit)
    depth = nesting_depth(ws.data)
    if depth <= _SHALLOW:
        return _schema_problems(ws, limit)
    frames = sys.getrecursionlimit() + _FRAMES_PER_LEVEL * depth
    return run_deep(_schema_problems, ws, limit, what="the spec", frames=frames)


FAST_CONTAINERS = 20_000
"""Above this many mappings and lists, validate takes the fast path: openapi-spec-validator
costs a few milliseconds per schema (pure-Python meta-validation), a minute and more for a
spec with tens of thousands of schemas."""


_SCHEMA_FILES = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1"}


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri}: refused (the OpenAPI meta-schema must not fetch anything)")


def _meta_validator(version: str) -> Any:
    """The OpenAPI schema openapi-spec-validator ships for ``version``, compiled by
    jsonschema-rs; it may retrieve nothing."""
    import jsonschema_rs

    text = _package_file(
        "openapi_spec_validator", "resources", "schemas", _SCHEMA_FILES[version], "schema.json"
    )
    return jsonschema_rs.validator_for(json.loads(text), retriever=_refuse)


def _package_file(package: str, *parts: str) -> str:
    """A data file shipped in ``package``, read without importing the package (importing
    openapi-spec-validator takes longer than validating a large spec on the fast path)."""
    from importlib.util import find_spec

    spec = find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    from importlib.resources import files  # a package that is not a folder of files

    return files(package).joinpath(*parts).read_text(encoding="utf-8")


def _path_line(data: Any, path: list[Any]) -> tuple[int, list[Any]]:
    """Line of the deepest node of ``path`` (jsonschema-rs gives numeric keys as ints) and the
    path with the keys as the document spells them."""
    keys: list[Any] = []
    node = data
    for token in path:
        if isinstance(node, dict) and token not in node and str(token) in node:
            token = str(token)
        keys.append(token)
        inside = token in node if isinstance(node, dict) else _has_index(node, token)
        if not inside:
            break
        node = node[token]
    return line_at(data, keys), keys


def _has_index(node: Any, token: Any) -> bool:
    return isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node)


def _schema_roots(data: dict[str, Any]) -> list[tuple[list[Any], Any]]:
    """(path, schema) of each Schema Object an OpenAPI 3.1 document names outside other
    schemas: ``components/schemas`` and every ``schema`` of parameters, headers and media
    types (nested schemas are checked with their root)."""
    out: list[tuple[list[Any], Any]] = []
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(schemas, dict):
        out.extend((["components", "schemas", k], v) for k, v in schemas.items())
    stack: list[tuple[list[Any], Any]] = [
        ([key], data[key]) for key in ("paths", "webhooks", "components") if key in data
    ]
    while stack:
        path, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if not isinstance(value, (dict, list)):
                continue
            if key == "schema" and isinstance(node, dict):
                out.append(([*path, key], value))
            elif key not in ("schemas", "example", "examples") and not str(key).startswith("x-"):
                stack.append(([*path, key], value))
    return out


def _default_problems(ws: Workspace) -> list[tuple[int, str]]:
    """(line, message) of each default in the entry document that its own schema rejects
    (schemas without ``$ref`` only; not for Swagger 2.0)."""
    import jsonschema_rs

    version = ws.version
    if version == "2.0":
        return []
    out: list[tuple[int, str]] = []
    for node in [n for n in ws.entry.containers() if isinstance(n, dict) and "default" in n]:
        if version == "3.0" and node["default"] is None:
            continue
        if "$ref" in json.dumps(node, default=str):
            continue
        try:
            if version == "3.0":
                check = jsonschema_rs.Draft4Validator(node, retriever=_refuse)
            else:
                check = jsonschema_rs.validator_for(node, retriever=_refuse)
            errors = list(check.iter_errors(node["default"]))
        except Exception:  # not a schema this checker understands
            continue
        if errors:
            out.append((line_of(node, "default") or 1, f"default value {errors[0].message}"))
    return out


def fast_problems(ws: Workspace, *, limit: int = 100) -> list[Problem]:
    """The fast path for large documents: the entry document against the OpenAPI schema of its
    version (jsonschema-rs, compiled once), each OpenAPI 3.1 Schema Object against the JSON
    Schema 2020-12 meta-schema, and defaults against their schemas. Refs, operationIds and
    path parameters are the loader's own checks, as on the slow path. Messages are
    jsonschema-rs's, so they may word things differently from openapi-spec-validator."""
    import jsonschema_rs

    found: list[tuple[int, str]] = []
    for err in _meta_validator(ws.version).iter_errors(ws.data):
        line, keys = _path_line(ws.data, list(err.instance_path))
        found.append((line, keys_message(err.message, keys)))
        if len(found) >= limit:
            break
    if ws.version == "3.1" and isinstance(ws.data, dict):
        for root, schema in _schema_roots(ws.data):
            if len(found) >= limit:
                break
            try:
                jsonschema_rs.meta.validate(schema)
            except jsonschema_rs.ValidationError as err:
                line, keys = _path_line(ws.data, [*root, *err.instance_path])
                found.append((line, keys_message(err.message, keys)))
            except Exception as exc:  # e.g. an unknown $schema
                line, keys = _path_line(ws.data, root)
                found.append((line, keys_message(_first_line(exc), keys)))
    found.extend(_default_problems(ws))
    out: list[Problem] = []
    for line, text in dict.fromkeys(found):
        out.append(Problem(ws.name, line, text))
    return out[:limit]


def keys_message(message: str, keys: list[Any]) -> str:
    first = str(message).splitlines()[0][:300] if message else "invalid"
    where = "/".join(str(p) for p in keys)
    return f"{first} (at {where})" if where else first


class _SeenIds(list):
    """The validator's "already checked" lists of schema ids, with constant-time ``in``
    (a plain list makes validating a spec with 40,000 schemas quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def __contains__(self, item: object) -> bool:
        return item in self._ids

    def append(self, item: int) -> None:
        self._ids.add(item)
        super().append(item)


def _linear(validator: Any) -> Any:
    """Give openapi-spec-validator's schema checker set-backed dedupe lists (when it has them)."""
    try:
        checker = validator.keyword_validators_registry["schema"]
    except (AttributeError, KeyError):
        return validator
    for name in ("visited_schema_ids", "meta_checked_schema_ids"):
        if isinstance(getattr(checker, name, None), list):
            setattr(checker, name, _SeenIds())
    return validator


def _schema_problems(ws: Workspace, limit: int) -> list[Problem]:
    validator = _linear(_validator(ws.version)(_schema_path(ws)))
    out: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    errors = validator.iter_errors()
    defaults: dict[str, list[int]] | None = None
    while len(out) < limit:
        try:
            err = next(errors)
        except StopIteration:
            break
        except Exception as exc:  # the validator cannot go on (e.g. a dangling $ref)
            out.append(Problem(ws.name, 1, f"schema validation stopped: {_first_line(exc)}"))
            break
        path = list(getattr(err, "absolute_path", []) or [])
        line = line_at(ws.data, path)
        message = str(getattr(err, "message", err)).splitlines()[0][:300]
        if not path and hasattr(err, "instance"):  # a default value checked against its schema
            if defaults is None:
                defaults = _default_lines(ws)
            lines = defaults.get(_value_key(err.instance))
            if lines:
                line = lines.pop()
                message = f"default value {message}"
        where = "/".join(str(p) for p in path)
        text = f"{message} (at {where})" if where else message
        if (line, text) not in seen:
            seen.add((line, text))
            out.append(Problem(ws.name, line, text))
    return out


def ref_problems(ws: Workspace) -> list[Problem]:
    """Every ``$ref`` that does not resolve, or resolves in a circle of plain references."""
    out = []
    for doc, container, _ref in ws.iter_refs():
        try:
            ws.deref(container, doc)
        except SpecError as exc:
            out.append(
                Problem(
                    exc.file or doc.name, exc.line or line_of(container, "$ref") or 1, exc.message
                )
            )
    return out


def validate_spec(path: str | os.PathLike[str], *, strict: bool = True) -> list[Problem]:
    """All problems of one spec, sorted by file and line; an empty list means valid.

    Raises :class:`SpecError` when the file cannot be read or parsed at all.
    """
    return validate_workspace(load_spec(path), strict=strict)


def validate_workspace(
    ws: Workspace, *, strict: bool = True, spec: Spec | None = None
) -> list[Problem]:
    """:func:`validate_spec` of an already loaded workspace (e.g. text not yet written);
    ``spec`` is its model when the caller has built it already."""
    problems = ref_problems(ws)
    spec = spec if spec is not None else normalize(ws)
    for p in spec.problems:
        problems.append(Problem(p.source.file, p.source.line or 1, p.message))
    if strict:
        refs_broken = any("$ref" in p.message for p in problems)
        for p in schema_problems(ws):
            if _COVERED.search(p.message):
                continue
            if refs_broken and p.message.startswith("schema validation stopped"):
                continue
            problems.append(p)
    unique = {(p.file, p.line, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file, p.line, p.message))
