"""Parse YAML or JSON text into plain containers that remember their line numbers.

The C parser of libyaml composes the node graph; a small converter builds ``Mapping`` and
``Sequence`` objects (``dict`` and ``list`` subclasses) that carry 1-based line numbers, so every
later finding can point at ``file:line``. Aliases are shared, not copied, and an alias bomb is
refused before anything is built.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Generator, Iterable
from typing import Any

import yaml

from specward.errors import SpecError

try:  # libyaml when available, the pure-Python parser otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from specward.load.collector import paused
from specward.load.limits import MAX_BYTES, MAX_DEPTH, MAX_NODES
from specward.load.walk import tree_depth

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Mapping", "Sequence", "line_of", "parse_text"]

_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s\[\]{},]")
"""Something that may be a YAML anchor; documents without one cannot hold an alias bomb."""


class Mapping(dict):
    """A ``dict`` that knows the line of each key and of itself."""

    __slots__ = ("line", "lines")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.lines: dict[str, int] = {}


class Sequence(list):
    """A ``list`` that knows the line of each item and of itself."""

    __slots__ = ("line", "lines")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line: int | None = None
        self.lines: list[int] = []


def line_of(container: Any, key: Any = None) -> int | None:
    """Line of ``container[key]`` (or of the container itself when ``key`` is None)."""
    if key is None:
        return getattr(container, "line", None)
    lines = getattr(container, "lines", None)
    if lines is None:
        return None
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(key, int) and 0 <= key < len(lines):
        return lines[key]
    return None


def line_at(data: Any, path: Iterable[Any]) -> int:
    """Line of the deepest node of ``path`` (keys and list indexes) that exists in ``data``.

    A list index may be given as an int or, as JSON pointer tokens are, as a decimal string.
    """
    node, line = data, line_of(data) or 1
    for token in path:
        if isinstance(node, list) and isinstance(token, str) and token.isdecimal():
            token = int(token)
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


_KEY = re.compile(r'\s*("[^"\\]*+(?:\\.[^"\\]*+)*+")\s*:\s*')
_SPACE = re.compile(r"\s*")
_SKIPPER = json.JSONDecoder(object_pairs_hook=lambda pairs: None)
"""Decodes a value only to find where it ends: each object is dropped once read, so skipping
a large one holds next to nothing."""


def json_lines_at(text: str, paths: list[list[str]]) -> list[int]:
    """For each path (JSON pointer tokens), what :func:`line_at` gives on JSON ``text`` parsed
    with its lines, found without that parse: only the containers on the way are walked, and
    every value beside them is skipped by the C decoder. Falls back to the parse when the text
    is not plain JSON."""
    try:
        return _json_lines_at(text, paths)
    except (ValueError, IndexError, AttributeError):
        data = parse_text(text, "-")
        return [line_at(data, path) for path in paths]


def _json_lines_at(text: str, paths: list[list[str]]) -> list[int]:
    root = _SPACE.match(text).end()  # type: ignore[union-attr]
    if text[root] not in "{[":
        raise ValueError("not a JSON container")
    found = [root] * len(paths)  # offset of the deepest key of each path met so far
    pending = [(root, 0, list(range(len(paths))))]  # (value offset, depth, paths through it)
    while pending:
        pos, depth, through = pending.pop()
        wanted: dict[str, list[int]] = {}
        for i in through:
            if len(paths[i]) > depth:
                wanted.setdefault(paths[i][depth], []).append(i)
        if not wanted or text[pos] not in "{[":
            continue
        for token, start, value in json_members(text, pos):
            if token in wanted:
                for i in wanted[token]:
                    found[i] = start
                pending.append((value, depth + 1, wanted.pop(token)))
                if not wanted:
                    break  # the rest of the container is not read
    return [text.count("\n", 0, offset) + 1 for offset in found]


def json_members(text: str, pos: int) -> Generator[tuple[str, int, int], int | None, int]:
    """(token, start, value offset) of each member of the JSON container whose bracket is at
    ``pos``, in text order: the token is the key of an object member (decoded) or the index of
    a list item (as text); ``start`` is where the key or the item begins. Returns the offset
    of the closing bracket.

    Each value is skipped by the C decoder only when the next member is asked for, so a caller
    that stops early never reads past what it needed; a caller that has read the value itself
    sends where it ends instead. Raises ValueError on text that is not plain JSON.
    """
    is_map, pos, index = text[pos] == "{", pos + 1, 0
    close = "}" if is_map else "]"
    pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
    while text[pos] != close:
        if is_map:
            key = _KEY.match(text, pos)
            if key is None:
                raise ValueError("not a key")
            value, raw = key.end(), key.group(1)
            token = json.loads(raw) if "\\" in raw else raw[1:-1]
            end = yield token, key.start(1), value
        else:
            value, index = pos, index + 1
            end = yield str(index - 1), pos, value
        if end is None:
            end = _SKIPPER.raw_decode(text, value)[1]
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif text[pos] != close:
            raise ValueError("no comma between members")
    return pos


def json_value_end(text: str, pos: int) -> int:
    """Where the JSON value at ``pos`` ends (read by the C decoder, nothing kept)."""
    return _SKIPPER.raw_decode(text, pos)[1]


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
_SAFE = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("true", "yes", "on")
    if tag == _INT:
        try:
            return int(value)
        except ValueError:
            return _SAFE.construct_yaml_int(node)
    if tag == _FLOAT:
        try:
            return float(value)
        except ValueError:
            return _SAFE.construct_yaml_float(node)
    return value  # timestamps, binary and custom tags stay text, as JSON would have them


def _check_size(root: yaml.Node, limit: int) -> None:
    """Refuse documents whose alias expansion is larger than ``limit`` nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            if isinstance(node, yaml.MappingNode):
                total = 1 + sum(sizes.get(id(k), 1) + sizes.get(id(v), 1) for k, v in node.value)
            else:
                total = 1 + sum(sizes.get(id(c), 1) for c in node.value)
            if total > limit:
                raise _TooLarge
            sizes[key] = total
            continue
        if key in sizes or isinstance(node, yaml.ScalarNode):
            sizes.setdefault(key, 1)
            continue
        sizes[key] = 1  # provisional: recursive anchors count once
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, False))
                stack.append((v, False))
        else:
            stack.extend((c, False) for c in node.value)


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    pass


