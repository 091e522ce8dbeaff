"""``specward check``: every gate for every contract, one summary; ``--merge`` combines results."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from specward.commands.common import contracts_option, fail_on_option, output_option, write_atomic
from specward.errors import SpecwardError

_FORMATS = ("text", "markdown", "json", "junit", "sarif", "github")
_STEPS = ("validate", "drift", "breaking", "models", "inventory", "contract")


def _saves(values: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        fmt, sep, path = value.partition(":")
        if not sep or fmt not in _FORMATS or not path:
            raise SpecwardError(
                f"--save {value!r}: expected FORMAT:PATH with FORMAT one of {', '.join(_FORMATS)}"
            )
        out.append((fmt, path))
    return out


def _merge(patterns: tuple[str, ...]) -> Any:
    from specward.check import from_payload, merge_results

    files = sorted(
        {
            p
            for pattern in patterns
            for p in (glob.glob(pattern) if glob.has_magic(pattern) else [pattern])
        }
    )
    if not files:
        raise SpecwardError(f"--merge {' '.join(patterns)}: matches no file")
    results = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                results.append(from_payload(json.load(fh)))
        except FileNotFoundError:
            raise SpecwardError(f"--merge {path}: no such file") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SpecwardError(
                f"--merge {path}: not a `specward check --format json` result ({exc})"
            ) from None
    return merge_results(results)


@contextlib.contextmanager
def _progress(enabled: bool, apis: list[str]) -> Iterator[Any]:
    """A rich progress display on a terminal (stderr); nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[step]}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        tasks = {api: progress.add_task(api, total=len(_STEPS), step="") for api in apis}

        def update(api: str, step: str, result: Any) -> None:
            if result is None:
                progress.update(tasks[api], step=step)
            else:
                progress.advance(tasks[api])

        yield update


@click.command(
    epilog="\b\nExample:\n  specward check --base origin/main --format markdown -o comment.md\n"
    "  specward check --list --format json   # the APIs, for a GitHub Actions matrix"
)
@click.option(
    "--base",
    "base_rev",
    default=None,
    metavar="REV",
    help="Revision to check breaking changes against (default: merge-base with origin/main, else HEAD~1).",
)
@contracts_option("Contract file or glob (repeatable; default contracts/*.yaml).")
@click.option(
    "-j", "--jobs", type=int, default=1, show_default=True, help="APIs checked in parallel."
)
@click.option(
    "--list",
    "list_only",
    is_flag=True,
    help="Print the APIs (with --format json: for a GitHub Actions matrix) and exit.",
)
@click.option(
    "--merge",
    "merge",
    multiple=True,
    metavar="FILE",
    help="Combine `check --format json` results (files or globs) into one report; runs nothing.",
)
@click.option(
    "--skip", multiple=True, type=click.Choice(_STEPS), help="Step not to run (repeatable)."
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(_STEPS),
    help="Run only this step (repeatable; the others are skipped).",
)
@click.option(
    "--max-examples",
    type=click.IntRange(min=1),
    default=None,
    help="Contract tests: examples per operation (default: the contract's).",
)
@click.option(
    "--save",
    "saves",
    multiple=True,
    metavar="FORMAT:PATH",
    help="Also write FORMAT:PATH from the same run (repeatable), e.g. sarif:specward.sarif.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS, case_sensitive=False),
    default="text",
    show_default=True,
    help="Output format.",
)
@fail_on_option
@output_option
def check(
    base_rev: str | None,
    contracts: tuple[str, ...],
    jobs: int,
    list_only: bool,
    merge: tuple[str, ...],
    skip: tuple[str, ...],
    only: tuple[str, ...],
    max_examples: int | None,
    saves: tuple[str, ...],
    fmt: str,
    fail_on: str,
    output: str | None,
) -> None:
    """Run every gate for each contract: validate, drift, breaking, models, inventory, contract.

    Exit 0 all gates pass, 1 a gate fails, 2 bad input.
    """
    from specward.check import CheckOptions, load_contracts, render_check, resolve_base, run_check

    extra = _saves(saves)
    if only and skip:
        raise SpecwardError("give --only or --skip, not both")
    if only:
        skip = tuple(s for s in _STEPS if s not in only)
    if merge:
        result = _merge(merge)
    else:
        loaded = load_contracts(contracts)
        if list_only:
            rows = [{"api": c.api, "contract": c.name} for c in loaded]
            text = (
                json.dumps(rows) + "\n"
                if fmt == "json"
                else "".join(f"{r['api']}\t{r['contract']}\n" for r in rows)
            )
            click.echo(text, nl=False)
            sys.exit(0)
        if max_examples is not None and max_examples < 1:
            raise SpecwardError("--max-examples must be at least 1")
        options = CheckOptions(resolve_base(base_rev), fail_on, frozenset(skip), max_examples)  # type: ignore[arg-type]
        show = sys.stderr.isatty() and not os.environ.get("CI") and output is None
        with _progress(show, [c.api for c in loaded]) as update:
            result = run_check(loaded, options, jobs=jobs, progress=update)
    result.fail_on = fail_on  # type: ignore[assignment]
    for save_fmt, path in extra:
        write_atomic(path, render_check(result, save_fmt))
    text = render_check(result, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(result.exit_code)
