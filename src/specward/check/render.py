"""``specward check`` output: text, markdown (the PR comment), json, junit, sarif, github."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from specward.check.group import Group, group_findings
from specward.check.result import ApiResult, CheckResult, StepResult
from specward.report import Finding, Report, RuleInfo, render

FORMATS = ("text", "markdown", "json", "junit", "sarif", "github")
MARKER = "<!-- specward-check -->"
COMMENT_LIMIT = 65_536  # GitHub's limit on a comment body
BUDGET = 60_000  # what the comment may use before the list is cut
ARTIFACT = "specward-check.json"
_ICON = {"pass": "✅", "fail": "❌", "skip": "➖", "error": "⚠️"}
_LEVEL_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
COLUMNS = (
    "validate",
    "drift",
    "breaking",
    "generate",
    "build",
    "lint",
    "test",
    "inventory",
    "contract",
)
MODEL_STEPS = ("generate", "build", "lint", "test")


def render_check(result: CheckResult, fmt: str, *, budget: int = BUDGET) -> str:
    if fmt == "markdown":
        return render_markdown(result, budget=budget)
    if fmt == "json":
        return json.dumps(result.payload(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "junit":
        return render_junit(result)
    if fmt in ("sarif", "github"):
        return render(combined_report(result), fmt)
    if fmt == "text":
        return render_text(result)
    raise ValueError(f"unknown format {fmt!r}")


def _all_findings(result: CheckResult) -> list[Finding]:
    return [f for api in result.apis for step in api.steps for f in step.findings]


def combined_report(result: CheckResult) -> Report:
    from specward.inventory.check import RULES as INVENTORY_RULES
    from specward.rules import REGISTRY

    rules: dict[str, RuleInfo] = {**REGISTRY.infos(), **INVENTORY_RULES}
    return Report(
        "check", "specward check", _all_findings(result), result.payload(), rules, result.fail_on
    )


def _verdict(result: CheckResult) -> str:
    failing = sum(1 for a in result.apis if a.failed)
    if result.errored:
        return f"⚠️ bad input in {failing} of {len(result.apis)} API(s)"
    if failing:
        return f"❌ {failing} of {len(result.apis)} API(s) fail"
    return f"✅ {len(result.apis)} API(s) pass"


# -- text ----------------------------------------------------------------------------------------
def render_text(result: CheckResult) -> str:
    lines = [f"specward check (fail on {result.fail_on})"]
    lines += [f"note: {n}" for n in result.notes]
    for api in result.apis:
        lines.append(f"{api.api} ({api.contract}): {'FAIL' if api.failed else 'ok'}")
        for step in api.steps:
            lines.append(f"  {step.name:<10} {step.status.upper():<5} {step.summary}")
            for f in step.findings:
                if result.blocking(f):
                    lines.append(f"    {f.level.upper():<7} [{f.id}] {f.location}: {f.message}")
        if api.commit:
            lines.append(f"  commit     {api.commit}")
    verdict = "FAIL" if result.failed else "ok"
    lines.append(f"{verdict}: {_verdict(result)[2:].strip()}")
    return "\n".join(lines) + "\n"


# -- junit ---------------------------------------------------------------------------------------
def render_junit(result: CheckResult) -> str:
    suites = []
    for api in result.apis:
        cases = [_junit_case(api, step) for step in api.steps]
        failures = sum(1 for s in api.steps if s.status == "fail")
        errors = sum(1 for s in api.steps if s.status == "error")
        skipped = sum(1 for s in api.steps if s.status == "skip")
        suites.append(
            f'  <testsuite name={quoteattr(api.api)} tests="{len(api.steps)}" failures="{failures}"'
            f' errors="{errors}" skipped="{skipped}">\n' + "\n".join(cases) + "\n  </testsuite>"
        )
    failures = sum(1 for a in result.apis for s in a.steps if s.status == "fail")
    tests = sum(len(a.steps) for a in result.apis)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="specward check" tests="{tests}" failures="{failures}">\n'
        + "\n".join(suites)
        + ("\n" if suites else "")
        + "</testsuites>\n"
    )


def _junit_case(api: ApiResult, step: StepResult) -> str:
    head = (
        f"    <testcase classname={quoteattr('specward.' + api.api)} name={quoteattr(step.name)}>"
    )
    body = "\n".join(f"[{f.id}] {f.location}: {f.message}" for f in step.findings)
    if step.status == "fail":
        inner = f"<failure message={quoteattr(step.summary)}>{xml_escape(body)}</failure>"
    elif step.status == "error":
        inner = f"<error message={quoteattr(step.summary)}/>"
    elif step.status == "skip":
        inner = f"<skipped message={quoteattr(step.summary)}/>"
    else:
        inner = f"<system-out>{xml_escape(step.summary)}</system-out>"
    return f"{head}\n      {inner}\n    </testcase>"


# -- markdown ------------------------------------------------------------------------------------
def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _model_status(api: ApiResult, name: str) -> str:
    step = api.step("models")
    if step is None or step.status in ("skip", "error"):
        return step.status if step else "skip"
    value = (step.data.get("steps") or {}).get(name)
    if isinstance(value, dict):
        value = value.get("status", value.get("ok", value.get("passed")))
    if value is None:
        return "skip"
    if isinstance(value, bool):
        return "pass" if value else "fail"
    text = str(value).lower()
    if text in ("pass", "passed", "ok", "success", "true"):
        return "pass"
    if text in ("skip", "skipped", "none"):
        return "skip"
    return "fail"


def _status(api: ApiResult, column: str) -> str:
    if column in MODEL_STEPS:
        status = _model_status(api, column)
        if column == "generate" and (api.step("models") or StepResult("", "", "")).data.get(
            "stale"
        ):
            return "fail"
        return status
    step = api.step(column)
    return step.status if step else "skip"


def _table(result: CheckResult, limit: int) -> list[str]:
    out = ["| API | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    used = 0
    for index, api in enumerate(result.apis):
        cells = [_ICON.get(_status(api, c), "➖") for c in COLUMNS]
        row = f"| `{_cell(api.api)}` | " + " | ".join(cells) + " |"
        used += len(row) + 1
        if used > limit:
            out.append(
                f"| {len(result.apis) - index} more API(s): see `{ARTIFACT}` |"
                + " |" * len(COLUMNS)
            )
            break
        out.append(row)
    out.append("")
    out.append("✅ pass · ❌ fail · ➖ skipped · ⚠️ bad input")
    return out


def _finding_line(f: Finding | Group) -> str:
    if isinstance(f, Group):
        return f"- {_LEVEL_ICON[f.level]} {_cell(f.line())}"
    return f"- {_LEVEL_ICON[f.level]} `{f.id}` `{_cell(f.location)}`: {_cell(f.message)}"


class _Budget:
    """Lines until the budget is spent; then the rest is counted, not shown."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.cut = 0

    def take(self, lines: list[str], line: str) -> bool:
        if self.cut or self.used + len(line) + 1 > self.limit:
            self.cut += 1
            return False
        lines.append(line)
        self.used += len(line) + 1
        return True