def _too_deep(file: str, line: int | None = None) -> SpecError:
    return SpecError(
        f"document nests mappings and lists more than {MAX_DEPTH} levels deep", file, line
    )


def _convert(root: yaml.Node) -> Any:
    """Build containers from nodes, sharing aliased nodes and keeping cycles as cycles."""
    memo: dict[int, Any] = {}

    def build(node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        key = id(node)
        if key in memo:
            return memo[key]
        if depth >= MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        depth += 1
        if isinstance(node, yaml.SequenceNode):
            seq = Sequence()
            seq.line = node.start_mark.line + 1
            memo[key] = seq
            lines = seq.lines
            for child in node.value:
                seq.append(build(child, depth))
                lines.append(child.start_mark.line + 1)
            return seq
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        memo[key] = mapping
        lines = mapping.lines
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                merged = build(vnode, depth)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            mapping.setdefault(k, v)
                            lines.setdefault(k, line_of(part, k) or mapping.line)
                continue
            name = knode.value if isinstance(knode, yaml.ScalarNode) else str(build(knode, depth))
            mapping[name] = build(vnode, depth)
            lines[name] = knode.start_mark.line + 1
        return mapping

    return build(root, 0)


def _looks_like_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("{", "[")


def parse_text(text: str, file: str, *, max_nodes: int = MAX_NODES, lines: bool = True) -> Any:
    """Parse YAML or JSON ``text`` (decided by content) into line-aware containers.

    ``lines=False`` is for text whose lines nobody will ask for (a spec checked in memory):
    JSON is then decoded without the line scan, which is most of the cost of reading a large
    file, and its containers know no lines. Raises :class:`SpecError` with ``file:line`` for malformed input. The cyclic garbage
    collector is paused meanwhile: parsing only allocates (millions of nodes for a large spec),
    and each full collection would walk everything built so far, which made parsing a 30 MB
    spec of many small schemas take minutes.
    """
    with paused():
        return _parse_text(text, file, max_nodes, lines)


def _parse_text(text: str, file: str, max_nodes: int, lines: bool = True) -> Any:
    if not text.strip():
        raise SpecError("empty document", file)
    if _looks_like_json(text):
        fast = _json_with_lines(text, file, lines=lines)
        if fast is not None:
            return fast
        data = _parse_json(text, file)
        try:
            with_lines = _parse_yaml(text, file, max_nodes)
        except SpecError:
            if tree_depth(data, MAX_DEPTH) > MAX_DEPTH:
                raise _too_deep(file) from None
            return data
        # YAML 1.1 reads some JSON scalars differently (1e5); keep lines only when both agree
        return with_lines if with_lines == data else data
    return _parse_yaml(text, file, max_nodes)


def _parse_yaml(text: str, file: str, max_nodes: int) -> Any:
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = exc.problem or exc.context or "invalid YAML"
            raise SpecError(f"invalid YAML: {problem}", file, line) from None
        except yaml.YAMLError as exc:
            raise SpecError(f"invalid YAML: {str(exc).splitlines()[0]}", file) from None
        except RecursionError:
            raise SpecError("document is nested too deeply", file) from None
    finally:
        loader.dispose()
    if node is None:
        raise SpecError("empty document", file)
    try:
        if _ANCHOR.search(text):
            _check_size(node, max_nodes)
    except _TooLarge:
        raise SpecError(
            f"document expands to more than {max_nodes} nodes (YAML alias bomb?)", file
        ) from None
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit, MAX_DEPTH + 500))  # one frame per level, and room
        return _convert(node)
    except _TooDeep as exc:
        raise _too_deep(file, exc.args[0]) from None
    except RecursionError:
        raise _too_deep(file) from None
    finally:
        sys.setrecursionlimit(limit)


