"""The ``specward`` command line: a thin layer over the plain functions of each package.

Commands are imported only when used, so start-up stays light.
"""

from __future__ import annotations

import gc
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
    "rules": (
        "specward.commands.breaking",
        "rules",
        "List the breaking-change rules, or show one rule with an example.",
    ),
    "changelog": (
        "specward.commands.changelog",
        "changelog",
        "List every change from BASE to HEAD, grouped by endpoint.",
    ),
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


# name -> the example shown at the end of the command's --help page
EXAMPLES: dict[str, str] = {
    "validate": "specward validate specs/together-rl/openapi.yaml --format json -o report.json",
    "breaking": "specward breaking origin/main:specs/api.yaml specs/api.yaml --format markdown",
    "rules": "specward rules request-property-removed",
    "changelog": "specward changelog origin/main:specs/api.yaml specs/api.yaml --format markdown",
    "drift": "specward drift --contract contracts/together-rl.yaml --format github",
    "sync": "specward sync --contract contracts/together-rl.yaml --check",
    "mock": "specward mock specs/together-rl/openapi.yaml --port 8080",
    "contract": "specward contract --contract contracts/together-rl.yaml --mock --max-examples 5",
    "models": "specward models --contract contracts/together-rl.yaml --check",
    "check": "specward check --base origin/main --format markdown -o comment.md",
    "release": "specward release --base v2.0.0 --version 3.0.0 -o RELEASE.md",
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
        command: click.Command = getattr(importlib.import_module(module), attr)
        if command.epilog is None and cmd_name in EXAMPLES:
            command.epilog = f"\b\nExample:\n  {EXAMPLES[cmd_name]}"
        return command

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


def _usage_error(exc: click.ClickException) -> int:
    """One line for a usage error, plus a one-line hint naming the help page."""
    click.echo(f"specward: error: {exc.format_message()}", err=True)
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        click.echo(f"specward: hint: see '{ctx.command_path} --help'", err=True)
    return 2


# Commands that load, report and exit. Run as the process itself, they keep Python's cyclic
# garbage collector paused from main() to the end: start-up only allocates (modules, the rule
# catalog) and what they load is kept to the end or dropped just before it; the collections over
# that (sixteen while a ``breaking`` run imports its modules, one over the loaded specs after the
# diff) cost several ms a run, and whole seconds over a 31 MB spec (drift there: 9.9 s -> 6.8 s,
# the same peak memory). Long-running commands (mock, contract, check) and sync (whose peak is the
# largest) collect as usual.
ONE_SHOT = frozenset({"breaking", "drift", "validate"})


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: bad input becomes one line on stderr and exit code 2.

    Without ``argv`` this is the process itself (the console script, ``python -m specward``):
    a :data:`ONE_SHOT` command runs with the cyclic garbage collector paused, and every command
    leaves its garbage to the operating system at exit (:func:`_leave_to_exit`).
    """
    process = argv is None
    if process and sys.argv[1:2] and sys.argv[1] in ONE_SHOT:
        gc.disable()
    try:
        sys.exit(_run(argv))
    finally:  # commands exit through SystemExit too
        if process:
            _leave_to_exit()


def _leave_to_exit() -> None:
    """Spare the interpreter's final garbage collection: a loaded spec is a graph with cycles
    (schemas point back at their documents), and collecting it at exit took about 10 ms of a
    ~170 ms ``specward breaking`` on a 460 KB spec pair, only for the process to end. Freezing
    moves everything alive into the permanent generation, which that collection skips; the
    output is already written (standard streams are still flushed at exit)."""
    gc.freeze()


def _run(argv: list[str] | None) -> int:
    """Run the command line and return the exit code; every error is one line."""
    try:
        code = app.main(args=argv, prog_name="specward", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        return 2
    except click.ClickException as exc:
        return _usage_error(exc)
    except click.exceptions.Abort:
        click.echo("specward: interrupted", err=True)
        return 130
    except SpecwardError as exc:
        click.echo(f"specward: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("specward: interrupted", err=True)
        return 130
    except MemoryError:  # a spec too large for the memory this process may use: bad input here
        click.echo(
            "specward: error: out of memory: the input is too large for this process", err=True
        )
        return 2
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("SPECWARD_DEBUG"):
            raise
        click.echo(
            f"specward: internal error: {type(exc).__name__}: {exc} (set SPECWARD_DEBUG=1 for a traceback)",
            err=True,
        )
        return 2
    return code if isinstance(code, int) else 0
