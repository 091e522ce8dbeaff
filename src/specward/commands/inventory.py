"""``specward inventory INVENTORY SPEC``: check a spec against an operation inventory."""

from __future__ import annotations

import click

from specward.commands.common import (
    contract_option,
    emit,
    fail_on_option,
    format_option,
    output_option,
)
from specward.errors import SpecwardError


@click.command(
    epilog="\b\nExample:\n  specward inventory specs/together-rl/inventory.yaml specs/together-rl/openapi.yaml"
)
@click.argument("inventory_path", metavar="INVENTORY", required=False)
@click.argument("spec", required=False)
@contract_option(
    "Contract file: its 'inventory:' and published spec (explicit arguments win).",
    "contract_path",
)
@format_option()
@fail_on_option
@output_option
def inventory(
    inventory_path: str | None,
    spec: str | None,
    contract_path: str | None,
    fmt: str,
    fail_on: str,
    output: str | None,
) -> None:
    """Check SPEC (a file or REV:path) against INVENTORY (Naftiko capability or YAML list).

    Every listed operation must exist with its method, path and parameters; tool hints must
    agree with the HTTP methods; spec operations the inventory lacks are listed.
    Exit 0 clean, 1 findings at or above --fail-on (a listed operation missing from the spec
    is an error), 2 bad input.
    """
    from specward.inventory import check_inventory_files

    if contract_path:
        from specward.contracts import load_contract

        contract = load_contract(contract_path)
        if inventory_path is None:
            if contract.inventory is None:
                raise SpecwardError(f"{contract.name}: names no 'inventory:'")
            inventory_path = contract.rel(contract.inventory)
        spec = spec or contract.rel(contract.published)
    if inventory_path is None or spec is None:
        raise click.UsageError("give INVENTORY and SPEC (or --contract with an inventory)")
    result = check_inventory_files(inventory_path, spec)
    emit(result.report(fail_on), fmt, output)  # type: ignore[arg-type]
