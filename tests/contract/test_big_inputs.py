"""The mock and contract stay bounded on an alias-laden file and a 31 MB file (issue 9's probes):
run through a subprocess under a 1 GiB address-space limit, as tests/test_bad_input.py does."""

from __future__ import annotations

import resource
import subprocess
import sys

OPERATION = """\
openapi: 3.1.0
info: {title: probe, version: '1'}
paths:
  /n:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {a: {type: string}}}
"""
ALIASES = """\
x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
x-g: &g [*f,*f,*f,*f,*f,*f]
"""  # about 3.7 million nodes once expanded: under the loader's 5 million


def _limit() -> None:
    limit = 1024 * 1024 * 1024  # 1 GiB of address space
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _contract(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "specward", "contract", str(path), "--mock"),
            *("--max-examples", "1", "--phases", "examples"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        preexec_fn=_limit,
    )


def test_alias_laden_file(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(OPERATION + ALIASES)
    proc = _contract(path)
    assert proc.returncode == 0, proc.stderr


def test_31_megabyte_file(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("w") as fh:
        fh.write(OPERATION + "x-padding:\n")
        line = "  - " + "x" * 1000 + "\n"
        for _ in range(31 * 1024):
            fh.write(line)
    proc = _contract(path)
    assert proc.returncode == 0, proc.stderr
