"""``--diff BASE HEAD``: what changed in the public surface of the generated models, and what of
it breaks code that uses them."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from specward.model import Source, Spec
from specward.models.generate import as_spec, render_models
from specward.models.runtime import load_module
from specward.models.surface import ClassSurface, FieldSurface, module_surface
from specward.report import Finding, Level, Report, RuleInfo, level_rank

T = TypeVar("T")

RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo("model-class-removed", "error", "A generated class is gone."),
        RuleInfo("model-class-renamed", "error", "A generated class has a new name."),
        RuleInfo("model-class-kind-changed", "error", "A class became an enum, a root model, ..."),
        RuleInfo("model-root-type-changed", "error", "A root model wraps another type."),
        RuleInfo("model-field-removed", "error", "A field is gone."),
        RuleInfo("model-field-renamed", "error", "A field has a new Python name."),
        RuleInfo("model-field-type-changed", "error", "A field has another type."),
        RuleInfo("model-field-became-required", "error", "An optional field is now required."),
        RuleInfo("model-field-added-required", "error", "A new field is required."),
        RuleInfo("model-enum-member-removed", "error", "An enum lost a member."),
        RuleInfo("model-field-alias-changed", "warning", "A field's JSON name changed."),
        RuleInfo("model-field-became-non-nullable", "warning", "A field no longer takes None."),
        RuleInfo("model-class-added", "info", "A new class."),
        RuleInfo("model-field-added", "info", "A new optional field."),
        RuleInfo("model-field-became-optional", "info", "A required field is now optional."),
        RuleInfo("model-field-became-nullable", "info", "A field now takes None."),
        RuleInfo("model-enum-member-added", "info", "An enum gained a member."),
    )
}
MIN_OVERLAP = 0.5


def match_renames(
    removed: Mapping[str, T],
    added: Mapping[str, T],
    compatible: Callable[[T, T], bool],
    raw: Callable[[T], dict[str, Any]],
) -> list[tuple[str, str, dict[str, Any]]]:
    """The one adapter to the shared matcher (``breaking`` pairs renames with the same one):
    (old, new, evidence details) for each pair."""
    from specward.compare.matcher import renamed_pairs

    return [
        (old, new, evidence.details())
        for old, new, evidence in renamed_pairs(removed, added, compatible, raw)
    ]


@dataclass
class ModelDiffResult:
    base: str
    head: str
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    commit: str | None = None  # the suggested commit line, when computed

    @property
    def breaking(self) -> bool:
        return any(f.level == "error" for f in self.findings)

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.level] += 1
        return counts

    def payload(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "base": self.base,
            "head": self.head,
            "breaking": self.breaking,
            "summary": self.summary(),
            "changes": [f.as_dict() for f in self.findings],
        }
        if self.commit is not None:
            doc["commit"] = self.commit
        return doc

    def report(self, fail_on: Level = "error") -> Report:
        notes = list(self.notes)
        if self.commit:
            notes.append(f"suggested commit: {self.commit}")
        return Report(
            tool="models",
            title=f"specward models --diff {self.base} → {self.head}",
            findings=self.findings,
            payload=self.payload(),
            rules=RULES,
            fail_on=fail_on,
            notes=notes,
        )


@dataclass
class _Side:
    spec: Spec
    classes: dict[str, ClassSurface]


def _side(spec: Spec) -> _Side:
    models = render_models(spec)
    module = load_module(models.code)
    schemas = {cls: schema for schema, cls in models.names.classes.items()}
    return _Side(spec, module_surface(module, schemas))


def diff_models(
    base: Spec | str | os.PathLike[str], head: Spec | str | os.PathLike[str]
) -> ModelDiffResult:
    """Compare the models generated from ``base`` and ``head`` (paths, ``REV:path`` or specs)."""
    old, new = _side(as_spec(base)), _side(as_spec(head))
    findings = _Differ(old, new).run()
    findings.sort(key=lambda f: (-level_rank(f.level), f.location, f.id))
    return ModelDiffResult(old.spec.name, new.spec.name, findings)


def _overlap(a: list[Any], b: list[Any]) -> float:
    sa, sb = set(map(repr, a)), set(map(repr, b))
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


class _Differ:
    def __init__(self, old: _Side, new: _Side) -> None:
        self.old, self.new = old, new
        self.findings: list[Finding] = []
        self.class_renames: dict[str, str] = {}

    def add(self, rule: str, location: str, message: str, source: Source | None, **details: Any):
        info = RULES[rule]
        self.findings.append(Finding(rule, info.level, message, location, None, source, details))

    def source(self, side: _Side, cls: ClassSurface, prop: str | None = None) -> Source | None:
        schema = side.spec.schemas.get(cls.schema or "")
        if schema is None:
            return None
        if prop is not None:
            found = schema.flattened_properties().get(prop)
            if found is not None:
                return found.source
        return schema.source

    def run(self) -> list[Finding]:
        old, new = self.old.classes, self.new.classes
        removed = {n: c for n, c in old.items() if n not in new}
        added = {n: c for n, c in new.items() if n not in old}
        for a, b, evidence in match_renames(removed, added, _classes_compatible, _class_raw):
            self.class_renames[a] = b
            self.add(
                "model-class-renamed",
                a,
                f"class {a} is now {b}",
                self.source(self.new, new[b]),
                to=b,
                schema=new[b].schema,
                evidence=evidence,
            )
        for name, cls in removed.items():
            if name not in self.class_renames:
                self.add(
                    "model-class-removed",
                    name,
                    f"class {name} was removed",
                    None,
                    schema=cls.schema,
                )
        renamed_to = set(self.class_renames.values())
        for name, cls in added.items():
            if name not in renamed_to:
                self.add(
                    "model-class-added",
                    name,
                    f"new {cls.kind} class {name}",
                    self.source(self.new, cls),
                    schema=cls.schema,
                )
        pairs = [(n, n) for n in old if n in new] + sorted(self.class_renames.items())
        for a, b in pairs:
            self.compare_class(old[a], new[b])
        return self.findings

    def translate(self, spelled: str | None) -> str | None:
        """A base type spelling with renamed classes spelled as in head."""
        if not spelled or not self.class_renames:
            return spelled
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.class_renames)) + r")\b")
        return pattern.sub(lambda m: self.class_renames[m.group(1)], spelled)

    def compare_class(self, a: ClassSurface, b: ClassSurface) -> None:
        loc = b.name
        if a.kind != b.kind:
            self.add(
                "model-class-kind-changed",
                loc,
                f"{loc} was a {a.kind}, is now a {b.kind}",
                self.source(self.new, b),
                **{"from": a.kind, "to": b.kind},
            )
            return
        if a.kind == "enum":
            self.compare_members(a, b)
        elif a.kind == "root":
            if self.translate(a.root) != b.root:
                self.add(
                    "model-root-type-changed",
                    loc,
                    f"{loc} wraps {b.root}, was {a.root}",
                    self.source(self.new, b),
                    **{"from": a.root, "to": b.root},
                )
        else:
            self.compare_fields(a, b)

    def compare_members(self, a: ClassSurface, b: ClassSurface) -> None:
        for value in a.members:
            if value not in b.members:
                self.add(
                    "model-enum-member-removed",
                    f"{b.name}.{value}",
                    f"enum {b.name} lost {value!r}",
                    self.source(self.new, b),
                    value=value,
                )
        for value in b.members:
            if value not in a.members:
                self.add(
                    "model-enum-member-added",
                    f"{b.name}.{value}",
                    f"enum {b.name} gained {value!r}",
                    self.source(self.new, b),
                    value=value,
                )

    def compare_fields(self, a: ClassSurface, b: ClassSurface) -> None:
        removed = {n: f for n, f in a.fields.items() if n not in b.fields}
        added = {n: f for n, f in b.fields.items() if n not in a.fields}

        def compatible(x: FieldSurface, y: FieldSurface) -> bool:
            return self.translate(x.type) == y.type and x.nullable == y.nullable

        found = match_renames(removed, added, compatible, _field_raw)
        renames = {old: new for old, new, _ in found}
        for old_name, new_name, evidence in found:
            f = b.fields[new_name]
            self.add(
                "model-field-renamed",
                f"{b.name}.{old_name}",
                f"field {b.name}.{old_name} is now {new_name}",
                self.source(self.new, b, f.wire),
                to=new_name,
                evidence=evidence,
            )
        for name, f in removed.items():
            if name not in renames:
                self.add(
                    "model-field-removed",
                    f"{b.name}.{name}",
                    f"field {b.name}.{name} was removed",
                    self.source(self.old, a, f.wire),
                )
        for name, f in added.items():
            if name in renames.values():
                continue
            rule = "model-field-added-required" if f.required else "model-field-added"
            kind = "required" if f.required else "optional"
            self.add(
                rule,
                f"{b.name}.{name}",
                f"new {kind} field {b.name}.{name}: {f.type}",
                self.source(self.new, b, f.wire),
                type=f.type,
            )
        pairs = [(n, n) for n in a.fields if n in b.fields] + list(renames.items())
        for old_name, new_name in pairs:
            self.compare_field(b, a.fields[old_name], b.fields[new_name])

    def compare_field(self, cls: ClassSurface, x: FieldSurface, y: FieldSurface) -> None:
        loc = f"{cls.name}.{y.name}"
        src = self.source(self.new, cls, y.wire)
        old_type = self.translate(x.type)
        if old_type != y.type:
            self.add(
                "model-field-type-changed",
                loc,
                f"{loc} is {y.type}, was {x.type}",
                src,
                **{"from": x.type, "to": y.type},
            )
        if not x.required and y.required:
            self.add("model-field-became-required", loc, f"{loc} is now required", src)
        elif x.required and not y.required:
            self.add("model-field-became-optional", loc, f"{loc} is now optional", src)
        if x.required != y.required:
            pass  # an optional field takes None: the required-ness finding says it all
        elif x.nullable and not y.nullable:
            self.add("model-field-became-non-nullable", loc, f"{loc} no longer takes None", src)
        elif y.nullable and not x.nullable:
            self.add("model-field-became-nullable", loc, f"{loc} now takes None", src)
        if x.alias != y.alias:
            self.add(
                "model-field-alias-changed",
                loc,
                f"{loc} is {y.wire!r} in JSON, was {x.wire!r}",
                src,
                **{"from": x.wire, "to": y.wire},
            )


def _field_raw(f: FieldSurface) -> dict[str, Any]:
    return {"type": f.type}


def _class_raw(c: ClassSurface) -> dict[str, Any]:
    return {"type": c.kind}


def _classes_compatible(a: ClassSurface, b: ClassSurface) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "enum":
        return _overlap(a.members, b.members) >= MIN_OVERLAP
    if a.kind == "root":
        return a.root == b.root
    return _overlap(list(a.fields), list(b.fields)) >= MIN_OVERLAP
