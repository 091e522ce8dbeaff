"""Synthesize values that are valid against a (converted) JSON Schema, deterministically per rng.

Handles ``$ref`` (recursion is cut to required fields), ``allOf`` (merged), ``oneOf``/``anyOf``
(branches tried in order, discriminators set), enums, ``const``, formats, numeric and length
bounds, patterns, nullable type lists and ``additionalProperties``. Valid examples are preferred.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import random
import re
import uuid
from typing import Any

from specward.mock.pattern import from_pattern
from specward.mock.schemas import SchemaSet

_MAX_DEPTH = 12
_FORMATS = {
    "date-time",
    "date",
    "time",
    "uuid",
    "uri",
    "url",
    "uri-reference",
    "iri",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "int64",
    "uint64",
    "int32",
    "uint32",
    "fixed64",
    "double",
    "float",
    "byte",
    "binary",
    "password",
    "duration",
    "int",
    "integer",
    "number",
    "decimal",
}


class Unsatisfiable(Exception):
    """No value could be produced for a schema."""


class Synthesizer:
    """Produce example values for converted schema nodes."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self.use_examples = True
        self._hint = ""  # the name of the property being generated (for name-aware values)

    def fresh(self, node: dict[str, Any], rng: random.Random) -> Any:
        """Like :meth:`value` but ignoring examples and defaults (for unique ids)."""
        self.use_examples = False
        try:
            return self.value(node, rng)
        finally:
            self.use_examples = True

    def value(self, node: dict[str, Any], rng: random.Random, *, minimal: bool = False) -> Any:
        """A value valid against ``node``; raises :class:`Unsatisfiable` when none is found."""
        out = self._gen(node, rng, 0, (), minimal)
        if self.schemas.is_valid(node, out):
            return out
        for attempt in range(4):
            out = self._gen(node, random.Random(rng.random() + attempt), 0, (), minimal)
            if self.schemas.is_valid(node, out):
                return out
        raise Unsatisfiable("; ".join(self.schemas.errors(node, out, 3)) or "no valid value")

    # -- dispatch --------------------------------------------------------------------------------
    def _gen(
        self, node: Any, rng: random.Random, depth: int, stack: tuple[str, ...], minimal: bool
    ) -> Any:
        if node is True or not isinstance(node, dict):
            return "value"
        if depth > _MAX_DEPTH:
            raise Unsatisfiable("schema nests too deeply")
        ref = node.get("$ref")
        if isinstance(ref, str):
            target, uri = self.schemas.resolve(ref)
            cut = stack.count(uri) >= 1
            extra = {k: v for k, v in node.items() if k != "$ref"}
            if extra:
                target = {"allOf": [target, extra]}
            return self._gen(target, rng, depth + 1, (*stack, uri), minimal or cut)
        if "const" in node:
            return node["const"]
        example = self._example(node) if self.use_examples else _NONE
        if example is not _NONE:
            return example
        if isinstance(node.get("enum"), list) and node["enum"]:
            choices = [v for v in node["enum"] if v is not None] or node["enum"]
            return choices[rng.randrange(len(choices))]
        if isinstance(node.get("allOf"), list):
            return self._all_of(node, rng, depth, stack, minimal)
        for key in ("oneOf", "anyOf"):
            if isinstance(node.get(key), list) and node[key]:
                return self._choice(node, key, rng, depth, stack, minimal)
        kind = _pick_type(node)
        if kind == "object":
            return self._object(node, rng, depth, stack, minimal)
        if kind == "array":
            return self._array(node, rng, depth, stack, minimal)
        if kind == "string":
            return self._string(node, rng)
        if kind == "integer":
            return self._number(node, rng, integer=True)
        if kind == "number":
            return self._number(node, rng, integer=False)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return "value"

    def _example(self, node: dict[str, Any]) -> Any:
        candidates = []
        if isinstance(node.get("examples"), list):
            candidates.extend(node["examples"])
        if "example" in node:
            candidates.append(node["example"])
        if "default" in node:
            candidates.append(node["default"])
        for candidate in candidates:
            if self.schemas.is_valid(node, candidate):
                return candidate
        return _NONE

    # -- combinators -------------------------------------------------------------------------------
    def _all_of(
        self,
        node: dict[str, Any],
        rng: random.Random,
        depth: int,
        stack: tuple[str, ...],
        minimal: bool,
    ) -> Any:
        own = {k: v for k, v in node.items() if k != "allOf"}
        merged: dict[str, Any] | None = None
        scalar: Any = _NONE
        for part in [*node["allOf"], own]:
            if not isinstance(part, dict) or not _constrains(part):
                continue
            value = self._gen(part, rng, depth + 1, stack, minimal)
            if isinstance(value, dict):
                merged = value if merged is None else _merge(merged, value)
            elif scalar is _NONE:
                scalar = value
        if merged is not None:
            return merged
        return {} if scalar is _NONE else scalar

    def _choice(
        self,
        node: dict[str, Any],
        key: str,
        rng: random.Random,
        depth: int,
        stack: tuple[str, ...],
        minimal: bool,
    ) -> Any:
        branches = node[key]
        own = {k: v for k, v in node.items() if k not in (key, "discriminator")}
        disc = node.get("discriminator") if isinstance(node.get("discriminator"), dict) else None
        start = rng.randrange(len(branches))
        order = [branches[(start + i) % len(branches)] for i in range(len(branches))]
        fallback: Any = _NONE
        for branch in order:
            try:
                value = self._gen(branch, rng, depth + 1, stack, minimal)
                if (
                    own
                    and _pick_type(own) in ("object", None)
                    and isinstance(value, dict)
                    and own.get("properties")
                ):
                    value = _merge(self._gen(own, rng, depth + 1, stack, minimal), value)
            except Unsatisfiable:
                continue
            if disc and isinstance(value, dict):
                self._set_discriminator(disc, branch, value)
            if self.schemas.is_valid(node, value):
                return value
            if fallback is _NONE:
                fallback = value
        if fallback is _NONE:
            raise Unsatisfiable(f"no {key} branch could be produced")
        return fallback

    def _set_discriminator(
        self, disc: dict[str, Any], branch: dict[str, Any], value: dict[str, Any]
    ) -> None:
        prop = disc.get("propertyName")
        if not isinstance(prop, str):
            return
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        if not isinstance(ref, str):
            return
        mapping = disc.get("mapping") if isinstance(disc.get("mapping"), dict) else {}
        for tag, target in mapping.items():
            if isinstance(target, str) and (
                ref.endswith("#" + target.split("#")[-1]) or ref.endswith("/" + target)
            ):
                value[prop] = tag
                return
        target, _ = self.schemas.resolve(ref)
        enum = _prop_enum(self.schemas, target, prop)
        if enum:
            value[prop] = enum[0]
            return
        value[prop] = ref.rsplit("/", 1)[-1]

    # -- types -------------------------------------------------------------------------------------
    def _object(
        self,
        node: dict[str, Any],
        rng: random.Random,
        depth: int,
        stack: tuple[str, ...],
        minimal: bool,
    ) -> dict[str, Any]:
        props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
        required = (
            [r for r in node.get("required", []) if isinstance(r, str)]
            if isinstance(node.get("required"), list)
            else []
        )
        out: dict[str, Any] = {}
        max_props = (
            node.get("maxProperties") if isinstance(node.get("maxProperties"), int) else None
        )
        for name, sub in props.items():
            if name not in required and (
                minimal or (max_props is not None and len(out) + len(required) >= max_props)
            ):
                continue
            if (
                name not in required
                and isinstance(sub, dict)
                and sub.get("readOnly") is None
                and sub.get("writeOnly") is True
            ):
                continue
            outer, self._hint = self._hint, name
            try:
                out[name] = self._gen(sub, rng, depth + 1, stack, minimal)
            except Unsatisfiable:
                if name in required:
                    raise
            finally:
                self._hint = outer
        for name in required:
            if name not in out:
                extra = node.get("additionalProperties")
                out[name] = self._gen(
                    extra if isinstance(extra, dict) else {}, rng, depth + 1, stack, True
                )
        extra = node.get("additionalProperties")
        min_props = node.get("minProperties") if isinstance(node.get("minProperties"), int) else 0
        wants_map = isinstance(extra, dict) and not props and not minimal
        index = 0
        keys = map_keys(self._hint)
        while (
            (len(out) < min_props or (wants_map and index == 0))
            and extra is not False
            and index < 64
        ):
            key = keys[index] if index < len(keys) else f"{keys[0]}_{index + 1}"
            index += 1
            if key in out:
                continue
            out[key] = self._gen(
                extra if isinstance(extra, dict) else {"type": "string"},
                rng,
                depth + 1,
                stack,
                True,
            )
        return out

    def _array(
        self,
        node: dict[str, Any],
        rng: random.Random,
        depth: int,
        stack: tuple[str, ...],
        minimal: bool,
    ) -> list[Any]:
        items = node.get("items") if isinstance(node.get("items"), dict) else {}
        prefix = node.get("prefixItems") if isinstance(node.get("prefixItems"), list) else []
        low = node.get("minItems") if isinstance(node.get("minItems"), int) else 0
        high = node.get("maxItems") if isinstance(node.get("maxItems"), int) else None
        count = low if minimal else max(low, 1)
        if high is not None:
            count = min(count, high)
        out = [self._gen(p, rng, depth + 1, stack, minimal) for p in prefix[:count]]
        unique = node.get("uniqueItems") is True
        enum = items.get("enum") if isinstance(items.get("enum"), list) else None
        tries = 0
        while len(out) < count and tries < count * 4 + 4:
            tries += 1
            if enum and unique:
                pending = [v for v in enum if v not in out]
                if not pending:
                    break
                out.append(pending[0])
                continue
            value = self._gen(
                items, random.Random(rng.random()), depth + 1, stack, minimal or len(out) > 0
            )
            if unique and value in out:
                continue
            out.append(value)
        return out

    def _string(self, node: dict[str, Any], rng: random.Random) -> str:
        low = node.get("minLength") if isinstance(node.get("minLength"), int) else 0
        high = node.get("maxLength") if isinstance(node.get("maxLength"), int) else None
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            found = from_pattern(pattern, rng, low, high)
            if found is not None:
                return found
        fmt = node.get("format")
        text = _format_value(fmt, rng) if isinstance(fmt, str) and fmt in _FORMATS else None
        if text is None:
            text = named_text(self._hint, rng)
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if high is not None and len(text) > high:
            text = text[:high]
        return text

    def _number(self, node: dict[str, Any], rng: random.Random, *, integer: bool) -> int | float:
        low = node.get("minimum")
        high = node.get("maximum")
        xlow = node.get("exclusiveMinimum")
        xhigh = node.get("exclusiveMaximum")
        step = node.get("multipleOf")
        lo = -math.inf
        hi = math.inf
        if isinstance(low, (int, float)) and not isinstance(low, bool):
            lo = low
        if isinstance(xlow, (int, float)) and not isinstance(xlow, bool):
            lo = max(lo, xlow + (1 if integer else 1e-6))
        if isinstance(high, (int, float)) and not isinstance(high, bool):
            hi = high
        if isinstance(xhigh, (int, float)) and not isinstance(xhigh, bool):
            hi = min(hi, xhigh - (1 if integer else 1e-6))
        if lo <= -_SAFE:  # int64 bounds: stay where JavaScript clients can count (2**53)
            lo = -_SAFE if hi < 0 else -math.inf
        if hi >= _SAFE:
            hi = _SAFE if lo > 0 else math.inf
        if integer and lo == -math.inf and hi == math.inf and _STAMP.search(self._hint):
            return 1704067200 + rng.randrange(0, 365 * 86400)
        if integer:
            lo_i = math.ceil(lo) if lo != -math.inf else None
            hi_i = math.floor(hi) if hi != math.inf else None
            base = lo_i if lo_i is not None else (min(hi_i, 0) if hi_i is not None else 0)
            span = (hi_i - base) if hi_i is not None else 100
            value = base + rng.randint(0, max(0, min(span, 100)))
            if isinstance(step, (int, float)) and step > 0 and not isinstance(step, bool):
                value = int(math.ceil(value / step) * step)
                if hi_i is not None and value > hi_i:
                    value = int(math.floor(hi_i / step) * step)
            return int(value)
        base = lo if lo != -math.inf else (min(hi, 0.0) if hi != math.inf else 0.0)
        top = hi if hi != math.inf else base + 100.0
        value = round(base + (top - base) * rng.random(), 3)
        value = min(max(value, lo), hi)
        if isinstance(step, (int, float)) and step > 0 and not isinstance(step, bool):
            value = math.ceil(value / step) * step
        if value == int(value) and abs(value) < 2**53 and not isinstance(step, float):
            return float(value)
        return value


