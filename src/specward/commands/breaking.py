"""``specward breaking BASE HEAD`` and ``specward rules``: thin click layers."""

from __future__ import annotations

import click

from specward.commands.common import (
    active_filter,
    contract_option,
    emit,
    fail_on_option,
    filter_options,
    filters_given,
    format_option,
    output_option,
)
from specward.errors import SpecwardError


@click.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@format_option()
@fail_on_option
@contract_option(
    "Contract file: its breaking.policy and breaking.accepted apply; BASE and HEAD "
    "default to its previous (or baseline) and published specs.",
    "contract_path",
)
@click.option(
    "--accept",
    "accept_path",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="File listing accepted changes (id, location, reason, expires).",
)
@filter_options
@output_option
def breaking(
    base: str | None,
    head: str | None,
    fmt: str,
    fail_on: str,
    contract_path: str | None,
    accept_path: str | None,
    output: str | None,
) -> None:
    """Classify every change from BASE to HEAD (files or REV:path, any OpenAPI/Swagger version).

    Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on bad input.
    """
    from specward.breaking import Policy, compare_specs

    policy, accepted = Policy(), []
    if contract_path:
        from specward.breaking.accept import parse_acceptances
        from specward.contracts import load_contract

        contract = load_contract(contract_path)
        section = contract.breaking
        policy = Policy.from_mapping(section.get("policy"), contract.name)
        accepted = parse_acceptances(section.get("accepted"), contract.name)
        if base is None and head is None:
            previous = contract.previous or contract.baseline
            if previous is None:
                raise SpecwardError(
                    f"{contract.name}: no 'previous' or 'baseline' spec to compare with; give BASE and HEAD"
                )
            base, head = contract.rel(previous), contract.rel(contract.published)
    if base is None or head is None:
        raise click.UsageError(
            "give BASE and HEAD (or --contract FILE naming previous and published specs)"
        )
    if accept_path:
        from specward.breaking.accept import load_acceptances

        accepted = [*accepted, *load_acceptances(accept_path)]
    flt = active_filter() if filters_given() else None
    result = compare_specs(base, head, policy=policy, accepted=accepted)
    if flt is not None and flt.active:
        from specward.breaking.semver import bump

        result.changes = flt.findings(result.changes)
        result.semver = bump((f.id, f.level) for f in result.changes)
    report = result.report(fail_on, notes=fmt == "markdown")  # type: ignore[arg-type]
    if fmt != "markdown":
        for note in result.notes:
            click.echo(f"specward: warning: {note}", err=True)
    emit(report, fmt, output)


@click.command()
@click.argument("rule_id", required=False, metavar="[ID]")
@format_option(("text", "json", "markdown"))
def rules(rule_id: str | None, fmt: str) -> None:
    """List the breaking-change rule catalog (docs/rules.md is its markdown form), or show the
    rule ID with its doc and an example."""
    from specward.rules.docs import RENDERERS

    if rule_id is None:
        click.echo(RENDERERS[fmt](), nl=False)
        return
    from specward.commands.rule_lookup import render_rule

    click.echo(render_rule(rule_id, fmt), nl=False)
