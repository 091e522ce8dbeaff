"""Schema names to class names: deterministic, stable, and written next to the models.

datamodel-code-generator turns a dotted schema name (``RL.TrainingSession``) into a module path
and writes broken imports, so every schema gets a plain class name before generation:

- the name is split on every character that cannot be in a Python identifier (``.``, ``-``,
  ``_``, spaces, ``/``) and the parts are joined with their first letter upper-cased:
  ``RL.TrainingSession`` is ``RLTrainingSession``, ``training_job`` is ``TrainingJob``;
- a part that the next part starts with is dropped, so ``Batch.BatchJob`` is ``BatchJob``;
- a name that would start with a digit (or is empty) gets the prefix ``Model``;
- when two schemas map to the same class name, the one whose name already is that class name
  keeps it, then the others in sorted order get ``2``, ``3``, ... appended.

The mapping depends on the schema names only, never on other schemas appearing or going away
(apart from a collision), so a new schema does not rename existing classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_PART = re.compile(r"[0-9A-Za-z]+")


def class_name(schema_name: str) -> str:
    """The class name one schema name maps to, before collisions are resolved."""
    parts = _PART.findall(schema_name)
    kept = [p for i, p in enumerate(parts) if i + 1 >= len(parts) or not parts[i + 1].startswith(p)]
    name = "".join(p[:1].upper() + p[1:] for p in kept)
    if not name or name[0].isdigit():
        name = "Model" + name
    return name


@dataclass
class NameMap:
    """Schema name -> class name, with the reason each differs."""

    classes: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, schema_name: str) -> str:
        return self.classes[schema_name]

    def schema_of(self, cls: str) -> str | None:
        """The schema name a class comes from."""
        for schema, name in self.classes.items():
            if name == cls:
                return schema
        return None

    def payload(self) -> dict[str, object]:
        """The JSON document written as ``names.json``."""
        return {
            "classes": dict(sorted(self.classes.items())),
            "notes": dict(sorted(self.notes.items())),
        }

    def rename_class(self, schema_name: str, actual: str, why: str) -> None:
        self.classes[schema_name] = actual
        self.notes[schema_name] = why


def build_name_map(schema_names: Iterable[str]) -> NameMap:
    """The class names of a spec's component schemas."""
    names = sorted(set(schema_names))
    wanted = {n: class_name(n) for n in names}
    groups: dict[str, list[str]] = {}
    for schema in names:
        groups.setdefault(wanted[schema], []).append(schema)
    out = NameMap()
    taken = set(groups)
    for cls, members in sorted(groups.items()):
        members.sort(key=lambda s: (s != cls, s))
        for i, schema in enumerate(members):
            name = cls
            if i:
                n = i + 1
                while f"{cls}{n}" in taken:
                    n += 1
                name = f"{cls}{n}"
                taken.add(name)
                out.notes[schema] = f"{cls} is taken by {members[0]!r}"
            elif name != schema:
                out.notes[schema] = "made a class name: separators dropped, parts capitalized"
            out.classes[schema] = name
    return out