_SAFE = 2**53
_STAMP = re.compile(r"(_at|At|_time|timestamp|^created|^updated)$")
_WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "iris", "juniper",
    "kestrel", "lumen", "maple", "nova", "onyx", "pine", "quartz", "river", "sage", "tundra",
)  # fmt: skip
_MAP_KEYS = {
    "metadata": ("team", "environment", "owner"),
    "labels": ("app", "tier", "region"),
    "tags": ("project", "stage", "owner"),
    "headers": ("x-request-id", "accept", "user-agent"),
    "env": ("LOG_LEVEL", "PORT", "REGION"),
}


def map_keys(hint: str) -> tuple[str, ...]:
    """Keys that read like keys for an open map named ``hint``."""
    lower = hint.lower()
    for word, keys in _MAP_KEYS.items():
        if word in lower:
            return keys
    return ("key1", "key2", "key3")


def named_text(hint: str, rng: random.Random) -> str:
    """A plausible string for a property called ``hint`` (no format, pattern or example)."""
    name = hint.lower()
    w1, w2 = rng.choice(_WORDS), rng.choice(_WORDS)
    if _STAMP.search(hint):
        return _format_value("date-time", rng) or ""
    if "email" in name:
        return f"{w1}.{w2}@example.com"
    if name.endswith(("url", "uri", "href", "link", "website", "endpoint")):
        return f"https://example.com/{w1}/{w2}"
    if name in ("id", "uuid") or name.endswith("_id") or hint.endswith("Id"):
        prefix = re.sub(r"_?id$", "", name)[:4] or "id"
        return f"{prefix}_{rng.getrandbits(48):012x}"
    if name in ("name", "title", "display_name", "displayname", "label", "username"):
        return f"{w1}-{w2}" if name == "username" else f"{w1.capitalize()} {w2}"
    if name in ("description", "summary", "message", "text", "content", "prompt", "comment"):
        return f"The {w1} {w2} example."
    if "version" in name:
        return f"{rng.randrange(1, 4)}.{rng.randrange(10)}.{rng.randrange(10)}"
    if name in ("region", "location"):
        return rng.choice(("us-east-1", "eu-west-1", "ap-south-1"))
    if name in ("model", "base_model", "model_name"):
        return f"{w1}/{w2}-7b"
    if name in ("token", "secret", "key", "api_key", "password"):
        return f"{rng.getrandbits(64):016x}"
    return f"{w1}-{w2}"


