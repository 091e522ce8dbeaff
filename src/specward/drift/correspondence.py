"""The drift correspondence: how upstream and published names pair up, for the schema differ.

The differ (:class:`specward.compare.schema_diff.SchemaDiffer`) compares the published side as
its base and the upstream side as its head. Through this hook:

- a reference to a mapped upstream schema and one to its published match correspond: the pair
  is compared once, where both schemas are compared, and not again at every use;
- a reference to a mapped schema against another component is a ``reference-changed`` event;
- property names pair as written or in the other JSON name style (``fooBar`` and ``foo_bar``);
- renames already known, from proto field numbers (``--protos``) or from the baseline (baseline
  → upstream, where texts and order are upstream's own), come first and are mapped onto the
  published names; curated published text never blocks them. The matcher decides the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from specward.compare.events import SchemaEvent
from specward.compare.matcher import match_properties
from specward.compare.representation import is_well_known, matcher_node, ref_name
from specward.compare.variants import compatible
from specward.drift.mapping import Mapping as DriftMapping
from specward.drift.names import snake_case
from specward.load.pointer import split_pointer
from specward.model import Schema, Spec

Diff = Callable[[Schema, Schema], list[SchemaEvent]]
# upstream definition -> {new property: (old property, proto field number)}
ProtoRenames = dict[str, dict[str, tuple[str, int]]]


class DriftCorrespondence:
    """The inferred upstream↔published :class:`~specward.drift.mapping.Mapping` as the
    differ's correspondence; it also records what the walk met (see the attributes)."""

    lone_bonus = True

    def __init__(
        self,
        upstream: Spec,
        mapping: DriftMapping,
        *,
        baseline: Spec | None = None,
        proto_renames: ProtoRenames | None = None,
        reports: Callable[[SchemaEvent], bool] = bool,
    ) -> None:
        self.mapping = mapping
        self.baseline = baseline
        self.proto_renames = proto_renames or {}
        self.reports = reports  # whether drift reports an event (for the matcher's signal)
        self.rename = {u: mapping.published_name(u) for u in upstream.schemas}
        self.mapped_pub = set(mapping.schemas.values())
        self.inline_up: set[str] = set()  # upstream schemas met against inline published nodes
        self.inline_pub: set[str] = set()
        self.snake_pairs = 0  # properties paired only once camelCase is written snake_case
        self.camel_pairs = 0  # camelCase properties paired as written

    def refs(self, base: Schema, head: Schema) -> str | None:
        pn, un = ref_name(base), ref_name(head)
        m = self.mapping
        if un and is_well_known(un):
            return None
        if un and pn:
            if m.schemas.get(un) == pn or (un in m.error_schemas and pn == m.error_schema):
                return ""
            if un in m.schemas or pn in self.mapped_pub or un in m.error_schemas:
                return f"refers to {self.rename.get(un, un)} upstream but {pn} here"
        elif un and not pn:
            if un not in m.schemas:
                self.inline_up.add(un)
        elif pn and not un and pn not in self.mapped_pub:
            self.inline_pub.add(pn)
        return None

    def same_ref(self, base: Schema, head: Schema) -> bool:
        return head.ref_name is not None and self.head_label(head.ref_name) == base.ref_name

    def head_label(self, name: str) -> str:
        return self.rename.get(name, name)

    def pair_names(self, base: Mapping[str, Schema], head: Mapping[str, Schema]) -> dict[str, str]:
        pairs = {n: n for n in head if n in base}
        self.camel_pairs += sum(1 for n in pairs if n != _snake(n))
        if len(pairs) == len(head) or len(pairs) == len(base):
            return pairs
        left = {_snake(n): n for n in base if n not in pairs}
        for n in head:
            if n not in pairs and _snake(n) in left:
                pairs[n] = left.pop(_snake(n))  # one field in the other JSON name style
                self.snake_pairs += 1
        return pairs

    def known_renames(self, base: Any, head: Schema) -> dict[str, tuple[str, dict[str, Any]]]:
        """Upstream name -> (published name, evidence) for the renames of the message ``head``."""
        name = _component(head)
        if name is None:
            return {}
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        old_s = self.baseline.schemas.get(name) if self.baseline is not None else None
        if old_s is not None:
            before, after = old_s.flattened_properties(), head.flattened_properties()
            gone = {n: v for n, v in before.items() if n not in after}
            new = {n: v for n, v in after.items() if n not in before}
            matched = match_properties(
                gone, new, list(before), list(after), compatible, matcher_node
            )
            for pair in matched.pairs:
                found[pair.new] = (pair.old, {"by": "baseline", **pair.evidence.details()})
        for new_name, (old, number) in self.proto_renames.get(name, {}).items():
            why = {"by": "proto field number", "field_number": number, "signals": ["field-number"]}
            found[new_name] = (old, {**why, "score": 1.0})
        published = base.flattened_properties()
        by_snake = {snake_case(n): n for n in published}
        out = {}
        for new_name, (old, why) in found.items():
            pub_old = old if old in published else by_snake.get(snake_case(old))
            if pub_old is not None:
                out[new_name] = (pub_old, why)
        return out

    def similar(self, base: Schema, head: Schema, diff: Diff) -> bool:
        """Equivalent through the mapping: comparing them finds nothing drift reports. What
        the comparison meets is not recorded: the candidate may be rejected."""
        saved = set(self.inline_up), set(self.inline_pub), self.snake_pairs, self.camel_pairs
        try:
            return not any(self.reports(e) for e in diff(base, head))
        finally:
            self.inline_up, self.inline_pub, self.snake_pairs, self.camel_pairs = saved


_snake = functools.lru_cache(maxsize=1 << 16)(snake_case)  # property names repeat across schemas


def _component(schema: Schema) -> str | None:
    """The component name of a top-level schema (``/definitions/X``, ``/components/schemas/X``)."""
    tokens = split_pointer(schema.pointer)
    if len(tokens) == 2 and tokens[0] == "definitions":
        return tokens[1]
    if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
        return tokens[2]
    return None
