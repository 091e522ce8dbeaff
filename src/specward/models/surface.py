"""The public surface of generated models: classes, fields, field types, enum members,
required-ness and aliases, read from the imported module."""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass, field
from typing import Any

NONE = "None"


@dataclass
class FieldSurface:
    name: str  # the Python attribute
    alias: str | None  # the JSON name when it differs
    type: str  # the annotation without None
    nullable: bool
    required: bool

    @property
    def wire(self) -> str:
        return self.alias or self.name


@dataclass
class ClassSurface:
    name: str
    kind: str  # model, root, enum
    schema: str | None  # the spec's schema name
    fields: dict[str, FieldSurface] = field(default_factory=dict)
    members: list[Any] = field(default_factory=list)  # enum values
    root: str | None = None  # RootModel type


def type_name(annotation: Any) -> str:
    """A stable, readable spelling of a type: ``list[RLInputChunk] | str``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is type(None):
        return NONE
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(a) for a in args)
    if origin is typing.Literal:
        return "Literal[" + ", ".join(repr(a) for a in args) + "]"
    if origin is not None:
        base = getattr(origin, "__name__", None) or str(origin).replace("typing.", "")
        return f"{base}[{', '.join(type_name(a) for a in args)}]" if args else base
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _split_none(annotation: Any) -> tuple[str, bool]:
    """The spelling without ``None``, and whether ``None`` was part of it."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in typing.get_args(annotation)]
    else:
        parts = [type_name(annotation)]
    kept = [p for p in parts if p != NONE]
    return " | ".join(kept) or NONE, len(kept) != len(parts)


def module_surface(module: types.ModuleType, schemas: dict[str, str]) -> dict[str, ClassSurface]:
    """Every class defined in ``module``; ``schemas`` maps class names to schema names."""
    from pydantic import BaseModel, RootModel

    out: dict[str, ClassSurface] = {}
    for name, obj in vars(module).items():
        if not isinstance(obj, type) or obj.__module__ != module.__name__:
            continue
        schema = schemas.get(name)
        if issubclass(obj, enum.Enum):
            members = [m.value for m in obj]
            out[name] = ClassSurface(name, "enum", schema, members=members)
        elif issubclass(obj, RootModel):
            root = obj.model_fields.get("root")
            spelled = type_name(root.annotation) if root else NONE
            out[name] = ClassSurface(name, "root", schema, root=spelled)
        elif issubclass(obj, BaseModel):
            fields = {}
            for fname, info in obj.model_fields.items():
                spelled, nullable = _split_none(info.annotation)
                alias = info.alias if info.alias and info.alias != fname else None
                fields[fname] = FieldSurface(fname, alias, spelled, nullable, info.is_required())
            out[name] = ClassSurface(name, "model", schema, fields=fields)
    return dict(sorted(out.items()))
