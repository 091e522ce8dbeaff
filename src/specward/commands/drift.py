"""``specward drift UPSTREAM PUBLISHED``: what the published spec lacks compared with upstream."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from specward.commands.common import (
    active_filter,
    contract_option,
    emit,
    fail_on_option,
    filter_options,
    format_option,
    output_option,
    write_atomic,
)


def proto_options(fn: Any) -> Any:
    """``--protos``, ``--baseline-protos`` and ``--proto-path`` (drift and sync)."""
    fn = click.option(
        "--proto-path",
        "proto_path",
        multiple=True,
        metavar="DIR",
        help="Where the protos' imports are (repeatable).",
    )(fn)
    fn = click.option(
        "--baseline-protos",
        metavar="DIR",
        help="The .proto root as of the baseline: field numbers then decide renames.",
    )(fn)
    return click.option(
        "--protos", metavar="DIR", help="The upstream .proto root (with --baseline-protos)."
    )(fn)


@click.command()
@click.argument("upstream", required=False)
@click.argument("published", required=False)
@contract_option("Read paths and drift: overrides from this contract.")
@click.option(
    "--baseline",
    metavar="SPEC",
    help="The upstream the published spec was last synced with (three-way descriptions).",
)
@proto_options
@click.option("--explain", is_flag=True, help="Print the inferred mapping instead of the drift.")
@format_option()
@fail_on_option
@filter_options
@output_option
def drift(
    upstream: str | None,
    published: str | None,
    contract: str | None,
    baseline: str | None,
    protos: str | None,
    baseline_protos: str | None,
    proto_path: tuple[str, ...],
    explain: bool,
    fmt: str,
    fail_on: str,
    output: str | None,
) -> None:
    """Report the real differences between UPSTREAM (grpc-gateway swagger) and PUBLISHED.

    Exit 0 in sync, 1 drift at or above --fail-on, 2 bad input.
    """
    from specward.drift.files import drift_files, resolve_inputs
    from specward.drift.mapping import explain_text

    inputs = resolve_inputs(
        upstream,
        published,
        baseline=baseline,
        contract=contract,
        protos=protos,
        baseline_protos=baseline_protos,
        proto_path=proto_path,
    )
    result = drift_files(
        inputs.upstream, inputs.published, baseline=inputs.baseline, overrides=inputs.overrides
    )
    result.notes.extend(inputs.notes or [])
    result.items = active_filter().drift_items(result.items)
    if explain:
        if fmt == "json":
            text = (
                json.dumps(result.mapping.as_dict(result.upstream, result.published), indent=2)
                + "\n"
            )
        else:
            text = explain_text(result.mapping, result.upstream, result.published)
        if output:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
        sys.exit(0)
    emit(result.report(fail_on), fmt, output)
