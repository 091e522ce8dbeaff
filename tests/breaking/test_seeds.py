"""The seed scenarios: Together RL's checkpoint change, Llama Stack's post-training moves and the
training-jobs oneOf."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from tests.breaking.conftest import REPO, TODAY, corpus_file, ids, write

from specward.breaking import Policy, compare_specs
from specward.contracts import load_contract

SPECS = REPO / "specs"
RL = SPECS / "together-rl" / "openapi.yaml"
LLAMA_BEFORE = SPECS / "llama-stack" / "post-training.before.yaml"
LLAMA_AFTER = SPECS / "llama-stack" / "post-training.after.yaml"
JOBS = SPECS / "training-jobs" / "openapi.yaml"


def _need(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            pytest.skip(f"seed spec {path.name} is not there yet")


def _rl_after(doc: dict) -> dict:
    """The Together RL checkpoint change (PR #227), applied to the published spec."""
    doc = copy.deepcopy(doc)
    schemas = doc["components"]["schemas"]
    start = schemas["RL.StartTrainingSessionRequest"]["properties"]
    start["resume_from_checkpoint_id"] = {
        "type": "string",
        "description": "Checkpoint ID to resume from.",
    }
    del start["checkpoint_id"]
    session = schemas["RL.TrainingSession"]["properties"]
    session["training_checkpoints"] = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/RL.TrainingCheckpoint"},
    }
    session["resume_from_checkpoint_id"] = {"type": "string"}
    schemas["RL.TrainingCheckpoint"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "step": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    }
    schemas["RL.TrainingCheckpointResult"] = {
        "type": "object",
        "properties": {"checkpoint_id": {"type": "string"}},
    }
    schemas["RL.TrainingCheckpointOperation"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string"},
            "output": {"$ref": "#/components/schemas/RL.TrainingCheckpointResult"},
        },
    }
    op_ref = {"$ref": "#/components/schemas/RL.TrainingCheckpointOperation"}
    ok = {"200": {"description": "OK", "content": {"application/json": {"schema": op_ref}}}}
    sid = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "string"}}
    oid = {"name": "operation_id", "in": "path", "required": True, "schema": {"type": "string"}}
    base = "/rl/training-sessions/{session_id}/operations/training-checkpoint"
    doc["paths"][base] = {
        "post": {"operationId": "createTrainingCheckpoint", "parameters": [sid], "responses": ok}
    }
    doc["paths"][base + "/{operation_id}"] = {
        "get": {
            "operationId": "getTrainingCheckpointOperation",
            "parameters": [sid, oid],
            "responses": ok,
        }
    }
    return doc


NEW_SCHEMAS = (
    "RL.TrainingCheckpoint",
    "RL.TrainingCheckpointResult",
    "RL.TrainingCheckpointOperation",
)
NEW_PATH = "/rl/training-sessions/{session_id}/operations/training-checkpoint"


def _rl_before(doc: dict) -> dict:
    """The published spec before the change, whichever state the seed file is in (a sync may
    already have applied the change to the working copy)."""
    doc = copy.deepcopy(doc)
    schemas = doc["components"]["schemas"]
    start = schemas["RL.StartTrainingSessionRequest"]["properties"]
    if "checkpoint_id" not in start:
        start["checkpoint_id"] = {
            **start.pop("resume_from_checkpoint_id"),
            "description": "Checkpoint to start from.",
        }
    session = schemas["RL.TrainingSession"]
    for name in ("training_checkpoints", "resume_from_checkpoint_id"):
        session["properties"].pop(name, None)
        if name in session.get("required", []):
            session["required"].remove(name)
    for name in NEW_SCHEMAS:
        schemas.pop(name, None)
    doc["paths"].pop(NEW_PATH, None)
    doc["paths"].pop(NEW_PATH + "/{operation_id}", None)
    return doc


def _rl_pair(tmp_path: Path) -> tuple[Path, Path]:
    disk = yaml.safe_load(RL.read_text())
    before = _rl_before(disk)
    after = (
        disk if before != disk and "resume_from_checkpoint_id" in str(disk) else _rl_after(before)
    )
    return write(tmp_path / "before.yaml", before), write(tmp_path / "after.yaml", after)


def test_together_rl_checkpoint_rename_is_one_error(tmp_path: Path) -> None:
    _need(RL)
    base, head = _rl_pair(tmp_path)
    result = compare_specs(base, head, today=TODAY)
    errors = [c for c in result.changes if c.level == "error"]
    assert [(c.id, c.operation) for c in errors] == [
        ("request-property-renamed", "POST /rl/training-sessions")
    ]
    rename = errors[0]
    assert (
        rename.details["from"] == "checkpoint_id"
        and rename.details["to"] == "resume_from_checkpoint_id"
    )
    assert "checkpoint_id" in rename.message and "resume_from_checkpoint_id" in rename.message
    assert rename.source is not None and rename.source.file.endswith("after.yaml")
    found = ids(result)
    assert "request-property-removed" not in found
    assert not [c for c in result.changes if c.id == "new-optional-request-property"]
    assert sorted(c.operation for c in result.changes if c.id == "endpoint-added") == [
        "GET /rl/training-sessions/{session_id}/operations/training-checkpoint/{operation_id}",
        "POST /rl/training-sessions/{session_id}/operations/training-checkpoint",
    ]
    assert sorted(c.details["name"] for c in result.changes if c.id == "api-schema-added") == [
        "RL.TrainingCheckpoint",
        "RL.TrainingCheckpointOperation",
        "RL.TrainingCheckpointResult",
    ]
    assert {c.level for c in result.changes if c is not rename} == {"info"}
    assert result.semver == "major" and result.breaking


