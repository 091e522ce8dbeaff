"""``specward sync``: apply upstream drift to the published spec, keeping curated content."""

from __future__ import annotations

import sys
from typing import Any

import click

from specward.commands.common import contract_option, format_option, output_option, write_report
from specward.commands.drift import proto_options
from specward.report import Finding, Report


@click.command()
@contract_option("Sync the specs this contract names.")
@click.option(
    "--all",
    "all_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Sync every contract in this folder that names an upstream (others are skipped).",
)
@click.option("--upstream", metavar="SPEC", help="The upstream (grpc-gateway) spec.")
@click.option(
    "--published",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The published spec to edit in place.",
)
@click.option(
    "--baseline",
    metavar="SPEC",
    help="The upstream last synced with: also take over upstream wording changes.",
)
@proto_options
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 when a sync would change anything."
)
@click.option("--dry-run", is_flag=True, help="Write nothing; print the unified diff.")
@format_option(help="Report format; with any but text the summary lines go to standard error.")
@output_option
def sync(
    contract: str | None,
    all_dir: str | None,
    upstream: str | None,
    published: str | None,
    baseline: str | None,
    protos: str | None,
    baseline_protos: str | None,
    proto_path: tuple[str, ...],
    check: bool,
    dry_run: bool,
    fmt: str = "text",
    output: str | None = None,
) -> None:
    """Edit the published spec so that `drift` reports it in sync.

    Exit 0 done (or nothing to do), 1 changes pending with --check, 2 bad input or invalid result.
    """
    from specward.contracts import find_contracts
    from specward.drift.files import resolve_inputs
    from specward.errors import SpecwardError
    from specward.sync import sync_file

    proto_args: dict[str, Any] = {
        "protos": protos,
        "baseline_protos": baseline_protos,
        "proto_path": proto_path,
    }
    if all_dir:
        if contract or upstream or published:
            raise SpecwardError(
                "--all cannot be combined with --contract, --upstream or --published"
            )
        jobs = []
        for c in find_contracts(all_dir):
            if c.upstream is None:
                click.echo(f"{c.name}: no upstream, skipped", err=True)
                continue
            jobs.append(resolve_inputs(contract=c.path, baseline=baseline, **proto_args))
    else:
        if not contract and not (upstream and published):
            raise SpecwardError(
                "pass --contract FILE, --all DIR, or both --upstream and --published"
            )
        jobs = [
            resolve_inputs(upstream, published, baseline=baseline, contract=contract, **proto_args)
        ]
    pending, quiet, results = False, fmt != "text", []
    for job in jobs:
        result = sync_file(
            job.upstream,
            job.published,
            baseline=job.baseline,
            overrides=job.overrides,
            check=check,
            dry_run=dry_run,
            baseline_file=job.baseline_file,
        )
        results.append(result)
        if dry_run and result.diff and not quiet:
            click.echo(result.diff, nl=False)
        click.echo(result.summary(), err=dry_run or quiet)
        for item, reason in result.skipped:
            if not reason.startswith("published-only"):
                click.echo(f"  kept: {item.published_location}: {reason}", err=dry_run or quiet)
        for item in result.remaining:
            if item.level != "info":
                click.echo(
                    f"  left: [{item.kind}] {item.published_location}: {item.message}",
                    err=dry_run or quiet,
                )
        pending = pending or result.pending
    if quiet:
        from specward.report import render

        write_report(render(sync_report(results, check=check), fmt), output)
    sys.exit(1 if check and pending else 0)


def sync_report(results: list[Any], *, check: bool) -> Report:
    """What the sync did or would do, as a report: applied changes, kept content, drift left."""
    findings = []
    for result in results:
        verb = "applied" if result.written else "to apply"
        for item in result.applied if result.changed else []:
            findings.append(_finding(item, "info", f"{verb}: {item.message}"))
        for item, reason in result.skipped:
            findings.append(_finding(item, "info", f"kept as published: {reason}"))
        for item in result.remaining:
            if item.level != "info":
                findings.append(_finding(item, item.level, f"left to fix by hand: {item.message}"))
    pending = any(r.pending for r in results)
    payload = {
        "pending": pending,
        "results": [
            {
                "published": r.published,
                "summary": r.summary(),
                "changed": r.changed,
                "written": r.written,
                "pending": r.pending,
                "applied": [i.as_dict() for i in r.applied] if r.changed else [],
                "skipped": [{**i.as_dict(), "reason": why} for i, why in r.skipped],
                "remaining": [i.as_dict() for i in r.remaining],
                "diff": r.diff,
            }
            for r in results
        ],
    }
    title = "; ".join(r.summary() for r in results) or "sync: no contract names an upstream"
    report = Report("sync", title, findings, payload, fail_on="error")
    if check and pending:  # --check fails on pending changes, whatever their level
        report.fail_on = "info"
    return report


def _finding(item: Any, level: str, message: str) -> Finding:
    return Finding(
        id=item.kind,
        level=level,  # type: ignore[arg-type]
        message=message,
        location=item.published_location,
        source=item.source,
        details={"upstream_location": item.upstream_location, "pointer": item.pointer},
    )
