"""``specward validate SPEC...``."""

from __future__ import annotations

import sys
from typing import Any

import click

from specward.commands.common import format_option, output_option, write_report
from specward.errors import SpecError
from specward.report import Finding, Report, RuleInfo, render
from specward.validate import Problem, validate_spec

RULES = {
    "invalid-spec": RuleInfo(
        "invalid-spec", "error", "The spec breaks the OpenAPI schema or rules."
    ),
    "unreadable-spec": RuleInfo("unreadable-spec", "error", "The spec cannot be read or parsed."),
}


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "message": p.message}


def _unreadable(spec: str, exc: SpecError) -> dict[str, Any]:
    return {"file": exc.file or spec, "line": exc.line, "message": exc.message}


def _report(results: dict[str, list[dict[str, Any]]], bad: set[str]) -> Report:
    from specward.model import Source

    findings = [
        Finding(
            id="unreadable-spec" if spec in bad else "invalid-spec",
            level="error",
            message=p["message"],
            location=spec,
            source=Source(p["file"], p["line"]),
        )
        for spec, problems in results.items()
        for p in problems
    ]
    payload = {
        "valid": not findings,
        "specs": [{"spec": s, "problems": p} for s, p in results.items()],
    }
    title = f"specward validate: {len(results)} spec(s)"
    return Report("validate", title, findings, payload, rules=RULES, fail_on="error")


@click.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@format_option()
@output_option
def validate(specs: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Validate each SPEC (a file or REV:path). Exit 0 valid, 1 invalid, 2 unreadable."""
    results: dict[str, list[dict[str, Any]]] = {}
    unreadable: set[str] = set()
    lines: list[str] = []
    for spec in specs:
        try:
            problems = validate_spec(spec)
        except SpecError as exc:
            unreadable.add(spec)
            results[spec] = [_unreadable(spec, exc)]
            click.echo(f"specward: error: {exc}", err=True)
            continue
        results[spec] = [_problem(p) for p in problems]
        lines += [str(p) for p in problems] or [f"{spec}: valid"]
    report = _report(results, unreadable)
    text = "".join(f"{line}\n" for line in lines) if fmt == "text" else render(report, fmt)
    write_report(text, output)
    sys.exit(2 if unreadable else report.exit_code)
