"""The proto oracle: field numbers decide renames.

The .proto trees (upstream now, and as of the baseline) are compiled with grpcio-tools' bundled
protoc into descriptor sets (never parsed by hand). The same message with the same field number
under a new name is a rename, whatever its description or constraints say; the renames are then
mapped onto the upstream swagger's definition and property names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specward.errors import SpecwardError


@dataclass(frozen=True)
class FieldRename:
    """Field ``number`` of ``message`` (full name) was ``old`` and is ``new`` now."""

    message: str
    number: int
    old: str
    old_json: str
    new: str
    new_json: str


def _bundled_include() -> str:
    import grpc_tools

    return os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")


def _proto_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.proto"))


def descriptor_set(root: str | os.PathLike[str], proto_path: Sequence[str] = ()) -> Any:
    """Every .proto under ``root`` compiled into a ``FileDescriptorSet`` (imports included)."""
    from google.protobuf import descriptor_pb2

    folder = Path(root)
    if not folder.is_dir():
        raise SpecwardError(f"{root}: no such proto directory")
    files = _proto_files(folder)
    if not files:
        raise SpecwardError(f"{root}: no .proto files")
    with tempfile.TemporaryDirectory(prefix="specward-protos-") as tmp:
        out = os.path.join(tmp, "set.pb")
        args = [f"-I{folder}", *(f"-I{p}" for p in proto_path), f"-I{_bundled_include()}"]
        command = [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            *args,
            "--include_imports",
            f"--descriptor_set_out={out}",
            *files,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["protoc failed"])[0]
            raise SpecwardError(f"{root}: protoc cannot read the protos: {first}")
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(Path(out).read_bytes())
    return fds


def _messages(fds: Any) -> Iterator[tuple[str, str, Any]]:
    """(package, nested name ``Outer.Inner``, DescriptorProto) of every message."""

    def walk(prefix: str, messages: Any, package: str) -> Iterator[tuple[str, str, Any]]:
        for message in messages:
            name = f"{prefix}{message.name}"
            yield package, name, message
            yield from walk(name + ".", message.nested_type, package)

    for file in fds.file:
        yield from walk("", file.message_type, file.package)


def _fields(fds: Any) -> dict[str, dict[int, tuple[str, str]]]:
    """Message full name -> field number -> (proto name, JSON name)."""
    out: dict[str, dict[int, tuple[str, str]]] = {}
    for package, name, message in _messages(fds):
        full = f"{package}.{name}" if package else name
        out[full] = {f.number: (f.name, f.json_name or f.name) for f in message.field}
    return out


def field_renames(baseline: Any, upstream: Any) -> list[FieldRename]:
    """Fields whose number stayed and whose name changed, per message present on both sides."""
    before, after = _fields(baseline), _fields(upstream)
    out = []
    for message in sorted(before.keys() & after.keys()):
        for number in sorted(before[message].keys() & after[message].keys()):
            (old, old_json), (new, new_json) = before[message][number], after[message][number]
            if old != new:
                out.append(FieldRename(message, number, old, old_json, new, new_json))
    return out


def definition_names(message: str) -> list[str]:
    """The names grpc-gateway gives a message's definition, by naming strategy: legacy
    (``v1CreateJobRequest``), fully qualified and simple."""
    package, _, _ = message.rpartition(".")
    parts = message.split(".")
    pkg_parts = package.split(".") if package else []
    nested = parts[len(pkg_parts) :]
    legacy = (pkg_parts[-1] if pkg_parts else "") + "".join(nested)
    return [legacy, message, ".".join(nested), "".join(nested)]


def renames_by_definition(
    renames: list[FieldRename], definitions: Sequence[str], properties: dict[str, set[str]]
) -> dict[str, dict[str, tuple[str, int]]]:
    """Upstream definition -> {new property name: (old property name, field number)}.

    A definition is the message's name under any grpc-gateway naming strategy; property names
    are the proto names or the JSON names, whichever the upstream swagger uses.
    """
    known = set(definitions)
    out: dict[str, dict[str, tuple[str, int]]] = {}
    for r in renames:
        name = next((n for n in definition_names(r.message) if n in known), None)
        if name is None:
            continue
        props = properties.get(name, set())
        if r.new in props:
            out.setdefault(name, {})[r.new] = (r.old, r.number)
        elif r.new_json in props:
            out.setdefault(name, {})[r.new_json] = (r.old_json, r.number)
    return out
