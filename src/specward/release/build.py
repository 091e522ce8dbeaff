"""Gather what a release needs: per API the classified changes from base to head, and the live
status of the checklist items. ``today`` is passed in, so the output is deterministic."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward.breaking import BreakingResult, Policy, compare_specs, parse_acceptances
from specward.breaking.semver import bump
from specward.check.gitbase import Base, exists_at
from specward.check.result import StepResult
from specward.check.steps import ApiContext, CheckOptions, repo_path, run_step, step_models
from specward.contracts import Contract
from specward.errors import SpecwardError
from specward.model import load
from specward.report import Finding
from specward.rules import REGISTRY

CATEGORIES = ("breaking", "added", "changed", "deprecated", "removed")
CHECKS = ("drift", "models", "contract", "docs")
EXPIRY_WARNING_DAYS = 30


def category(finding: Finding) -> str:
    """breaking (an error left after policy and acceptances), deprecated, removed, added, changed."""
    if finding.level == "error":
        return "breaking"
    rule = REGISTRY.get(finding.id)
    kind = rule.kind if rule is not None else finding.id
    text = f"{finding.id} {kind}"
    if "deprecat" in text:
        return "deprecated"
    if "removed" in text:
        return "removed"
    if "added" in text:
        return "added"
    return "changed"


@dataclass
class ApiRelease:
    api: str
    contract: str
    new: bool  # the spec does not exist at the base
    result: BreakingResult
    tags: dict[str, str]  # operation label -> first tag
    versions: tuple[str | None, str | None]  # info.version at base and head

    @property
    def semver(self) -> str:
        """The bump the changes need after the acceptances (an accepted error no longer forces major)."""
        return bump((f.id, f.level) for f in self.result.changes)


@dataclass
class ChecklistItem:
    name: str
    status: str  # pass, fail, n/a
    detail: str


@dataclass
class Release:
    base: str
    head: str | None
    version: str | None
    today: dt.date
    apis: list[ApiRelease]
    checklist: list[ChecklistItem] = field(default_factory=list)

    @property
    def semver(self) -> str:
        order = ("none", "patch", "minor", "major")
        return max((a.semver for a in self.apis), key=order.index, default="none")

    @property
    def accepted(self) -> list[tuple[str, Finding]]:
        return [
            (a.api, f)
            for a in self.apis
            for f in a.result.changes
            if "accepted" in f.details or "acceptance_expired" in f.details
        ]

    def expiring(self, finding: Finding) -> bool:
        until = finding.details.get("accepted_until")
        if "acceptance_expired" in finding.details:
            return True
        if not until:
            return False
        return (dt.date.fromisoformat(str(until)) - self.today).days <= EXPIRY_WARNING_DAYS

    @property
    def failed(self) -> bool:
        return any(item.status == "fail" for item in self.checklist)


def _empty_spec(head: Any, folder: str) -> str:
    """An empty spec of the head's OpenAPI version: a new API's changes are all additions."""
    raw = head.ws.entry.data
    first = f"swagger: '{raw['swagger']}'" if "swagger" in raw else f"openapi: {raw.get('openapi')}"
    path = Path(folder) / "empty.yaml"
    path.write_text(f"{first}\ninfo: {{title: new, version: '0'}}\npaths: {{}}\n", encoding="utf-8")
    return str(path)


def _tags(*specs: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        for op in spec.operations.values():
            out.setdefault(op.label, op.tags[0] if op.tags else "untagged")
    return out


def _version(spec: Any) -> str | None:
    value = spec.info.get("version") if isinstance(spec.info, dict) else None
    return str(value) if value is not None else None


def api_release(contract: Contract, base: Base, head: str | None, today: dt.date) -> ApiRelease:
    if base.root is None or base.rev is None:
        raise SpecwardError("release needs a git repository and --base REV")
    path = repo_path(contract.published, base.root)
    head_ref = f"{head}:{path}" if head else (contract.rel(contract.published) or "")
    head_spec = load(head_ref)
    section = contract.breaking
    policy = Policy.from_mapping(section.get("policy"), contract.name)
    accepted = parse_acceptances(section.get("accepted"), contract.name)
    new = not exists_at(base.rev, path, base.root)
    with tempfile.TemporaryDirectory() as folder:
        base_ref = _empty_spec(head_spec, folder) if new else f"{base.rev}:{path}"
        base_spec = load(base_ref)
        result = compare_specs(base_spec, head_spec, policy=policy, accepted=accepted, today=today)
    return ApiRelease(
        contract.api,
        contract.name,
        new,
        result,
        _tags(head_spec, base_spec),
        (None if new else _version(base_spec), _version(head_spec)),
    )


def _docs_item() -> ChecklistItem:
    from specward.rules.docs import render_markdown

    path = Path("docs/rules.md")
    if not path.is_file():
        return ChecklistItem("docs/rules.md fresh", "n/a", "no docs/rules.md here")
    fresh = path.read_text(encoding="utf-8") == render_markdown()
    detail = "matches the rule registry" if fresh else "stale: run `make docs`"
    return ChecklistItem("docs/rules.md fresh", "pass" if fresh else "fail", detail)


_ITEM = {"drift": "drift clean", "models": "models fresh", "contract": "contract tests green"}
_STATUS = {"pass": "pass", "fail": "fail", "error": "fail", "skip": "n/a"}


def _run(name: str, ctx: ApiContext) -> StepResult:
    """A check step; models are only checked for staleness (the preview build is check's job)."""
    if name == "models":
        try:
            return step_models(ctx, preview=False)
        except SpecwardError as exc:
            return StepResult("models", "error", str(exc))
    return run_step(name, ctx)


def checklist(
    contracts: list[Contract], options: CheckOptions, checks: tuple[str, ...]
) -> list[ChecklistItem]:
    """The live status of each item, over every API (a failing API fails the item)."""
    items = []
    for name in ("drift", "models", "contract"):
        if name not in checks:
            items.append(ChecklistItem(_ITEM[name], "n/a", "not run (--skip)"))
            continue
        steps = [(c.api, _run(name, ApiContext(c, options))) for c in contracts]
        ran = [(api, s) for api, s in steps if s.status != "skip"]
        failed = [f"{api}: {s.summary}" for api, s in ran if s.status in ("fail", "error")]
        if failed:
            items.append(ChecklistItem(_ITEM[name], "fail", "; ".join(failed)))
        elif ran:
            items.append(ChecklistItem(_ITEM[name], "pass", ", ".join(api for api, _ in ran)))
        else:
            reasons = sorted({s.summary for _, s in steps})
            items.append(ChecklistItem(_ITEM[name], "n/a", "; ".join(reasons) or "no contracts"))
    if "docs" in checks:
        items.append(_docs_item())
    else:
        items.append(ChecklistItem("docs/rules.md fresh", "n/a", "not run (--skip)"))
    return items


def build_release(
    contracts: list[Contract],
    base: Base,
    *,
    head: str | None = None,
    version: str | None = None,
    today: dt.date,
    checks: tuple[str, ...] = CHECKS,
    max_examples: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> Release:
    apis = [api_release(c, base, head, today) for c in contracts]
    options = CheckOptions(base, "error", frozenset(), max_examples, dict(environ or os.environ))
    items = checklist(contracts, options, checks)
    return Release(base.rev or "", head, version, today, apis, items)
