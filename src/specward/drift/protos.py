"""The proto oracle: field numbers decide renames.

The .proto trees (upstream now, and as of the baseline) are compiled with grpcio-tools' bundled
protoc into descriptor sets (never parsed by hand). The same message with the same field number
under a new name is a rename, whatever its description or constraints say; the renames are then
mapped onto the upstream swagger's definition and property names.
"""

from __future__ import annotations

import os
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


def _proto_files(root: Path, exclude: Sequence[str]) -> list[str]:
    skip = [Path(e).resolve() for e in exclude]
    out = []
    for path in root.rglob("*.proto"):
        real = path.resolve()
        if not any(real.is_relative_to(e) for e in skip):
            out.append(path.relative_to(root).as_posix())
    return sorted(out)


@dataclass
class ProtoSet:
    """A compiled tree: the ``FileDescriptorSet`` and the files skipped for missing imports."""

    fds: Any
    skipped: list[str]


def _run_protoc(command: list[str]) -> tuple[int, str]:
    """grpcio-tools' bundled protoc, in process; its messages (written to file descriptor 2 by
    C++) are captured rather than shown."""
    from grpc_tools import protoc

    with tempfile.TemporaryFile() as err:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(err.fileno(), 2)
        try:
            code = protoc.main(command)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        err.seek(0)
        return code, err.read().decode("utf-8", errors="replace")


def _protoc(folder: Path, includes: list[str], files: list[str]) -> tuple[Any, str]:
    """(descriptor set or None, protoc's first error line)."""
    from google.protobuf import descriptor_pb2

    with tempfile.TemporaryDirectory(prefix="specward-protos-") as tmp:
        out = os.path.join(tmp, "set.pb")
        command = [
            "protoc",
            f"-I{folder}",
            *(f"-I{p}" for p in includes),
            f"-I{_bundled_include()}",
            "--include_imports",
            f"--descriptor_set_out={out}",
            *files,
        ]
        code, errors = _run_protoc(command)
        if code != 0:
            return None, (errors.strip().splitlines() or ["protoc failed"])[0]
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(Path(out).read_bytes())
    return fds, ""


def descriptor_set(
    root: str | os.PathLike[str], proto_path: Sequence[str] = (), exclude: Sequence[str] = ()
) -> ProtoSet:
    """Every .proto under ``root`` (but ``exclude``) compiled into a ``FileDescriptorSet``.

    When some files import what neither ``proto_path`` nor protoc's bundled well-known types
    provide (``google/api/annotations.proto``), the others are still read and those are
    listed as skipped; any other protoc error is bad input.
    """

    folder = Path(root)
    if not folder.is_dir():
        raise SpecwardError(f"{root}: no such proto directory")
    files = _proto_files(folder, exclude)
    if not files:
        raise SpecwardError(f"{root}: no .proto files")
    includes = list(proto_path)
    key = (
        str(folder.resolve()),
        tuple(includes),
        tuple((f, (folder / f).stat().st_mtime_ns, (folder / f).stat().st_size) for f in files),
    )
    if key not in _CACHE:  # sync compares twice; the trees do not change in between
        _CACHE[key] = _compile(folder, includes, files, root)
    return _CACHE[key]


_CACHE: dict[tuple[Any, ...], ProtoSet] = {}


def _compile(folder: Path, includes: list[str], files: list[str], root: Any) -> ProtoSet:
    from google.protobuf import descriptor_pb2

    fds, error = _protoc(folder, includes, files)
    if fds is not None:
        return ProtoSet(fds, [])
    merged, skipped, seen = descriptor_pb2.FileDescriptorSet(), [], set()
    for name in files:
        one, why = _protoc(folder, includes, [name])
        if one is None:
            if "File not found" not in why and "not found" not in why:
                raise SpecwardError(f"{root}: protoc cannot read the protos: {why}")
            skipped.append(name)
            continue
        for file in one.file:
            if file.name not in seen:
                seen.add(file.name)
                merged.file.append(file)
    if not merged.file:
        raise SpecwardError(f"{root}: protoc cannot read the protos: {error}")
    return ProtoSet(merged, skipped)


def descriptor_sets(
    roots: Sequence[str], proto_path: Sequence[str] = (), exclude: Sequence[str] = ()
) -> ProtoSet:
    """Several proto roots read as one tree (a file seen twice counts once)."""
    from google.protobuf import descriptor_pb2

    merged, skipped, seen = descriptor_pb2.FileDescriptorSet(), [], set()
    for root in roots:
        others = [r for r in roots if r != root]
        one = descriptor_set(root, [*proto_path, *others], exclude)
        skipped += [os.path.join(root, s) for s in one.skipped]
        for file in one.fds.file:
            if file.name not in seen:
                seen.add(file.name)
                merged.file.append(file)
    return ProtoSet(merged, skipped)


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