_TOKEN = re.compile(
    r'"[^"\\]*+(?:\\.[^"\\]*+)*+"(\s*:)?|[{\[]|-?(?:\d|Infinity)[^,\]}\s]*|true|false|null|NaN'
)
"""The tokens of JSON text that start a key (group 1 is its colon) or a value, in text order
(strings unrolled and possessive: the scan is most of the reading of a large file)."""


class _Mismatch(Exception):
    pass


def _json_with_lines(text: str, file: str, *, lines: bool = True) -> Any:
    """JSON ``text`` as line-aware containers without building a YAML node graph (which takes
    several times the memory of the result). ``json`` decodes; the lines come from a scan of
    the tokens that start each key and value, matched against the decoded values in document
    order. None when that cannot be done (invalid JSON, a duplicate key, deep nesting, any
    mismatch): the caller then takes the YAML path. ``lines=False`` skips the scan: the
    containers are then plain ``dict`` and ``list`` objects, which know no lines (building a
    ``Mapping`` calls its Python ``__init__``: more than the decode itself on a large file).
    """
    duplicate = False
    build = Mapping if lines else dict

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicate
        out = build(items)
        duplicate = duplicate or len(out) != len(items)
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    if duplicate:
        return None
    if not lines:
        if not _decoder_bounded_depth() and tree_depth(data, MAX_DEPTH) > MAX_DEPTH:
            raise _too_deep(file)
        return data
    try:
        return _with_lines(data, text, file)
    except (_Mismatch, StopIteration):
        return None


def _decoder_bounded_depth() -> bool:
    """Whether ``json`` could not have decoded a text nested deeper than ``MAX_DEPTH``.

    CPython 3.11 and older count each level the C decoder enters against the recursion limit,
    so under a limit of ``MAX_DEPTH`` or less a deeper text raises RecursionError (and is
    refused on the other path): walking the decoded tree to measure it again would cost a
    third of the reading. Newer versions bound C recursion by a limit of their own, and a
    deep walk raises the limit: there, the tree is measured.
    """
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and sys.getrecursionlimit() <= MAX_DEPTH
    )


def _with_lines(data: Any, text: str, file: str) -> Any:
    """``data`` (decoded from ``text``) with the line of every container, key and list item.

    One loop, no call per token: a 30 MB spec has millions of them. The line of a scalar value
    in a mapping is not kept, so its token is only checked, and lines are counted lazily.
    """
    scan, count = _TOKEN.finditer(text), text.count
    match = next(scan)
    if match.lastindex:
        raise _Mismatch
    pos = match.start()
    line = 1 + count("\n", 0, pos)
    if not isinstance(data, (dict, list)):
        return data if next(scan, None) is None else None
    root = data if isinstance(data, dict) else Sequence()
    root.line = line
    stack: list[tuple[Any, Any, bool]] = [
        (root, iter(data.items()) if isinstance(data, dict) else iter(data), root is data)
    ]
    containers = (dict, list)
    while stack:
        out, items, is_map = stack[-1]
        value: Any = _END
        if is_map:  # the items up to the next container (pushed), or all of them (popped)
            lines = out.lines
            for key, value in items:
                match = next(scan)
                if match.lastindex is None:
                    raise _Mismatch
                start = match.start()
                line += count("\n", pos, start)
                pos = start
                lines[key] = line
                match = next(scan)
                if match.lastindex:
                    raise _Mismatch
                if isinstance(value, containers):
                    start = match.start()
                    line += count("\n", pos, start)
                    pos = start
                    break
            else:
                value = _END
        else:
            lines = out.lines
            for value in items:
                match = next(scan)
                if match.lastindex:
                    raise _Mismatch
                start = match.start()
                line += count("\n", pos, start)
                pos = start
                lines.append(line)
                if isinstance(value, containers):
                    break
                out.append(value)
            else:
                value = _END
        if value is _END:
            stack.pop()
            continue
        if len(stack) >= MAX_DEPTH:
            raise _too_deep(file, line)
        is_dict = isinstance(value, dict)
        child = value if is_dict else Sequence()
        child.line = line
        if is_map:
            out[key] = child
        else:
            out.append(child)
        stack.append((child, iter(value.items()) if is_dict else iter(value), is_dict))
    if next(scan, None) is not None:
        return None
    return root


_END = object()


def _parse_json(text: str, file: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"invalid JSON: {exc.msg}", file, exc.lineno) from None
    except RecursionError:
        raise _too_deep(file) from None
