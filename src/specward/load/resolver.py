"""The one ``$ref`` resolver: every library that follows references goes through it.

The rules, the same in every command:

* only local references: any ``$ref`` with a URI scheme (``http:``, ``https:``, ``file:``, ``ftp:``,
  ``urn:``...) is refused before anything is opened, so no library ever connects out;
* a file ``$ref`` must stay inside the entry spec's folder, checked on the *real* path, so a
  symlink inside the folder that points outside is refused as well;
* for ``REV:path`` specs, sibling files are read from the same git revision (``git show``);
* a refusal names the ``$ref`` as written, never the content of what it would have reached.

Adapters for the libraries that resolve references themselves (all read through the workspace,
so its confinement and its cache apply):

* :func:`retriever` — for ``jsonschema_rs`` (``Registry(..., retriever=...)`` and the validators'
  ``retriever=``): given a URI, returns the parsed document, or raises :class:`RefRefused`.
  ``file://`` URIs of the workspace's documents (``path.as_uri()``) are served from the workspace;
  every other URI is refused without a connection. Usage::

      from specward.load.resolver import retriever
      registry = jsonschema_rs.Registry(resources, retriever=retriever(ws))

* :func:`referencing_registry` — a ``referencing.Registry`` for python-jsonschema (and so for
  openapi-schema-validator and Schemathesis), with the same retrieval rules.
* :func:`path_handlers` — ``jsonschema_path`` handlers for openapi-spec-validator's ``SchemaPath``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from specward.errors import SpecError

if TYPE_CHECKING:  # pragma: no cover
    from specward.load.document import Document, Workspace

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class RefRefused(SpecError):
    """A reference the resolver will not follow (remote, or outside the spec's folder)."""


def is_remote(ref: str) -> bool:
    """True for a reference with a URI scheme or a host (``http://x``, ``file:///x``, ``//h/x``)."""
    target = ref.partition("#")[0]
    if len(target) > 1 and target[1] == ":" and target[0].isalpha():  # C:\ on Windows
        return False
    return target.startswith("//") or bool(_SCHEME.match(target))


def inside(path: Path, root: Path) -> bool:
    """``path`` is ``root`` or below it."""
    return path == root or root in path.parents


def confine(path: Path, root: Path, *, real: bool) -> bool:
    """``path`` stays inside ``root``: by its normalized path, and (on disk) by its real path."""
    if not inside(path, root):
        return False
    if not real:
        return True
    return inside(Path(os.path.realpath(path)), Path(os.path.realpath(root)))


def uri_path(uri: str) -> Path | None:
    """The absolute path of a ``file://`` URI (None for any other scheme)."""
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path))


def fetch(ws: Workspace, uri: str) -> Any:
    """The parsed document at ``uri`` if the resolver allows it; :class:`RefRefused` otherwise."""
    path = uri_path(uri.partition("#")[0])
    if path is None:
        raise RefRefused(f"remote $ref {uri!r} refused (remote refs are not allowed)", ws.name)
    path = Path(os.path.normpath(path))
    if path not in ws.docs and not confine(path, ws.source.root, real=ws.on_disk):
        raise RefRefused(f"$ref {uri!r} leaves the spec's folder", ws.name)
    return ws.document(path).data


def short_refs(ws: Workspace, doc: Document) -> Any:
    """``doc.data``, or a copy where each ``$ref`` to another ``$ref`` points at the end of its
    chain, so a library that follows references one hop at a time (and re-follows them per use)
    does linear work on a chain of thousands. Broken references are left as written."""
    from specward.load.walk import iter_refs

    changed: dict[int, str] = {}
    for node, ref in iter_refs(doc.data):
        try:
            target = ws.resolve(ref, doc)[0]
            if not (isinstance(target, dict) and isinstance(target.get("$ref"), str)):
                continue
            _, tdoc, pointer = ws.deref(node, doc)
        except SpecError:
            continue
        where = "" if tdoc.path == doc.path else os.path.relpath(tdoc.path, doc.path.parent)
        changed[id(node)] = (
            (Path(where).as_posix() if where else "") + "#" + quote(pointer, safe="/~")
        )
    return _copy_with(doc.data, changed) if changed else doc.data


def _copy_with(data: Any, refs: dict[int, str]) -> Any:
    """A plain copy of ``data`` (no recursion; shared nodes stay shared) with ``$ref``s replaced."""
    copies: dict[int, Any] = {}

    def shell(node: Any) -> Any:
        if not isinstance(node, (dict, list)):
            return node
        found = copies.get(id(node))
        if found is None:
            found = {} if isinstance(node, dict) else []
            copies[id(node)] = found
            pending.append((node, found))
        return found

    pending: list[tuple[Any, Any]] = []
    root = shell(data)
    while pending:
        node, out = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                out[key] = shell(value)
            if id(node) in refs:
                out["$ref"] = refs[id(node)]
        else:
            out.extend(shell(v) for v in node)
    return root


def retriever(ws: Workspace) -> Callable[[str], Any]:
    """A ``jsonschema_rs`` retriever: workspace documents only, no network, no outside file."""

    def retrieve(uri: str) -> Any:
        return fetch(ws, uri)

    return retrieve


def referencing_registry(ws: Workspace) -> Any:
    """A ``referencing.Registry`` (python-jsonschema) that retrieves through the workspace."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def retrieve(uri: str) -> Any:
        return Resource.from_contents(fetch(ws, uri), default_specification=DRAFT202012)

    return Registry(retrieve=retrieve)


class _Handlers(dict):
    """``jsonschema_path`` handlers: every scheme goes to the workspace (none to urllib)."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws

    def __contains__(self, scheme: object) -> bool:
        return True

    def __getitem__(self, scheme: str) -> Callable[[str], Any]:
        return self.get(scheme)

    def get(self, scheme: str, default: Any = None) -> Callable[[str], Any]:  # type: ignore[override]
        return self.retrieve

    def retrieve(self, uri: str) -> Any:
        fetch(self.ws, uri)  # the checks
        path = Path(os.path.normpath(uri_path(uri.partition("#")[0]) or ""))
        return short_refs(self.ws, self.ws.document(path))


def path_handlers(ws: Workspace) -> dict[str, Callable[[str], Any]]:
    """Handlers for ``jsonschema_path.SchemaPath.from_dict(..., handlers=...)``."""
    return _Handlers(ws)