def _api_section(result: CheckResult, api: ApiResult, budget: _Budget) -> list[str]:
    out: list[str] = []
    icon = "❌" if api.failed else "✅"
    budget.take(out, f"### {icon} `{_cell(api.api)}`")
    budget.take(out, "")
    if api.commit:
        budget.take(out, f"Suggested commit: `{_cell(api.commit)}`")
        budget.take(out, "")
    for step in api.steps:
        if step.status in ("fail", "error"):
            budget.take(out, f"- {_ICON[step.status]} **{step.name}**: {_cell(step.summary)}")
    findings = [f for s in api.steps for f in s.findings]
    blocking = [f for f in findings if result.blocking(f)]
    other = [f for f in findings if not result.blocking(f)]
    if blocking:
        budget.take(out, "")
        budget.take(out, f"**Blocking ({len(blocking)})**")
        budget.take(out, "")
        for item in group_findings(blocking):
            budget.take(out, _finding_line(item))
    if other:
        grouped = group_findings(other)
        budget.take(out, "")
        if budget.take(out, f"<details><summary>{len(other)} other finding(s)</summary>"):
            budget.take(out, "")
            for item in grouped:
                budget.take(out, _finding_line(item))
            out += ["", "</details>"]  # always closed, even when the list was cut
    skipped = [s for s in api.steps if s.status == "skip"]
    if (
        skipped
        and ((out and out[-1] == "") or budget.take(out, ""))
        and budget.take(out, "<details><summary>skipped steps</summary>")
    ):
        budget.take(out, "")
        for s in skipped:
            budget.take(out, f"- {s.name}: {_cell(s.summary)}")
        out += ["", "</details>"]
    out.append("")
    return out


def render_markdown(result: CheckResult, *, budget: int = BUDGET) -> str:
    """The sticky PR comment: hidden marker, verdict, status table, findings per API (blocking
    first, shared-component changes grouped), cut with a count past ``budget`` characters."""
    head = [MARKER, f"## specward check: {_verdict(result)}", ""]
    head.append("; ".join([f"Fail on `{result.fail_on}`", *(_cell(n) for n in result.notes)]) + ".")
    head += ["", *_table(result, budget // 2), ""]
    text = "\n".join(head) + "\n"
    spend = _Budget(max(0, budget - len(text) - 300))
    body: list[str] = []
    for api in result.apis:
        body += _api_section(result, api, spend)
    if spend.cut:
        body.append(
            f"> ✂️ {spend.cut} more line(s) not shown to stay under GitHub's {COMMENT_LIMIT:,}-character"
            f" limit: see the JSON report (`{ARTIFACT}` artifact) for everything."
        )
    return text + "\n".join(body).rstrip("\n") + "\n"
