"""The release checklist in markdown."""

from __future__ import annotations

import re

from specward.release.build import CATEGORIES, ApiRelease, Release, category
from specward.report import Finding

_ORDER = ("none", "patch", "minor", "major")
_BOX = {"pass": "[x]", "fail": "[ ]", "n/a": "[ ]"}
_MARK = {"pass": "✅", "fail": "❌", "n/a": "➖"}
_TITLES = {
    "breaking": "Breaking",
    "added": "Added",
    "changed": "Changed",
    "deprecated": "Deprecated",
    "removed": "Removed",
}
_SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)")


def migration_note(f: Finding) -> str | None:
    """What a client does about a rename or a move: "send `new` instead of `old`"."""
    old, new = f.details.get("from"), f.details.get("to")
    if not old or not new or not ("renamed" in f.id or "moved" in f.id):
        return None
    verb = "call" if "moved" in f.id else "read" if f.id.startswith("response") else "send"
    return f"{verb} `{new}` instead of `{old}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _bump(old: str | None, new: str | None) -> str | None:
    a, b = _SEMVER.match(old or ""), _SEMVER.match(new or "")
    if not a or not b:
        return None
    x, y = tuple(map(int, a.groups())), tuple(map(int, b.groups()))
    if y[0] != x[0]:
        return "major" if y > x else "downgrade"
    if y[1] != x[1]:
        return "minor" if y > x else "downgrade"
    return "patch" if y[2] > x[2] else "none" if y == x else "downgrade"


def _version_lines(api: ApiRelease) -> list[str]:
    old, new = api.versions
    need = api.semver
    if api.new:
        return [f"New API (info.version `{new}`)."]
    made = _bump(old, new)
    line = f"info.version `{old}` → `{new}`; the changes need: **{need}**."
    if (
        made
        and need != "none"
        and _ORDER.index(need) > _ORDER.index(made if made in _ORDER else "none")
    ):
        what = "unchanged" if made == "none" else f"a {made} bump"
        line += f" ⚠️ `{new}` is {what} from `{old}`: too small."
    return [line]


def _changelog(api: ApiRelease) -> list[str]:
    out = [f"### {api.api}", "", *_version_lines(api), ""]
    findings = [f for f in api.result.changes if "accepted" not in f.details]
    if not findings:
        return [*out, "No changes.", ""]
    by_tag: dict[str, list[Finding]] = {}
    for f in findings:
        tag = api.tags.get(f.operation or "", "untagged") if f.operation else "Components"
        by_tag.setdefault(tag, []).append(f)
    for tag in sorted(by_tag, key=lambda t: (t == "Components", t)):
        out += [f"#### {tag}", ""]
        for name in CATEGORIES:
            items = [f for f in by_tag[tag] if category(f) == name]
            if not items:
                continue
            out.append(f"**{_TITLES[name]}**")
            out.append("")
            for f in items:
                out.append(f"- `{_cell(f.operation or f.location)}`: {_cell(f.message)}")
                note = migration_note(f)
                if note:
                    out.append(f"  - Migration: {note}.")
            out.append("")
    return out


def _accepted(release: Release) -> list[str]:
    out = ["## Accepted breaking changes", ""]
    rows = release.accepted
    if not rows:
        return [*out, "None.", ""]
    out += ["| API | rule | where | reason | expires | |", "|---|---|---|---|---|---|"]
    for api, f in rows:
        expired = f.details.get("acceptance_expired")
        reason = expired["reason"] if expired else f.details.get("accepted", "")
        until = expired["expires"] if expired else f.details.get("accepted_until") or "never"
        if expired:
            flag = "❌ expired"
        elif release.expiring(f):
            flag = "⚠️ expires within 30 days"
        else:
            flag = ""
        out.append(
            f"| {api} | `{f.id}` | `{_cell(f.location)}` | {_cell(str(reason))} | {until} | {flag} |"
        )
    return [*out, ""]


def render_release(release: Release) -> str:
    head = release.head or "the working tree"
    title = f"Release {release.version}" if release.version else "Release"
    out = [f"# {title}: checklist", "", f"From `{release.base}` to {head}, on {release.today}.", ""]
    out += ["## Recommended version bump", "", f"**{release.semver}**"]
    out.append("(major on any unaccepted error, minor on warnings and additions, patch otherwise)")
    out += ["", "## Changelog", ""]
    for api in release.apis:
        out += _changelog(api)
    out += _accepted(release)
    out += ["## Checklist", ""]
    for item in release.checklist:
        out.append(f"- {_BOX[item.status]} {_MARK[item.status]} {item.name}: {_cell(item.detail)}")
    return "\n".join(out).rstrip("\n") + "\n"
