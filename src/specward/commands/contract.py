"""``specward contract [SPEC] (--url URL | --mock | --contract FILE)``: Schemathesis property tests."""

from __future__ import annotations

import sys
from typing import Any

import click

from specward.commands.common import contract_option, format_option, output_option, write_atomic
from specward.errors import SpecwardError

PHASE_CHOICES = ("examples", "coverage", "fuzzing", "stateful")
DEFAULTS: dict[str, Any] = {
    "max_examples": 20,
    "phases": PHASE_CHOICES,
    "seed": 0,
    "infer_links": True,
    "request_timeout": 10.0,
}


def _headers(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise SpecwardError(f"--header {value!r}: expected 'Name: value'")
        out[name.strip()] = content.strip()
    return out


def _explicit(ctx: click.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


@click.command()
@click.argument("spec", required=False)
@contract_option(
    "Contract file: its published spec and 'contract:' settings (explicit options win).",
    "contract_path",
)
@click.option(
    "--url",
    default=None,
    metavar="URL",
    help="Base URL of the server under test (paths are appended).",
)
@click.option(
    "--mock",
    is_flag=True,
    help="Test the built-in mock on a free loopback port (a self-test of the spec).",
)
@click.option(
    "--max-examples",
    type=click.IntRange(min=1),
    metavar="N",
    default=DEFAULTS["max_examples"],
    show_default=True,
    help="Examples per operation and phase.",
)
@click.option(
    "--phases",
    metavar="LIST",
    default=",".join(PHASE_CHOICES),
    show_default=True,
    help="Comma-separated phases to run.",
)
@click.option(
    "--header",
    "-H",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="Extra request header 'Name: value' (repeatable; overrides the contract's).",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    metavar="INT",
    default=DEFAULTS["seed"],
    show_default=True,
    help="Seed for generation (runs are deterministic).",
)
@click.option(
    "--exclude-checks",
    default=None,
    metavar="LIST",
    help="Comma-separated Schemathesis checks not to run.",
)
@click.option(
    "--checks",
    default=None,
    metavar="LIST",
    help="Comma-separated Schemathesis checks to run (default: all).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=1,
    show_default=True,
    metavar="N",
    help="Operations tested in parallel.",
)
@click.option(
    "--include-operation",
    default=None,
    metavar="REGEX",
    help="Test only operations whose 'METHOD /path' matches (e.g. '^POST /batches$').",
)
@click.option(
    "--include-path", default=None, metavar="REGEX", help="Test only paths matching REGEX."
)
@click.option(
    "--request-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Longest wait for data on one request (default 10, or the contract's).",
)
@click.option(
    "--request-deadline",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Whole-request deadline against --url (headers and body).",
)
@click.option(
    "--max-response-size",
    type=click.IntRange(min=1),
    default=10 * 1024 * 1024,
    show_default=True,
    metavar="BYTES",
    help="Responses larger than this (against --url) are a failure, not read further.",
)
@click.option(
    "--no-infer-links", is_flag=True, help="Do not add links inferred from resource shapes."
)
@format_option(help="Output format (text is the run's own summary).")
@output_option
@click.pass_context
def contract(
    ctx: click.Context,
    spec: str | None,
    contract_path: str | None,
    url: str | None,
    mock: bool,
    max_examples: int,
    phases: str,
    headers: tuple[str, ...],
    seed: int,
    exclude_checks: str | None,
    checks: str | None,
    workers: int,
    include_operation: str | None,
    include_path: str | None,
    request_timeout: float | None,
    request_deadline: float,
    max_response_size: int,
    no_infer_links: bool,
    fmt: str,
    output: str | None,
) -> None:
    """Run Schemathesis against SPEC's server. Exit 0 all passed, 1 failures, 2 bad input."""
    from specward.contract.report import render_text, to_report
    from specward.contract.runner import run_contract
    from specward.contract.settings import ContractSettings, from_contract, parse_phases
    from specward.report import render

    settings = from_contract(contract_path) if contract_path else ContractSettings()
    spec = spec or settings.spec
    if spec is None:
        raise click.UsageError("give SPEC or --contract FILE")
    if url is None and not mock:  # the target comes from the contract only when none is given
        url, mock = settings.url, bool(settings.mock)

    def pick(name: str, cli_value: Any, contract_value: Any) -> Any:
        return cli_value if _explicit(ctx, name) or contract_value is None else contract_value

    try:
        chosen = parse_phases(phases) if _explicit(ctx, "phases") else None
    except ValueError as exc:
        raise SpecwardError(f"--phases: {exc}") from None
    excluded = (
        tuple(c.strip() for c in exclude_checks.split(",") if c.strip())
        if exclude_checks is not None
        else settings.exclude_checks
    )
    result = run_contract(
        spec,
        url=url,
        mock=mock,
        max_examples=pick("max_examples", max_examples, settings.max_examples),
        phases=chosen or settings.phases or PHASE_CHOICES,
        headers={**settings.headers, **_headers(headers)},
        seed=pick("seed", seed, settings.seed),
        infer=False if no_infer_links else settings.infer_links is not False,
        request_timeout=request_timeout or settings.request_timeout or DEFAULTS["request_timeout"],
        exclude_checks=excluded,
        auth=settings.auth,
        checks=tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None,
        workers=workers,
        include_operation=include_operation,
        include_path=include_path,
        request_deadline=request_deadline,
        max_response_bytes=max_response_size,
    )
    text = render_text(result) if fmt == "text" else render(to_report(result), fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(0 if result.passed else 1)
