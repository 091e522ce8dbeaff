"""--diff: the public surface of the models of two spec versions, and the commit line."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from tests.conftest import run_cli

from specward.breaking import compare_specs
from specward.models import diff_models, suggest_commit
from specward.models.commit import CHORE
from specward.report import FORMATS, render


@pytest.fixture(scope="module")
def rl_diff(rl_specs):
    base, head = rl_specs
    result = diff_models(base, head)
    result.commit = suggest_commit(compare_specs(base, head), result)
    return result


def test_together_rl_change_is_one_rename_plus_the_new_classes(rl_diff):
    changes = [(f.id, f.location) for f in rl_diff.findings]
    assert changes == [
        ("model-field-renamed", "RLStartTrainingSessionRequest.checkpoint_id"),
        ("model-class-added", "RLTrainingCheckpoint"),
        ("model-class-added", "RLTrainingCheckpointOperation"),
        ("model-class-added", "RLTrainingCheckpointResult"),
        ("model-field-added", "RLTrainingSession.resume_from_checkpoint_id"),
        ("model-field-added", "RLTrainingSession.training_checkpoints"),
    ]
    rename = rl_diff.findings[0]
    assert rename.level == "error"
    assert rename.details["to"] == "resume_from_checkpoint_id"
    assert "name" in rename.details["evidence"]["signals"]
    assert rename.source.file == "specs/together-rl/openapi.yaml"
    assert rl_diff.breaking


def test_together_rl_commit_line_says_it_breaks(rl_diff):
    assert rl_diff.commit.startswith(
        "feat(api)!: rename RLStartTrainingSessionRequest.checkpoint_id"
    )
    assert "add 2 endpoints, 3 models (RLTrainingCheckpoint" in rl_diff.commit


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_the_findings(rl_diff, fmt):
    text = render(rl_diff.report(), fmt)
    assert "model-field-renamed" in text or (fmt == "junit" and "model-field-renamed" in text)
    if fmt == "json":
        data = json.loads(text)
        assert data["breaking"] is True and data["commit"] == rl_diff.commit


def _spec(schemas: dict) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def _obj(props: dict, required: list[str] | None = None) -> dict:
    node = {"type": "object", "properties": props}
    if required:
        node["required"] = required
    return node


S, I = {"type": "string"}, {"type": "integer"}  # noqa: E741


def _diff(tmp_path, base: dict, head: dict):
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(_spec(base)))
    (tmp_path / "head.yaml").write_text(yaml.safe_dump(_spec(head)))
    b, h = str(tmp_path / "base.yaml"), str(tmp_path / "head.yaml")
    result = diff_models(b, h)
    return result, suggest_commit(compare_specs(b, h), result)


def test_breaking_surface_changes(tmp_path):
    base = {
        "Job": _obj({"id": S, "size": I, "note": S, "mode": {"$ref": "#/components/schemas/Mode"}}),
        "Mode": {"type": "string", "enum": ["a", "b"]},
        "Gone": _obj({"x": S}),
        "Widget.Part": _obj({"a": S, "b": S, "c": I}),
    }
    head = {
        "Job": _obj(
            {
                "id": I,
                "size": I,
                "label": {"type": "boolean"},
                "mode": {"$ref": "#/components/schemas/Mode"},
            },
            required=["size"],
        ),
        "Mode": {"type": "string", "enum": ["a", "c"]},
        "Widget.Component": _obj({"a": S, "b": S, "c": I}),
    }
    result, commit = _diff(tmp_path, base, head)
    found = {(f.id, f.location) for f in result.findings}
    assert ("model-field-type-changed", "Job.id") in found
    assert ("model-field-became-required", "Job.size") in found
    assert ("model-field-removed", "Job.note") in found
    assert ("model-field-added", "Job.label") in found
    assert ("model-enum-member-removed", "Mode.b") in found
    assert ("model-enum-member-added", "Mode.c") in found
    assert ("model-class-removed", "Gone") in found
    assert ("model-class-renamed", "WidgetPart") in found
    assert not any(f.location.startswith("WidgetComponent") for f in result.findings)
    assert commit.startswith("feat(api)!: ")


def test_a_renamed_class_does_not_change_the_types_that_refer_to_it(tmp_path):
    ref = {"$ref": "#/components/schemas/RL.SessionConfig"}
    base = {"RL.SessionConfig": _obj({"a": S, "b": S}), "Holder": _obj({"config": ref})}
    head = {
        "RL.SessionSettings": _obj({"a": S, "b": S}),
        "Holder": _obj({"config": {"$ref": "#/components/schemas/RL.SessionSettings"}}),
    }
    result, _ = _diff(tmp_path, base, head)
    assert [(f.id, f.location) for f in result.findings] == [
        ("model-class-renamed", "RLSessionConfig")
    ]


def test_additive_and_unchanged_commit_lines(tmp_path):
    base = {"Job": _obj({"id": S})}
    result, commit = _diff(tmp_path, base, {"Job": _obj({"id": S, "tag": S}), "New": _obj({})})
    assert not result.breaking
    assert commit == "feat(api): add 1 model (New), 1 optional field"
    same = {"Job": {**_obj({"id": S}), "description": "reworded"}}
    result, commit = _diff(tmp_path, base, same)
    assert result.findings == [] and commit == CHORE


def test_git_revisions_and_exit_codes(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(_spec({"Job": _obj({"id": S, "old_name": S})})))
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    spec.write_text(yaml.safe_dump(_spec({"Job": _obj({"id": S, "new_old_name": S})})))
    proc = run_cli(
        "models", "--diff", "HEAD:api.yaml", "api.yaml", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["base"] == "HEAD:api.yaml"
    assert [c["id"] for c in data["changes"]] == ["model-field-renamed"]
    assert data["commit"].startswith("feat(api)!: rename Job.old_name to new_old_name")
