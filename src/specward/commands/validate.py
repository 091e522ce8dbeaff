"""``specward validate SPEC...``."""

from __future__ import annotations

import json
import sys

import click

from specward.errors import SpecError
from specward.validate import validate_spec


@click.command()
@click.argument("specs", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def validate(specs: tuple[str, ...], fmt: str) -> None:
    """Validate SPECS (files or REV:path). Exit 0 valid, 1 invalid, 2 unreadable."""
    results: dict[str, list[str]] = {}
    unreadable = False
    invalid = False
    for spec in specs:
        try:
            problems = validate_spec(spec)
        except SpecError as exc:
            unreadable = True
            results[spec] = [str(exc)]
            if fmt == "text":
                click.echo(f"specward: error: {exc}", err=True)
            continue
        results[spec] = [str(p) for p in problems]
        invalid = invalid or bool(problems)
        if fmt == "text":
            for p in problems:
                click.echo(str(p))
            if not problems:
                click.echo(f"{spec}: valid")
    if fmt == "json":
        payload = {
            "valid": not (invalid or unreadable),
            "specs": [{"spec": s, "problems": p} for s, p in results.items()],
        }
        click.echo(json.dumps(payload, indent=2))
    sys.exit(2 if unreadable else 1 if invalid else 0)
