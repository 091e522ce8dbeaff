"""``specward release --base REV``: the release checklist in markdown."""

from __future__ import annotations

import datetime as dt
import re
import sys

import click

from specward.commands.common import contracts_option, output_option, write_report
from specward.errors import SpecwardError

_CHECKS = ("drift", "models", "contract", "docs")


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SpecwardError(f"--today {value!r}: expected YYYY-MM-DD") from None


@click.command(
    epilog="\b\nExample:\n  specward release --base v2.0.0 --version 3.0.0 -o RELEASE.md"
)
@click.option("--base", "base_rev", required=True, metavar="REV", help="The last release.")
@click.option("--head", "head_rev", default=None, metavar="REV", help="Default: the working tree.")
@click.option("--version", "version", default=None, metavar="X.Y.Z", help="The version to release.")
@contracts_option("Contract file or glob (repeatable).")
@click.option(
    "--skip", multiple=True, type=click.Choice(_CHECKS), help="Checklist item not to run."
)
@click.option(
    "--max-examples",
    type=click.IntRange(min=1),
    default=None,
    help="Contract tests: examples per operation.",
)
@click.option("--today", default=None, hidden=True, help="The date to use (YYYY-MM-DD), for tests.")
@output_option
def release(
    base_rev: str,
    head_rev: str | None,
    version: str | None,
    contracts: tuple[str, ...],
    skip: tuple[str, ...],
    max_examples: int | None,
    today: str | None,
    output: str | None,
) -> None:
    """Print the release checklist: semver bump, changelog per API and tag with migration notes,
    accepted breaking changes and their expiry, and the live status of drift, models, contract
    tests and docs/rules.md.

    Exit 0 every checklist item passes (or does not apply), 1 one fails, 2 bad input.
    """
    from specward.check import load_contracts, resolve_base
    from specward.check.gitbase import resolve_base as _resolve
    from specward.release import build_release, render_release

    if version is not None and not re.fullmatch(r"v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?", version):
        raise SpecwardError(f"--version {version!r}: expected X.Y.Z")
    base = resolve_base(base_rev)
    if head_rev is not None:
        _resolve(head_rev)  # an unknown --head is bad input
    result = build_release(
        load_contracts(contracts),
        base,
        head=head_rev,
        version=version,
        today=_today(today),
        checks=tuple(c for c in _CHECKS if c not in skip),
        max_examples=max_examples,
    )
    write_report(render_release(result), output)
    sys.exit(1 if result.failed else 0)
