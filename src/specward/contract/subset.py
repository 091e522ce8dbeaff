"""The part of a spec a filtered contract run tests: the selected operations and the components
they reach.

``--include-operation`` and ``--include-path`` pick a few operations; Schemathesis and the mock
need nothing else. Handing them the whole document costs time and memory in proportion to the
spec (a 31 MB spec of 44,000 schemas), so the run gets a smaller entry document instead: the
selected path items, and of the component sections only the entries their ``$ref``s reach,
transitively. Nodes are shared with the loaded document, not copied, so every line number stays
the file's own; the rest of the parse is released once the full spec is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from specward.load.document import Document, Workspace
from specward.load.parse import Mapping
from specward.load.pointer import split_pointer
from specward.load.walk import iter_refs
from specward.model import Operation, Spec
from specward.model.build import normalize

_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
# Sections of reusable entries, as pointers from the document root.
_SECTIONS = (
    ("components", "schemas"),
    ("components", "responses"),
    ("components", "parameters"),
    ("components", "requestBodies"),
    ("components", "headers"),
    ("components", "examples"),
    ("components", "links"),
    ("components", "callbacks"),
    ("components", "pathItems"),
    ("definitions",),
    ("parameters",),
    ("responses",),
)


def selector(
    include_operation: str | None, include_path: str | None
) -> Callable[[Operation], bool]:
    """Whether an operation is selected by the two filters (both must match when given)."""

    def wanted(op: Operation) -> bool:
        return (
            include_operation is None or re.search(include_operation, op.label) is not None
        ) and (include_path is None or re.search(include_path, op.path) is not None)

    return wanted


def subset(spec: Spec, wanted: Callable[[Operation], bool]) -> Spec:
    """``spec`` reduced to the operations ``wanted`` selects; ``spec`` itself when it selects
    none or all of them, or when the entry document refers to other files (whose references
    back into it cannot be followed from here)."""
    chosen = [op for op in spec.operations.values() if wanted(op)]
    if not chosen or len(chosen) == len(spec.operations):
        return spec
    data = spec.ws.entry.data
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        return spec
    if any(not ref.startswith("#") for _, ref in iter_refs(data)):
        return spec
    reduced = _copy(data)
    reduced["paths"] = _paths(data["paths"], {_path_and_method(op) for op in chosen})
    kept = _reachable(data, reduced)
    for section in _SECTIONS:
        _prune(data, reduced, section, kept)
    entry = spec.ws.entry
    ws = Workspace(
        source=spec.ws.source,
        entry=Document(path=entry.path, name=entry.name, data=reduced),
        allow_remote=spec.ws.allow_remote,
        max_bytes=spec.ws.max_bytes,
    )
    ws.docs[entry.path] = ws.entry
    return normalize(ws)


def _copy(node: dict[str, Any]) -> Mapping:
    """A shallow copy that keeps the line numbers of the keys."""
    out = Mapping(node)
    out.line = getattr(node, "line", None)
    out.lines = dict(getattr(node, "lines", None) or {})
    return out


def _paths(paths: dict[str, Any], chosen: set[tuple[str, str]]) -> Mapping:
    out = _copy(paths)
    for path in list(out):
        item = paths[path]
        methods = {m for p, m in chosen if p == path}
        if not methods or not isinstance(item, dict):
            del out[path]
            continue
        kept = _copy(item)
        for key in list(kept):
            if key in _METHODS and key not in methods:
                del kept[key]
        out[path] = kept
    return out


def _path_and_method(op: Operation) -> tuple[str, str]:
    """The ``paths`` key and method of an operation, from where it is written."""
    tokens = split_pointer(op.pointer)
    return tokens[1], tokens[2]


def _reachable(data: Any, reduced: dict[str, Any]) -> set[tuple[str, ...]]:
    """The section entries (``("components", "schemas", "X")``) reachable from the kept paths
    and from everything outside the sections (security schemes, webhooks, …)."""
    top = {s[0] for s in _SECTIONS}
    roots = [v for k, v in reduced.items() if k not in top]
    components = data.get("components")
    if isinstance(components, dict):
        inner = {s[1] for s in _SECTIONS if len(s) == 2}
        roots += [v for k, v in components.items() if k not in inner]
    kept: set[tuple[str, ...]] = set()
    seen: set[int] = set()
    pending = list(roots)
    while pending:
        for _, ref in iter_refs(pending.pop(), seen):
            key = _entry(ref)
            if key is None or key in kept:
                continue
            kept.add(key)
            node = _lookup(data, key)
            if node is not None:
                pending.append(node)
    return kept


def _entry(ref: str) -> tuple[str, ...] | None:
    """The section entry a local ``$ref`` points into (None for anything else)."""
    try:
        tokens = tuple(split_pointer(ref[1:]))
    except ValueError:
        return None
    for section in _SECTIONS:
        n = len(section)
        if tokens[:n] == section and len(tokens) > n:
            return tokens[: n + 1]
    return None


def _lookup(data: Any, tokens: tuple[str, ...]) -> Any:
    node = data
    for token in tokens:
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node


def _prune(
    data: Any, reduced: dict[str, Any], section: tuple[str, ...], kept: set[tuple[str, ...]]
) -> None:
    """Keep only the reached entries of one section (copying the containers on the way)."""
    source = _lookup(data, section)
    if not isinstance(source, dict):
        return
    parent = reduced
    for token in section[:-1]:
        parent[token] = _copy(parent[token])
        parent = parent[token]
    entries = _copy(source)
    for name in list(entries):
        if (*section, name) not in kept:
            del entries[name]
    parent[section[-1]] = entries
