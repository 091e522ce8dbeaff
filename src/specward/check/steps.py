"""The gates ``specward check`` runs for one API; each returns a :class:`StepResult`, never raises
on findings, and turns bad input (:class:`SpecwardError`) into an ``error`` step."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward.check.gitbase import Base, exists_at
from specward.check.result import StepResult
from specward.contracts import Contract
from specward.errors import SpecwardError
from specward.report import Finding, Level, Report


@dataclass(frozen=True)
class CheckOptions:
    base: Base
    fail_on: Level = "error"
    skip: frozenset[str] = frozenset()
    max_examples: int | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass
class ApiContext:
    """What the steps of one API share: the contract and the breaking result (for the commit line)."""

    contract: Contract
    options: CheckOptions
    breaking: Any = None  # specward.breaking.BreakingResult
    model_diff: Any = None


def _from_report(name: str, report: Report, summary: str) -> StepResult:
    return StepResult(name, "fail" if report.failed else "pass", summary, list(report.findings))


def _counts(findings: list[Finding]) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.level] += 1
    return f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"


def step_validate(ctx: ApiContext) -> StepResult:
    from specward.model.schema import Source
    from specward.validate import validate_spec

    spec = ctx.contract.rel(ctx.contract.published) or ""
    problems = validate_spec(spec)
    findings = [
        Finding("invalid-spec", "error", p.message, spec, None, Source(p.file, p.line))
        for p in problems
    ]
    summary = f"{len(problems)} problem(s)" if problems else "valid"
    return StepResult("validate", "fail" if problems else "pass", summary, findings)


def step_drift(ctx: ApiContext) -> StepResult:
    if ctx.contract.upstream is None:
        return StepResult("drift", "skip", "no upstream in the contract")
    from specward.drift.files import drift_files, resolve_inputs

    inputs = resolve_inputs(contract=ctx.contract.path)
    result = drift_files(
        inputs.upstream, inputs.published, baseline=inputs.baseline, overrides=inputs.overrides
    )
    report = result.report(ctx.options.fail_on)
    summary = "in sync" if not report.findings else _counts(report.findings)
    return _from_report("drift", report, summary)


def repo_path(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def step_breaking(ctx: ApiContext) -> StepResult:
    base = ctx.options.base
    if base.rev is None or base.root is None:
        return StepResult("breaking", "skip", f"no base revision ({base.reason})")
    contract = ctx.contract
    published = repo_path(contract.published, base.root)
    if not exists_at(base.rev, published, base.root):
        return StepResult("breaking", "skip", f"{published} is new since {base.rev}")
    from specward.breaking import Policy, compare_specs, parse_acceptances
    from specward.model import load

    try:  # a broken spec at the base is history, not bad input: the PR may be the fix
        base_spec = load(f"{base.rev}:{published}")
    except SpecwardError as exc:
        return StepResult("breaking", "skip", f"the base spec cannot be read ({exc})")
    section = contract.breaking
    result = compare_specs(
        base_spec,
        contract.rel(contract.published) or "",
        policy=Policy.from_mapping(section.get("policy"), contract.name),
        accepted=parse_acceptances(section.get("accepted"), contract.name),
    )
    ctx.breaking = result
    from specward.check.group import annotate_components

    annotate_components(result.changes, load(contract.rel(contract.published) or ""))
    report = result.report(ctx.options.fail_on)
    summary = f"semver {result.semver}: {_counts(result.changes)} against {base.rev}"
    step = _from_report("breaking", report, summary)
    step.data = {"semver": result.semver, "base": base.rev}
    return step


def _staleness(models: Any, spec: str, contract: Contract, data: dict[str, Any]) -> list[str]:
    out = contract.models.get("out")
    stale = models.check_models(spec, contract=contract)
    data["stale"] = bool(stale.stale)
    if not stale.stale:
        return []
    data["diff"] = stale.diff[:4000]
    return [f"models in {out} are stale (`specward models --contract {contract.name}`)"]


def _preview(
    models: Any, spec: str, contract: Contract, data: dict[str, Any]
) -> tuple[list[str], list[Finding]]:
    built = models.preview_build(spec, contract=contract)
    data["steps"] = built.payload()["steps"]
    problems = [
        f"preview {name} failed: {step.detail}"
        for name, step in built.steps.items()
        if step.status == "failed"
    ]
    return problems, list(built.findings)


def step_models(ctx: ApiContext, *, preview: bool = True) -> StepResult:
    """Staleness of the committed models (when ``models.out`` is set) and the preview build."""
    try:
        from specward import models
    except ImportError:
        return StepResult("models", "skip", "models command not available")
    contract = ctx.contract
    spec = contract.rel(contract.published) or ""
    if not preview and not contract.models.get("out"):
        return StepResult("models", "skip", "no models.out in the contract")
    data: dict[str, Any] = {}
    problems = _staleness(models, spec, contract, data) if contract.models.get("out") else []
    extra: list[Finding] = []
    if preview:
        failed, extra = _preview(models, spec, contract, data)
        problems += failed
    findings = [Finding("models", "error", p, contract.name) for p in problems] + extra
    status = "fail" if problems else "pass"
    return StepResult("models", status, "; ".join(problems) or "fresh", findings, data)


def commit_line(ctx: ApiContext) -> str | None:
    """The suggested commit line (the Models API's), or one built from the breaking result."""
    result = ctx.breaking
    if result is None or not result.changes:
        return None
    try:
        from specward.models import diff_models, suggest_commit
    except ImportError:
        return fallback_commit(ctx.contract.api, result)
    base = ctx.options.base
    published = repo_path(ctx.contract.published, base.root) if base.root else ""
    model_diff = diff_models(f"{base.rev}:{published}", ctx.contract.rel(ctx.contract.published))
    return suggest_commit(result, model_diff, scope=ctx.contract.api)


def fallback_commit(api: str, result: Any) -> str | None:
    changes = result.changes
    if not changes:
        return None
    top = changes[0]
    kind = "feat" if result.semver in ("major", "minor") else "fix"
    bang = "!" if result.semver == "major" else ""
    return f"{kind}({api}){bang}: {top.message}"


def live_url(contract: Contract, environ: Mapping[str, str]) -> str | None:
    """The contract's ``contract: url:``, or ``SPECWARD_<API>_URL``."""
    name = "SPECWARD_" + re.sub(r"[^A-Za-z0-9]+", "_", contract.api).strip("_").upper() + "_URL"
    value = environ.get(name) or contract.contract.get("url")
    return str(value) if value else None


def step_contract(ctx: ApiContext) -> StepResult:
    from specward.contract.report import to_report
    from specward.contract.runner import run_contract
    from specward.contract.settings import from_contract

    settings = from_contract(str(ctx.contract.path), dict(ctx.options.environ))
    spec = ctx.contract.rel(ctx.contract.published) or ""
    targets: list[tuple[str | None, bool]] = [(None, True)]
    url = live_url(ctx.contract, ctx.options.environ)
    if url:
        targets.append((url, False))
    findings, parts, passed = [], [], True
    for target_url, mock in targets:
        result = run_contract(
            spec,
            url=target_url,
            mock=mock,
            max_examples=ctx.options.max_examples or settings.max_examples or 20,
            phases=settings.phases,
            headers=settings.headers,
            seed=settings.seed or 0,
            infer=settings.infer_links is not False,
            request_timeout=settings.request_timeout or 10.0,
            exclude_checks=settings.exclude_checks,
            auth=settings.auth,
        )
        report = to_report(result)
        for f in report.findings:
            f.details["target"] = result.target
        findings.extend(report.findings)
        passed = passed and result.passed
        tested = sum(1 for op in result.operations.values() if op.cases)
        parts.append(
            f"{result.target}: {tested}/{len(result.operations)} tested, {result.failures} failure(s)"
        )
    return StepResult("contract", "pass" if passed else "fail", "; ".join(parts), findings)


def step_inventory(ctx: ApiContext) -> StepResult:
    if ctx.contract.inventory is None:
        return StepResult("inventory", "skip", "no inventory in the contract")
    from specward.inventory import check_inventory_files

    result = check_inventory_files(
        ctx.contract.rel(ctx.contract.inventory) or "",
        ctx.contract.rel(ctx.contract.published) or "",
    )
    report = result.report(ctx.options.fail_on)
    total = len(result.inventory.operations)
    summary = f"{result.matched}/{total} operations found; {_counts(report.findings)}"
    return _from_report("inventory", report, summary)


STEP_FUNCTIONS: dict[str, Callable[[ApiContext], StepResult]] = {
    "validate": step_validate,
    "drift": step_drift,
    "breaking": step_breaking,
    "models": step_models,
    "inventory": step_inventory,
    "contract": step_contract,
}


def run_step(name: str, ctx: ApiContext) -> StepResult:
    if name in ctx.options.skip:
        return StepResult(name, "skip", "not run (--skip or --only)")
    try:
        return STEP_FUNCTIONS[name](ctx)
    except SpecwardError as exc:
        return StepResult(name, "error", str(exc))
