"""Schema differ part: JSON Schema 2020-12 keywords (``contains``, ``prefixItems``,
``dependentRequired``, ``dependentSchemas``, ``if``/``then``/``else``, ``not``,
``patternProperties``, ``propertyNames``, ``unevaluated*``, ``content*``), ``type`` lists,
``allOf`` members, discriminator presence and property deprecation.

Sub-schemas present on both sides are compared through the memoizing differ, so a change inside
a ``not``, an ``if`` branch or a pattern property is reported with its path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from specward.compare import kinds as K
from specward.compare.lifecycle_facts import parse_sunset
from specward.compare.schema_facts import Types, as_number, show_value
from specward.load.parse import line_of
from specward.model import Schema

# Keyword -> (added kind, removed kind): a sub-schema whose presence constrains values.
_SUBSCHEMAS = (
    ("contains", K.CONTAINS_ADDED, K.CONTAINS_REMOVED),
    ("if", K.IF_ADDED, K.IF_REMOVED),
    ("then", K.THEN_ADDED, K.THEN_REMOVED),
    ("else", K.ELSE_ADDED, K.ELSE_REMOVED),
    ("not", K.NOT_ADDED, K.NOT_REMOVED),
    ("propertyNames", K.PROPERTY_NAMES_ADDED, K.PROPERTY_NAMES_REMOVED),
    ("unevaluatedItems", K.UNEVALUATED_ITEMS_ADDED, K.UNEVALUATED_ITEMS_REMOVED),
    ("unevaluatedProperties", K.UNEVALUATED_PROPERTIES_ADDED, K.UNEVALUATED_PROPERTIES_REMOVED),
    ("contentSchema", K.CONTENT_SCHEMA_ADDED, K.CONTENT_SCHEMA_REMOVED),
)
# Keywords that say nothing about which values are valid.
_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "$comment",
        "default",
        "xml",
    }
)


def sub(schema: Schema, *tokens: Any) -> Schema | None:
    """The sub-schema at ``tokens`` below the resolved ``schema`` (None when absent or a
    boolean ``true``); ``false`` is kept as an empty schema that rejects everything."""
    target = schema.resolve()
    node: Any = target.node
    parent: Any = None
    for token in tokens:
        if (isinstance(node, dict) and token in node) or (
            isinstance(node, list) and isinstance(token, int) and token < len(node)
        ):
            parent, node = node, node[token]
        else:
            return None
    if node is True or node is None:
        return None
    if node is False:
        node = {"not": {}}
    if not isinstance(node, dict):
        return None
    return target._child(node, *tokens, line=line_of(parent, tokens[-1]))


def _constrains(value: Any) -> bool:
    """A keyword value that restricts anything (``true`` and ``{}`` do not)."""
    return value is not None and value is not True and value != {}


def _mapping(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def annotation_only(schema: Schema) -> bool:
    return schema.ref is None and all(k in _ANNOTATIONS or k.startswith("x-") for k in schema.raw)


class KeywordsDiff:
    """Mixed into the schema walk, which provides ``emit``, ``child`` and ``request``."""

    request: bool
    emit: Callable[..., None]
    child: Callable[..., None]

    def keywords(self, b: Schema, h: Schema) -> None:
        rb, rh = b.raw, h.raw
        for keyword, added, removed in _SUBSCHEMAS:
            xb, xh = _constrains(rb.get(keyword)), _constrains(rh.get(keyword))
            if xb and xh:
                self.child(sub(b, keyword), sub(h, keyword), (keyword,))
            elif xh:
                self.emit(added, b, h)
            elif xb:
                self.emit(removed, b, h)
        self.contains_counts(b, h)
        self.prefix_items(b, h)
        self.dependencies(b, h)
        self.pattern_properties(b, h)
        self.content(b, h)
        self.all_of_members(b, h)

    def contains_counts(self, b: Schema, h: Schema) -> None:
        """``minContains`` (default 1) and ``maxContains`` (default unbounded), when ``contains``
        is on both sides."""
        if "contains" not in b.raw or "contains" not in h.raw:
            return
        for key, default, up, down in (
            ("minContains", 1.0, K.MIN_CONTAINS_INCREASED, K.MIN_CONTAINS_DECREASED),
            ("maxContains", float("inf"), K.MAX_CONTAINS_INCREASED, K.MAX_CONTAINS_DECREASED),
        ):
            vb, vh = as_number(b.raw.get(key)), as_number(h.raw.get(key))
            ob, oh = default if vb is None else vb, default if vh is None else vh
            if ob != oh:
                self.emit(up if oh > ob else down, b, h, old=vb, new=vh, keyword=key)

    def prefix_items(self, b: Schema, h: Schema) -> None:
        lb, lh = b.raw.get("prefixItems"), h.raw.get("prefixItems")
        nb = len(lb) if isinstance(lb, list) else 0
        nh = len(lh) if isinstance(lh, list) else 0
        for i in range(min(nb, nh)):
            self.child(sub(b, "prefixItems", i), sub(h, "prefixItems", i), (f"prefixItems[{i}]",))
        if nh > nb:
            self.emit(K.PREFIX_ITEMS_ADDED, b, h, values=[str(i) for i in range(nb, nh)])
        elif nb > nh:
            self.emit(K.PREFIX_ITEMS_REMOVED, b, h, values=[str(i) for i in range(nh, nb)])

    def dependencies(self, b: Schema, h: Schema) -> None:
        db, dh = _mapping(b.raw, "dependentRequired"), _mapping(h.raw, "dependentRequired")
        for name in sorted(dh.keys() - db.keys()):
            self.emit(K.DEPENDENT_REQUIRED_ADDED, b, h, name=name, new=dh[name])
        for name in sorted(db.keys() - dh.keys()):
            self.emit(K.DEPENDENT_REQUIRED_REMOVED, b, h, name=name, old=db[name])
        for name in sorted(db.keys() & dh.keys()):
            if db[name] != dh[name]:
                kind = K.DEPENDENT_REQUIRED_CHANGED
                self.emit(kind, b, h, name=name, old=db[name], new=dh[name])
        sb, sh = _mapping(b.raw, "dependentSchemas"), _mapping(h.raw, "dependentSchemas")
        for name in sorted(sh.keys() - sb.keys()):
            self.emit(K.DEPENDENT_SCHEMA_ADDED, b, h, name=name)
        for name in sorted(sb.keys() - sh.keys()):
            self.emit(K.DEPENDENT_SCHEMA_REMOVED, b, h, name=name)
        for name in sorted(sb.keys() & sh.keys()):
            self.child(
                sub(b, "dependentSchemas", name),
                sub(h, "dependentSchemas", name),
                (f"dependentSchemas[{name}]",),
            )

    def pattern_properties(self, b: Schema, h: Schema) -> None:
        pb, ph = _mapping(b.raw, "patternProperties"), _mapping(h.raw, "patternProperties")
        for name in sorted(ph.keys() - pb.keys()):
            self.emit(K.PATTERN_PROPERTY_ADDED, b, h, name=name)
        for name in sorted(pb.keys() - ph.keys()):
            self.emit(K.PATTERN_PROPERTY_REMOVED, b, h, name=name)
        for name in sorted(pb.keys() & ph.keys()):
            self.child(
                sub(b, "patternProperties", name),
                sub(h, "patternProperties", name),
                (f"patternProperties[{name}]",),
            )

    def content(self, b: Schema, h: Schema) -> None:
        for key, kind in (
            ("contentMediaType", K.CONTENT_MEDIA_TYPE_CHANGED),
            ("contentEncoding", K.CONTENT_ENCODING_CHANGED),
        ):
            vb, vh = b.raw.get(key), h.raw.get(key)
            if vb != vh:
                self.emit(kind, b, h, old=vb, new=vh, keyword=key)

    def all_of_members(self, b: Schema, h: Schema) -> None:
        """allOf members added or removed, matched by component name, else by position.

        Their properties are compared as the flattened object's; the member itself is what
        is reported here.
        """
        mb, mh = b.all_of, h.all_of
        if not mb and not mh:
            return

        def key(member: Schema, index: int) -> str:
            return member.ref_name or f"#{index}"

        kb = {key(m, i): m for i, m in enumerate(mb)}
        kh = {key(m, i): m for i, m in enumerate(mh)}
        for name in [k for k in kh if k not in kb]:
            member = kh[name]
            only = annotation_only(member)
            kind = K.ALL_OF_ADDED_ANNOTATION_ONLY if only else K.ALL_OF_ADDED
            self.emit(kind, None if only else b, member, name=name)
        for name in [k for k in kb if k not in kh]:
            member = kb[name]
            only = annotation_only(member)
            kind = K.ALL_OF_REMOVED_ANNOTATION_ONLY if only else K.ALL_OF_REMOVED
            self.emit(kind, member, None if only else h, name=name)

    def discriminator_presence(self, b: Schema, h: Schema) -> None:
        """A discriminator added or removed, or a mapping value that now names another schema."""
        db, dh = b.discriminator, h.discriminator
        if db is None and dh is not None:
            self.emit(K.DISCRIMINATOR_ADDED, b, h, new=dh["propertyName"])
        elif dh is None and db is not None:
            self.emit(K.DISCRIMINATOR_REMOVED, b, h, old=db["propertyName"])
        elif db is not None and dh is not None:
            changed = sorted(
                k
                for k in db["mapping"].keys() & dh["mapping"].keys()
                if db["mapping"][k] != dh["mapping"][k]
            )
            if changed:
                self.emit(K.DISCRIMINATOR_MAPPING_CHANGED, b, h, values=changed)

    def list_of_types(self, b: Schema, h: Schema, tb: Types, th: Types) -> bool:
        """``type`` lists (3.1) that gained or lost members: reported as such instead of a type
        change. Returns whether it handled the change."""
        declared = b.raw.get("type"), h.raw.get("type")
        if tb is None or th is None or not (tb & th) or None in declared:
            return False
        if not any(isinstance(d, list) for d in declared) or (len(tb) < 2 and len(th) < 2):
            return False
        added, removed = sorted(th - tb), sorted(tb - th)
        if added:
            self.emit(K.LIST_OF_TYPES_WIDENED, b, h, values=added, old=sorted(tb), new=sorted(th))
        if removed:
            self.emit(
                K.LIST_OF_TYPES_NARROWED, b, h, values=removed, old=sorted(tb), new=sorted(th)
            )
        return True

    def property_lifecycle(self, bs: Schema, hs: Schema, path: tuple[str, ...], name: str) -> None:
        """A property deprecated (with or without a sunset, valid or not) or reactivated."""
        was, now = bs.get("deprecated") is True, hs.get("deprecated") is True
        if was == now and not now:
            return
        sunset = parse_sunset(hs.raw)
        if now and sunset is not None and sunset.date is None:
            sb = parse_sunset(bs.raw)
            if not was or sb is None or sb.text != sunset.text:
                self.emit(
                    K.SUNSET_INVALID,
                    bs,
                    hs,
                    path,
                    on_property=True,
                    name=name,
                    sunset=show_value(sunset.text),
                )
            return
        if was == now:
            return
        if not now:
            self.emit(K.REACTIVATED, bs, hs, path, on_property=True, name=name)
        elif sunset is not None:
            self.emit(
                K.DEPRECATED_WITH_SUNSET,
                bs,
                hs,
                path,
                on_property=True,
                name=name,
                sunset=sunset.shown,
            )
        else:
            self.emit(K.DEPRECATED, bs, hs, path, on_property=True, name=name)
