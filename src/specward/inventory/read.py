"""Read an operation inventory: a Naftiko capability file or a plain YAML list.

Plain form (a list, or a mapping with ``operations:`` and an optional ``base:`` path)::

    base: /v1
    operations:
      - operation: GET /rl/training-sessions/{session_id}
        parameters: [session_id]          # names, or {name, in, required} mappings
        hints: {readOnly: true, idempotent: true}

Naftiko form: ``capability.consumes[].resources[].operations[]`` give method, path and
``inputParameters``; ``capability.exposes[]`` of type ``rest`` give the exposed paths and of type
``mcp`` the tools whose ``hints`` (readOnly, destructive, idempotent) are checked; a tool names its
operation with ``call: namespace.operation``. A capability page saved as text (a preamble before
the ``naftiko:`` line) is read from that line on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from specward.errors import SpecError
from specward.load.parse import line_of, parse_text

_METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")
_LOCATIONS = ("path", "query", "header", "cookie", "body")
_HINTS = ("readOnly", "destructive", "idempotent")


@dataclass(frozen=True)
class InventoryParam:
    name: str
    location: str | None  # None: any location
    required: bool | None = None


@dataclass(frozen=True)
class Hints:
    """Tool hints; None means not given."""

    read_only: bool | None = None
    destructive: bool | None = None
    idempotent: bool | None = None
    tool: str | None = None


@dataclass
class InventoryOp:
    method: str
    path: str  # full path: the inventory's base path joined with the operation's path
    name: str | None
    line: int | None
    params: list[InventoryParam] | None = None  # None: parameters not listed
    hints: Hints | None = None
    exposed: list[tuple[str, str, int | None]] = field(default_factory=list)  # (method, path, line)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class Inventory:
    file: str
    kind: str  # "naftiko" or "list"
    operations: list[InventoryOp]


def load_inventory(path: str | os.PathLike[str]) -> Inventory:
    """Read ``path``; :class:`SpecError` with ``file:line`` when it is not an inventory."""
    shown = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SpecError("no such inventory file", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read inventory: {exc}", shown) from None
    data, offset = _parse(text, shown)
    if isinstance(data, dict) and ("capability" in data or "naftiko" in data):
        return Inventory(shown, "naftiko", _Naftiko(shown, offset).read(data))
    return Inventory(shown, "list", _read_list(data, shown))


_NAFTIKO_START = re.compile(r"^naftiko:", re.MULTILINE)


def _parse(text: str, shown: str) -> tuple[Any, int]:
    """The document, and how many lines of preamble were skipped before it."""
    try:
        return parse_text(text, shown), 0
    except SpecError:
        match = _NAFTIKO_START.search(text)
        if match is None:
            raise
    offset = text.count("\n", 0, match.start())
    try:
        return parse_text(text[match.start() :], shown), offset
    except SpecError as exc:
        raise SpecError(exc.message, shown, (exc.line or 0) + offset or None) from None


def _fail(message: str, file: str, line: int | None) -> SpecError:
    return SpecError(message, file, line)


def _join(base: str, path: str) -> str:
    base = base.rstrip("/")
    return (base + "/" + path.lstrip("/")) if path else base or "/"


def _method(value: Any, file: str, line: int | None) -> str:
    method = str(value or "").upper()
    if method not in _METHODS:
        raise _fail(f"unknown HTTP method {value!r}", file, line)
    return method


def _params(value: Any, file: str, line: int | None) -> list[InventoryParam]:
    if not isinstance(value, list):
        raise _fail("parameters must be a list", file, line)
    out = []
    for index, item in enumerate(value):
        where = line_of(value, index) or line
        if isinstance(item, str):
            out.append(InventoryParam(item, None))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _fail("a parameter is a name or a mapping with 'name'", file, where)
        location = item.get("in")
        if location is not None and location not in _LOCATIONS:
            raise _fail(f"parameter {item['name']}: unknown location {location!r}", file, where)
        required = item.get("required")
        out.append(
            InventoryParam(item["name"], location, bool(required) if required is not None else None)
        )
    return out


def _hints(value: Any, tool: str | None, file: str, line: int | None) -> Hints:
    if not isinstance(value, dict):
        raise _fail("hints must be a mapping of readOnly, destructive, idempotent", file, line)
    unknown = sorted(str(k) for k in value if k not in _HINTS)
    if unknown:
        raise _fail(
            f"unknown hint(s) {', '.join(unknown)} (known: {', '.join(_HINTS)})", file, line
        )
    for key, flag in value.items():
        if not isinstance(flag, bool):
            raise _fail(f"hint {key} must be true or false", file, line_of(value, key) or line)
    return Hints(value.get("readOnly"), value.get("destructive"), value.get("idempotent"), tool)


def _read_list(data: Any, file: str) -> list[InventoryOp]:
    base = ""
    if isinstance(data, dict):
        base = data.get("base") or ""
        if not isinstance(base, str):
            raise _fail("'base' must be a path such as /v1", file, line_of(data, "base"))
        if not isinstance(data.get("operations"), list):
            raise _fail(
                "an inventory is a list of operations or has 'operations:'",
                file,
                line_of(data) or 1,
            )
        data = data["operations"]
    if not isinstance(data, list):
        raise _fail(
            "an inventory is a list of operations or has 'operations:'", file, line_of(data) or 1
        )
    return [_list_entry(entry, base, file, line_of(data, i)) for i, entry in enumerate(data)]


def _list_entry(entry: Any, base: str, file: str, line: int | None) -> InventoryOp:
    if isinstance(entry, str):
        entry = {"operation": entry}
    if not isinstance(entry, dict):
        raise _fail("an operation is 'METHOD /path' or a mapping", file, line)
    line = line_of(entry) or line
    if "operation" in entry:
        method, _, path = str(entry["operation"]).strip().partition(" ")
    else:
        method, path = entry.get("method"), entry.get("path")
    if not isinstance(path, str) or not path.strip().startswith("/"):
        raise _fail("an operation needs a path starting with /", file, line)
    params = _params(entry["parameters"], file, line) if "parameters" in entry else None
    hints = _hints(entry["hints"], entry.get("tool"), file, line) if "hints" in entry else None
    return InventoryOp(
        _method(method, file, line),
        _join(base, path.strip()),
        entry.get("name"),
        line,
        params,
        hints,
    )


class _Naftiko:
    """Reads one Naftiko capability document."""

    def __init__(self, file: str, offset: int) -> None:
        self.file = file
        self.offset = offset
        self._ops: dict[str, InventoryOp] = {}

    def line(self, container: Any, key: Any = None) -> int | None:
        line = line_of(container, key)
        return line + self.offset if line else None

    def read(self, data: dict[str, Any]) -> list[InventoryOp]:
        capability = data.get("capability")
        if not isinstance(capability, dict) or not isinstance(capability.get("consumes"), list):
            raise _fail(
                "a Naftiko capability needs capability.consumes", self.file, self.line(data) or 1
            )
        ops = self._ops
        for consumer in capability["consumes"]:
            if isinstance(consumer, dict):
                self.consumer(consumer, ops)
        for exposer in capability.get("exposes") or []:
            if isinstance(exposer, dict):
                self.exposer(exposer, ops)
        return list(ops.values())

    def consumer(self, consumer: dict[str, Any], ops: dict[str, InventoryOp]) -> None:
        namespace = str(consumer.get("namespace") or "")
        base = urlsplit(str(consumer.get("baseUri") or "")).path
        for resource in consumer.get("resources") or []:
            if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
                raise _fail("a consumed resource needs a path", self.file, self.line(resource))
            for op in resource.get("operations") or []:
                line = self.line(op)
                if not isinstance(op, dict):
                    raise _fail("an operation must be a mapping", self.file, line)
                params = _params(op.get("inputParameters") or [], self.file, line)
                name = str(op.get("name") or "")
                ops[f"{namespace}.{name}"] = InventoryOp(
                    _method(op.get("method"), self.file, line),
                    _join(base, resource["path"]),
                    name or None,
                    line,
                    params,
                )

    def exposer(self, exposer: dict[str, Any], ops: dict[str, InventoryOp]) -> None:
        for tool in exposer.get("tools") or []:
            if isinstance(tool, dict) and "hints" in tool:
                target = self.target(tool)
                target.hints = _hints(tool["hints"], tool.get("name"), self.file, self.line(tool))
        for resource in exposer.get("resources") or []:
            if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
                continue
            for op in resource.get("operations") or []:
                if isinstance(op, dict) and op.get("call"):
                    target = self.target(op)
                    method = _method(op.get("method"), self.file, self.line(op))
                    target.exposed.append((method, resource["path"], self.line(op)))

    def target(self, item: dict[str, Any]) -> InventoryOp:
        call = str(item.get("call") or "")
        if call not in self._ops:
            raise _fail(f"call {call!r} names no consumed operation", self.file, self.line(item))
        return self._ops[call]
