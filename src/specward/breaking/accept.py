"""Accepted breaking changes: listed in the contract (``breaking.accepted``) or an ``--accept``
file, each by rule id and location with a reason and an optional expiry date.

Matching: the ``id`` is equal and the ``location`` is equal or matches as a pattern where
``*`` stands for any text (``POST /rl/* request.body*``); an optional ``operation`` must equal the change's
operation. Accepted changes stay in the report as ``info`` with ``details.accepted`` (the reason)
and ``details.accepted_level`` (their level); an expired acceptance does nothing but add
``details.acceptance_expired``, so the change fails again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specward.errors import SpecError
from specward.load.parse import line_of, parse_text
from specward.report import Finding


@dataclass(frozen=True)
class Acceptance:
    id: str
    location: str
    reason: str
    expires: dt.date | None = None
    operation: str | None = None

    def matches(self, finding: Finding) -> bool:
        if finding.id != self.id:
            return False
        if self.operation is not None and self.operation != finding.operation:
            return False
        return (
            finding.location == self.location
            or _glob(self.location).fullmatch(finding.location) is not None
        )


def _glob(pattern: str) -> re.Pattern[str]:
    """Only ``*`` is special (locations are full of brackets): it matches any text."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def parse_acceptances(entries: Any, file: str | None = None) -> list[Acceptance]:
    """Check and read a list of acceptance mappings; bad entries raise :class:`SpecError`."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise SpecError("accepted changes must be a list", file, line_of(entries))
    out = []
    for index, entry in enumerate(entries):
        line = line_of(entries, index)
        if not isinstance(entry, dict):
            raise SpecError(
                "an accepted change must be a mapping with id, location and reason", file, line
            )
        for key in ("id", "location", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise SpecError(f"accepted change needs a non-empty {key!r}", file, line)
        unknown = set(entry) - {"id", "location", "reason", "expires", "operation"}
        if unknown:
            raise SpecError(
                f"accepted change has unknown key(s) {', '.join(sorted(unknown))}", file, line
            )
        expires = entry.get("expires")
        if expires is not None:
            try:
                expires = dt.date.fromisoformat(str(expires).strip())
            except ValueError:
                raise SpecError(
                    f"accepted change: expires {expires!r} is not a YYYY-MM-DD date", file, line
                ) from None
        operation = entry.get("operation")
        if operation is not None and not isinstance(operation, str):
            raise SpecError(
                "accepted change: operation must be a string like 'GET /path'", file, line
            )
        out.append(
            Acceptance(entry["id"], entry["location"], entry["reason"].strip(), expires, operation)
        )
    return out


def load_acceptances(path: str | os.PathLike[str]) -> list[Acceptance]:
    """Read an ``--accept`` file: a list, ``{accepted: [...]}`` or a contract's ``breaking``."""
    shown = os.path.relpath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such file", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read: {exc}", shown) from None
    data = parse_text(text, shown)
    if isinstance(data, dict):
        if isinstance(data.get("breaking"), dict):
            data = data["breaking"]
        if "accepted" not in data:
            raise SpecError(
                "expected a list of accepted changes or an 'accepted' key", shown, line_of(data)
            )
        data = data["accepted"]
    return parse_acceptances(data, shown)


def apply_acceptances(
    findings: list[Finding], accepted: list[Acceptance], today: dt.date
) -> list[str]:
    """Mark accepted findings; return notes (expired and unused acceptances)."""
    notes = []
    used: set[int] = set()
    for finding in findings:
        for index, acceptance in enumerate(accepted):
            if not acceptance.matches(finding):
                continue
            used.add(index)
            if acceptance.expires is not None and acceptance.expires < today:
                finding.details["acceptance_expired"] = {
                    "reason": acceptance.reason,
                    "expires": acceptance.expires.isoformat(),
                }
                finding.message += f" (acceptance expired on {acceptance.expires.isoformat()})"
                notes.append(
                    f"acceptance of {acceptance.id} at {acceptance.location} expired on "
                    f"{acceptance.expires.isoformat()}"
                )
            else:
                finding.details["accepted"] = acceptance.reason
                finding.details["accepted_level"] = finding.level
                if acceptance.expires is not None:
                    finding.details["accepted_until"] = acceptance.expires.isoformat()
                finding.level = "info"
                finding.message += f" (accepted: {acceptance.reason})"
            break
    for index, acceptance in enumerate(accepted):
        if index not in used:
            notes.append(
                f"accepted change {acceptance.id} at {acceptance.location} matches nothing"
            )
    return notes
