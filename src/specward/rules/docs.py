"""Render the rule catalog (text, JSON, markdown); docs/rules.md is the markdown form.

Each rule's markdown entry says why the change matters and shows what ``specward breaking``
prints for it: the example is rendered by running the rule's own positive case
(``tests/cases/<rule-id>/positive.yaml``), so it cannot drift from the engine.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from specward.rules import FAMILIES, REGISTRY
from specward.rules.registry import Rule

DOCS_PATH = Path("docs/rules.md")
CASES_PATH = Path(__file__).resolve().parents[3] / "tests" / "cases"
EXAMPLE_DAY = dt.date(2026, 6, 1)  # the day examples are rendered for (sunset dates)
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@cache
def examples(cases: Path = CASES_PATH) -> dict[str, str]:
    """Rule id -> ``location: message`` of its positive case (empty when the cases are absent)."""
    if not cases.is_dir():
        return {}
    import yaml

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="specward-rules-") as tmp:
        folder = Path(tmp)
        for rule in REGISTRY.all():
            path = cases / rule.id / "positive.yaml"
            if not path.exists():
                continue
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            found = _example(folder, rule, case)
            if found:
                out[rule.id] = found
    return out


def _example(folder: Path, rule: Rule, case: dict[str, Any]) -> str | None:
    import yaml

    from specward.breaking.pipeline import compare_specs

    files = []
    for side in ("base", "head"):
        target = folder / f"{side}.yaml"
        target.write_text(yaml.safe_dump(case[side], sort_keys=False), encoding="utf-8")
        files.append(target)
    result = compare_specs(files[0], files[1], today=EXAMPLE_DAY)
    finding = next((c for c in result.changes if c.id == rule.id), None)
    if finding is None:
        return None
    return f"`{finding.location}`: {finding.message}"


def render_markdown() -> str:
    rules = REGISTRY.all()
    breaking = [r for r in rules if r.family != "drift"]
    shown = examples()
    counts = {
        lvl: sum(1 for r in breaking if r.level == lvl) for lvl in ("error", "warning", "info")
    }
    shared = [r for r in breaking if r.oasdiff]
    out = [
        "# Breaking-change rules",
        "",
        "<!-- Generated from the rule registry by `python -m specward.rules --write-docs`; do not edit. -->",
        "",
        f"{len(breaking)} rules: {counts['error']} error (breaks existing clients), {counts['warning']} "
        f"warning (may break some), {counts['info']} info (additive or safe). Ids marked † are "
        f"specward's own; the other {len(shared)} are oasdiff's check ids, so oasdiff ignore "
        "lists keep working, and their default level is oasdiff's unless the "
        "[list below](#levels-that-differ-from-oasdiff) says why specward differs.",
        "",
        "Request and response rules are separate: the same schema change means the opposite in "
        "the two directions (a request that narrows rejects what clients send; a response that "
        "widens returns what clients cannot read). Each example is what `specward breaking` "
        "prints for the rule's positive case in `tests/cases/<rule-id>/`.",
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
            "| id | level | direction | why it matters | example |",
            "|---|---|---|---|---|",
        ]
        for r in members:
            mark = "" if r.oasdiff else " †"
            example = _cell(shown.get(r.id, ""))
            out.append(
                f"| `{r.id}`{mark} | {r.level} | {r.direction} | {_cell(r.doc)} | {example} |"
            )
    out += _differences(rules)
    return "\n".join(out) + "\n"


def _differences(rules: list[Rule]) -> list[str]:
    differ = [r for r in rules if r.oasdiff_level and r.level != r.oasdiff_level]
    out = [
        "",
        "## Levels that differ from oasdiff",
        "",
        f"{len(differ)} shared ids have another default level than oasdiff's (checker/rules.go "
        "in oasdiff/oasdiff), each for the reason given. Beyond levels, specward deliberately "
        "ignores readOnly properties in requests and writeOnly properties in responses (the "
        "other side never sends them), where oasdiff reports them under ids of their own.",
        "",
        "| id | specward | oasdiff | why |",
        "|---|---|---|---|",
    ]
    for r in differ:
        out.append(
            f"| `{r.id}` | {r.level} | {r.oasdiff_level} | {_cell(r.differs_because or '')} |"
        )
    return out


def render_text() -> str:
    rules = REGISTRY.all()
    width = max(len(r.id) for r in rules)
    lines = [f"{r.id:<{width}}  {r.level:<7}  {r.direction:<8}  {r.summary}" for r in rules]
    lines.append(f"{len(rules)} rules")
    return "\n".join(lines) + "\n"


def render_json() -> str:
    return json.dumps({"rules": [r.as_dict() for r in REGISTRY.all()]}, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
