"""``specward mock SPEC``: serve a stateful mock of a spec on loopback."""

from __future__ import annotations

import click

from specward.errors import SpecwardError


@click.command()
@click.argument("spec")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="HOST",
    help="Interface to listen on (loopback only).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    default=0,
    show_default=True,
    help="Port; 0 picks a free one.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    metavar="INT",
    default=0,
    show_default=True,
    help="Seed for synthesized data.",
)
@click.option(
    "--token",
    "tokens",
    multiple=True,
    metavar="TOKEN",
    help="Accept only these credentials (default: any non-empty).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"], case_sensitive=False),
    default="warning",
    show_default=True,
    help="uvicorn's log level.",
)
@click.option(
    "--no-cors",
    is_flag=True,
    help="Do not answer CORS preflights nor add Access-Control-* headers (on by default).",
)
def mock(
    spec: str,
    host: str,
    port: int,
    seed: int,
    tokens: tuple[str, ...],
    log_level: str,
    no_cors: bool,
) -> None:
    """Serve a stateful mock of SPEC; prints its URL (one line) once it listens."""
    from specward.mock.app import check_spec, create_app
    from specward.mock.server import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SpecwardError(
            f"--host {host!r}: the mock listens on loopback only (127.0.0.1 or ::1)"
        )
    app = create_app(check_spec(spec), seed=seed, tokens=tokens or None, cors=not no_cors)
    for problem in app.problems:
        click.echo(f"specward: warning: {problem}", err=True)
    base = app.spec.base_path

    def ready(url: str) -> None:
        click.echo(url + base, nl=True)

    serve(
        app, "127.0.0.1" if host == "localhost" else host, port, on_ready=ready, log_level=log_level
    )
