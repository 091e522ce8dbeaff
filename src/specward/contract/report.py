"""A contract run as a :class:`specward.report.Report`: one finding per distinct failed check."""

from __future__ import annotations

from specward.contract.runner import ContractResult
from specward.report import Finding, Report, RuleInfo

_RULES = {
    "not_a_server_error": "The server answered 5xx.",
    "status_code_conformance": "The status code is not documented for the operation.",
    "content_type_conformance": "The response content type is not documented.",
    "response_schema_conformance": "The response body does not match its schema.",
    "response_headers_conformance": "Documented response headers are missing or invalid.",
    "positive_data_acceptance": "Valid input was rejected.",
    "negative_data_rejection": "Invalid input was accepted.",
    "use_after_free": "A deleted resource is still reachable.",
    "ensure_resource_availability": "A created resource cannot be read back.",
    "missing_required_header": "A request without a required header was accepted.",
    "ignored_auth": "Authentication is declared but not enforced.",
    "unsupported_method": "An undocumented method did not get 405.",
    "error": "Schemathesis could not test the operation.",
}


def to_report(result: ContractResult) -> Report:
    findings = []
    for label in sorted(result.operations):
        op = result.operations[label]
        for failure in op.failures:
            findings.append(
                Finding(
                    id=failure.check,
                    level="error",
                    message=f"{failure.title}: {failure.message}",
                    location=label,
                    operation=label,
                    details={"curl": failure.curl, "phase": failure.phase},
                )
            )
    tested = sum(1 for op in result.operations.values() if op.cases)
    failed = sum(1 for op in result.operations.values() if not op.passed)
    title = f"contract {result.spec} against {result.target}: {tested}/{len(result.operations)} operations tested, {failed} failed"
    notes = list(result.notes)
    if result.links:
        notes.append(f"{len(result.links)} link(s) inferred for stateful testing")
    untested = sorted(k for k, op in result.operations.items() if not op.cases)
    if untested:
        notes.append("not tested: " + ", ".join(untested))
    rules = {rid: RuleInfo(rid, "error", summary) for rid, summary in _RULES.items()}
    return Report(
        "contract", title, findings, result.as_dict(), rules=rules, fail_on="error", notes=notes
    )


def render_text(result: ContractResult) -> str:
    """Per operation: PASS/FAIL with the checks run, then each failure with its curl command."""
    lines = [f"specward contract: {result.spec} against {result.target}"]
    for note in result.notes:
        lines.append(f"note: {note}")
    if result.links:
        lines.append(f"inferred {len(result.links)} link(s) for stateful testing")
    for label in sorted(result.operations):
        op = result.operations[label]
        verdict = "PASS" if op.passed else "FAIL"
        if not op.cases and op.passed:
            verdict = "SKIP"
        lines.append(f"{verdict:<5}{label}  ({op.cases} case(s), {len(op.checks)} check(s))")
        for failure in op.failures:
            lines.append(f"       [{failure.check}] {failure.title}: {failure.message}")
            if failure.curl:
                lines.append(f"         {failure.curl}")
    failed = sum(1 for op in result.operations.values() if not op.passed)
    verdict = "FAIL" if not result.passed else "ok"
    lines.append(
        f"{verdict}: {failed} of {len(result.operations)} operation(s) failed, {result.failures} failure(s)"
    )
    return "\n".join(lines) + "\n"
