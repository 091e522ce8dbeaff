"""Every example a spec carries, with the schema it claims to match and where it is written.

Schema examples (``example`` and 3.1 ``examples`` lists, at any depth of a component schema),
parameter examples, and request and response media-type examples (``example``, named
``examples`` including ``components/examples`` references, Swagger 2.0 response ``examples``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from specward.errors import SpecError
from specward.load.parse import line_of
from specward.model import MediaType, Schema, Source, Spec

# Target: how to find the generated type: ("class", schema), ("field", schema, property),
# ("list", schema), or None when no generated class stands for the example's schema.
Target = tuple[str, ...] | None
_SUBSCHEMA_LISTS = ("allOf", "oneOf", "anyOf", "prefixItems")
_SUBSCHEMA_ONE = ("items", "additionalProperties", "not")


@dataclass
class Example:
    label: str  # what the example belongs to, for people
    value: Any
    schema: Any  # the schema node (as written in the spec) the example claims to match
    source: Source
    target: Target


def collect_examples(spec: Spec) -> list[Example]:
    """Every example of ``spec``, each once (by where it is written), in spec order."""
    seen: set[tuple[str, int | None, str]] = set()
    out = []
    for example in _all(spec):
        key = (example.source.file, example.source.line, example.label)
        if key in seen:
            continue
        seen.add(key)
        out.append(example)
    return out


def _all(spec: Spec) -> Iterator[Example]:
    prefix = "definitions" if spec.version == "2.0" else "components/schemas"
    for name, schema in spec.schemas.items():
        yield from _schema_examples(schema, f"{prefix}/{name}", ("class", name), name)
    for op in spec.operations.values():
        for param in op.parameters.values():
            label = f"{op.label}: {param.location} parameter {param.name!r}"
            yield from _named(spec, param.raw, param.schema, label, param.source)
        if op.request_body:
            for media in op.request_body.content.values():
                yield from _media(spec, media, f"{op.label}: request body {media.name}")
        for status, response in op.responses.items():
            for media in response.content.values():
                label = f"{op.label}: response {status} {media.name}"
                if spec.version == "2.0":
                    yield from _v2_response(response.raw, media, label, spec)
                else:
                    yield from _media(spec, media, label)


def _target(schema: Schema | None) -> Target:
    if schema is None:
        return None
    name = schema.ref_name
    if name is not None:
        return ("class", name)
    items = schema.items
    if schema.get("type") == "array" and items is not None and items.ref_name:
        return ("list", items.ref_name)
    return None


def _own(node: Any, label: str, schema: Any, doc_name: str, target: Target) -> Iterator[Example]:
    """The ``example`` and list ``examples`` written on one schema node."""
    if "example" in node:
        yield Example(
            f"{label} example",
            node["example"],
            schema,
            Source(doc_name, line_of(node, "example")),
            target,
        )
    listed = node.get("examples")
    if isinstance(listed, list):
        for i, value in enumerate(listed):
            yield Example(
                f"{label} examples[{i}]",
                value,
                schema,
                Source(doc_name, line_of(listed, i)),
                target,
            )


def _schema_examples(schema: Schema, label: str, target: Target, name: str) -> Iterator[Example]:
    """Examples anywhere inside one component schema (references are not followed)."""
    doc = schema.doc.name
    stack: list[tuple[Any, str, Target]] = [(schema.node, label, target)]
    while stack:
        node, where, tgt = stack.pop(0)
        if not isinstance(node, dict):
            continue
        yield from _own(node, where, node, doc, tgt)
        props = node.get("properties")
        if isinstance(props, dict):
            direct = tgt is not None and tgt[0] == "class"
            for prop, sub in props.items():
                ptarget = ("field", name, str(prop)) if direct else None
                stack.append((sub, f"{where}.{prop}", ptarget))
        for key in _SUBSCHEMA_ONE:
            if isinstance(node.get(key), dict):
                stack.append((node[key], f"{where}/{key}", None))
        for key in _SUBSCHEMA_LISTS:
            value = node.get(key)
            if isinstance(value, list):
                for i, sub in enumerate(value):
                    # properties of an inline allOf member belong to the class itself
                    keep = tgt if key == "allOf" and tgt and tgt[0] == "class" else None
                    stack.append((sub, f"{where}/{key}/{i}", keep))


def _named(
    spec: Spec, raw: Any, schema: Schema | None, label: str, source: Source
) -> Iterator[Example]:
    """``example`` and the named ``examples`` map of a parameter or media type."""
    if not isinstance(raw, dict):
        return
    node = schema.node if schema is not None else {}
    target = _target(schema)
    file = source.file
    if "example" in raw:
        yield Example(
            f"{label} example", raw["example"], node, Source(file, line_of(raw, "example")), target
        )
    named = raw.get("examples")
    if isinstance(named, dict):
        for key, entry in named.items():
            line = line_of(named, key)
            try:
                entry, doc, _ = spec.ws.deref(entry, spec.ws.entry)
            except SpecError:
                continue
            if isinstance(entry, dict) and "value" in entry:
                where = Source(doc.name, line_of(entry, "value") or line) if doc else source
                yield Example(f"{label} example {key!r}", entry["value"], node, where, target)


def _media(spec: Spec, media: MediaType, label: str) -> Iterator[Example]:
    yield from _named(spec, media.raw, media.schema, label, media.source)


def _v2_response(raw: Any, media: MediaType, label: str, spec: Spec) -> Iterator[Example]:
    examples = raw.get("examples") if isinstance(raw, dict) else None
    if isinstance(examples, dict) and media.name in examples:
        node = media.schema.node if media.schema is not None else {}
        yield Example(
            f"{label} example",
            examples[media.name],
            node,
            Source(media.source.file, line_of(examples, media.name)),
            _target(media.schema),
        )
