"""Render the rule catalog (text, JSON, markdown); docs/rules.md is the markdown form."""

from __future__ import annotations

import json
from pathlib import Path

from specward.rules import FAMILIES, REGISTRY

DOCS_PATH = Path("docs/rules.md")
_TITLES = {
    "operations": "Paths and operations",
    "parameters": "Parameters",
    "request-body": "Request bodies",
    "responses": "Responses",
    "security": "Security",
    "servers": "Servers",
    "components": "Component schemas",
    "drift": "Drift (`specward drift` kinds, applied by `specward sync`; not breaking changes)",
}


def render_markdown() -> str:
    rules = REGISTRY.all()
    breaking = [r for r in rules if r.family != "drift"]
    counts = {
        lvl: sum(1 for r in breaking if r.level == lvl) for lvl in ("error", "warning", "info")
    }
    out = [
        "# Breaking-change rules",
        "",
        "<!-- Generated from the rule registry by `python -m specward.rules --write-docs`; do not edit. -->",
        "",
        f"{len(breaking)} rules: {counts['error']} error (breaks existing clients), {counts['warning']} "
        f"warning (may break some), {counts['info']} info (additive or safe). Ids marked † are "
        "specward's own; the others follow oasdiff's naming and are oasdiff's check ids wherever "
        "oasdiff has a check with the same meaning, so oasdiff ignore lists keep working.",
        "",
        "`specward rules` prints the same catalog (`--format json` for tools).",
    ]
    for family in FAMILIES:
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        out += [
            "",
            f"## {_TITLES.get(family, family)}",
            "",
            "| id | level | direction | meaning |",
            "|---|---|---|---|",
        ]
        for r in members:
            mark = "" if r.oasdiff else " †"
            doc = r.doc.replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{r.id}`{mark} | {r.level} | {r.direction} | {doc} |")
    return "\n".join(out) + "\n"


def render_text() -> str:
    rules = REGISTRY.all()
    width = max(len(r.id) for r in rules)
    lines = [f"{r.id:<{width}}  {r.level:<7}  {r.direction:<8}  {r.summary}" for r in rules]
    lines.append(f"{len(rules)} rules")
    return "\n".join(lines) + "\n"


def render_json() -> str:
    return json.dumps({"rules": [r.as_dict() for r in REGISTRY.all()]}, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
