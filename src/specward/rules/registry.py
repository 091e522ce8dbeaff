"""The rule registry: every breaking-change rule is a small declarative :class:`Rule`.

The registry is the single source of truth for ``specward rules``, docs/rules.md and the
classifier, which maps a raw change event ``(scope, kind)`` to exactly one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from specward.report import Level, RuleInfo

Direction = Literal["request", "response", "none"]
Bump = Literal["major", "minor", "patch"]


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, a level, the change it stands for and how it is explained.

    ``scope`` and ``kind`` are the raw event the differ emits (``("request-property", "removed")``);
    ``message`` is a ``str.format`` template over the event's fields (``{name}``, ``{old}``,
    ``{new}``, ``{values}`` ...). ``oasdiff_level`` is oasdiff's default level when the id is
    one of oasdiff's checks (None: specward's own id); ``differs_because`` says why ``level``
    is not oasdiff's. The registry fills both from :mod:`specward.rules.oasdiff`.
    """

    id: str
    level: Level
    direction: Direction
    family: str
    scope: str
    kind: str
    summary: str
    message: str
    doc: str
    oasdiff_level: Level | None = None
    differs_because: str | None = None

    @property
    def oasdiff(self) -> bool:
        """Whether the id is one of oasdiff's check ids."""
        return self.oasdiff_level is not None

    @property
    def bump(self) -> Bump:
        """The semantic-version bump a change of this rule needs on its own."""
        if self.level == "error":
            return "major"
        if self.level == "warning" or any(
            w in self.kind for w in ("added", "new-", "generalized", "relaxed")
        ):
            return "minor"
        return "patch"

    def info(self) -> RuleInfo:
        from specward.report import RuleInfo

        return RuleInfo(self.id, self.level, self.summary, self.doc)

    def render(self, fields: Mapping[str, Any]) -> str:
        return self.message.format_map(_Fields(fields))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "direction": self.direction,
            "family": self.family,
            "summary": self.summary,
            "doc": self.doc,
            "oasdiff": self.oasdiff,
            "oasdiff_level": self.oasdiff_level,
            "differs_because": self.differs_because,
        }


class RuleFactory:
    """Builds the rules of one family: ``rule = RuleFactory("parameters", "request", "request-parameter")``.

    The summary is the id in words; ``scope`` may differ per rule (responses cover several scopes).
    """

    def __init__(self, family: str, direction: Direction, scope: str) -> None:
        self.family = family
        self.direction = direction
        self.scope = scope

    def __call__(
        self,
        rule_id: str,
        level: str,
        kind: str,
        message: str,
        doc: str,
        *,
        scope: str | None = None,
    ) -> Rule:
        return Rule(
            rule_id,
            level,  # type: ignore[arg-type]
            self.direction,
            self.family,
            scope or self.scope,
            kind,
            rule_id.replace("-", " "),
            message,
            doc,
        )


