"""Round-trip editing of a published spec: YAML through ruamel.yaml (comments, key order,
quoting and indentation survive), JSON with its own indentation."""

from __future__ import annotations

import io
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from specward.errors import SpecError
from specward.load.pointer import split_pointer
from specward.sync.json_splice import splice

_KEY_LINE = re.compile(r"^( *)[^\s#-][^:]*:\s*(#.*)?$")
_DASH_LINE = re.compile(r"^( *)-( +)\S")


def _yaml_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation as written in ``text``."""
    mapping_votes: dict[int, int] = {}
    seq_votes: dict[tuple[int, int], int] = {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for here, nxt in itertools.pairwise(lines):
        key = _KEY_LINE.match(here)
        if not key:
            continue
        base = len(key.group(1))
        dash = _DASH_LINE.match(nxt)
        if dash:
            offset = len(dash.group(1)) - base
            shape = (offset + 1 + len(dash.group(2)), offset)
            seq_votes[shape] = seq_votes.get(shape, 0) + 1
        else:
            step = len(nxt) - len(nxt.lstrip(" ")) - base
            if step > 0:
                mapping_votes[step] = mapping_votes.get(step, 0) + 1
    mapping = max(mapping_votes, key=lambda k: (mapping_votes[k], -k)) if mapping_votes else 2
    sequence, offset = (
        max(seq_votes, key=lambda k: (seq_votes[k], k)) if seq_votes else (mapping, 0)
    )
    return mapping, max(sequence, offset + 2), offset


# Plain scalars that YAML 1.1 readers (PyYAML, many tools) take for booleans: always quoted.
_YAML11_BOOLS = frozenset({"y", "yes", "n", "no", "on", "off"})


class _Representer(RoundTripRepresenter):
    """Round-trip representer that quotes new strings a YAML 1.1 reader would misread."""

    def represent_str(self, data: str) -> Any:
        if data.lower() in _YAML11_BOOLS:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never re-wrap, however long a line is
    mapping, sequence, offset = _yaml_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    first = next(
        (ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), ""
    )
    yaml.explicit_start = first.rstrip() == "---"  # keep a leading document marker
    return yaml


@dataclass
class EditableDocument:
    """A published spec loaded for editing."""

    text: str
    data: Any
    kind: str  # "yaml" or "json"
    name: str
    json_indent: int | None = 2
    original: Any = None  # ``text`` decoded and never edited, when the caller already has it

    def dump(self) -> str:
        if self.kind == "json":
            return self._dump_json()
        buf = io.StringIO()
        _yaml(self.text).dump(self.data, buf)
        return buf.getvalue()

    def _dump_json(self) -> str:
        """The text with only the changed values written anew (see :mod:`json_splice`), or
        written whole, with the detected indent, when the splice cannot be done."""
        try:
            original = json.loads(self.text) if self.original is None else self.original
            return splice(self.text, original, self.data, self.json_indent)
        except (ValueError, RecursionError):
            pass
        out = _json_text(self.data, self.json_indent)
        return out + ("\n" if self.text.endswith("\n") else "")


def _json_text(data: Any, indent: int | None) -> str:
    """``json.dumps(data, indent=indent, ensure_ascii=False)``.

    With an indent, ``json`` encodes in Python and joins a list of every chunk (several times
    the text for a large spec, and past 1 GiB for a 30 MB one): the chunks are joined in
    batches instead.
    """
    if indent is None:
        return json.dumps(data, ensure_ascii=False)
    chunks = json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(data)
    parts = []
    while batch := list(itertools.islice(chunks, 100_000)):
        parts.append("".join(batch))
    return "".join(parts)


def _json_indent(text: str) -> int | None:
    """The indentation of a JSON text: that of its first indented line (None for tabs)."""
    head = text[:65_536]  # the answer is nearly always in the first lines: split only those
    lines = head.splitlines()
    complete = len(head) == len(text)
    found = _first_indent(lines[1:] if complete else lines[1:-1])
    if found is not None:
        return found or None
    if not complete:
        found = _first_indent(text.splitlines()[1:])
        if found is not None:
            return found or None
    return 2 if "\n" in text.strip() else None


def _first_indent(lines: list[str]) -> int | None:
    """The indent of the first indented line, 0 when it is a tab, None when there is none."""
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped and len(stripped) != len(line):
            return len(line) - len(stripped)
        if stripped and line.startswith("\t"):
            return 0
    return None


def load_editable(text: str, name: str, *, decoded: Any = None) -> EditableDocument:
    """Parse ``text`` for round-trip editing (JSON when it starts with ``{``).

    ``decoded`` is ``text`` already decoded by the caller (the published model's own tree,
    which the edit does not touch): a JSON document is compared against it when it is written
    back, instead of being decoded a third time.
    """
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise SpecError(f"invalid JSON: {exc}", name) from None
        return EditableDocument(text, data, "json", name, _json_indent(text), decoded)
    try:
        data = _yaml(text).load(text)
    except Exception as exc:  # ruamel raises many error types
        raise SpecError(
            f"cannot parse YAML for editing: {str(exc).splitlines()[0]}", name
        ) from None
    if not isinstance(data, dict):
        raise SpecError("the document root is not a mapping", name)
    return EditableDocument(text, data, "yaml", name)


# -- tree helpers that work on CommentedMap and plain dict alike ------------------------------
def new_map(doc: EditableDocument) -> Any:
    return CommentedMap() if doc.kind == "yaml" else {}


def new_seq(doc: EditableDocument, items: list[Any] | None = None) -> Any:
    return CommentedSeq(items or []) if doc.kind == "yaml" else list(items or [])


def get_path(root: Any, pointer: str) -> Any:
    """The node at ``pointer``; KeyError when it does not exist."""
    node = root
    for token in split_pointer(pointer):
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise KeyError(pointer)
    return node


def _slot(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _last_leaf(node: Any) -> tuple[Any, Any] | None:
    """(container, key) of the last scalar entry in ``node``: where trailing comments live."""
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        child = node[key]
        if isinstance(child, (CommentedMap, CommentedSeq)) and len(child):
            node = child
            continue
        return node, key
    return None


def _entry_end(container: Any, key: Any) -> tuple[Any, Any] | None:
    """Where the comments that follow ``container[key]`` are attached."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        return _last_leaf(value)
    return container, key


def _take_lines(where: tuple[Any, Any] | None) -> str | None:
    """Detach the full-line comments that follow an entry (its end-of-line comment stays)."""
    if where is None or not hasattr(where[0], "ca"):
        return None
    container, key = where
    entry = container.ca.items.get(key)
    token = entry[_slot(container)] if entry and len(entry) > _slot(container) else None
    if token is None:
        return None
    eol, _, lines = token.value.partition("\n")
    if not lines.strip():
        return None
    token.value = eol + "\n"
    if not eol.strip():
        entry[_slot(container)] = None
    return lines


def _put_lines(where: tuple[Any, Any] | None, lines: str | None) -> None:
    if not lines or where is None or not hasattr(where[0], "ca"):
        return
    container, key = where
    slot = _slot(container)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    if token is None:
        entry[slot] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = token.value + ("" if token.value.endswith("\n") else "\n") + lines


def remove_entry(container: Any, key: Any) -> None:
    """Delete a key (or index); full-line comments that followed it move to what precedes it."""
    lines = _take_lines(_entry_end(container, key)) if hasattr(container, "ca") else None
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    position = keys.index(key)
    del container[key]
    if lines and position > 0:
        previous = list(container)[position - 1] if isinstance(container, dict) else position - 1
        _put_lines(_entry_end(container, previous), lines)


def insert_item(sequence: Any, position: int, value: Any) -> None:
    """Insert into a list; comments that followed the previous item stay below the new one."""
    position = max(0, min(position, len(sequence)))
    lines = (
        _take_lines(_entry_end(sequence, position - 1))
        if position > 0 and hasattr(sequence, "ca")
        else None
    )
    sequence.insert(position, value)
    _put_lines(_entry_end(sequence, position), lines)


def insert_key(mapping: Any, position: int, key: str, value: Any) -> None:
    """Insert ``key`` at ``position`` (clamped) in a CommentedMap or dict.

    Full-line comments that followed the previous entry (a heading for what comes next) stay
    below the new entry.
    """
    position = max(0, min(position, len(mapping)))
    if isinstance(mapping, CommentedMap):
        lines = (
            _take_lines(_entry_end(mapping, list(mapping)[position - 1])) if position > 0 else None
        )
        mapping.insert(position, key, value)
        _put_lines(_entry_end(mapping, key), lines)
        return
    items = list(mapping.items())
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def rename_key(mapping: Any, old: str, new: str) -> None:
    """Rename in place, keeping the position and any comment attached to the key."""
    position = list(mapping).index(old)
    comment = mapping.ca.items.pop(old, None) if isinstance(mapping, CommentedMap) else None
    value = mapping.pop(old)
    if isinstance(mapping, CommentedMap):  # a heading comment above the key stays above it
        mapping.insert(position, new, value)
    else:
        insert_key(mapping, position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment
