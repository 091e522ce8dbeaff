"""Acceptance (issue #4): the Together RL checkpoint save/resume change, end to end."""

from __future__ import annotations

import json

import yaml
from tests.conftest import REPO, run_cli
from tests.drift.helpers import RL_BEFORE, RL_PUBLISHED, RL_UPSTREAM, copy, drift_of

from specward.sync import sync_file

CHANGE_SET = {
    (
        "property-renamed",
        "RL.StartTrainingSessionRequest.checkpoint_id",
        "v1StartTrainingSessionRequest.resume_from_checkpoint_id",
    ),
    (
        "property-added",
        "RL.TrainingSession.resume_from_checkpoint_id",
        "v1TrainingSession.resume_from_checkpoint_id",
    ),
    (
        "property-added",
        "RL.TrainingSession.training_checkpoints",
        "v1TrainingSession.training_checkpoints",
    ),
    (
        "operation-added",
        "POST /rl/training-sessions/{session_id}/operations/training-checkpoint",
        "POST /v1/rl/training-sessions/{session_id}/operations/training-checkpoint",
    ),
    (
        "operation-added",
        "GET /rl/training-sessions/{session_id}/operations/training-checkpoint/{operation_id}",
        "GET /v1/rl/training-sessions/{session_id}/operations/training-checkpoint/{operation_id}",
    ),
    ("schema-added", "RL.TrainingCheckpoint", "v1TrainingCheckpoint"),
    ("schema-added", "RL.TrainingCheckpointOperation", "v1TrainingCheckpointOperation"),
    ("schema-added", "RL.TrainingCheckpointResult", "v1TrainingCheckpointResult"),
}


def _curated(node, pointer=""):
    """(pointer, value) of every curated field: descriptions, summaries, examples, tags, x-, operationIds."""
    out = {}
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key in (
                "description",
                "summary",
                "example",
                "examples",
                "tags",
                "operationId",
            ) or str(key).startswith("x-"):
                out[here] = value
            out.update(_curated(value, here))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.update(_curated(value, f"{pointer}/{i}"))
    return out


def test_drift_reports_exactly_the_checkpoint_change() -> None:
    result = drift_of(RL_UPSTREAM, RL_BEFORE)
    got = {(i.kind, i.published_location, i.upstream_location) for i in result.items}
    assert got == CHANGE_SET
    assert all(i.level == "error" for i in result.items)
    rename = next(i for i in result.items if i.kind == "property-renamed")
    assert (rename.details["from"], rename.details["to"]) == (
        "checkpoint_id",
        "resume_from_checkpoint_id",
    )
    assert rename.details["score"] >= 0.6 and rename.details["signals"]
    assert result.mapping.path_prefix == "/v1"
    assert result.mapping.error_schema == "ErrorData"


def test_sync_produces_the_seed_pr_result(tmp_path) -> None:
    published = copy(RL_BEFORE, tmp_path, "openapi.yaml")
    before_text = published.read_text()
    result = sync_file(str(RL_UPSTREAM), published)
    assert result.written and not result.remaining
    after_text = published.read_text()
    after = yaml.safe_load(after_text)
    schemas = after["components"]["schemas"]
    start = schemas["RL.StartTrainingSessionRequest"]["properties"]
    assert "checkpoint_id" not in start and "resume_from_checkpoint_id" in start
    # renamed in place, curated description and example kept
    before_start = yaml.safe_load(before_text)["components"]["schemas"][
        "RL.StartTrainingSessionRequest"
    ]
    assert list(start) == [
        k if k != "checkpoint_id" else "resume_from_checkpoint_id"
        for k in before_start["properties"]
    ]
    assert start["resume_from_checkpoint_id"] == before_start["properties"]["checkpoint_id"]
    session = schemas["RL.TrainingSession"]["properties"]
    assert session["training_checkpoints"]["type"] == "array"
    assert session["training_checkpoints"]["items"] == {
        "$ref": "#/components/schemas/RL.TrainingCheckpoint"
    }
    assert session["resume_from_checkpoint_id"]["type"] == "string"
    assert set(schemas["RL.TrainingCheckpoint"]["properties"]) == {"id", "step", "created_at"}
    assert schemas["RL.TrainingCheckpoint"]["properties"]["step"] == {
        "type": "string",
        "format": "uint64",
        "description": "Training step at which the checkpoint was taken.",
    }
    assert set(schemas["RL.TrainingCheckpointResult"]["properties"]) == {"checkpoint_id"}
    assert set(schemas["RL.TrainingCheckpointOperation"]["properties"]) == {
        "id",
        "status",
        "output",
        "error",
    }
    ops = after["paths"]
    create = ops["/rl/training-sessions/{session_id}/operations/training-checkpoint"]["post"]
    get = ops["/rl/training-sessions/{session_id}/operations/training-checkpoint/{operation_id}"][
        "get"
    ]
    assert create["operationId"] == "createTrainingCheckpoint"
    assert get["operationId"] == "getTrainingCheckpointOperation"
    for op in (create, get):
        assert op["tags"] == ["RL"]
        assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/RL.TrainingCheckpointOperation"
        }
        assert op["responses"]["default"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorData"
        }
        assert list(op)[:4] == ["operationId", "summary", "description", "tags"]
    assert "object storage" in create["description"]
    # curated text intact: every curated field is still there, unchanged (the renamed key aside)
    old = _curated(yaml.safe_load(before_text))
    new = _curated(after)
    for pointer, value in old.items():
        pointer = pointer.replace("/checkpoint_id/", "/resume_from_checkpoint_id/")
        assert new.get(pointer) == value, pointer
    # the diff is only the real change: one renamed line, everything else added
    removed = [
        ln for ln in result.diff.splitlines() if ln.startswith("-") and not ln.startswith("---")
    ]
    assert removed == ["-        checkpoint_id:"]

    # comments survive
    def comments(text: str) -> list[str]:
        return [ln.strip() for ln in text.splitlines() if ln.strip().startswith("#") or " # " in ln]

    assert comments(after_text) == comments(before_text)
    # in sync now, and a second sync changes nothing
    assert drift_of(RL_UPSTREAM, published).items == []
    again = sync_file(str(RL_UPSTREAM), published)
    assert not again.changed and published.read_text() == after_text


