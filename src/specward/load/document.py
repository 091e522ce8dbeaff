"""A loaded spec: its entry document, the documents it refers to, and $ref resolution."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from specward.errors import SpecError
from specward.load.limits import MAX_BYTES, MAX_REF_CHAIN
from specward.load.parse import json_lines_at, line_at, line_of, parse_text
from specward.load.pointer import join_pointer, split_pointer
from specward.load.resolver import RefRefused, confine, is_remote, refusal
from specward.load.source import FileSource, GitSource, open_source
from specward.load.walk import iter_containers, path_to, ref_objects

REMOTE_PREFIXES = ("http://", "https://")
"""Kept for callers; :func:`specward.load.resolver.is_remote` is the rule (any URI scheme)."""

_Derefed = tuple[Any, "Document", str]


@dataclass
class Document:
    """One parsed file."""

    path: Path  # absolute
    name: str  # as shown to users (relative path or REV:path)
    data: Any
    lined: bool = True  # False: read without lines (``Workspace.line_in`` finds one late)
    text: str | None = field(default=None, repr=False)  # held for an unlined in-memory text
    _containers: list[Any] | None = field(default=None, repr=False, compare=False)

    def containers(self) -> list[Any]:
        """Every mapping and list in the document, walked once and kept: validation reads
        them for its refs and for its defaults (the data is not edited once loaded)."""
        if self._containers is None:
            self._containers = list(iter_containers(self.data))
        return self._containers

    def refs(self) -> list[tuple[Any, str]]:
        """Every ``$ref`` object of the document: (the object, its ref string)."""
        return ref_objects(self.containers())


@dataclass
class Workspace:
    """An entry spec and every local file its $refs reach, loaded lazily and cached."""

    source: FileSource | GitSource
    entry: Document
    allow_remote: bool = False
    max_bytes: int = MAX_BYTES
    docs: dict[Path, Document] = field(default_factory=dict)
    lines: bool = True  # False: JSON documents are read without their lines (see parse_text)
    _derefs: dict[tuple[int, Path], tuple[Any, _Derefed | SpecError, int]] = field(
        default_factory=dict, repr=False
    )
    # the refusals met while resolving, once each, in order (``file:line: …``; never content)
    refused: list[str] = field(default_factory=list, repr=False)

    def line_in(self, doc: Document, container: Any, key: Any) -> int | None:
        """Line of ``container[key]`` in ``doc``. In a document read without lines it is found
        in the text (see :meth:`lines_at`): only an error or a refusal asks, so a large
        upstream that has none never pays for its lines."""
        line = line_of(container, key)
        if line is not None or doc.lined:
            return line
        path = path_to(doc.data, container)
        if path is None:
            return None
        return self.lines_at(doc, [[str(token) for token in (*path, key)]])[0]

    def lines_at(self, doc: Document, paths: list[list[str]]) -> list[int]:
        """For each path (JSON pointer tokens) into ``doc``, the line of its deepest written
        key; a document read without lines is not parsed again for that (see
        :func:`json_lines_at`)."""
        if doc.lined:
            return [line_at(doc.data, path) for path in paths]
        text = doc.text
        if text is None:
            text = _decode(self.source.read(doc.path, self.max_bytes), doc.name)
        return json_lines_at(text, paths)

    def _refusal(self, message: str, name: str, line: int | None) -> RefRefused:
        """A :class:`RefRefused` to raise, recorded in :attr:`refused`."""
        exc = RefRefused(message, name, line)
        if str(exc) not in self.refused:
            self.refused.append(str(exc))
        return exc

    @property
    def on_disk(self) -> bool:
        """Files come from the file system (so symlinks are checked on their real path)."""
        return isinstance(self.source, FileSource)

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
            doc = _read_document(self.source, path, self.max_bytes, lines=self.lines)
            self.docs[path] = doc
        return doc

    def resolve(
        self, ref: str, base: Document, at: tuple[Any, Any] | None = None
    ) -> tuple[Any, Document, str]:
        """Resolve one ``$ref`` string written in ``base``: (target, its document, its pointer).

        ``at`` is (container, key) of the ``$ref`` for error lines (looked up only on an error).
        """

        def line() -> int | None:
            return self.line_in(base, *at) if at else None

        if not isinstance(ref, str):
            raise SpecError("$ref must be a string", base.name, line())
        target_file, _, fragment = ref.partition("#")
        doc = base
        if is_remote(target_file):
            raise self._refusal(refusal(ref, allowed=self.allow_remote), base.name, line())
        if target_file:
            doc = self._target_document(ref, target_file, base, line)
        node = doc.data
        try:
            tokens = split_pointer(fragment)
        except ValueError as exc:
            raise SpecError(f"bad $ref {ref!r}: {exc}", base.name, line()) from None
        for token in tokens:
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise SpecError(f"unresolvable $ref {ref!r}", base.name, line())
        return node, doc, join_pointer("", *tokens)

    def _target_document(
        self, ref: str, target_file: str, base: Document, line: Callable[[], int | None]
    ) -> Document:
        """The document a file ``$ref`` names, confined to the spec's folder (on its real path)."""
        path = Path(os.path.normpath(base.path.parent / unquote(target_file)))
        if path not in self.docs and not confine(path, self.source.root, real=self.on_disk):
            raise self._refusal(f"$ref {ref!r} leaves the spec's folder", base.name, line())
        try:
            return self.document(path)
        except SpecError as exc:
            raise SpecError(
                f"unresolvable $ref {ref!r}: {exc.message}", base.name, line()
            ) from None

    def deref(self, node: Any, doc: Document, pointer: str = "") -> _Derefed:
        """Follow a chain of ``$ref`` objects to the first non-reference; cycles are an error.

        Every hop is remembered, so resolving each link of a long chain stays linear overall;
        a chain longer than ``MAX_REF_CHAIN`` is refused.
        """
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node, doc, pointer
        chain: list[tuple[Any, Document]] = []
        index: dict[int, int] = {}
        outcome: _Derefed | SpecError
        rest = 0  # hops below the point where a remembered result was found
        while True:
            hit = self._derefs.get((id(node), doc.path))
            if hit is not None:
                outcome, rest = hit[1], hit[2]
                break
            if id(node) in index:
                outcome = self._circular(chain, index[id(node)])
                break
            index[id(node)] = len(chain)
            chain.append((node, doc))
            if len(chain) > MAX_REF_CHAIN:
                outcome = self._too_long(node, doc)
                break
            try:
                node, doc, pointer = self.resolve(node["$ref"], doc, (node, "$ref"))
            except SpecError as exc:
                outcome = exc
                break
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                outcome = (node, doc, pointer)
                break
        for depth, (hop, hop_doc) in enumerate(reversed(chain), start=1):
            own = outcome
            if isinstance(outcome, _Circle):
                own = outcome.errors.get(id(hop), outcome.tail)
            if depth + rest > MAX_REF_CHAIN and not isinstance(own, SpecError):
                own = self._too_long(hop, hop_doc)
            self._derefs[(id(hop), hop_doc.path)] = (hop, own, depth + rest)
        found = self._derefs[(id(chain[0][0]), chain[0][1].path)][1] if chain else outcome
        if isinstance(found, SpecError):
            raise found
        return found

    def _circular(self, chain: list[tuple[Any, Document]], start: int) -> _Circle:
        """The errors of a cycle: each member at its own ``$ref``, the way in at the last one."""
        errors = {
            id(hop): SpecError(
                f"circular $ref {hop['$ref']!r}", hop_doc.name, self.line_in(hop_doc, hop, "$ref")
            )
            for hop, hop_doc in chain[start:]
        }
        return _Circle(errors, errors[id(chain[-1][0])])

    def _too_long(self, node: Any, doc: Document) -> SpecError:
        return SpecError(
            f"$ref chain longer than {MAX_REF_CHAIN} references",
            doc.name,
            self.line_in(doc, node, "$ref"),
        )

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
            for container, ref in doc.refs():
                found.append((doc, container, ref))
                target_file = ref.partition("#")[0] if isinstance(ref, str) else ""
                if target_file and not is_remote(target_file):
                    try:
                        _, tdoc, _ = self.resolve(ref.partition("#")[0], doc)
                    except SpecError:
                        continue
                    pending.append(tdoc)
        return found


