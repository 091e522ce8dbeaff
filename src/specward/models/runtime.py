"""Load generated code in this process and test the spec's examples against it."""

from __future__ import annotations

import hashlib
import sys
import types
from dataclasses import dataclass
from typing import Annotated, Any

from specward.errors import SpecError
from specward.model import Spec
from specward.models.document import Rewriter, generator_document
from specward.models.examples import Example, Target, collect_examples
from specward.models.names import NameMap


def load_module(code: str) -> types.ModuleType:
    """Execute generated code as a module (cached by content) and return it."""
    name = "specward_generated_" + hashlib.sha256(code.encode()).hexdigest()[:16]
    module = sys.modules.get(name)
    if module is not None:
        return module
    module = types.ModuleType(name)
    module.__file__ = f"<{name}>"
    sys.modules[name] = module  # pydantic resolves forward references through sys.modules
    try:
        exec(compile(code, f"<generated {name}>", "exec"), module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@dataclass
class Outcome:
    """What happened to one example: passed, invalid (a spec defect), rejected, round-trip,
    or schema-only (valid, but no generated class stands for its schema)."""

    example: Example
    status: str
    message: str = ""


FAILED = ("invalid", "rejected", "round-trip")


class ExampleTester:
    """Checks examples against their JSON Schema and their generated pydantic type."""

    def __init__(self, spec: Spec, names: NameMap, module: types.ModuleType) -> None:
        from openapi_schema_validator import (
            OAS30Validator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        self.spec = spec
        self.names = names
        self.module = module
        self.rewriter = Rewriter(spec, names)
        self.components = generator_document(spec, names)["components"]
        if spec.version == "3.1":
            self.validator_cls, self.formats = OAS31Validator, oas31_format_checker
        else:
            self.validator_cls, self.formats = OAS30Validator, oas30_format_checker

    def run(self) -> list[Outcome]:
        return [self.check(example) for example in collect_examples(self.spec)]

    def check(self, example: Example) -> Outcome:
        problem = self.schema_problem(example)
        if problem is not None:
            return Outcome(example, "invalid", f"invalid against its own schema: {problem}")
        adapter = self.adapter(example.target)
        if adapter is None:
            return Outcome(example, "schema-only")
        from pydantic import ValidationError

        try:
            value = adapter.validate_python(example.value)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "value"
            return Outcome(example, "rejected", f"the model rejects it: {where}: {first['msg']}")
        dumped = adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
        diff = first_difference(example.value, dumped)
        if diff is not None:
            return Outcome(example, "round-trip", f"does not round-trip: {diff}")
        return Outcome(example, "passed")

    def schema_problem(self, example: Example) -> str | None:
        try:
            schema = self.rewriter.node(example.schema)
        except SpecError as exc:
            return exc.message
        if not isinstance(schema, dict):
            return None
        root = {**schema, "components": self.components}
        validator = self.validator_cls(root, format_checker=self.formats)
        from jsonschema.exceptions import relevance

        try:
            errors = list(validator.iter_errors(example.value))
        except Exception as exc:  # an unresolvable reference, a bad pattern
            return f"cannot check: {type(exc).__name__}: {exc}"
        if not errors:
            return None
        error = _branch_error(max(errors, key=relevance))
        where = "/".join(str(p) for p in error.absolute_path)
        return f"{where + ': ' if where else ''}{error.message}"

    def adapter(self, target: Target) -> Any:
        from pydantic import BaseModel, TypeAdapter

        if target is None or target[1] not in self.names.classes:
            return None
        cls = getattr(self.module, self.names[target[1]], None)
        if cls is None:
            return None
        if target[0] == "class":
            return TypeAdapter(cls)
        if target[0] == "list":
            return TypeAdapter(list[cls])
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return None
        for name, info in cls.model_fields.items():
            if (info.alias or name) == target[2]:
                if not info.metadata:
                    return TypeAdapter(info.annotation)
                return TypeAdapter(Annotated[(info.annotation, *info.metadata)])
        return None


def _branch_error(error: Any) -> Any:
    """For a failed oneOf/anyOf, the error of the branch the example meant: the one whose
    discriminating ``const``/``enum`` matched, with the fewest errors."""
    from jsonschema.exceptions import best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        chosen = min(
            branches.values(),
            key=lambda errs: (any(e.validator in ("const", "enum") for e in errs), len(errs)),
        )
        error = best_match(chosen) if len(chosen) > 1 else chosen[0]
    return error


def first_difference(expected: Any, actual: Any, path: str = "") -> str | None:
    """Where ``actual`` differs from ``expected`` as JSON values (1 and 1.0 are the same)."""
    where = path or "value"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected:
            if key not in actual:
                return f"{path}/{key}: dropped"
            found = first_difference(expected[key], actual[key], f"{path}/{key}")
            if found:
                return found
        extra = [k for k in actual if k not in expected]
        return f"{path}/{extra[0]}: added as {actual[extra[0]]!r}" if extra else None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{where}: {len(expected)} items became {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(e, a, f"{path}/{i}")
            if found:
                return found
        return None
    numbers = (int, float)
    same_kind = (isinstance(expected, bool) == isinstance(actual, bool)) and (
        type(expected) is type(actual)
        or (isinstance(expected, numbers) and isinstance(actual, numbers))
    )
    if same_kind and expected == actual:
        return None
    if isinstance(expected, str) and isinstance(actual, str) and _same_instant(expected, actual):
        return None
    return f"{where}: {expected!r} became {actual!r}"


def _same_instant(a: str, b: str) -> bool:
    """``2026-01-02T00:00:00.100Z`` and ``2026-01-02T00:00:00.100000Z`` are one date-time."""
    import datetime as dt

    for parse in (dt.datetime.fromisoformat, dt.date.fromisoformat, dt.time.fromisoformat):
        try:
            return parse(a) == parse(b)
        except ValueError:
            continue
    return False
