"""Every command's SARIF validates against the vendored SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from tests.conftest import REPO, run_cli
from tests.test_report import sample
from tests.test_report_fit import many

from specward.report import render

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
DRIFT = REPO / "tests" / "drift" / "fixtures"
RL_BASE = "tests/fixtures/together-rl/openapi.yaml"
RL_HEAD = "specs/together-rl/openapi.yaml"


def check(text: str) -> dict:
    doc = json.loads(text)
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


def test_the_vendored_schema_is_sarif_2_1_0_and_refuses_a_broken_log():
    assert SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert list(VALIDATOR.iter_errors({"version": "2.1.0", "runs": [{"results": []}]}))


@pytest.mark.parametrize("report", [sample(), many(30, 30, 30)], ids=["sample", "many"])
def test_reports_render_valid_sarif(report):
    doc = check(render(report, "sarif"))
    assert len(doc["runs"][0]["results"]) == len(report.findings)


def invocations(tmp_path: Path) -> dict[str, list[str]]:
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text((REPO / RL_HEAD).read_text().replace("in: path", "in: somewhere", 1))
    published = tmp_path / "shop.openapi.yaml"
    shutil.copy(DRIFT / "shop.openapi.yaml", published)
    upstream = str(DRIFT / "shop.swagger.yaml")
    return {
        "breaking": ["breaking", RL_BASE, RL_HEAD],
        "drift": ["drift", upstream, str(published)],
        "validate": ["validate", str(invalid), RL_HEAD],
        "sync": ["sync", "--upstream", upstream, "--published", str(published), "--check"],
        "models": ["models", "--diff", RL_BASE, RL_HEAD],
        "inventory": ["inventory", "specs/together-rl/inventory.yaml", RL_BASE],
        "check": [
            "check",
            "--contract",
            "contracts/together-rl.yaml",
            "--base",
            "HEAD",
            "--skip",
            "contract",
            "--skip",
            "models",
        ],
        "contract": [
            "contract",
            "tests/contract/items.yaml",
            "--mock",
            "--max-examples",
            "2",
            "--phases",
            "examples",
        ],
    }


@pytest.mark.parametrize(
    "command", ["breaking", "drift", "validate", "sync", "models", "inventory", "check", "contract"]
)
def test_every_command_emits_valid_sarif(tmp_path, command):
    argv = invocations(tmp_path)[command]
    proc = run_cli(*argv, "--format", "sarif")
    assert proc.returncode in (0, 1), proc.stderr
    doc = check(proc.stdout)
    results = doc["runs"][0]["results"]
    if command not in ("contract", "check"):
        assert results, f"{command} found nothing to report"
    for result in results:
        for location in result.get("locations", []):
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert ":" not in uri.split("/")[0] or Path(uri).exists(), uri
