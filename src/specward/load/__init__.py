"""Load specs: read files (or git revisions), parse YAML/JSON with line numbers, resolve $refs."""

from specward.load.document import Document, Workspace, load_spec, load_text
from specward.load.limits import MAX_BYTES
from specward.load.parse import Mapping, Sequence, line_of, parse_text
from specward.load.pointer import escape, join_pointer, split_pointer

__all__ = [
    "MAX_BYTES",
    "Document",
    "Mapping",
    "Sequence",
    "Workspace",
    "escape",
    "join_pointer",
    "line_of",
    "load_spec",
    "load_text",
    "parse_text",
    "split_pointer",
]
