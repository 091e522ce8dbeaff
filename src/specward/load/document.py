"""A loaded spec: its entry document, the documents it refers to, and $ref resolution."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward.errors import SpecError
from specward.load.parse import MAX_BYTES, line_of, parse_text
from specward.load.pointer import join_pointer, split_pointer
from specward.load.source import FileSource, GitSource, open_source
from specward.load.walk import iter_refs

REMOTE_PREFIXES = ("http://", "https://")


@dataclass
class Document:
    """One parsed file."""

    path: Path  # absolute
    name: str  # as shown to users (relative path or REV:path)
    data: Any


@dataclass
class Workspace:
    """An entry spec and every local file its $refs reach, loaded lazily and cached."""

    source: FileSource | GitSource
    entry: Document
    allow_remote: bool = False
    max_bytes: int = MAX_BYTES
    docs: dict[Path, Document] = field(default_factory=dict)

    @property
    def data(self) -> Any:
        """The entry document's content."""
        return self.entry.data

    @property
    def name(self) -> str:
        """The entry document's display name."""
        return self.entry.name

    @property
    def version(self) -> str:
        """``"2.0"``, ``"3.0"`` or ``"3.1"``."""
        return detect_version(self.entry.data, self.entry.name)

    def document(self, path: Path) -> Document:
        """Load (once) the document at absolute ``path``."""
        doc = self.docs.get(path)
        if doc is None:
            doc = _read_document(self.source, path, self.max_bytes)
            self.docs[path] = doc
        return doc

    def resolve(
        self, ref: str, base: Document, at: tuple[Any, Any] | None = None
    ) -> tuple[Any, Document, str]:
        """Resolve one ``$ref`` string written in ``base``: (target, its document, its pointer).

        ``at`` is (container, key) of the ``$ref`` for error lines.
        """
        line = line_of(*at) if at else None
        if not isinstance(ref, str):
            raise SpecError("$ref must be a string", base.name, line)
        target_file, _, fragment = ref.partition("#")
        if target_file.startswith(REMOTE_PREFIXES):
            if not self.allow_remote:
                raise SpecError(
                    f"remote $ref {ref!r} refused (remote refs are not allowed)", base.name, line
                )
            raise SpecError(f"remote $ref {ref!r} is not supported", base.name, line)
        doc = base
        if target_file:
            path = Path(os.path.normpath(base.path.parent / target_file))
            root = self.source.root
            if not (path == root or root in path.parents):
                raise SpecError(f"$ref {ref!r} leaves the spec's folder", base.name, line)
            try:
                doc = self.document(path)
            except SpecError as exc:
                raise SpecError(
                    f"unresolvable $ref {ref!r}: {exc.message}", base.name, line
                ) from None
        node = doc.data
        try:
            tokens = split_pointer(fragment)
        except ValueError as exc:
            raise SpecError(f"bad $ref {ref!r}: {exc}", base.name, line) from None
        for token in tokens:
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise SpecError(f"unresolvable $ref {ref!r}", base.name, line)
        return node, doc, join_pointer("", *tokens)

    def deref(self, node: Any, doc: Document, pointer: str = "") -> tuple[Any, Document, str]:
        """Follow a chain of ``$ref`` objects to the first non-reference; cycles are an error."""
        seen: set[tuple[Path, str]] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target, tdoc, tptr = self.resolve(node["$ref"], doc, (node, "$ref"))
            mark = (tdoc.path, tptr)
            if mark in seen:
                raise SpecError(f"circular $ref {node['$ref']!r}", doc.name, line_of(node, "$ref"))
            seen.add(mark)
            node, doc, pointer = target, tdoc, tptr
        return node, doc, pointer

    def iter_refs(self) -> list[tuple[Document, Any, str]]:
        """Every ``$ref`` in every reachable local document: (document, container, ref)."""
        found: list[tuple[Document, Any, str]] = []
        pending = [self.entry]
        visited: set[Path] = set()
        while pending:
            doc = pending.pop()
            if doc.path in visited:
                continue
            visited.add(doc.path)
            for container, ref in iter_refs(doc.data):
                found.append((doc, container, ref))
                target_file = ref.partition("#")[0] if isinstance(ref, str) else ""
                if target_file and not target_file.startswith(REMOTE_PREFIXES):
                    try:
                        _, tdoc, _ = self.resolve(ref.partition("#")[0], doc)
                    except SpecError:
                        continue
                    pending.append(tdoc)
        return found


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        raise SpecError("binary data, not a YAML or JSON spec", name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"not UTF-8 text (bad byte at offset {exc.start})", name) from None
    return text


def _read_document(source: FileSource | GitSource, path: Path, max_bytes: int) -> Document:
    name = source.display(path)
    text = _decode(source.read(path, max_bytes), name)
    return Document(path=path, name=name, data=parse_text(text, name))


def detect_version(data: Any, name: str) -> str:
    """The spec version family of a parsed root: ``"2.0"``, ``"3.0"`` or ``"3.1"``."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} scalar"
        raise SpecError(f"the document root is {kind}, not a mapping", name, line_of(data))
    if "swagger" in data:
        if str(data["swagger"]).strip() != "2.0":
            raise SpecError(
                f"unsupported swagger version {data['swagger']!r} (2.0 expected)",
                name,
                line_of(data, "swagger"),
            )
        return "2.0"
    if "openapi" in data:
        value = str(data["openapi"]).strip()
        for family in ("3.0", "3.1"):
            if value == family or value.startswith(family + "."):
                return family
        raise SpecError(
            f"unsupported openapi version {data['openapi']!r} (3.0 or 3.1 expected)",
            name,
            line_of(data, "openapi"),
        )
    raise SpecError(
        "not an OpenAPI or Swagger document (no 'openapi' or 'swagger' field)",
        name,
        line_of(data) or 1,
    )


def load_spec(
    ref: str | os.PathLike[str], *, allow_remote: bool = False, max_bytes: int = MAX_BYTES
) -> Workspace:
    """Load a spec from a path or ``REV:path``; raise :class:`SpecError` on any bad input."""
    source, path = open_source(os.fspath(ref))
    entry = _read_document(source, path, max_bytes)
    ws = Workspace(source=source, entry=entry, allow_remote=allow_remote, max_bytes=max_bytes)
    ws.docs[path] = entry
    detect_version(entry.data, entry.name)
    return ws