def test_cli_sync_then_drift(tmp_path) -> None:
    published = copy(RL_BEFORE, tmp_path, "openapi.yaml")
    original = published.read_bytes()
    check = run_cli(
        "sync", "--upstream", str(RL_UPSTREAM), "--published", str(published), "--check"
    )
    assert check.returncode == 1 and published.read_bytes() == original
    dry = run_cli(
        "sync", "--upstream", str(RL_UPSTREAM), "--published", str(published), "--dry-run"
    )
    assert dry.returncode == 0 and published.read_bytes() == original
    assert "+    RL.TrainingCheckpoint:" in dry.stdout
    done = run_cli("sync", "--upstream", str(RL_UPSTREAM), "--published", str(published))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["openapi.yaml"]  # no temporary files left
    drift = run_cli("drift", str(RL_UPSTREAM), str(published), "--format", "json")
    assert drift.returncode == 0
    assert json.loads(drift.stdout)["in_sync"] is True
    assert (
        run_cli(
            "sync", "--upstream", str(RL_UPSTREAM), "--published", str(published), "--check"
        ).returncode
        == 0
    )
    assert run_cli("validate", str(published)).returncode == 0


def test_repository_spec_is_synced() -> None:
    """specs/together-rl/openapi.yaml is the synced spec: the repo's own gate is green."""
    result = drift_of(RL_UPSTREAM, RL_PUBLISHED)
    assert result.in_sync and result.items == [], [i.message for i in result.items]
    proc = run_cli("drift", "--contract", "contracts/together-rl.yaml", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # three-way: the contract's baseline exists and is used
    assert "no baseline" not in proc.stdout and "does not exist yet" not in proc.stdout
    baseline = REPO / "specs" / "together-rl" / "upstream" / "baseline.swagger.yaml"
    assert baseline.read_bytes() == RL_UPSTREAM.read_bytes()  # synced with the current upstream
    check = run_cli("sync", "--all", "contracts/", "--check", cwd=REPO)  # what `make sync` runs
    assert check.returncode == 0, check.stdout + check.stderr


def test_real_public_together_spec_has_the_change() -> None:
    """Together's public spec (../shared/corpus, after the change, 460 KB, many other APIs): with the
    RL paths as scope, only three genuine int32/int64 format differences are left."""
    from tests.conftest import corpus_file

    public = corpus_file("together-openapi.yaml")
    result = drift_of(RL_UPSTREAM, public, mapping_overrides={"scope": ["/rl/"]})
    assert len(result.mapping.operations) == 15
    assert result.mapping.error_schema == "ErrorData"
    got = {(i.kind, i.published_location, i.level) for i in result.items}
    assert got == {
        ("property-type-changed", "RL.LoraConfig.alpha", "warning"),
        ("property-type-changed", "RL.LoraConfig.rank", "warning"),
        ("property-type-changed", "RL.SampleBody.num_samples", "warning"),
    }
    unscoped = drift_of(RL_UPSTREAM, public)
    assert {i.kind for i in unscoped.items if i.level == "info"} == {"published-only"}
