"""The ``specward`` command line: a thin layer over the plain functions of each package.

Commands are imported only when used, so start-up stays light.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from specward import __version__
from specward.errors import SpecwardError

# name -> (module, attribute, one-line help). Modules that do not exist yet are hidden.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": (
        "specward.commands.validate",
        "validate",
        "Validate specs: schema, $refs, operationIds, path parameters.",
    ),
    "breaking": (
        "specward.commands.breaking",
        "breaking",
        "Classify the changes between two versions of a spec.",
    ),
    "rules": ("specward.commands.breaking", "rules", "List the breaking-change rule catalog."),
    "drift": (
        "specward.commands.drift",
        "drift",
        "Compare an upstream proto swagger with the published spec.",
    ),
    "sync": (
        "specward.commands.sync",
        "sync",
        "Apply upstream changes to the published spec, keeping curated content.",
    ),
    "mock": ("specward.commands.mock", "mock", "Serve a stateful mock of a spec on loopback."),
    "contract": (
        "specward.commands.contract",
        "contract",
        "Run Schemathesis property tests against a server or the mock.",
    ),
    "models": (
        "specward.commands.models",
        "models",
        "Regenerate pydantic models and catch stale ones.",
    ),
    "check": (
        "specward.commands.check",
        "check",
        "Run every gate for the contracts: one CI check.",
    ),
    "release": ("specward.commands.release", "release", "Print the release checklist."),
    "inventory": (
        "specward.commands.inventory",
        "inventory",
        "Check a spec against an operation inventory.",
    ),
}


def _available(name: str) -> bool:
    module = COMMANDS[name][0]
    return importlib.util.find_spec(module) is not None


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [n for n in COMMANDS if _available(n)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        module, attr, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][2]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="specward")
def app() -> None:
    """specward keeps a published OpenAPI spec honest.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input.
    """


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: bad input becomes one line on stderr and exit code 2."""
    try:
        return app.main(args=argv, prog_name="specward", standalone_mode=True)
    except SpecwardError as exc:
        click.echo(f"specward: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("specward: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("SPECWARD_DEBUG"):
            raise
        click.echo(
            f"specward: internal error: {type(exc).__name__}: {exc} (set SPECWARD_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(2)
