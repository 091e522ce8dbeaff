"""A filtered contract run hands the mock and Schemathesis only the selected operations and the
components they reach, with the file's own line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.conftest import CORPUS, REPO

from specward import model
from specward.contract import run_contract
from specward.contract.subset import selector, subset

RL = REPO / "specs" / "together-rl" / "openapi.yaml"
TOGETHER = CORPUS / "together-openapi.yaml"


def test_only_selected_operations_and_what_they_reach_are_kept() -> None:
    spec = model.load(RL)
    small = subset(spec, selector("^GET /rl/training-sessions/", None))
    assert sorted(op.label for op in small.operations.values()) == sorted(
        op.label
        for op in spec.operations.values()
        if op.label.startswith("GET /rl/training-sessions/")
    )
    assert small.operations and len(small.schemas) < len(spec.schemas)
    # everything a kept operation refers to, transitively, is still there
    for op in small.operations.values():
        for response in op.responses.values():
            for media in response.content.values():
                if media.schema is not None and media.schema.ref_name:
                    assert media.schema.ref_name in small.schemas
    for name, schema in small.schemas.items():
        for prop in schema.flattened_properties().values():
            target = prop.ref_name or (prop.items.ref_name if prop.items is not None else None)
            if target:
                assert target in small.schemas, f"{name} refers to {target}, which was dropped"


def test_lines_are_the_files_own() -> None:
    spec = model.load(RL)
    small = subset(spec, selector(None, "checkpoints"))
    assert small.operations
    for key, op in small.operations.items():
        assert op.source == spec.operations[key].source
    for name, schema in small.schemas.items():
        assert schema.line == spec.schemas[name].line


def test_no_match_or_all_matched_keeps_the_spec() -> None:
    spec = model.load(RL)
    assert subset(spec, selector("^NOPE", None)) is spec
    assert subset(spec, selector(None, None)) is spec


def test_other_files_keep_the_whole_document(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(
        yaml.safe_dump({"Thing": {"type": "object"}}), encoding="utf-8"
    )
    doc = yaml.safe_load(RL.read_text(encoding="utf-8"))
    first = next(iter(doc["paths"].values()))
    next(iter(first.values()))["x-thing"] = {"$ref": "common.yaml#/Thing"}
    (tmp_path / "api.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    spec = model.load(tmp_path / "api.yaml")
    assert subset(spec, selector("^GET ", None)) is spec


def test_a_filtered_run_tests_the_operation_with_its_line() -> None:
    result = run_contract(
        str(RL),
        mock=True,
        max_examples=2,
        phases=["examples", "fuzzing"],
        include_operation="^GET /rl/training-sessions/{session_id}$",
    )
    spec = model.load(RL)
    (label,) = result.operations
    op = next(o for o in spec.operations.values() if o.label == label)
    assert result.operations[label].line == op.source.line
    assert result.passed


@pytest.mark.skipif(not TOGETHER.exists(), reason="../shared/corpus is not beside the checkout")
def test_real_spec_subset_is_small_and_runs() -> None:
    spec = model.load(TOGETHER)
    small = subset(spec, selector("^GET /models$", None))
    assert [op.label for op in small.operations.values()] == ["GET /models"]
    assert len(small.schemas) < len(spec.schemas) / 5
    result = run_contract(
        str(TOGETHER),
        mock=True,
        max_examples=1,
        phases=["examples"],
        include_operation="^GET /models$",
    )
    assert list(result.operations) == ["GET /models"]
