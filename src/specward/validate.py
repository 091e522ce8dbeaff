"""``validate``: the strict schema check (openapi-spec-validator) plus the loader's own checks."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from specward.compare.deep import run_deep
from specward.errors import SpecError
from specward.load.document import Workspace, load_spec
from specward.load.parse import line_of
from specward.load.resolver import path_handlers, short_refs
from specward.load.walk import iter_containers, nesting_depth
from specward.model.build import normalize

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


def _line_at(data: Any, path: list[Any]) -> int:
    """Line of the deepest node of ``path`` that exists in ``data``."""
    node, line = data, line_of(data) or 1
    for token in path:
        found = line_of(node, token)
        if found is not None:
            line = found
        if (isinstance(node, dict) and token in node) or (
            isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node)
        ):
            node = node[token]
        else:
            break
    return line


def _first_line(exc: BaseException) -> str:
    """``Type: first line of the message`` (a bare ``assert`` or a ``KeyError`` says little alone)."""
    lines = str(exc).strip().splitlines()
    name = type(exc).__name__
    return f"{name}: {lines[0][:200]}" if lines else name


def _value_key(value: Any) -> str:
    return type(value).__name__ + json.dumps(value, sort_keys=True, default=str)


def _default_lines(data: Any) -> dict[str, list[int]]:
    """Lines of every ``default:`` in the document, by value (the validator checks defaults
    without saying where they are)."""
    out: dict[str, list[int]] = defaultdict(list)
    for node in iter_containers(data):
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
    ``MAX_DEPTH``) gets a walk with room for that, and no more.
    """
    depth = nesting_depth(ws.data)
    if depth <= _SHALLOW:
        return _schema_problems(ws, limit)
    frames = sys.getrecursionlimit() + _FRAMES_PER_LEVEL * depth
    return run_deep(_schema_problems, ws, limit, what="the spec", frames=frames)


def _schema_problems(ws: Workspace, limit: int) -> list[Problem]:
    validator = _validator(ws.version)(_schema_path(ws))
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
        line = _line_at(ws.data, path)
        message = str(getattr(err, "message", err)).splitlines()[0][:300]
        if not path and hasattr(err, "instance"):  # a default value checked against its schema
            if defaults is None:
                defaults = _default_lines(ws.data)
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


def validate_workspace(ws: Workspace, *, strict: bool = True) -> list[Problem]:
    """:func:`validate_spec` of an already loaded workspace (e.g. text not yet written)."""
    problems = ref_problems(ws)
    spec = normalize(ws)
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
