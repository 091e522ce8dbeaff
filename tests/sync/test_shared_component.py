"""An inline upstream enum that disagrees with the shared published component: no oscillation."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from specward.sync import sync_file

REPO = Path(__file__).resolve().parents[2]


def test_parameter_enum_through_shared_schema_does_not_oscillate(tmp_path: Path) -> None:
    doc = yaml.safe_load((REPO / "specs/together-rl/upstream/api.swagger.yaml").read_text())
    doc["definitions"]["v1TrainingSessionStatus"]["enum"].append("NEW_STATUS")  # not the param copy
    upstream = tmp_path / "up.json"
    upstream.write_text(json.dumps(doc))
    published = tmp_path / "openapi.yaml"
    published.write_bytes((REPO / "tests/fixtures/together-rl/openapi.yaml").read_bytes())
    sync_file(str(upstream), published)
    first = published.read_bytes()
    assert b"- NEW_STATUS" in first  # the component follows its own upstream schema
    again = sync_file(str(upstream), published)
    assert not again.changed and published.read_bytes() == first
    assert any("shared schema RL.TrainingSessionStatus" in why for _, why in again.skipped)
    assert [i.kind for i in again.remaining if i.level != "info"] == ["enum-value-removed"]
