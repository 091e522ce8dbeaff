"""The proto oracle on the repository's RL protos and through the CLI: --protos,
--baseline-protos and --proto-path, or the contract's drift: section."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.drift.helpers import FIXTURES, RL_BEFORE, RL_UPSTREAM, copy

from specward import model
from specward.drift import compare

RL_PROTOS = REPO / "specs" / "together-rl" / "upstream"
RL_BASELINE_PROTOS = RL_PROTOS / "baseline-protos"
JOBS = FIXTURES / "jobs"


def test_rl_baseline_protos_name_the_rename_by_field_number() -> None:
    overrides = {"protos": str(RL_PROTOS), "baseline_protos": str(RL_BASELINE_PROTOS)}
    result = compare(model.load(RL_UPSTREAM), model.load(RL_BEFORE), mapping_overrides=overrides)
    renames = [i for i in result.items if i.kind == "property-renamed"]
    assert [
        (i.published_location, i.details["by"], i.details["field_number"]) for i in renames
    ] == [("RL.StartTrainingSessionRequest.checkpoint_id", "proto field number", 2)]
    assert any("fields matched by number, 1 renamed" in n for n in result.notes)


def test_contract_drift_section_runs_the_oracle(cli) -> None:
    done = cli(
        "drift",
        str(RL_UPSTREAM),
        str(RL_BEFORE),
        "--contract",
        "contracts/together-rl.yaml",
        "--format",
        "json",
    )
    assert done.returncode == 1, done.stderr
    renames = [d for d in json.loads(done.stdout)["drift"] if d["kind"] == "property-renamed"]
    assert [d["details"]["by"] for d in renames] == ["proto field number"]
    clean = cli("drift", "--contract", "contracts/together-rl.yaml")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_cli_sync_with_protos_keeps_curated_content(tmp_path: Path) -> None:
    published = copy(JOBS / "openapi.yaml", tmp_path)
    protos = ["--protos", str(JOBS / "protos" / "upstream")]
    protos += ["--baseline-protos", str(JOBS / "protos" / "baseline")]
    up = str(JOBS / "reworded.swagger.yaml")
    done = run_cli("sync", "--upstream", up, "--published", str(published), *protos)
    assert done.returncode == 0, done.stderr
    text = published.read_text(encoding="utf-8")
    assert "display_name" not in text and "notification e-mails" in text
    assert run_cli("drift", up, str(published), *protos).returncode == 0


def test_bad_proto_input_is_one_line(tmp_path: Path) -> None:
    up, pub = str(JOBS / "api.swagger.yaml"), str(JOBS / "openapi.yaml")
    missing = run_cli(
        "drift", up, pub, "--protos", str(tmp_path / "nope"), "--baseline-protos", "."
    )
    assert missing.returncode == 2 and "no such proto directory" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    (tmp_path / "bad.proto").write_text('syntax = "proto3"; message X { strin a = 1; }')
    bad = run_cli("drift", up, pub, "--protos", str(tmp_path), "--baseline-protos", str(tmp_path))
    assert bad.returncode == 2 and "protoc cannot read the protos" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
