"""A property upstream renamed to a name that shares no word with the old one, against a
published copy with curated text: drift finds exactly one rename (with and without a baseline,
or by proto field number), and sync renames the key in place keeping the curated content."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.drift.helpers import FIXTURES, copy, drift_of

from specward import model
from specward.drift import compare
from specward.sync import sync_file

JOBS = FIXTURES / "jobs"
UP = JOBS / "api.swagger.yaml"
BASE = JOBS / "baseline.swagger.yaml"
REWORDED = JOBS / "reworded.swagger.yaml"
PUB = JOBS / "openapi.yaml"
PROTOS = JOBS / "protos" / "upstream"
BASE_PROTOS = JOBS / "protos" / "baseline"


def _renames(result) -> list[tuple[str, str, str]]:
    return [
        (i.published_location, i.details["from"], i.details["to"])
        for i in result.items
        if i.kind == "property-renamed"
    ]


def _not_info(result) -> list[tuple[str, str]]:
    return [(i.kind, i.published_location) for i in result.items if i.level != "info"]


@pytest.mark.parametrize("baseline", [None, BASE], ids=["no-baseline", "baseline"])
def test_drift_reports_exactly_one_rename(baseline: Path | None) -> None:
    kwargs = {"baseline": model.load(baseline)} if baseline else {}
    result = drift_of(UP, PUB, **kwargs)
    assert _not_info(result) == [("property-renamed", "CreateJobRequest.display_name")]
    assert _renames(result) == [("CreateJobRequest.display_name", "display_name", "caption")]
    rename = next(i for i in result.items if i.kind == "property-renamed")
    assert rename.details["by"] == ("baseline" if baseline else "matcher")
    assert rename.details["score"] >= 0.6 and "position" in rename.details["signals"]
    assert "name" not in rename.details["signals"]  # no shared word


@pytest.mark.parametrize("baseline", [None, BASE], ids=["no-baseline", "baseline"])
def test_sync_renames_in_place_and_keeps_curated_content(
    tmp_path: Path, baseline: Path | None
) -> None:
    published = copy(PUB, tmp_path)
    kwargs = {"baseline": str(baseline)} if baseline else {}
    result = sync_file(str(UP), published, **kwargs)
    assert result.written
    text = published.read_text(encoding="utf-8")
    assert "display_name" not in text
    assert "        # Curated: keep it short, it is shown in e-mails too.\n        caption:" in text
    data = yaml.safe_load(text)
    schema = data["components"]["schemas"]["CreateJobRequest"]
    assert list(schema["properties"]) == ["model", "caption", "epochs"]
    assert schema["properties"]["caption"] == {
        "type": "string",
        "description": "A human-readable name for the job, shown in the dashboard and in "
        "notification e-mails.",
        "maxLength": 64,
        "examples": ["Nightly SFT run"],
        "x-display-order": 2,
    }
    assert schema["required"] == ["model", "caption"]
    assert schema["example"] == {"model": "llama-3-8b", "caption": "Nightly SFT run", "epochs": 3}
    body = data["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["application/json"]
    assert body["examples"]["nightly"]["value"]["caption"] == "Nightly SFT run"
    assert "/v1/status" in data["paths"]  # published-only content stays
    again = sync_file(str(UP), published, **kwargs)
    assert not again.changed and published.read_text(encoding="utf-8") == text
    after = drift_of(UP, published, **({"baseline": model.load(baseline)} if baseline else {}))
    assert after.in_sync and _not_info(after) == []


def test_reworded_rename_needs_evidence_the_matcher_lacks() -> None:
    """Description and constraints changed too: on the specs alone, only a note remains."""
    result = drift_of(REWORDED, PUB, baseline=model.load(BASE))
    assert _renames(result) == []
    removed = next(i for i in result.items if i.kind == "property-removed")
    assert removed.details["note"].startswith("possibly renamed to caption")


def test_proto_field_numbers_find_the_rename_alone() -> None:
    overrides = {"protos": str(PROTOS), "baseline_protos": str(BASE_PROTOS)}
    result = compare(model.load(REWORDED), model.load(PUB), mapping_overrides=overrides)
    assert _renames(result) == [("CreateJobRequest.display_name", "display_name", "caption")]
    rename = next(i for i in result.items if i.kind == "property-renamed")
    assert rename.details["by"] == "proto field number"
    assert rename.details["field_number"] == 2
    assert [k for k, _ in _not_info(result)] == ["property-renamed"]


def test_unrelated_removed_and_added_stay_two_changes(tmp_path: Path) -> None:
    """A removed property and an added one of another type, text and position: no rename."""
    up = yaml.safe_load(UP.read_text(encoding="utf-8"))
    props = up["definitions"]["v1CreateJobRequest"]["properties"]
    del props["caption"]
    props["priority"] = {"type": "integer", "format": "int32", "description": "Queue priority."}
    up["definitions"]["v1CreateJobRequest"]["required"] = ["model"]
    path = tmp_path / "up.yaml"
    path.write_text(yaml.safe_dump(up, sort_keys=False), encoding="utf-8")
    result = drift_of(path, PUB)
    assert sorted(_not_info(result)) == [
        ("property-added", "CreateJobRequest.priority"),
        ("property-removed", "CreateJobRequest.display_name"),
    ]


def test_published_only_and_baseline_removals(tmp_path: Path) -> None:
    """Never upstream: published-only (info), silenced by the contract's list; in the
    baseline but gone upstream: a real removal."""
    result = drift_of(UP, PUB)
    only = [(i.kind, i.level) for i in result.items if i.published_location == "GET /v1/status"]
    assert only == [("published-only", "info")]
    silenced = compare(
        model.load(UP), model.load(PUB), mapping_overrides={"published_only": ["GET /v1/status"]}
    )
    assert not [i for i in silenced.items if i.kind == "published-only"]
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    base["paths"]["/v1/status"] = {
        "get": {"operationId": "JobService_Status", "responses": {"200": {"description": "OK"}}}
    }
    path = tmp_path / "baseline.yaml"
    path.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
    removed = drift_of(UP, PUB, baseline=model.load(path))
    got = [(i.kind, i.level) for i in removed.items if i.published_location == "GET /v1/status"]
    assert got == [("operation-removed", "error")]
