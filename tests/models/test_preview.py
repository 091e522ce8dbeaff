"""--preview: generate, build (fresh interpreter), lint (ruff), test (every example round-trips)."""

from __future__ import annotations

import json
import shutil

import pytest
from tests.conftest import run_cli
from tests.models.conftest import FIXTURES, SEEDS, preview_of

from specward.models.preview import STEPS, render_preview


@pytest.mark.parametrize("api", sorted(SEEDS))
def test_seed_specs_generate_build_lint_and_pass_their_examples(api):
    result = preview_of(None, SEEDS[api])
    assert {n: s.status for n, s in result.steps.items()} == dict.fromkeys(STEPS, "ok"), (
        render_preview(result, "text")
    )
    counts = result.steps["test"].data["examples"]
    assert counts["passed"] >= 20  # examples really went through their models
    assert result.findings == []


@pytest.mark.parametrize("name", ["pets-3.1.yaml", "pets-3.0.yaml", "pets-2.0.yaml"])
def test_written_specs_generate_build_lint_and_pass(name):
    """Dotted names, a discriminated oneOf body, 3.0 nullable, 3.1 type arrays, 2.0 x-nullable."""
    result = preview_of(str(FIXTURES / name))
    assert not result.failed, render_preview(result, "text")
    assert result.steps["test"].data["examples"]["passed"] >= 2


def test_the_31_examples_reach_every_kind_of_place():
    result = preview_of(str(FIXTURES / "pets-3.1.yaml"))
    # schema, property, media-type (inline, named, components/examples), parameter examples
    assert result.steps["test"].data["examples"] == {
        "passed": 12,
        "schema-only": 1,  # the path parameter: a plain integer has no class
        "invalid": 0,
        "rejected": 0,
        "round-trip": 0,
    }


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    text = (FIXTURES / "pets-3.1.yaml").read_text()
    text = text.replace(
        "value: {kind: cat, name: Tom, indoor: true, nickname: null}", "value: {kind: cat, name: 7}"
    )  # invalid against its own schema
    text = text.replace("id: 9\n", "id: 9\n        extra: kept?\n")  # valid, but a model drops it
    spec = folder / "pets.yaml"
    spec.write_text(text)
    return spec


def test_examples_that_fail_are_findings_with_file_and_line(broken):
    result = preview_of(str(broken))
    assert result.failed and result.steps["test"].status == "failed"
    by_id = {f.id: f for f in result.findings}
    invalid = by_id["models-example-invalid"]
    assert invalid.message.startswith("spec defect: invalid against its own schema: name: 7")
    assert invalid.location == "POST /pets: request body application/json example 'cat'"
    lines = broken.read_text().splitlines()
    assert "name: 7" in lines[invalid.source.line - 1]
    trip = by_id["models-example-round-trip"]
    assert trip.message == "model defect: does not round-trip: /extra: dropped"
    assert "id: 9" in lines[trip.source.line - 1] or "example:" in lines[trip.source.line - 1]


def test_reports_in_every_format_and_exit_1_on_a_failed_step(broken, tmp_path):
    result = preview_of(str(broken))
    data = json.loads(render_preview(result, "json"))
    assert set(data["steps"]) == set(STEPS)
    assert data["steps"]["test"]["status"] == "failed"
    assert data["steps"]["generate"]["status"] == "ok"
    markdown = render_preview(result, "markdown")
    assert "| test | ❌ failed |" in markdown
    assert "`models-example-invalid`" in markdown
    text = render_preview(result, "text")
    assert text.splitlines()[-1] == "FAIL"
    proc = run_cli("models", str(broken), "--preview", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["steps"]["test"]["status"] == "failed"


def test_a_generator_error_is_a_failed_step_and_the_rest_is_skipped(tmp_path):
    spec = tmp_path / "spec.yaml"
    shutil.copy(FIXTURES / "pets-3.0.yaml", spec)
    contract = tmp_path / "c.yaml"
    contract.write_text("published: spec.yaml\nmodels:\n  options:\n    no_such_option: 1\n")
    result = preview_of(None, str(contract))
    assert result.steps["generate"].status == "failed"
    assert result.steps["generate"].detail.startswith("datamodel-code-generator failed:")
    assert [result.steps[n].status for n in STEPS[1:]] == ["skipped"] * 3
