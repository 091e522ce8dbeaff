"""A conventional-commit line for a spec change, from ``breaking`` and the model diff."""

from __future__ import annotations

from typing import Any

from specward.report import Finding

CHORE = "chore(internal): regenerate models with no functional changes"
MAX_ITEMS = 2
_RENAMES = ("model-class-renamed", "model-field-renamed")


def suggest_commit(breaking_result: Any, model_diff: Any, *, scope: str = "api") -> str:
    """``feat(api)!: …`` when something breaks, ``feat(api): add …`` when the change adds,
    ``feat(api): update …`` for warnings only (a break the stability policy or an acceptance
    downgraded), the ``chore(internal)`` line otherwise (wording, nothing at all).

    ``breaking_result`` is a :class:`specward.breaking.BreakingResult` (or None), ``model_diff`` a
    :class:`ModelDiffResult` (or None).
    """
    api_changes: list[Finding] = list(getattr(breaking_result, "changes", None) or [])
    model_changes: list[Finding] = list(getattr(model_diff, "findings", None) or [])
    breaks = [f for f in model_changes if f.level == "error"]
    api_breaks = [f for f in api_changes if f.level == "error"]
    additions = _additions(api_changes, model_changes)
    if breaks or api_breaks:
        parts = [_describe(f) for f in breaks] or [_describe_api(f) for f in api_breaks]
        text = _join(parts)
        if additions:
            text += "; add " + ", ".join(additions)
        return f"feat({scope})!: {text}"
    if additions:
        return f"feat({scope}): add {', '.join(additions)}"
    warnings = [f for f in api_changes + model_changes if f.level == "warning"]
    if warnings:  # no break after policy and acceptances, but more than wording
        return f"feat({scope}): update {_join([f.operation or f.location for f in warnings])}"
    return CHORE


def _additions(api_changes: list[Finding], model_changes: list[Finding]) -> list[str]:
    out = []
    endpoints = [f for f in api_changes if f.id == "endpoint-added"]
    if endpoints:
        out.append(_count(len(endpoints), "endpoint"))
    classes = [f.location for f in model_changes if f.id == "model-class-added"]
    if classes:
        shown = ", ".join(classes[:MAX_ITEMS])
        more = f" and {len(classes) - MAX_ITEMS} more" if len(classes) > MAX_ITEMS else ""
        out.append(f"{_count(len(classes), 'model')} ({shown}{more})")
    fields = [f for f in model_changes if f.id == "model-field-added"]
    if fields:
        out.append(_count(len(fields), "optional field"))
    return out


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _describe(f: Finding) -> str:
    if f.id in _RENAMES:
        return f"rename {f.location} to {f.details.get('to')}"
    verb = {
        "model-class-removed": "remove",
        "model-field-removed": "remove",
        "model-enum-member-removed": "remove",
        "model-field-type-changed": "change the type of",
        "model-root-type-changed": "change the type of",
        "model-field-became-required": "require",
        "model-field-added-required": "add required",
        "model-class-kind-changed": "change the kind of",
    }.get(f.id, "change")
    return f"{verb} {f.location}"


def _describe_api(f: Finding) -> str:
    text = f.message.split(" (", 1)[0]
    return text if len(text) <= 100 else text[:99] + "…"


def _join(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    if len(unique) > MAX_ITEMS:
        return "; ".join(unique[:MAX_ITEMS]) + f" and {len(unique) - MAX_ITEMS} more"
    return "; ".join(unique)
