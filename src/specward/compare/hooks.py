"""The two hooks of the schema differ, and their plain forms for ``breaking``.

- A :class:`Correspondence` says how the two sides pair up: which references name the same
  thing, which property names are one property, and which renames are already known. Between
  two versions of one spec (``breaking``) it is the identity; ``drift`` supplies the inferred
  upstream↔published mapping (:mod:`specward.drift.correspondence`).
- A :class:`Representation` says what a node means: its core and JSON types, whether formats
  and nullability are compared, and how a union may stand for one object. ``breaking`` reads
  schemas as written; ``drift`` folds in grpc-gateway's wire choices
  (:class:`specward.compare.representation.GatewayRepresentation`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from specward.compare.schema_facts import Facts, Types
from specward.compare.variants import compatible

if TYPE_CHECKING:
    from specward.compare.events import SchemaEvent
    from specward.model import Schema

Diff = Callable[["Schema", "Schema"], list["SchemaEvent"]]
# A known rename: head property name -> (base property name, evidence for ``details``).
KnownRenames = dict[str, tuple[str, dict[str, Any]]]


class Correspondence(Protocol):
    """How names and references on the two sides pair up."""

    lone_bonus: bool  # a lone removed/added property pair is likelier a rename

    def refs(self, base: Schema, head: Schema) -> str | None:
        """``None``: walk the pair; ``""``: they correspond; any other text: the references
        disagree, and the text says how (reported as one ``reference-changed`` event)."""
        ...

    def same_ref(self, base: Schema, head: Schema) -> bool:
        """Whether two variants name the same component."""
        ...

    def head_label(self, name: str) -> str:
        """A head component name as the base side spells it (for labels)."""
        ...

    def pair_names(self, base: Mapping[str, Schema], head: Mapping[str, Schema]) -> dict[str, str]:
        """Head property name -> base property name, for the names that are one property."""
        ...

    def known_renames(self, base: Any, head: Schema) -> KnownRenames:
        """Renames decided before the matcher runs (baseline, proto field numbers)."""
        ...

    def similar(self, base: Schema, head: Schema, diff: Diff) -> bool:
        """The matcher's schema signal: could these be one renamed property?"""
        ...


class Representation(Protocol):
    """What a node means on the wire."""

    nullability: bool  # compare nullable / null variants
    keywords: bool  # compare the 2020-12 keywords, bounds, defaults and discriminators
    hidden: bool  # readOnly properties are absent from requests, writeOnly from responses

    def facts(self, schema: Schema) -> Facts:
        """The schema's core, variants, nullability and types."""
        ...

    def opaque(self, schema: Schema) -> bool:
        """Compared by its type only (a well-known type written inline elsewhere)."""
        ...

    def type_reported(self, tb: Types, th: Types) -> bool:
        """Whether differing types are a change to report."""
        ...

    def comparable(self, tb: Types, th: Types) -> bool:
        """Whether the content below differing (or equal) types is compared."""
        ...

    def formats_differ(self, base: Schema, head: Schema) -> bool: ...

    def union(self, fb: Facts, fh: Facts) -> Any | None:
        """A base union standing for one head object (its properties' union), or None."""
        ...

    def matcher_node(self, schema: Schema) -> dict[str, Any]:
        """The node the rename matcher reads."""
        ...


class Identity:
    """Two versions of one spec: a name is itself."""

    lone_bonus = False

    def refs(self, base: Schema, head: Schema) -> str | None:
        return None  # always walk: references are followed

    def same_ref(self, base: Schema, head: Schema) -> bool:
        return base.ref_name is not None and base.ref_name == head.ref_name

    def head_label(self, name: str) -> str:
        return name

    def pair_names(self, base: Mapping[str, Schema], head: Mapping[str, Schema]) -> dict[str, str]:
        return {n: n for n in head if n in base}

    def known_renames(self, base: Any, head: Schema) -> KnownRenames:
        return {}

    def similar(self, base: Schema, head: Schema, diff: Diff) -> bool:
        return compatible(base, head)


class Plain:
    """Schemas as written."""

    nullability = True
    keywords = True
    hidden = True

    def facts(self, schema: Schema) -> Facts:
        return Facts(schema)

    def opaque(self, schema: Schema) -> bool:
        return False

    def type_reported(self, tb: Types, th: Types) -> bool:
        return tb != th

    def comparable(self, tb: Types, th: Types) -> bool:
        return tb is None or th is None or bool(tb & th)

    def formats_differ(self, base: Schema, head: Schema) -> bool:
        return base.format != head.format

    def union(self, fb: Facts, fh: Facts) -> Any | None:
        return None

    def matcher_node(self, schema: Schema) -> dict[str, Any]:
        return schema.raw


IDENTITY = Identity()
PLAIN = Plain()
