"""``specward mock SPEC``: serve a stateful mock of a spec on loopback."""

from __future__ import annotations

from typing import Any

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
    envvar="SPECWARD_MOCK_TOKEN",
    help="Accept only these credentials (default: any non-empty). Also from SPECWARD_MOCK_TOKEN "
    "(space-separated), which keeps them out of the process list.",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Read accepted credentials from FILE, one per line ('#' comments).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"], case_sensitive=False),
    default="warning",
    show_default=True,
    help="uvicorn's log level.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    metavar="BYTES",
    default=10 * 1024 * 1024,
    show_default=True,
    help="Request bodies above this get 413.",
)
@click.option(
    "--max-resources",
    type=click.IntRange(min=1),
    metavar="N",
    default=5000,
    show_default=True,
    help="Resources kept per collection (the oldest are evicted).",
)
@click.option(
    "--proxy",
    metavar="URL",
    default=None,
    help="Forward every request to the server at URL; validate requests and responses.",
)
@click.option(
    "--errors",
    is_flag=True,
    help="With --proxy: answer a response that violates the spec as 502 with the violations.",
)
@click.option(
    "--log-json",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    default=None,
    help="With --proxy: also write each violation to FILE as a JSON line.",
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
    token_file: str | None,
    max_body: int,
    max_resources: int,
    proxy: str | None,
    errors: bool,
    log_json: str | None,
    no_cors: bool,
) -> None:
    """Serve a stateful mock of SPEC; prints its URL (one line) once it listens."""
    from specward.mock.app import check_spec, create_app
    from specward.mock.server import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SpecwardError(
            f"--host {host!r}: the mock listens on loopback only (127.0.0.1 or ::1)"
        )
    if proxy is not None and not proxy.startswith(("http://", "https://")):
        raise SpecwardError(f"--proxy {proxy!r}: an http:// or https:// URL is expected")
    if proxy is None and (errors or log_json):
        raise SpecwardError("--errors and --log-json go with --proxy URL")
    accepted = [*tokens, *(_token_file(token_file) if token_file else [])]
    app = create_app(
        check_spec(spec),
        seed=seed,
        tokens=accepted or None,
        cors=not no_cors,
        max_body=max_body,
        max_resources=max_resources,
    )
    for problem in app.problems:
        click.echo(f"specward: warning: {problem}", err=True)
    base = app.spec.base_path
    served: Any = app
    log_file = None
    if proxy is not None:
        from specward.mock.proxy import ProxyApp

        try:
            log_file = open(log_json, "a", encoding="utf-8") if log_json else None  # noqa: SIM115
        except OSError as exc:
            raise SpecwardError(f"--log-json {log_json}: cannot write: {exc.strerror}") from None
        served = ProxyApp(app, proxy, errors=errors, log_json=log_file)

    def ready(url: str) -> None:
        click.echo(url + base, nl=True)

    try:
        serve(
            served,
            "127.0.0.1" if host == "localhost" else host,
            port,
            on_ready=ready,
            log_level=log_level,
        )
    finally:
        if log_file is not None:
            log_file.close()


def _token_file(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle]
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecwardError(
            f"--token-file {path}: cannot read: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    found = [line for line in lines if line and not line.startswith("#")]
    if not found:
        raise SpecwardError(f"--token-file {path}: no token in the file")
    return found
