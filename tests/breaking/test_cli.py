"""``specward breaking`` and ``specward rules`` as a user runs them (real subprocesses, real git)."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.breaking.conftest import REPO, write
from tests.cases.generate import obj, spec
from tests.conftest import run_cli

S = {"type": "string"}
BASE = spec(request=obj({"name": S, "checkpoint_id": S}), response=obj({"id": S}, ["id"]))
HEAD = spec(
    request=obj({"name": S, "resume_from_checkpoint_id": S}), response=obj({"id": S}, ["id"])
)
SAFE = spec(
    request=obj({"name": S, "checkpoint_id": S, "note": S}), response=obj({"id": S}, ["id"])
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return str(write(tmp_path / "base.yaml", BASE)), str(write(tmp_path / "head.yaml", HEAD))


def test_exit_codes(tmp_path: Path, pair: tuple[str, str]) -> None:
    base, head = pair
    assert run_cli("breaking", base, head).returncode == 1
    safe = str(write(tmp_path / "safe.yaml", SAFE))
    assert run_cli("breaking", base, safe).returncode == 0
    assert run_cli("breaking", base, safe, "--fail-on", "info").returncode == 1
    missing = run_cli("breaking", base, str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    garbage = tmp_path / "garbage.yaml"
    garbage.write_text("openapi: [unclosed\n")
    bad = run_cli("breaking", base, str(garbage))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_text_output(pair: tuple[str, str]) -> None:
    out = run_cli("breaking", *pair)
    assert "[request-property-renamed]" in out.stdout
    assert "checkpoint_id" in out.stdout and "resume_from_checkpoint_id" in out.stdout
    assert "\033[" not in out.stdout
    assert out.stdout.strip().splitlines()[-1].startswith("FAIL: 1 error(s)")


def test_json_output_contract(pair: tuple[str, str]) -> None:
    out = run_cli("breaking", *pair, "--format", "json")
    payload = json.loads(out.stdout)
    assert payload["base"].endswith("base.yaml") and payload["head"].endswith("head.yaml")
    assert payload["breaking"] is True and payload["semver"] == "major"
    assert payload["summary"] == {"error": 1, "warning": 0, "info": 0}
    [change] = payload["changes"]
    assert change["id"] == "request-property-renamed"
    assert (
        change["details"]["from"] == "checkpoint_id"
        and change["details"]["to"] == "resume_from_checkpoint_id"
    )


def test_sarif_points_at_the_head_line(pair: tuple[str, str]) -> None:
    doc = json.loads(run_cli("breaking", *pair, "--format", "sarif").stdout)
    [result] = doc["runs"][0]["results"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("head.yaml")
    line = Path(pair[1]).read_text().splitlines()[loc["region"]["startLine"] - 1]
    assert "resume_from_checkpoint_id" in line
    [rule] = doc["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "request-property-renamed" and rule["fullDescription"]["text"]


def test_markdown_junit_github(pair: tuple[str, str]) -> None:
    md = run_cli("breaking", *pair, "--format", "markdown").stdout
    assert (
        md.startswith("### specward breaking: ❌ fails") and "- ❌ `request-property-renamed`" in md
    )
    junit = ET.fromstring(run_cli("breaking", *pair, "--format", "junit").stdout)
    assert junit.get("failures") == "1"
    gh = run_cli("breaking", *pair, "--format", "github").stdout
    assert gh.startswith("::error file=") and "title=request-property-renamed" in gh


def test_output_file(tmp_path: Path, pair: tuple[str, str]) -> None:
    target = tmp_path / "report.json"
    out = run_cli("breaking", *pair, "--format", "json", "-o", str(target))
    assert out.returncode == 1 and out.stdout == ""
    assert json.loads(target.read_text())["summary"]["error"] == 1


def test_accept_file_and_contract(tmp_path: Path, pair: tuple[str, str]) -> None:
    accept = write(
        tmp_path / "accept.yaml",
        [
            {
                "id": "request-property-renamed",
                "location": "POST /items request.body*",
                "reason": "the old name never worked",
                "expires": "2999-01-01",
            }
        ],
    )
    out = run_cli("breaking", *pair, "--accept", str(accept), "--format", "json")
    assert out.returncode == 0
    [change] = json.loads(out.stdout)["changes"]
    assert (
        change["level"] == "info" and change["details"]["accepted"] == "the old name never worked"
    )
    contract = write(
        tmp_path / "contract.yaml",
        {
            "api": "items",
            "published": "head.yaml",
            "previous": "base.yaml",
            "breaking": {
                "accepted": [
                    {
                        "id": "request-property-renamed",
                        "location": "POST /items *",
                        "reason": "ok",
                        "expires": "2000-01-01",
                    }
                ]
            },
        },
    )
    expired = run_cli("breaking", "--contract", str(contract), cwd=tmp_path)
    assert expired.returncode == 1
    assert "expired on 2000-01-01" in expired.stdout and "expired" in expired.stderr


def test_seed_contract_policy_downgrades_llama_stack_moves() -> None:
    contract = REPO / "contracts" / "llama-stack.yaml"
    if not (REPO / "specs" / "llama-stack" / "post-training.before.yaml").exists():
        pytest.skip("seed specs are not there yet")
    strict = run_cli(
        "breaking",
        "specs/llama-stack/post-training.before.yaml",
        "specs/llama-stack/post-training.after.yaml",
        "--format",
        "json",
    )
    assert strict.returncode == 1 and json.loads(strict.stdout)["summary"]["error"] == 3
    relaxed = run_cli("breaking", "--contract", str(contract), "--format", "json")
    assert relaxed.returncode == 0
    assert json.loads(relaxed.stdout)["summary"] == {"error": 0, "warning": 3, "info": 0}


def test_sloppy_input_warns_on_stderr(tmp_path: Path, pair: tuple[str, str]) -> None:
    sloppy = spec(
        request=obj({"name": S}),
        parameters=[{"name": "id", "in": "path", "required": True, "schema": S}],
    )
    out = run_cli(
        "breaking", pair[0], str(write(tmp_path / "sloppy.yaml", sloppy)), "--format", "json"
    )
    assert out.returncode == 1
    json.loads(out.stdout)  # notes never corrupt the JSON document
    assert "not strictly valid" in out.stderr


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def test_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    write(repo / "specs" / "api.yaml", BASE)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    write(repo / "specs" / "api.yaml", HEAD)
    out = run_cli("breaking", "HEAD:specs/api.yaml", "specs/api.yaml", "--format", "json", cwd=repo)
    assert out.returncode == 1, out.stderr
    payload = json.loads(out.stdout)
    assert payload["base"] == "HEAD:specs/api.yaml"
    assert [c["id"] for c in payload["changes"]] == ["request-property-renamed"]
    bad = run_cli("breaking", "nosuchrev:specs/api.yaml", "specs/api.yaml", cwd=repo)
    assert bad.returncode == 2 and "nosuchrev" in bad.stderr


def test_rules_command() -> None:
    text = run_cli("rules").stdout
    assert "request-property-renamed" in text and "api-operation-moved" in text
    rules = json.loads(run_cli("rules", "--format", "json").stdout)["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) > 100
    assert {r["level"] for r in rules} == {"error", "warning", "info"}
    md = run_cli("rules", "--format", "markdown").stdout
    assert md == (REPO / "docs" / "rules.md").read_text()
