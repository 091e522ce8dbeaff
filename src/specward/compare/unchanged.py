"""Cheap "certainly unchanged" answers for pairs of schema nodes: equal raw content whose
references all reach unchanged components (walked once per component, cycles included)."""

from __future__ import annotations

from typing import Any

from specward.compare.schema_facts import MISSING
from specward.load.pointer import split_pointer
from specward.load.walk import iter_refs
from specward.model import Schema, Spec


class UnchangedIndex:
    """Answers "is this pair of nodes certainly equal, references included?" cheaply."""

    def __init__(self, base: Spec, head: Spec) -> None:
        self.base_data = base.ws.entry.data
        self.head_data = head.ws.entry.data
        self._refs: dict[int, frozenset[str]] = {}
        self._components: dict[str, bool] = {}

    def refs(self, node: Any) -> frozenset[str]:
        key = id(node)
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = frozenset(ref for _, ref in iter_refs(node))
        return found

    def _lookup(self, data: Any, ref: str) -> Any:
        node = data
        for token in split_pointer(ref):
            if isinstance(node, dict) and token in node:
                node = node[token]
            else:
                return MISSING
        return node

    def _equal_at(self, ref: str) -> tuple[bool, Any]:
        """Whether ``ref`` names the same raw node on both sides, and that node."""
        if not ref.startswith("#/"):
            return False, None
        try:
            b = self._lookup(self.base_data, ref)
            h = self._lookup(self.head_data, ref)
        except ValueError:
            return False, None
        return (b is not MISSING and h is not MISSING and b == h), b

    def component_unchanged(self, ref: str) -> bool:
        """Whether the node at ``ref`` and every component it reaches are equal on both sides.

        Walks the reference graph with an explicit stack: chains of thousands of components
        (and cycles, which count as unchanged) cost no recursion.
        """
        known = self._components.get(ref)
        if known is not None:
            return known
        reached = [ref]
        pending = [ref]
        seen = {ref}
        while pending:
            current = pending.pop()
            if self._components.get(current) is True:
                continue
            equal, node = (
                (False, None) if self._components.get(current) is False else self._equal_at(current)
            )
            if not equal:
                self._components[ref] = False
                return False
            for child in self.refs(node):
                if child not in seen:
                    seen.add(child)
                    reached.append(child)
                    pending.append(child)
        for found in reached:  # everything reachable from an unchanged node is unchanged
            self._components[found] = True
        return True

    def same(self, base: Schema, head: Schema) -> bool:
        if base.doc.path != base.ws.entry.path or head.doc.path != head.ws.entry.path:
            return False
        b, h = base.raw, head.raw
        if b != h:
            return False
        return all(self.component_unchanged(r) for r in self.refs(b))
