"""One matcher for renames and moves: removed and added things paired one to one on several
signals, with the evidence for every pair.

``breaking`` (properties, parameters, component schemas, operations), ``drift`` (published
against upstream properties, baseline against upstream) and sync all pair through
:func:`match`: each candidate pair gets a score from independent signals (schema, description,
position and neighbours, name words, examples; for operations method, path words, operationId,
texts, body and response refs, parameter names), the pairs at or above a confidence threshold are
assigned one to one so that the total score is maximal (not greedily), and the best partner of
an unmatched item below the threshold is kept as a "possibly renamed to X" note.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from specward.compare.renames import name_similarity

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

THRESHOLD = 0.6
"""Score a pair needs to be one renamed (moved) thing rather than a removal and an addition."""

NOTE_FLOOR = 0.35
"""Below the threshold but at least this: the removal says "possibly renamed to X"."""

_EXACT_LIMIT = 80
"""Connected groups of candidates up to this size are assigned optimally (Hungarian); larger
ones (never seen in real specs) greedily, best pair first."""


@dataclass(frozen=True)
class Evidence:
    """Why two things are one: the signals that matched with their weights, and the total."""

    signals: tuple[tuple[str, float], ...]

    @property
    def score(self) -> float:
        return round(sum(w for _, w in self.signals), 3)

    def details(self) -> dict[str, Any]:
        """The ``details`` entries of a rename or move finding."""
        return {"score": self.score, "signals": [name for name, _ in self.signals]}

    def note(self, new: str) -> str:
        shown = ", ".join(name for name, _ in self.signals) or "nothing"
        return f"possibly renamed to {new} (score {self.score:.2f} < {THRESHOLD}: {shown})"


@dataclass
class Signals:
    """Collects the signals of one candidate pair."""

    found: list[tuple[str, float]] = field(default_factory=list)

    def add(self, name: str, weight: float, when: bool = True) -> None:
        if when and weight:
            self.found.append((name, round(weight, 3)))

    def evidence(self) -> Evidence:
        return Evidence(tuple(self.found))


@dataclass(frozen=True)
class Match(Generic[K]):
    old: K
    new: K
    evidence: Evidence


@dataclass
class Matching(Generic[K]):
    """The pairs at or above the threshold, and the best partner below it of unmatched olds."""

    pairs: list[Match[K]]
    maybe: dict[K, Match[K]]

    def note(self, old: K) -> str | None:
        m = self.maybe.get(old)
        return m.evidence.note(str(m.new)) if m is not None else None


Scorer = Callable[[K, V, K, V], Evidence | None]


def match(
    removed: Mapping[K, V],
    added: Mapping[K, V],
    score: Callable[[K, V, K, V], Evidence | None],
    *,
    threshold: float = THRESHOLD,
) -> Matching[K]:
    """Pair ``removed`` with ``added`` one to one, maximizing the total score.

    ``score`` returns None for pairs that cannot be one thing (incompatible types); pairs below
    ``threshold`` are never matched. Output is sorted by old key (deterministic).
    """
    olds, news = list(removed), list(added)
    edges: dict[tuple[int, int], Evidence] = {}
    best_below: dict[int, tuple[float, int, Evidence]] = {}
    for i, old in enumerate(olds):
        for j, new in enumerate(news):
            ev = score(old, removed[old], new, added[new])
            if ev is None:
                continue
            if ev.score >= threshold:
                edges[(i, j)] = ev
            elif ev.score >= NOTE_FLOOR and ev.score > best_below.get(i, (0.0, 0, ev))[0]:
                best_below[i] = (ev.score, j, ev)
    chosen = _assign(len(olds), len(news), {k: e.score for k, e in edges.items()})
    pairs = [Match(olds[i], news[j], edges[(i, j)]) for i, j in chosen]
    used_o, used_n = {i for i, _ in chosen}, {j for _, j in chosen}
    maybe = {
        olds[i]: Match(olds[i], news[j], ev)
        for i, (_, j, ev) in best_below.items()
        if i not in used_o and j not in used_n
    }
    return Matching(sorted(pairs, key=lambda m: str(m.old)), maybe)


def _assign(n: int, m: int, weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one assignment over the allowed ``weights``, per connected group."""
    out: list[tuple[int, int]] = []
    for rows, cols in _groups(weights):
        if len(rows) == 1 or len(cols) == 1:
            best = max(
                ((i, j) for i in rows for j in cols if (i, j) in weights),
                key=lambda e: (weights[e], -e[0], -e[1]),
            )
            out.append(best)
        elif max(len(rows), len(cols)) <= _EXACT_LIMIT:
            out.extend(_hungarian(rows, cols, weights))
        else:
            out.extend(_greedy(rows, cols, weights))
    return sorted(out)


