"""``--preview``: generate, build, lint and test the models of a spec, like an SDK preview build."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specward.errors import SpecwardError
from specward.model import Spec
from specward.models.generate import (
    MODULE,
    GeneratedModels,
    render_models,
    ruff_command,
    write_models,
)
from specward.models.runtime import FAILED, ExampleTester, Outcome, load_module
from specward.models.settings import ModelSettings
from specward.report import Finding

STEPS = ("generate", "build", "lint", "test")
LINT_RULES = "E,F,W,I,UP,B"
_BUILD = """
import importlib.util, pathlib, sys
count = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
    spec = importlib.util.spec_from_file_location("generated_" + path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    count += 1
print(count)
"""


@dataclass
class Step:
    status: str = "skipped"  # ok, failed, skipped
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {"status": self.status, "detail": self.detail, **self.data}


@dataclass
class PreviewResult:
    """The four steps and the findings they raised (failed examples, lint issues)."""

    spec: str
    steps: dict[str, Step]
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(s.status == "failed" for s in self.steps.values())

    def payload(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "failed": self.failed,
            "steps": {name: self.steps[name].payload() for name in STEPS},
            "findings": [f.as_dict() for f in self.findings],
            "notes": list(self.notes),
        }


def preview_build(spec: Spec | str | os.PathLike[str], *, contract: Any = None) -> PreviewResult:
    """Run generate, build, lint and test for ``spec`` in a temporary folder."""
    from specward.models.api import resolve

    loaded, settings = resolve(spec, contract)
    return run_preview(loaded, settings)


def run_preview(spec: Spec, settings: ModelSettings) -> PreviewResult:
    steps = {name: Step() for name in STEPS}
    result = PreviewResult(spec.name, steps)
    try:
        models = render_models(spec, settings)
    except SpecwardError as exc:  # the generator's error, or a spec it cannot take
        steps["generate"] = Step("failed", str(exc))
        for name in STEPS[1:]:
            steps[name].detail = "generate failed"
        return result
    result.notes.extend(models.notes)
    classes = models.classes()
    steps["generate"] = Step("ok", f"{len(classes)} classes", {"classes": len(classes)})
    with tempfile.TemporaryDirectory(prefix="specward-models-") as tmp:
        out = Path(tmp)
        write_models(models, out)
        build, lint = _start_build(out), _start_lint(out)  # both run while the examples do
        tested = PreviewResult(spec.name, {})
        test = _test(spec, models, tested)
        steps["build"] = _finish_build(build)
        steps["lint"] = _finish_lint(lint, result)
    if steps["build"].status != "ok":
        steps["test"].detail = "build failed"
        return result
    steps["test"] = test
    result.findings.extend(tested.findings)
    return result


def build_step(out: Path) -> Step:
    """The build step alone: import every module of ``out`` in a fresh interpreter."""
    return _finish_build(_start_build(out))


def _start_build(out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _BUILD, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _finish_build(proc: subprocess.Popen[str]) -> Step:
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        lines = stderr.strip().splitlines()
        return Step("failed", lines[-1] if lines else f"exit code {proc.returncode}")
    count = int(stdout.strip() or 0)
    return Step("ok", f"{count} module(s) imported in a fresh interpreter", {"modules": count})


def _start_lint(out: Path) -> subprocess.Popen[str] | None:
    ruff = ruff_command()
    if ruff is None:
        return None
    command = [
        *ruff,
        "check",
        "--isolated",
        f"--select={LINT_RULES}",
        "--ignore=E501",
        "--target-version=py311",
        "--output-format=concise",
        "--no-cache",
        ".",
    ]
    return subprocess.Popen(
        command, cwd=out, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish_lint(proc: subprocess.Popen[str] | None, result: PreviewResult) -> Step:
    if proc is None:
        return Step("skipped", "ruff is not installed")
    stdout, stderr = proc.communicate()
    if proc.returncode == 0:
        return Step("ok", f"ruff check ({LINT_RULES}): no issues", {"issues": 0})
    issues = [line for line in stdout.splitlines() if line.startswith(MODULE + ":")]
    for line in issues:
        where, _, message = line.partition(": ")
        result.findings.append(Finding("models-lint", "error", message, where))
    detail = f"ruff check: {len(issues)} issue(s)" if issues else stderr.strip()[:200]
    return Step("failed", detail, {"issues": len(issues)})


_FINDING = {
    "invalid": ("models-example-invalid", "spec defect"),
    "rejected": ("models-example-rejected", "model defect"),
    "round-trip": ("models-example-round-trip", "model defect"),
}


def _test(spec: Spec, models: GeneratedModels, result: PreviewResult) -> Step:
    try:
        module = load_module(models.code)
    except Exception as exc:
        return Step("failed", f"cannot load the models: {type(exc).__name__}: {exc}")
    outcomes = ExampleTester(spec, models.names, module).run()
    counts = {s: 0 for s in ("passed", "schema-only", *FAILED)}
    for outcome in outcomes:
        counts[outcome.status] += 1
        if outcome.status in FAILED:
            result.findings.append(_example_finding(outcome))
    failed = sum(counts[s] for s in FAILED)
    detail = (
        f"{len(outcomes)} example(s): {counts['passed']} round-trip through their model, "
        f"{counts['schema-only']} schema-only, {failed} failed"
    )
    return Step("failed" if failed else "ok", detail, {"examples": counts})


def _example_finding(outcome: Outcome) -> Finding:
    rule, kind = _FINDING[outcome.status]
    return Finding(
        rule,
        "error",
        f"{kind}: {outcome.message}",
        outcome.example.label,
        source=outcome.example.source,
    )


def render_preview(result: PreviewResult, fmt: str) -> str:
    """``text``, ``markdown`` or ``json``."""
    import json

    if fmt == "json":
        return json.dumps(result.payload(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        icon = {"ok": "✅", "failed": "❌", "skipped": "⏭️"}
        verdict = "❌ fails" if result.failed else "✅ passes"
        lines = [f"### specward models preview: {verdict}", "", f"`{result.spec}`", ""]
        lines += ["| step | status | detail |", "|---|---|---|"]
        for name in STEPS:
            step = result.steps[name]
            detail = step.detail.replace("|", "\\|")
            lines.append(f"| {name} | {icon[step.status]} {step.status} | {detail} |")
        for f in result.findings:
            where = f" (`{f.source.file}:{f.source.line or 1}`)" if f.source else ""
            lines.append(f"- `{f.id}` {f.location}: {f.message}{where}")
        lines += [f"> {n}" for n in result.notes]
        return "\n".join(lines) + "\n"
    lines = [f"specward models --preview {result.spec}"]
    lines += [f"note: {n}" for n in result.notes]
    for name in STEPS:
        step = result.steps[name]
        lines.append(f"  {name:<9} {step.status:<8} {step.detail}".rstrip())
    for f in result.findings:
        where = f"  ({f.source.file}:{f.source.line or 1})" if f.source else ""
        lines.append(f"ERROR   [{f.id}] {f.location}: {f.message}{where}")
    lines.append("FAIL" if result.failed else "ok")
    return "\n".join(lines) + "\n"
