"""``specward changelog BASE HEAD``: every change, grouped by endpoint then component."""

from __future__ import annotations

import click

from specward.commands.common import (
    active_filter,
    contract_option,
    filter_options,
    format_option,
    output_option,
    write_report,
)


@click.command()
@click.argument("base", metavar="BASE")
@click.argument("head", metavar="HEAD")
@format_option(("text", "markdown", "json"))
@contract_option(
    "Contract file: its breaking.policy and breaking.accepted decide which changes are "
    "marked breaking.",
    "contract_path",
)
@filter_options
@output_option
def changelog(
    base: str, head: str, fmt: str, contract_path: str | None, output: str | None
) -> None:
    """List every change from BASE to HEAD (files or REV:path), breaking ones marked.

    Exit 0 (a changelog never fails), 2 on bad input.
    """
    from specward.changelog import build_changelog

    log = build_changelog(base, head, contract=contract_path, filters=active_filter())
    write_report(log.render(fmt), output)
