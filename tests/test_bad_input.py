"""Bad input never crashes: one line on stderr, exit code 2, bounded time and memory."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from tests.conftest import run_cli

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
openapi: 3.1.0
"""

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space is far more than any of these needs


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def make_big(path: Path) -> None:
    with path.open("w") as fh:
        fh.write("openapi: 3.1.0\ninfo: {title: big, version: '1'}\nx-padding:\n")
        line = "  - " + "x" * 1000 + "\n"
        for _ in range(52 * 1024):
            fh.write(line)


CASES = {
    "malformed-yaml": ("spec.yaml", "openapi: 3.1.0\ninfo: {title: [x\n", "invalid YAML"),
    "malformed-json": ("spec.json", '{"openapi": "3.1.0",\n "info": }', "invalid JSON"),
    "alias-bomb": ("bomb.yaml", BILLION_LAUGHS, "alias bomb"),
    "binary": ("garbage.yaml", b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe" * 100, "binary data"),
    "latin1": ("latin.yaml", "title: caf\xe9\n".encode("latin-1"), "not UTF-8"),
    "empty": ("empty.yaml", "", "empty document"),
    "whitespace": ("blank.yaml", "\n  \n# only a comment\n", "empty document"),
    "list-root": ("list.yaml", "- openapi\n- 3.1.0\n", "not a mapping"),
    "scalar-root": ("scalar.yaml", "just text\n", "not a mapping"),
    "not-openapi": (
        "other.yaml",
        "name: a helm chart\nversion: 1\n",
        "not an OpenAPI or Swagger document",
    ),
    "bad-version": ("old.yaml", "swagger: '1.2'\n", "unsupported swagger version"),
    "deep-nesting": ("deep.json", "[" * 100_000 + "]" * 100_000, ""),
}


def check_one_line_error(proc, expected: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("specward: error: ")
    assert "Traceback" not in proc.stderr
    assert expected in lines[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gets_one_line_and_exit_2(tmp_path, case):
    name, content, expected = CASES[case]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    proc = run_cli("validate", str(path), timeout=30, preexec_fn=limit_memory)
    check_one_line_error(proc, expected)
    assert proc.stderr.split(": error: ", 1)[1].startswith(str(path))


def test_fifty_megabyte_file_is_refused_by_size(tmp_path):
    path = tmp_path / "big.yaml"
    make_big(path)
    assert path.stat().st_size > 50 * 1024 * 1024
    proc = run_cli("validate", str(path), timeout=30, preexec_fn=limit_memory)
    check_one_line_error(proc, "over the")


def test_missing_file(tmp_path):
    proc = run_cli("validate", str(tmp_path / "nope.yaml"), timeout=30)
    check_one_line_error(proc, "no such file")


def test_directory(tmp_path):
    proc = run_cli("validate", str(tmp_path), timeout=30)
    check_one_line_error(proc, "is a directory")


def test_yaml_error_names_file_and_line(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text("openapi: 3.1.0\ninfo:\n  title: ok\n  version: [1\npaths: {}\n")
    proc = run_cli("validate", str(path), timeout=30)
    check_one_line_error(proc, "invalid YAML")
    where = proc.stderr.split(": error: ", 1)[1]
    file, line, _ = where.split(":", 2)
    assert file == str(path) and line.isdigit() and int(line) >= 4


def test_unknown_option_is_a_usage_error():
    proc = run_cli("validate", "--no-such-flag", "x.yaml", timeout=30)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
