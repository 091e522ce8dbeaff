"""Lines for sources in files read without lines: found by pointer once something is reported.

A large JSON spec is read without the scan that gives every node its line (most of the cost of
reading it); a reported change still says ``file:line``. Its :class:`Source` keeps the node's
pointer, and the lines of all of them are found in one walk of each file's text, which reads
only the containers on the way to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from specward.load.document import Document, Workspace
from specward.load.pointer import split_pointer
from specward.model.schema import Source
from specward.model.spec import Spec


def place(sources: Sequence[Source | None], specs: Sequence[Spec]) -> list[Source | None]:
    """``sources`` with their lines: each one written in a document of ``specs`` that was read
    without lines gets the line of the deepest written key of its pointer."""
    out = list(sources)
    wanted: dict[str, list[tuple[int, list[str]]]] = {}  # file -> (index, pointer tokens)
    for i, source in enumerate(out):
        if source is not None and source.line is None and source.pointer is not None:
            wanted.setdefault(source.file, []).append((i, split_pointer(source.pointer)))
    for file, places in wanted.items():
        found = _unlined(specs, file)
        if found is None:
            continue
        ws, doc = found
        lines = ws.lines_at(doc, [path for _, path in places])
        for (i, _), line in zip(places, lines, strict=True):
            out[i] = Source(file, line)
    return out


def _unlined(specs: Sequence[Spec], file: str) -> tuple[Workspace, Document] | None:
    """The document shown as ``file`` that was read without lines, and its workspace."""
    for spec in specs:
        for doc in (spec.ws.entry, *spec.ws.docs.values()):
            if doc.name == file and not doc.lined:
                return spec.ws, doc
    return None
