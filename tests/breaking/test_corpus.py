"""Real public specs from ../shared/corpus: no spurious changes, known edits found exactly."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from tests.breaking.conftest import CORPUS, TODAY, corpus_file, write

from specward.breaking import compare_specs

pytestmark = pytest.mark.corpus


def _corpus_files() -> list[Path]:
    files = [
        CORPUS / "together-openapi.yaml",
        CORPUS / "ogx-spec.yaml",
        *sorted(CORPUS.glob("grpc-gateway/*.json")),
    ]
    return [f for f in files if f.exists()]


@pytest.mark.parametrize(
    "name",
    ["together-openapi.yaml", "ogx-spec.yaml", "grpc-gateway/a_bit_of_everything.swagger.json"],
)
def test_a_spec_against_itself_has_no_changes(name: str) -> None:
    path = corpus_file(name)
    result = compare_specs(path, path, today=TODAY)
    assert result.changes == [] and result.semver == "none"


def test_every_corpus_pair_compares_without_error() -> None:
    files = _corpus_files()
    if len(files) < 2:
        pytest.skip("corpus is absent")
    grpc = [f for f in files if f.suffix == ".json"][:4]
    for base in grpc:
        for head in grpc:
            result = compare_specs(base, head, today=TODAY)
            assert (base == head) == (result.changes == [])


def test_known_edits_to_the_ogx_spec_are_found_once(tmp_path: Path) -> None:
    doc = yaml.safe_load(corpus_file("ogx-spec.yaml").read_text())
    head = copy.deepcopy(doc)
    schemas = head["components"]["schemas"]
    create = schemas["CreateBatchRequest"]
    create["properties"]["input_file"] = create["properties"].pop("input_file_id")
    create["required"] = ["input_file" if r == "input_file_id" else r for r in create["required"]]
    schemas["Batch"]["properties"]["status"]["enum"].append("paused")
    shield = head["paths"].pop("/v1/shields/{identifier}")
    head["paths"]["/v1/shield-registry/{identifier}"] = shield
    result = compare_specs(
        write(tmp_path / "b.yaml", doc), write(tmp_path / "h.yaml", head), today=TODAY
    )
    found = sorted((c.id, c.location) for c in result.changes)
    renamed = [f for f in found if f[0] == "request-property-renamed"]
    assert renamed == [
        ("request-property-renamed", "POST /v1/batches request.body[application/json].input_file")
    ]
    assert ("api-operation-moved", "GET /v1/shield-registry/{identifier}") in found
    enum = {loc for rid, loc in found if rid == "response-property-enum-value-added"}
    assert "POST /v1/batches response[200][application/json].status" in enum
    assert all(
        rid == "response-property-enum-value-added"
        for rid, _ in found
        if rid not in ("request-property-renamed", "api-operation-moved")
    )
    assert result.summary()["error"] == 2
