"""``specward models``: generate pydantic models, check them, preview-build them, diff them."""

from __future__ import annotations

import sys

import click

from specward.commands.common import (
    contract_option,
    emit,
    fail_on_option,
    format_option,
    output_option,
)
from specward.errors import SpecwardError


@click.command()
@click.argument("spec", required=False)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder.")
@contract_option(
    "Contract file: its published spec, and models.out / models.options.", "contract_path"
)
@click.option("--check", is_flag=True, help="Exit 1 with a diff when the output folder is stale.")
@click.option("--preview", is_flag=True, help="Generate, build, lint and test the examples.")
@click.option("--explain", is_flag=True, help="Show the schema-name to class-name mapping.")
@click.option(
    "--diff",
    "diff_refs",
    nargs=2,
    metavar="BASE HEAD",
    help="Compare the models of two spec versions (files or REV:path).",
)
@format_option()
@fail_on_option
@output_option
def models(
    spec: str | None,
    out_dir: str | None,
    contract_path: str | None,
    check: bool,
    preview: bool,
    explain: bool,
    diff_refs: tuple[str, str] | None,
    fmt: str,
    fail_on: str,
    output: str | None,
) -> None:
    """Generate pydantic v2 models from SPEC (OpenAPI 3.0/3.1 or Swagger 2.0) into --out.

    --check, --preview, --explain and --diff are modes; without one, the models are written.
    Exit 0 when fine, 1 when stale / a step failed / a change breaks, 2 on bad input.
    """
    modes = [
        m
        for m, on in (
            ("--check", check),
            ("--preview", preview),
            ("--explain", explain),
            ("--diff", bool(diff_refs)),
        )
        if on
    ]
    if len(modes) > 1:
        raise click.UsageError(f"{' and '.join(modes)} cannot be combined")
    if fmt not in ("text", "markdown", "json") and not diff_refs:
        raise click.UsageError(f"--format {fmt} is for --diff; use text, markdown or json")
    if diff_refs:
        if spec is not None:
            raise click.UsageError("--diff takes BASE and HEAD, not SPEC")
        _diff(*diff_refs, contract_path, fmt, fail_on, output)
        return
    if spec is None and contract_path is None:
        raise click.UsageError("give SPEC or --contract")
    if preview:
        _preview(spec, contract_path, fmt, output)
    elif explain:
        _explain(spec, contract_path, fmt)
    elif check:
        _check(spec, out_dir, contract_path)
    else:
        _generate(spec, out_dir, contract_path)


def _generate(spec: str | None, out_dir: str | None, contract_path: str | None) -> None:
    from specward.models import generate_models

    result = generate_models(spec, out_dir, contract=contract_path)
    for note in result.notes:
        click.echo(f"specward: warning: {note}", err=True)
    shown = _shown(result.out_dir)
    if result.written:
        click.echo(f"wrote {', '.join(result.written)} to {shown}")
    else:
        click.echo(f"{shown} is up to date")


def _shown(path: object) -> str:
    import os

    return os.path.relpath(str(path))


def _check(spec: str | None, out_dir: str | None, contract_path: str | None) -> None:
    from specward.models import check_models

    result = check_models(spec, out_dir, contract=contract_path)
    shown = _shown(result.out_dir)
    if not result.stale:
        click.echo(f"{shown}: models are up to date")
        return
    click.echo(result.diff, nl=False)
    click.echo(
        f"{shown}: models are stale ({', '.join(result.files)}); regenerate with `specward models`",
        err=True,
    )
    sys.exit(1)


def _preview(spec: str | None, contract_path: str | None, fmt: str, output: str | None) -> None:
    from specward.commands.common import write_atomic
    from specward.models import preview_build
    from specward.models.preview import render_preview

    result = preview_build(spec, contract=contract_path)
    text = render_preview(result, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if result.failed else 0)


def _explain(spec: str | None, contract_path: str | None, fmt: str) -> None:
    import json

    from specward.models.api import resolve
    from specward.models.generate import render_models

    loaded, settings = resolve(spec, contract_path)
    names = render_models(loaded, settings).names  # with the generator's own renames
    if fmt == "json":
        click.echo(json.dumps({"spec": loaded.name, **names.payload()}, indent=2))
        return
    click.echo(f"class names for {loaded.name} ({len(names.classes)} schemas)")
    width = max((len(s) for s in names.classes), default=0)
    for schema, cls in sorted(names.classes.items()):
        note = names.notes.get(schema)
        click.echo(f"  {schema:<{width}}  ->  {cls}" + (f"  ({note})" if note else ""))


def _diff(
    base: str, head: str, contract_path: str | None, fmt: str, fail_on: str, output: str | None
) -> None:
    from specward.breaking import Policy, compare_specs, parse_acceptances
    from specward.model import load
    from specward.models import diff_models, suggest_commit

    policy, accepted = Policy(), []
    if contract_path:  # the contract's stability policy and acceptances shape the commit line
        from specward.contracts import load_contract

        contract = load_contract(contract_path)
        policy = Policy.from_mapping(contract.breaking.get("policy"), contract.name)
        accepted = parse_acceptances(contract.breaking.get("accepted"), contract.name)
    base_spec, head_spec = load(base), load(head)
    result = diff_models(base_spec, head_spec)
    try:
        breaking = compare_specs(base_spec, head_spec, policy=policy, accepted=accepted)
        result.commit = suggest_commit(breaking, result)
    except SpecwardError as exc:  # the model diff still stands
        result.notes.append(f"no commit line: {exc}")
    emit(result.report(fail_on), fmt, output)  # type: ignore[arg-type]
