"""Schema-name conventions of grpc-gateway output and published specs.

grpc-gateway names a definition after its proto package and message: ``v1Foo``, ``rlv1Foo``,
``examplepbFoo``, ``together.rl.v1.Foo`` (fully qualified names) or plain ``Foo``. Published specs
often add a namespace instead (``RL.Foo``). Both reduce to the same *core* name, ``Foo``.
"""

from __future__ import annotations

import re

from specward.compare.representation import is_well_known as is_well_known  # re-exported

_LOWER_PREFIX = re.compile(r"^[a-z][a-z0-9_]*(?=[A-Z])")
_ERROR_NAMES = re.compile(r"^(google)?rpc_?status$|^runtime_?error$", re.IGNORECASE)


def core_name(name: str) -> str:
    """The message name without package prefix or namespace: ``Foo`` for ``v1Foo``, ``RL.Foo``,
    ``together.rl.v1.Foo`` and ``Foo``."""
    if "." in name:
        name = name.rsplit(".", 1)[1] or name
    match = _LOWER_PREFIX.match(name)
    if match and match.end() < len(name):
        return name[match.end() :]
    return name


def name_key(name: str) -> str:
    """Case- and separator-insensitive core name, for matching."""
    return re.sub(r"[^a-z0-9]", "", core_name(name).lower())


def is_error_name(name: str) -> bool:
    """``rpcStatus``, ``googlerpcStatus``, ``googleRpcStatus`` or ``runtimeError``."""
    return bool(_ERROR_NAMES.match(name))


def namespace_of(upstream: str, published: str) -> str | None:
    """The namespace that turns ``upstream`` into ``published`` (``"RL."`` for ``v1Foo`` ->
    ``RL.Foo``, ``""`` for ``v1Foo`` -> ``Foo``); None when the names do not follow that rule."""
    core = core_name(upstream)
    if published.endswith(core) and published != upstream:
        return published[: len(published) - len(core)]
    return None


def camel_operation_id(operation_id: str | None, tags: list[str]) -> str | None:
    """grpc-gateway's ``Service_RpcName`` (or plain ``RpcName``) as ``rpcName``."""
    if not operation_id:
        return None
    name = operation_id
    for tag in tags:
        if name.startswith(tag + "_") and len(name) > len(tag) + 1:
            name = name[len(tag) + 1 :]
            break
    else:
        head, sep, rest = name.partition("_")
        if sep and rest and head.endswith(("Service", "service", "API", "Api")):
            name = rest
    parts = [p for p in re.split(r"[_\W]+", name) if p]
    if not parts:
        return None
    first = parts[0]
    first = first[0].lower() + first[1:]
    return first + "".join(p[0].upper() + p[1:] for p in parts[1:])


_ASCII_UPPER = re.compile("[A-Z]")


def snake_case(name: str) -> str:
    """``displayTitle`` -> ``display_title`` (proto field names from lowerCamelCase JSON names)."""
    if name.isascii() and not _ASCII_UPPER.search(name):
        return name.replace("-", "_")  # nothing to split or lower (most names)
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (name[i - 1].islower() or name[i - 1].isdigit()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out).replace("-", "_")
