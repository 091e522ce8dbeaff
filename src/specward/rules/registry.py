"""The rule registry: every breaking-change rule is a small declarative :class:`Rule`.

The registry is the single source of truth for ``specward rules``, docs/rules.md and the
classifier, which maps a raw change event ``(scope, kind)`` to exactly one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

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


class Registry:
    """Rules by id and by the raw event they classify."""

    def __init__(self) -> None:
        self._by_id: dict[str, Rule] = {}
        self._by_event: dict[tuple[str, str], Rule] = {}

    def add(self, rules: Iterable[Rule]) -> None:
        """Register rules; an id oasdiff shares takes oasdiff's level unless a reason to differ
        is recorded in :data:`specward.rules.oasdiff.DIFFERS`."""
        from specward.rules.oasdiff import DIFFERS, OASDIFF_LEVELS

        for rule in rules:
            theirs = OASDIFF_LEVELS.get(rule.id)
            reason = DIFFERS.get(rule.id)
            if theirs is not None or reason is not None:
                # positional, not dataclasses.replace: ~760 rules are built at start-up
                rule = Rule(
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
            if rule.id in self._by_id:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            key = (rule.scope, rule.kind)
            if key in self._by_event:
                raise ValueError(f"rules {self._by_event[key].id!r} and {rule.id!r} share {key}")
            self._by_id[rule.id] = rule
            self._by_event[key] = rule

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def __len__(self) -> int:
        return len(self._by_id)

    def classify(self, scope: str, kind: str) -> Rule | None:
        """The rule for a raw event, or None when no rule reports it."""
        return self._by_event.get((scope, kind))

    def all(self) -> list[Rule]:
        """Every rule, grouped by family then sorted by id (the documented order)."""
        order = {f: i for i, f in enumerate(FAMILIES)}
        return sorted(self._by_id.values(), key=lambda r: (order.get(r.family, 99), r.id))

    def infos(self) -> dict[str, RuleInfo]:
        return {r.id: r.info() for r in self._by_id.values()}


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