def _groups(weights: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite candidate graph (rows, columns), in row order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in weights:
        a, b = find(("r", i)), find(("c", j))
        if a != b:
            parent[b] = a
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        rows, cols = groups.setdefault(find(node), ([], []))
        (rows if node[0] == "r" else cols).append(node[1])
    return sorted(groups.values(), key=lambda g: (min(g[0]), min(g[1])))


def _greedy(
    rows: list[int], cols: list[int], weights: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    edges = sorted(
        ((i, j) for i in rows for j in cols if (i, j) in weights),
        key=lambda e: (-weights[e], e),
    )
    used_r: set[int] = set()
    used_c: set[int] = set()
    out = []
    for i, j in edges:
        if i not in used_r and j not in used_c:
            used_r.add(i)
            used_c.add(j)
            out.append((i, j))
    return out


def _hungarian(
    rows: list[int], cols: list[int], weights: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """Kuhn-Munkres on the group's square cost matrix (cost = -weight; 0 where not allowed)."""
    size = max(len(rows), len(cols))
    cost = [[0.0] * size for _ in range(size)]
    for a, i in enumerate(rows):
        for b, j in enumerate(cols):
            w = weights.get((i, j))
            if w is not None:
                cost[a][b] = -w
    inf = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    p = [0] * (size + 1)
    way = [0] * (size + 1)
    for r in range(1, size + 1):
        p[0], j0 = r, 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = []
    for b in range(1, size + 1):
        a = p[b] - 1
        if a < len(rows) and b - 1 < len(cols) and (rows[a], cols[b - 1]) in weights:
            out.append((rows[a], cols[b - 1]))
    return out


# -- signals ------------------------------------------------------------------------------------


def normalized_text(value: Any) -> str:
    """Whitespace- and case-insensitive text; empty for anything but a non-empty string."""
    return " ".join(value.split()).lower() if isinstance(value, str) else ""


def same_text(a: Any, b: Any) -> bool:
    ta = normalized_text(a)
    return bool(ta) and ta == normalized_text(b)


def name_signal(sig: Signals, old: str, new: str, weight: float = 0.75) -> None:
    """Name words in any case style: ``checkpoint_id`` and ``checkpointId``, or contained words."""
    similarity = name_similarity(old, new)
    sig.add("name", weight * similarity, similarity >= 0.5)


def position_signal(
    sig: Signals, old: str, new: str, old_order: Sequence[str], new_order: Sequence[str]
) -> None:
    """Same index in the property order, and the same neighbours before and after."""
    if old not in old_order or new not in new_order:
        return
    i, j = list(old_order).index(old), list(new_order).index(new)
    sig.add("position", 0.1, i == j)
    before_o = old_order[i - 1] if i else None
    before_n = new_order[j - 1] if j else None
    after_o = old_order[i + 1] if i + 1 < len(old_order) else None
    after_n = new_order[j + 1] if j + 1 < len(new_order) else None
    neighbours = int(before_o is not None and before_o == before_n) + int(
        after_o is not None and after_o == after_n
    )
    sig.add("neighbours", 0.05 * neighbours, neighbours > 0)


_CONSTRAINTS = (
    "maxLength",
    "minLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "const",
    "default",
)
_EXAMPLE_KEYS = ("example", "examples", "x-example")


def schema_signals(sig: Signals, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Type and format, constraints, description and examples of two raw schema nodes."""
    same_type = old.get("type") == new.get("type") and old.get("format") == new.get("format")
    same_ref = "$ref" in old and old.get("$ref") == new.get("$ref")
    sig.add("schema", 0.2, same_type or same_ref)
    shared = [k for k in _CONSTRAINTS if k in old and k in new]
    sig.add(
        "constraints",
        0.15,
        bool(shared) and all(old[k] == new[k] for k in shared) and _keys(old) == _keys(new),
    )
    sig.add("description", 0.45, same_text(old.get("description"), new.get("description")))
    examples = [k for k in _EXAMPLE_KEYS if k in old and old.get(k) == new.get(k)]
    sig.add("examples", 0.15, bool(examples))


def _keys(node: dict[str, Any]) -> set[str]:
    return {k for k in _CONSTRAINTS if k in node}


def property_scorer(
    old_order: Sequence[str],
    new_order: Sequence[str],
    compatible: Callable[[Any, Any], bool],
    raw: Callable[[Any], dict[str, Any]],
    *,
    lone: bool = False,
) -> Scorer[str, Any]:
    """A scorer of (old name, old schema, new name, new schema) pairs of one object's properties.

    ``compatible`` gates a pair (incompatible types are never one property); ``raw`` gives a
    schema's node; ``lone`` marks the one removed and the one added property of an object as
    more likely one (the drift view: the published spec is a curated copy of upstream).
    """

    def score(old: str, bs: Any, new: str, hs: Any) -> Evidence | None:
        if not compatible(bs, hs):
            return None
        sig = Signals()
        schema_signals(sig, raw(bs), raw(hs))
        position_signal(sig, old, new, old_order, new_order)
        name_signal(sig, old, new)
        sig.add("only-change", 0.1, lone)
        return sig.evidence()

    return score


def match_properties(
    removed: Mapping[str, V],
    added: Mapping[str, V],
    old_order: Sequence[str],
    new_order: Sequence[str],
    compatible: Callable[[V, V], bool],
    raw: Callable[[V], dict[str, Any]],
    *,
    lone_bonus: bool = False,
) -> Matching[str]:
    """Renamed properties of one object (see :func:`property_scorer`)."""
    lone = lone_bonus and len(removed) == 1 and len(added) == 1
    return match(removed, added, property_scorer(old_order, new_order, compatible, raw, lone=lone))


def renamed_pairs(
    removed: Mapping[str, V],
    added: Mapping[str, V],
    compatible: Callable[[V, V], bool],
    raw: Callable[[V], dict[str, Any]] = lambda v: {},
) -> list[tuple[str, str, Evidence]]:
    """The adapter for callers that only need (old, new, evidence): the model diff, parameters."""
    m = match_properties(removed, added, list(removed), list(added), compatible, raw)
    return [(p.old, p.new, p.evidence) for p in m.pairs]


def component_scorer(equal: Callable[[Any, Any], bool]) -> Scorer[str, Any]:
    """Component schemas: equal content (descriptions and examples aside) is the gate; the name
    words and the description decide."""

    def score(old: str, bs: Any, new: str, hs: Any) -> Evidence | None:
        if not equal(bs, hs):
            return None
        sig = Signals()
        sig.add("schema", 0.2)
        sig.add(
            "description", 0.45, same_text(bs.raw.get("description"), hs.raw.get("description"))
        )
        name_signal(sig, old, new)
        return sig.evidence()

    return score
