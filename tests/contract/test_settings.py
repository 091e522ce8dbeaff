"""The ``contract:`` section of contract files, and ``specward contract --contract``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from specward.contract.settings import from_contract
from specward.errors import SpecError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXTRAS = HERE / "extras.yaml"


def _contract(tmp_path, section: str) -> Path:
    rel = os.path.relpath(EXTRAS, tmp_path)
    path = tmp_path / "notes.yaml"
    path.write_text(f"api: notes\npublished: {rel}\ncontract:\n{section}")
    return path


def test_every_key_is_read(tmp_path):
    path = _contract(
        tmp_path,
        "  url: http://127.0.0.1:9/v2\n"
        "  max_examples: 4\n"
        "  phases: [examples, stateful]\n"
        "  seed: 7\n"
        "  headers: {Authorization: 'Bearer ${NOTES_TOKEN}', X-Trace: 1}\n"
        "  infer_links: false\n"
        "  exclude_checks: [ignored_auth]\n"
        "  request_timeout: 2.5\n"
        "  auth: {queryKey: {api_key: '${NOTES_TOKEN}'}}\n",
    )
    settings = from_contract(path, environ={"NOTES_TOKEN": "s3"})
    assert Path(settings.spec).resolve() == EXTRAS
    assert settings.url == "http://127.0.0.1:9/v2" and settings.mock is None
    assert (settings.max_examples, settings.phases, settings.seed) == (
        4,
        ("examples", "stateful"),
        7,
    )
    assert settings.headers == {"Authorization": "Bearer s3", "X-Trace": "1"}
    assert settings.infer_links is False and settings.exclude_checks == ("ignored_auth",)
    assert settings.request_timeout == 2.5 and settings.auth == {"queryKey": {"api_key": "s3"}}


@pytest.mark.parametrize(
    ("section", "message", "line"),
    [
        ("  max_example: 3\n", "unknown key", 4),
        ("  mock: true\n  max_examples: 0\n", "at least 1", 5),
        ("  phases: [examples, nope]\n", "'nope' is not one of", 4),
        ("  exclude_checks: [not_a_check]\n", "'not_a_check' is not one of", 4),
        ("  headers: {X: '${SPECWARD_SURELY_UNSET}'}\n", "SPECWARD_SURELY_UNSET is not set", 4),
        ("  url: ftp://x\n", "http:// or https://", 4),
        ("  url: http://x\n  mock: true\n", "not both", 3),
        ("  auth: {k: {token: x}}\n", "unknown key 'token'", 4),
    ],
)
def test_bad_settings_name_the_line(tmp_path, section, message, line):
    with pytest.raises(SpecError) as info:
        from_contract(_contract(tmp_path, section), environ={})
    assert message in str(info.value)
    assert info.value.line == line


@pytest.mark.parametrize("name", ["together-rl", "llama-stack", "training-jobs"])
def test_repo_contracts_are_read(name):
    settings = from_contract(ROOT / "contracts" / f"{name}.yaml")
    assert settings.max_examples is not None and settings.max_examples >= 1
    assert Path(settings.spec).resolve().is_file()


def _cli(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "specward", "contract", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )


def test_cli_reads_the_contract_and_explicit_options_win(tmp_path):
    path = _contract(tmp_path, "  mock: true\n  max_examples: 2\n  phases: examples\n  seed: 3\n")
    run = _cli(tmp_path, "--contract", str(path), "--format", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    doc = json.loads(run.stdout)
    assert doc["target"] == "mock" and doc["spec"].endswith("extras.yaml")
    assert doc["options"] == {"max_examples": 2, "phases": ["examples"], "seed": 3}
    run = _cli(
        tmp_path,
        "--contract",
        str(path),
        "--max-examples",
        "1",
        "--phases",
        "coverage",
        "--exclude-checks",
        "ignored_auth",
        "--format",
        "json",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    options = json.loads(run.stdout)["options"]
    assert options == {
        "max_examples": 1,
        "phases": ["coverage"],
        "seed": 3,
        "exclude_checks": ["ignored_auth"],
    }


def test_cli_bad_contract_exits_2_with_one_line(tmp_path):
    path = _contract(tmp_path, "  mock: true\n  phases: [warp]\n")
    run = _cli(tmp_path, "--contract", str(path))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "warp" in run.stderr
    run = _cli(tmp_path, "--contract", str(tmp_path / "missing.yaml"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    run = _cli(tmp_path)
    assert run.returncode == 2 and "--contract" in run.stderr
    no_target = _contract(tmp_path, "  max_examples: 2\n")
    run = _cli(tmp_path, "--contract", str(no_target))
    assert run.returncode == 2 and "--mock" in run.stderr
