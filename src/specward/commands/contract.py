"""``specward contract SPEC (--url URL | --mock)``: Schemathesis property tests, stateful included."""

from __future__ import annotations

import sys

import click

from specward.commands.common import output_option, write_atomic
from specward.errors import SpecwardError

PHASE_CHOICES = ("examples", "coverage", "fuzzing", "stateful")


def _headers(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise SpecwardError(f"--header {value!r}: expected 'Name: value'")
        out[name.strip()] = content.strip()
    return out


@click.command()
@click.argument("spec")
@click.option("--url", default=None, help="Base URL of the server under test (paths are appended).")
@click.option(
    "--mock",
    is_flag=True,
    help="Test the built-in mock on a free loopback port (a self-test of the spec).",
)
@click.option(
    "--max-examples",
    type=int,
    default=20,
    show_default=True,
    help="Examples per operation and phase.",
)
@click.option(
    "--phases",
    default=",".join(PHASE_CHOICES),
    show_default=True,
    help="Comma-separated phases to run.",
)
@click.option(
    "--header",
    "-H",
    "headers",
    multiple=True,
    help="Extra request header 'Name: value' (repeatable).",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed for generation (runs are deterministic).",
)
@click.option(
    "--no-infer-links", is_flag=True, help="Do not add links inferred from resource shapes."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "junit", "sarif", "github"]),
    default="text",
    show_default=True,
)
@output_option
def contract(
    spec: str,
    url: str | None,
    mock: bool,
    max_examples: int,
    phases: str,
    headers: tuple[str, ...],
    seed: int,
    no_infer_links: bool,
    fmt: str,
    output: str | None,
) -> None:
    """Run Schemathesis against SPEC's server. Exit 0 all passed, 1 failures, 2 bad input."""
    from specward.contract.report import render_text, to_report
    from specward.contract.runner import run_contract
    from specward.report import render

    chosen = tuple(p.strip() for p in phases.split(",") if p.strip())
    result = run_contract(
        spec,
        url=url,
        mock=mock,
        max_examples=max_examples,
        phases=chosen,
        headers=_headers(headers),
        seed=seed,
        infer=not no_infer_links,
    )
    text = render_text(result) if fmt == "text" else render(to_report(result), fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(0 if result.passed else 1)
