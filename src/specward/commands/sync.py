"""``specward sync``: apply upstream drift to the published spec, keeping curated content."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option(
    "--contract", type=click.Path(dir_okay=False), help="Sync the specs this contract names."
)
@click.option(
    "--all",
    "all_dir",
    type=click.Path(file_okay=False),
    help="Sync every contract in this folder that names an upstream (others are skipped).",
)
@click.option("--upstream", help="The upstream (grpc-gateway) spec.")
@click.option(
    "--published", type=click.Path(dir_okay=False), help="The published spec to edit in place."
)
@click.option(
    "--baseline", help="The upstream last synced with: also take over upstream wording changes."
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 when a sync would change anything."
)
@click.option("--dry-run", is_flag=True, help="Write nothing; print the unified diff.")
def sync(
    contract: str | None,
    all_dir: str | None,
    upstream: str | None,
    published: str | None,
    baseline: str | None,
    check: bool,
    dry_run: bool,
) -> None:
    """Edit the published spec so that `drift` reports it in sync.

    Exit 0 done (or nothing to do), 1 changes pending with --check, 2 bad input or invalid result.
    """
    from specward.contracts import find_contracts
    from specward.drift.files import resolve_inputs
    from specward.errors import SpecwardError
    from specward.sync import sync_file

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
            jobs.append(resolve_inputs(contract=c.path, baseline=baseline))
    else:
        if not contract and not (upstream and published):
            raise SpecwardError(
                "pass --contract FILE, --all DIR, or both --upstream and --published"
            )
        jobs = [resolve_inputs(upstream, published, baseline=baseline, contract=contract)]
    pending = False
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
        if dry_run and result.diff:
            click.echo(result.diff, nl=False)
        click.echo(result.summary(), err=dry_run)
        for item, reason in result.skipped:
            if not reason.startswith("published-only"):
                click.echo(f"  kept: {item.published_location}: {reason}", err=dry_run)
        for item in result.remaining:
            if item.level != "info":
                click.echo(
                    f"  left: [{item.kind}] {item.published_location}: {item.message}", err=dry_run
                )
        pending = pending or result.pending
    sys.exit(1 if check and pending else 0)