class _Fields(dict):
    """Format fields: missing ones render as ``?`` rather than raising."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        super().__init__({k: _show(v) for k, v in fields.items()})

    def __missing__(self, key: str) -> str:
        return "?"


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_show(v) for v in value) or "none"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class RuleSource(Protocol):
    """Rules declared by their event and id, each built only when first asked for (most runs
    classify a few dozen events against a catalog of hundreds of generated rules)."""

    def events(self) -> Iterable[tuple[tuple[str, str], str]]:
        """``((scope, kind), id)`` of every rule, in catalog order."""
        ...

    def build(self, scope: str, kind: str) -> Rule:
        """The rule of one declared event."""
        ...


class Registry:
    """Rules by id and by the raw event they classify.

    Rules from a :class:`RuleSource` are indexed when added and built on first use, so
    classifying a few events does not build the whole catalog; every listing builds it all.
    """

    def __init__(self) -> None:
        self._by_id: dict[str, Rule] = {}
        self._by_event: dict[tuple[str, str], Rule] = {}
        self._lazy: dict[tuple[str, str], tuple[str, RuleSource]] = {}
        self._lazy_ids: dict[str, tuple[str, str]] = {}
        self._order: list[str] = []  # every id, in the order the catalog declares them

    def add(self, rules: Iterable[Rule | RuleSource]) -> None:
        """Register rules (or sources of rules, built later); an id oasdiff shares takes
        oasdiff's level unless a reason to differ is recorded in
        :data:`specward.rules.oasdiff.DIFFERS`."""
        for rule in rules:
            if isinstance(rule, Rule):
                self._claim(rule.id, (rule.scope, rule.kind))
                self._store(_adopt(rule))
                continue
            for key, rule_id in rule.events():
                self._claim(rule_id, key)
                self._lazy[key] = (rule_id, rule)
                self._lazy_ids[rule_id] = key

    def _claim(self, rule_id: str, key: tuple[str, str]) -> None:
        if rule_id in self._by_id or rule_id in self._lazy_ids:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        holder = self._by_event.get(key)
        other = holder.id if holder else self._lazy[key][0] if key in self._lazy else None
        if other is not None:
            raise ValueError(f"rules {other!r} and {rule_id!r} share {key}")
        self._order.append(rule_id)

    def _store(self, rule: Rule) -> Rule:
        self._by_id[rule.id] = rule
        self._by_event[(rule.scope, rule.kind)] = rule
        return rule

    def _build(self, key: tuple[str, str]) -> Rule:
        rule_id, source = self._lazy.pop(key)
        del self._lazy_ids[rule_id]
        return self._store(_adopt(source.build(*key)))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id or rule_id in self._lazy_ids

    def get(self, rule_id: str) -> Rule | None:
        rule = self._by_id.get(rule_id)
        if rule is None and rule_id in self._lazy_ids:
            return self._build(self._lazy_ids[rule_id])
        return rule

    def __getitem__(self, rule_id: str) -> Rule:
        rule = self.get(rule_id)
        if rule is None:
            raise KeyError(rule_id)
        return rule

    def __len__(self) -> int:
        return len(self._order)

    def classify(self, scope: str, kind: str) -> Rule | None:
        """The rule for a raw event, or None when no rule reports it."""
        key = (scope, kind)
        rule = self._by_event.get(key)
        if rule is None and key in self._lazy:
            return self._build(key)
        return rule

    def _every(self) -> list[Rule]:
        """Every rule in declaration order, built now where it was not yet."""
        return [self[rule_id] for rule_id in self._order]

    def all(self) -> list[Rule]:
        """Every rule, grouped by family then sorted by id (the documented order)."""
        order = {f: i for i, f in enumerate(FAMILIES)}
        return sorted(self._every(), key=lambda r: (order.get(r.family, 99), r.id))

    def infos(self, ids: Iterable[str] | None = None) -> dict[str, RuleInfo]:
        """What reporters need of every rule, or of the rules ``ids`` (unknown ids are left out)."""
        if ids is None:
            return {r.id: r.info() for r in self._every()}
        rules = (self.get(rule_id) for rule_id in ids)
        return {r.id: r.info() for r in rules if r is not None}


def _adopt(rule: Rule) -> Rule:
    """The rule with oasdiff's level when the id is one of oasdiff's, unless
    :data:`specward.rules.oasdiff.DIFFERS` records why specward differs."""
    from specward.rules.oasdiff import DIFFERS, OASDIFF_LEVELS

    theirs = OASDIFF_LEVELS.get(rule.id)
    reason = DIFFERS.get(rule.id)
    if theirs is None and reason is None:
        return rule
    # positional, not dataclasses.replace: this runs for every rule the catalog builds
    return Rule(
        rule.id,
        rule.level if reason or theirs is None else theirs,
        rule.direction,
        rule.family,
        rule.scope,
        rule.kind,
        rule.summary,
        rule.message,
        rule.doc,
        theirs,
        reason,
    )


FAMILIES = (
    "operations",
    "parameters",
    "request-body",
    "responses",
    "security",
    "servers",
    "components",
    "drift",
)
