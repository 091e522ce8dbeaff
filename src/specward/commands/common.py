"""Options and output shared by the commands that report findings."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from specward.report import FORMATS, LEVELS, Report, render

# oasdiff's level names, accepted by --fail-on in any case
LEVEL_ALIASES = {"err": "error", "warn": "warning", "note": "info", "notice": "info"}


class LevelChoice(click.Choice):
    """``--fail-on``: error, warning or info, in any case, or oasdiff's ERR, WARN and INFO."""

    def __init__(self) -> None:
        super().__init__(LEVELS, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = LEVEL_ALIASES.get(value.strip().lower(), value.strip())
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(
                f"{value!r} is not one of error, warning, info (or ERR, WARN, INFO)", param, ctx
            )


def format_option(
    choices: tuple[str, ...] = FORMATS, default: str = "text", help: str = "Output format."
) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices, case_sensitive=False),
        default=default,
        show_default=True,
        help=help,
    )


fail_on_option = click.option(
    "--fail-on",
    type=LevelChoice(),
    default="error",
    show_default=True,
    metavar="LEVEL",
    help="Exit 1 when a finding is at or above this level: error, warning or info "
    "(any case; oasdiff's ERR, WARN, INFO too).",
)

output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar="FILE",
    help="Write the report to this file instead of standard output.",
)


def check_contracts(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A ``--contract`` callback: check every named contract file (globs expanded) against the
    schema before the command runs (file:line errors, exit 2)."""
    given_all = value if isinstance(value, tuple) else (value,) if value else ()
    if not given_all:
        return value  # nothing to check: the schema (pydantic) stays unimported
    import glob

    from specward.contracts import load_contract

    for given in given_all:
        for path in sorted(glob.glob(given)) if glob.has_magic(given) else [given]:
            load_contract(path)
    return value


def contracts_option(help: str) -> Callable[[Any], Any]:
    """``--contract FILE`` (repeatable, globs): each file is checked against the schema up front."""
    return click.option(
        "--contract",
        "contracts",
        multiple=True,
        metavar="FILE",
        callback=check_contracts,
        is_eager=True,
        help=help,
    )


def contract_option(help: str, name: str = "contract") -> Callable[[Any], Any]:
    """``--contract FILE``: the file is loaded and checked against the schema up front."""
    return click.option(
        "--contract",
        name,
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FILE",
        callback=check_contracts,
        is_eager=True,
        help=help,
    )


def spec_option(*names: str, help: str) -> Callable[[Any], Any]:
    """An option naming a spec (a file or ``REV:path``)."""
    return click.option(*names, default=None, metavar="SPEC", help=help)


def write_report(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (atomically), or print it."""
    if output:
        from specward.atomic import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def emit(report: Report, fmt: str, output: str | None = None) -> None:
    """Print (or write) the report and exit with its exit code."""
    color = (
        fmt == "text" and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    text = render(report, fmt, color=color)
    write_report(text, output)
    sys.exit(report.exit_code)


_FILTER_KEY = "specward.filters"


def _store_filter(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and param.name:
        ctx.meta.setdefault(_FILTER_KEY, {})[param.name] = value


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--match-path``, ``--exclude-path``, ``--exclude-elements``; read with :func:`active_filter`."""
    options = [
        click.option(
            "--match-path",
            metavar="REGEX",
            expose_value=False,
            callback=_store_filter,
            help="Report only changes to paths matching this regular expression.",
        ),
        click.option(
            "--exclude-path",
            metavar="REGEX",
            expose_value=False,
            callback=_store_filter,
            help="Leave out changes to paths matching this regular expression.",
        ),
        click.option(
            "--exclude-elements",
            metavar="LIST",
            expose_value=False,
            callback=_store_filter,
            help="Leave out documentation changes: description,examples,title,summary.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def filters_given() -> bool:
    """Whether any filter option was given (without one, the filters module stays unimported)."""
    return bool(click.get_current_context().meta.get(_FILTER_KEY))


def active_filter() -> Any:
    """The command's :class:`specward.report.filters.FindingFilter` (inactive when no option)."""
    from specward.report.filters import FindingFilter

    given = click.get_current_context().meta.get(_FILTER_KEY, {})
    return FindingFilter.build(
        given.get("match_path"), given.get("exclude_path"), given.get("exclude_elements")
    )


def __getattr__(name: str) -> Any:
    """``write_atomic`` is re-exported lazily: commands that never write do not import it."""
    if name == "write_atomic":
        from specward.atomic import write_atomic

        return write_atomic
    raise AttributeError(name)
