"""One error path: every command's bad option is one line ``specward: error: …`` (plus at most a
one-line hint), exit 2, and every option an error names exists."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from tests.conftest import REPO, run_cli

from specward.cli import COMMANDS, LazyGroup, app, main


def commands() -> dict[str, click.Command]:
    group, ctx = LazyGroup(), click.Context(app)
    found = {name: group.get_command(ctx, name) for name in COMMANDS}
    return {name: cmd for name, cmd in found.items() if cmd is not None}


def bad_values(param: click.Parameter) -> list[str]:
    """Values the option must refuse."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return ["nonsense"]
    if isinstance(kind, click.IntRange):
        out = []
        if kind.max is not None:
            out.append(str(kind.max + 1_000))
        if kind.min is not None:
            out.append(str(kind.min - 1))
        return [*out, "abc"]
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return ["abc"]
    return []


def cases() -> list[tuple[str, list[str], str | None]]:
    out: list[tuple[str, list[str], str | None]] = []
    for name, command in commands().items():
        out.append((name, [name, "--no-such-option"], "--no-such-option"))
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag:
                continue
            flag = max(param.opts, key=len)
            out += [(name, [name, flag, value], flag) for value in bad_values(param)]
        if any(isinstance(p, click.Argument) and p.required for p in command.params):
            out.append((name, [name], None))
    return out


def options_of(command: click.Command) -> set[str]:
    return {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}


def check_one_line(err: str) -> list[str]:
    lines = err.splitlines()
    assert 1 <= len(lines) <= 2, err
    assert lines[0].startswith("specward: error: "), err
    assert len(lines) == 1 or lines[1].startswith("specward: hint: "), err
    assert "Traceback" not in err and "Usage:" not in err
    return lines


CASES = cases()


def test_the_matrix_covers_choices_and_ranges():
    flags = {(c, f) for c, _, f in CASES}
    for expected in [("breaking", "--format"), ("breaking", "--fail-on"), ("drift", "--fail-on")]:
        assert expected in flags
    assert ("mock", "--port") in flags and ("contract", "--max-examples") in flags
    assert ("validate", "--format") in flags and ("sync", "--format") in flags


@pytest.mark.parametrize(("command", "argv", "flag"), CASES, ids=[" ".join(c[1]) for c in CASES])
def test_bad_option_is_one_line_and_exit_2(capsys, command, argv, flag):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2, err
    lines = check_one_line(err)
    if flag is not None:
        assert f"'{flag}'" in lines[0] or flag in lines[0]
    if len(lines) == 2:
        assert lines[1] == f"specward: hint: see 'specward {command} --help'"


@pytest.mark.parametrize("command", sorted(commands()))
def test_errors_without_input_name_only_real_options(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)  # no contracts/ folder to fall back on
    with pytest.raises(SystemExit) as exit_:
        main([command])
    err = capsys.readouterr().err
    if exit_.value.code == 0:  # `rules` lists the catalog
        return
    assert exit_.value.code == 2, err
    lines = check_one_line(err)
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", lines[0]))
    assert named <= options_of(commands()[command]), lines[0]


def test_drift_names_its_own_inputs(capsys):
    with pytest.raises(SystemExit):
        main(["drift", "only-one.yaml"])
    err = capsys.readouterr().err
    assert "--published" not in err and "--upstream" not in err
    assert "PUBLISHED or --contract FILE" in err


@pytest.mark.parametrize("value", ["ERR", "warn", "Warning", "INFO", "error"])
def test_fail_on_takes_any_case_and_oasdiff_names(tmp_path, value):
    spec = tmp_path / "a.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    proc = run_cli("breaking", str(spec), str(spec), "--fail-on", value, "--format", "JSON")
    assert proc.returncode == 0, proc.stderr


def test_usage_error_through_the_console_entry_point():
    proc = run_cli("breaking", "--format", "nonsense", "a", "b")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "specward: error: Invalid value for '--format': 'nonsense' is not one of 'text', "
        "'markdown', 'json', 'junit', 'sarif', 'github'.",
        "specward: hint: see 'specward breaking --help'",
    ]


@pytest.mark.parametrize("command", sorted(commands()))
def test_help_pages_show_an_example_and_no_bare_metavars(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0
    assert "Example:" in proc.stdout and f"specward {command}" in proc.stdout.split("Example:")[1]
    assert " TEXT" not in proc.stdout, proc.stdout
    if "--contract" in proc.stdout:
        assert "--contract FILE" in proc.stdout


def test_reporters_and_the_contract_schema_load_only_when_used():
    code = (
        "import sys, specward.cli, specward.report, specward.commands.breaking\n"
        "from specward.cli import main\n"
        "try:\n    main(['breaking', '--help'])\nexcept SystemExit:\n    pass\n"
        "light = [m for m in sys.modules if m.startswith('specward.report.formats.')"
        " or m == 'pydantic' or m == 'specward.contracts']\n"
        "sys.stderr.write(','.join(sorted(light)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert proc.stderr == ""
