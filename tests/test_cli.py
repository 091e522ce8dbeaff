"""The CLI as a user meets it, through a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, run_cli

VALID = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok}
"""

INVALID = VALID.replace("in: path", "in: somewhere")


def test_help_lists_commands_and_exit_codes():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "validate" in proc.stdout
    assert "2 bad input" in proc.stdout


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0 and "specward" in proc.stdout


def test_validate_valid_and_invalid_exit_codes(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(VALID)
    bad.write_text(INVALID)
    ok = run_cli("validate", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip() == f"{good}: valid"
    failed = run_cli("validate", str(good), str(bad))
    assert failed.returncode == 1
    problem_lines = [line for line in failed.stdout.splitlines() if line.startswith(str(bad))]
    assert problem_lines and all(line.split(":")[1].isdigit() for line in problem_lines)
    assert any("somewhere" in line for line in problem_lines)


def test_validate_reports_loader_checks_with_lines(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        VALID.replace("/items/{id}:", "/items/{item_id}:")
        + "  /other:\n    get:\n      operationId: getItem\n      responses:\n        '200':\n"
        "          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: '#/components/schemas/Nope'}\n"
    )
    proc = run_cli("validate", "--format", "json", str(spec))
    assert proc.returncode == 1
    payload = json.loads(proc.stdout)
    problems = payload["specs"][0]["problems"]
    assert all(set(p) == {"file", "line", "message"} for p in problems)
    assert all(p["file"] == str(spec) for p in problems)
    found = {(p["line"], p["message"]) for p in problems}
    assert any(
        line == 5 and "GET /items/{item_id}: path parameter 'item_id' is in the template" in m
        for line, m in found
    )
    assert any(line == 7 and "'id' is declared but not in the template" in m for line, m in found)
    assert any("duplicate operationId 'getItem'" in m for _, m in found)
    assert (18, "unresolvable $ref '#/components/schemas/Nope'") in found


def test_unreadable_input_wins_over_invalid(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(INVALID)
    proc = run_cli("validate", str(bad), str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2


def test_startup_does_not_import_heavy_libraries():
    code = (
        "import sys, specward.cli, specward.model, specward.report\n"
        "heavy = ['schemathesis', 'datamodel_code_generator', 'uvicorn', 'starlette', 'hypothesis',"
        " 'openapi_spec_validator', 'ruamel']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert proc.stdout.strip() == ""


def test_help_does_not_import_heavy_libraries():
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "specward", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    imported = proc.stderr
    for heavy in ("schemathesis", "datamodel_code_generator", "uvicorn", "hypothesis"):
        assert f" {heavy}" not in imported, heavy


def test_bad_default_values_point_at_their_line(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        VALID + "components:\n  schemas:\n    Page:\n      type: object\n      properties:\n"
        "        size:\n          type: integer\n          default: '20'\n"
    )
    proc = run_cli("validate", str(spec))
    assert proc.returncode == 1
    assert f"{spec}:17: default value '20' is not of type 'integer'" in proc.stdout.splitlines()
