"""A contract run as a :class:`specward.report.Report`: one finding per distinct failed check."""

from __future__ import annotations

from specward.contract.runner import ContractResult, Failure
from specward.model.schema import Source
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
                    source=Source(result.spec, op.line or 1),  # SARIF: the operation's line
                    details={
                        "curl": failure.curl,
                        "phase": failure.phase,
                        "status": failure.status,
                        "received": failure.received,
                        "cause": failure.cause,
                    },
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


def groups(result: ContractResult) -> list[tuple[str, str, list[tuple[str, Failure]]]]:
    """Failures grouped by check and cause, the largest group first."""
    found: dict[tuple[str, str], list[tuple[str, Failure]]] = {}
    for label in sorted(result.operations):
        for failure in result.operations[label].failures:
            found.setdefault((failure.check, failure.cause), []).append((label, failure))
    ordered = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(check, cause, items) for (check, cause), items in ordered]


def render_text(result: ContractResult, shown: int = 5) -> str:
    """Failures grouped by check and cause (one example each: its curl, what came back), then
    the verdict per operation in one line each for the failed ones, and a summary."""
    lines = [f"specward contract: {result.spec} against {result.target}"]
    for note in result.notes:
        lines.append(f"note: {note}")
    if result.links:
        lines.append(f"inferred {len(result.links)} link(s) for stateful testing")
    for check, cause, items in groups(result):
        labels = [label for label, _ in items]
        where = labels[0] if len(labels) == 1 else f"{len(labels)} operations"
        lines.append(f"FAIL [{check}] {cause} on {where}")
        if len(labels) > 1:
            more = len(labels) - shown
            listed = ", ".join(labels[:shown]) + (f" and {more} more" if more > 0 else "")
            lines.append(f"       {listed}")
        label, example = items[0]
        lines.append(f"       {label}: {example.title}: {example.message}")
        if example.status is not None:
            lines.append(f"       received {example.status}: {example.received or '(empty body)'}")
        if example.curl:
            lines.append(f"       {example.curl}")
    tested = sum(1 for op in result.operations.values() if op.cases)
    untested = sorted(k for k, op in result.operations.items() if not op.cases and op.passed)
    if untested:
        lines.append(f"SKIP {len(untested)} operation(s) not tested: {', '.join(untested)}")
    failed = sum(1 for op in result.operations.values() if not op.passed)
    verdict = "FAIL" if not result.passed else "ok"
    lines.append(
        f"{verdict}: {failed} of {len(result.operations)} operation(s) failed, "
        f"{result.failures} failure(s) in {len(groups(result))} group(s); {tested} tested"
    )
    return "\n".join(lines) + "\n"