class _Circle(SpecError):
    """The outcome of a walk that closed a cycle (one error per member, ``tail`` for the rest)."""

    def __init__(self, errors: dict[int, SpecError], tail: SpecError) -> None:
        super().__init__(tail.message, tail.file, tail.line)
        self.errors = errors
        self.tail = tail


def _lined(data: Any) -> bool:
    """Whether parsed ``data`` knows its lines (YAML always does; JSON read with
    ``lines=False`` does not)."""
    return not isinstance(data, (dict, list)) or line_of(data) is not None


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        raise SpecError("binary data, not a YAML or JSON spec", name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"not UTF-8 text (bad byte at offset {exc.start})", name) from None
    return text


def _read_document(
    source: FileSource | GitSource, path: Path, max_bytes: int, *, lines: bool = True
) -> Document:
    name = source.display(path)
    text = _decode(source.read(path, max_bytes), name)
    data = parse_text(text, name, lines=lines)
    return Document(path, name, data, lined=_lined(data))


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
    ref: str | os.PathLike[str],
    *,
    allow_remote: bool = False,
    max_bytes: int = MAX_BYTES,
    lines: bool = True,
) -> Workspace:
    """Load a spec from a path or ``REV:path``; raise :class:`SpecError` on any bad input.

    ``lines=False`` is for a spec no finding points into (drift's upstream): a large JSON
    document is then read in a fraction of the time (see :func:`parse_text`). Errors keep
    their lines: a bad document is read again with them, and ``$ref`` errors find theirs.
    """
    source, path = open_source(os.fspath(ref))
    entry = _read_document(source, path, max_bytes, lines=lines)
    ws = Workspace(
        source=source, entry=entry, allow_remote=allow_remote, max_bytes=max_bytes, lines=lines
    )
    ws.docs[path] = entry
    try:
        detect_version(entry.data, entry.name)
    except SpecError:
        if lines:
            raise
        return load_spec(ref, allow_remote=allow_remote, max_bytes=max_bytes)  # with its line
    return ws


def load_text(
    text: str, path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, lines: bool = True
) -> Workspace:
    """A spec from ``text`` as if it were the file at ``path`` (its references resolve beside
    ``path``); nothing is written. Raise :class:`SpecError` on any bad input. ``lines=False``:
    the entry's containers know no lines (see :func:`parse_text`)."""
    source, entry_path = open_source(os.fspath(path), git=False)
    name = source.display(entry_path)
    if len(text.encode("utf-8")) > max_bytes:
        raise SpecError(f"text is over the {max_bytes}-byte limit", name)
    data = parse_text(text, name, lines=lines)
    lined = _lined(data)
    entry = Document(entry_path, name, data, lined=lined, text=None if lined else text)
    ws = Workspace(source=source, entry=entry, max_bytes=max_bytes, lines=lines)
    ws.docs[entry_path] = entry
    detect_version(entry.data, entry.name)
    return ws
