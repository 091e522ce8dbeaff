"""The changelog as text, markdown (cut to fit a comment) or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from specward.changelog.build import Change, Changelog
from specward.report.formats.markdown import cell

MARKDOWN_LIMIT = 60_000
_ICON = {"error": "❌", "warning": "⚠️", "info": "✅"}
_LABEL = {"error": "BREAKING", "warning": "WARNING", "info": "change"}


def _headline(log: Changelog) -> str:
    s = log.summary()
    return (
        f"{s['changes']} change(s) in {len(log.groups)} group(s): {s['breaking']} breaking, "
        f"{s['potentially_breaking']} potentially breaking, {s['non_breaking']} non-breaking "
        f"(semver: {log.semver})"
    )


def _what(change: Change) -> str:
    detail = f"{change.detail}: " if change.detail else ""
    return f"[{change.finding.id}] {detail}{change.finding.message}"


def render_text(log: Changelog) -> str:
    lines = [f"changelog {log.base} → {log.head}", _headline(log)]
    lines += [f"note: {n}" for n in log.notes]
    for group in log.groups:
        lines += ["", group.name + ("  (breaking)" if group.breaking else "")]
        for comp in group.components:
            lines.append(f"  {comp.name}")
            lines += [f"    {_LABEL[c.finding.level]:<8} {_what(c)}" for c in comp.changes]
    return "\n".join(lines) + "\n"


def render_markdown(log: Changelog, limit: int = MARKDOWN_LIMIT) -> str:
    out = [f"### Changelog: `{cell(log.base)}` → `{cell(log.head)}`", "", cell(_headline(log))]
    if log.breaking:
        out += ["", "❌ marks a breaking change, ⚠️ one that may break some clients."]
    used = sum(len(line) + 1 for line in out)
    cut = 0
    for group in log.groups:
        block = ["", f"#### `{cell(group.name)}`" + (" ❌ breaking" if group.breaking else "")]
        for comp in group.components:
            block.append(f"- **{cell(comp.name)}**")
            block += [
                f"  - {_ICON[c.finding.level]} `{c.finding.id}`"
                + (f" `{cell(c.detail)}`" if c.detail else "")
                + f": {cell(c.finding.message)}"
                for c in comp.changes
            ]
        size = sum(len(line) + 1 for line in block)
        if cut or used + size > limit - 200:
            cut += len(group.changes)
            continue
        out += block
        used += size
    if cut:
        out += ["", f"… {cut} more; full list in the JSON report (`--format json`)"]
    return "\n".join(out) + "\n"


def render_json(log: Changelog) -> str:
    return json.dumps(log.payload(), indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Changelog], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)
