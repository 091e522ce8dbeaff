"""Filters shared by ``breaking``, ``drift`` and ``changelog``: ``--match-path``,
``--exclude-path`` (regular expressions over the API path) and ``--exclude-elements`` (kinds of
documentation change: description, examples, title, summary), as in oasdiff.

A finding's path is the path of its operation (``POST /items/{id}`` -> ``/items/{id}``); findings
without one (component schemas, servers) are not filtered by path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from specward.errors import SpecwardError
from specward.report.finding import Finding

ELEMENTS = ("description", "examples", "title", "summary")
_TOKENS = {
    "description": {"description", "descriptions"},
    "examples": {"example", "examples"},
    "title": {"title"},
    "summary": {"summary"},
}
_ALL_TOKENS = set().union(*_TOKENS.values())
_OPERATION = re.compile(r"^[A-Z]+ (/\S*)")


def _regex(option: str, value: str | None) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(value)
    except re.error as exc:
        raise SpecwardError(f"{option} {value!r}: not a regular expression ({exc})") from None


def parse_elements(value: str | None) -> frozenset[str]:
    """``"description,examples"`` -> the element names; unknown ones are bad input."""
    names = {v.strip().lower() for v in (value or "").split(",") if v.strip()}
    unknown = sorted(names - set(ELEMENTS))
    if unknown:
        raise SpecwardError(
            f"--exclude-elements: unknown element(s) {', '.join(unknown)} "
            f"(known: {', '.join(ELEMENTS)})"
        )
    return frozenset(names)


def path_of(location: str | None) -> str | None:
    """The API path of ``METHOD /path ...``, or None."""
    match = _OPERATION.match(location or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class FindingFilter:
    match_path: re.Pattern[str] | None = None
    exclude_path: re.Pattern[str] | None = None
    exclude_elements: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        match_path: str | None = None,
        exclude_path: str | None = None,
        exclude_elements: str | None = None,
    ) -> FindingFilter:
        return cls(
            _regex("--match-path", match_path),
            _regex("--exclude-path", exclude_path),
            parse_elements(exclude_elements),
        )

    @property
    def active(self) -> bool:
        return bool(self.match_path or self.exclude_path or self.exclude_elements)

    def keep(
        self, rule_id: str, locations: Iterable[str | None], details: dict[str, Any] | None = None
    ) -> bool:
        """Whether a change of ``rule_id`` at ``locations`` (either side) stays in the report.

        The element a change is about is its ``details["field"]`` when it names one (drift's
        ``description-changed`` of a summary), else a word of the rule id.
        """
        field = str((details or {}).get("field") or "").lower()
        tokens = {field} if field in _ALL_TOKENS else set(rule_id.lower().split("-"))
        if any(tokens & _TOKENS[e] for e in self.exclude_elements):
            return False
        paths = [p for p in (path_of(loc) for loc in locations) if p is not None]
        if not paths:
            return True
        if self.match_path and not any(self.match_path.search(p) for p in paths):
            return False
        return not (self.exclude_path and any(self.exclude_path.search(p) for p in paths))

    def findings(self, findings: list[Finding]) -> list[Finding]:
        if not self.active:
            return findings
        return [
            f
            for f in findings
            if self.keep(f.id, (f.operation, f.location, f.details.get("from")), f.details)
        ]

    def drift_items(self, items: list[Any]) -> list[Any]:
        """Drift items (``kind``, ``published_location``, ``upstream_location``)."""
        if not self.active:
            return items
        return [
            i
            for i in items
            if self.keep(i.kind, (i.published_location, i.upstream_location), i.details)
        ]