def test_together_rl_against_the_real_public_spec(tmp_path: Path) -> None:
    """The RL part of Together's public spec (after the change) against the published seed."""
    _need(RL)
    corpus = yaml.safe_load(corpus_file("together-openapi.yaml").read_text())
    base = _rl_before(yaml.safe_load(RL.read_text()))
    head = copy.deepcopy(base)
    head["paths"] = {p: v for p, v in corpus["paths"].items() if p.startswith("/rl/")}
    head["components"]["schemas"] = {
        n: v for n, v in corpus["components"]["schemas"].items() if n.startswith("RL.")
    }
    result = compare_specs(
        write(tmp_path / "base.yaml", base), write(tmp_path / "head.yaml", head), today=TODAY
    )
    renames = [c for c in result.changes if c.id == "request-property-renamed"]
    assert [(r.details["from"], r.details["to"]) for r in renames] == [
        ("checkpoint_id", "resume_from_checkpoint_id")
    ]
    added_ops = {c.operation for c in result.changes if c.id == "endpoint-added"}
    assert "POST /rl/training-sessions/{session_id}/operations/training-checkpoint" in added_ops
    added = {c.details["name"] for c in result.changes if c.id == "api-schema-added"}
    assert {
        "RL.TrainingCheckpoint",
        "RL.TrainingCheckpointResult",
        "RL.TrainingCheckpointOperation",
    } <= added


def test_llama_stack_post_training_moves() -> None:
    _need(LLAMA_BEFORE, LLAMA_AFTER)
    result = compare_specs(LLAMA_BEFORE, LLAMA_AFTER, today=TODAY)
    assert ids(result) == ["api-operation-moved"] * 3
    moves = {
        (c.details["from"], c.details["to"], c.details["moved_parameter"]) for c in result.changes
    }
    assert moves == {
        (
            "POST /v1alpha/post-training/job/cancel",
            "POST /v1alpha/post-training/jobs/{job_uuid}/cancel",
            "job_uuid",
        ),
        (
            "GET /v1alpha/post-training/job/status",
            "GET /v1alpha/post-training/jobs/{job_uuid}/status",
            "job_uuid",
        ),
        (
            "GET /v1alpha/post-training/job/artifacts",
            "GET /v1alpha/post-training/jobs/{job_uuid}/artifacts",
            "job_uuid",
        ),
    }
    assert all(c.level == "error" for c in result.changes) and result.breaking


def test_llama_stack_moves_back_are_moves_too() -> None:
    """Reverting the change (path parameter back into the query) is three moves as well, with
    nothing else reported for the parameter."""
    _need(LLAMA_BEFORE, LLAMA_AFTER)
    result = compare_specs(LLAMA_AFTER, LLAMA_BEFORE, today=TODAY)
    assert ids(result) == ["api-operation-moved"] * 3
    for change in result.changes:
        assert change.details["moved_parameter"] == "job_uuid"
        assert "path parameter job_uuid became a query parameter" in change.message
        assert change.details["to"].startswith(change.operation)


def test_llama_stack_moves_are_warnings_under_the_v1alpha_policy() -> None:
    _need(LLAMA_BEFORE, LLAMA_AFTER)
    contract = load_contract(REPO / "contracts" / "llama-stack.yaml")
    policy = Policy.from_mapping(contract.breaking.get("policy"))
    result = compare_specs(LLAMA_BEFORE, LLAMA_AFTER, policy=policy, today=TODAY)
    assert [c.level for c in result.changes] == ["warning"] * 3
    for change in result.changes:
        assert change.details["stability"] == "alpha"
        assert change.details["downgraded"] == {"from": "error", "reason": "v1alpha is alpha"}
        assert "v1alpha is alpha" in change.message
    assert not result.breaking


def _jobs_with_variants(doc: dict, keep: list[str]) -> dict:
    doc = copy.deepcopy(doc)
    create = doc["components"]["schemas"]["CreateTrainingJobRequest"]
    create["oneOf"] = [v for v in create["oneOf"] if v["$ref"].rsplit("/", 1)[-1] in keep]
    mapping = create["discriminator"]["mapping"]
    create["discriminator"]["mapping"] = {
        k: v for k, v in mapping.items() if v.rsplit("/", 1)[-1] in keep
    }
    return doc


def test_training_jobs_oneof_variant_removed_is_an_error_added_is_info(tmp_path: Path) -> None:
    _need(JOBS)
    doc = yaml.safe_load(JOBS.read_text())
    two = write(
        tmp_path / "two.yaml",
        _jobs_with_variants(doc, ["TinkerSFTJobRequest", "TinkerRLJobRequest"]),
    )
    removed = compare_specs(JOBS, two, today=TODAY)
    assert [(c.id, c.level, c.details["name"]) for c in removed.changes] == [
        ("request-body-one-of-removed", "error", "RayGRPOJobRequest")
    ]
    assert removed.changes[0].source is not None and removed.changes[0].source.file.endswith(
        "openapi.yaml"
    )
    added = compare_specs(two, JOBS, today=TODAY)
    assert [(c.id, c.level, c.details["name"]) for c in added.changes] == [
        ("request-body-one-of-added", "info", "RayGRPOJobRequest")
    ]
    assert added.semver == "minor"