class _Missing:
    pass


_NONE: Any = _Missing()


def _pick_type(node: dict[str, Any]) -> str | None:
    declared = node.get("type")
    if isinstance(declared, str):
        return declared
    if isinstance(declared, list):
        real = [t for t in declared if isinstance(t, str) and t != "null"]
        if real:
            return real[0]
        return "null" if "null" in declared else None
    if "properties" in node or "additionalProperties" in node or "required" in node:
        return "object"
    if "items" in node or "prefixItems" in node:
        return "array"
    if "pattern" in node or "format" in node or "minLength" in node or "maxLength" in node:
        return "string"
    if "minimum" in node or "maximum" in node:
        return "number"
    return None


def _constrains(node: dict[str, Any]) -> bool:
    """Whether a schema says anything a generator must honour (``{}`` and annotations do not)."""
    keys = set(node) - {
        "description",
        "title",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "default",
        "externalDocs",
        "xml",
        "nullable",
        "discriminator",
    }
    return bool(keys) and not keys <= {k for k in keys if k.startswith("x-")}


def _merge(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    out = dict(left)
    for key, value in right.items():
        if isinstance(out.get(key), dict) and isinstance(value, dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _prop_enum(
    schemas: SchemaSet, node: dict[str, Any], prop: str, depth: int = 0
) -> list[Any] | None:
    if depth > 6 or not isinstance(node, dict):
        return None
    if isinstance(node.get("$ref"), str):
        return _prop_enum(schemas, schemas.resolve(node["$ref"])[0], prop, depth + 1)
    props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
    sub = props.get(prop)
    if isinstance(sub, dict):
        if isinstance(sub.get("$ref"), str):
            sub = schemas.resolve(sub["$ref"])[0]
        if isinstance(sub.get("enum"), list):
            return sub["enum"]
        if "const" in sub:
            return [sub["const"]]
    for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
        found = _prop_enum(schemas, part, prop, depth + 1)
        if found:
            return found
    return None


def _format_value(fmt: str, rng: random.Random) -> str | None:
    if fmt == "date-time":
        moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            seconds=rng.randrange(0, 365 * 86400)
        )
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "date":
        return (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))).isoformat()
    if fmt == "time":
        return f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z"
    if fmt == "duration":
        return f"PT{rng.randrange(1, 600)}S"
    if fmt == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if fmt in ("uri", "url", "iri", "uri-reference"):
        return f"https://example.com/{rng.randrange(10**6)}"
    if fmt == "email":
        return f"user{rng.randrange(1000)}@example.com"
    if fmt == "hostname":
        return f"host{rng.randrange(1000)}.example.com"
    if fmt == "ipv4":
        return f"192.0.2.{rng.randrange(1, 255)}"
    if fmt == "ipv6":
        return f"2001:db8::{rng.randrange(1, 65535):x}"
    if fmt in ("int64", "int32", "fixed64", "int", "integer"):
        return str(rng.randrange(1, 10**6))
    if fmt in ("uint64", "uint32"):
        return str(rng.randrange(1, 10**6))
    if fmt in ("double", "float", "number", "decimal"):
        return f"{rng.randrange(1, 1000)}.5"
    if fmt == "byte":
        return base64.b64encode(rng.randbytes(6)).decode()
    if fmt in ("binary", "password"):
        return "".join(rng.choice("abcdef0123456789") for _ in range(12))
    return None
