"""Real grpc-gateway output (../shared/corpus/grpc-gateway): every file loads, maps and syncs."""

from __future__ import annotations

import pytest
from tests.conftest import CORPUS

from specward import model
from specward.drift import compare, explain_text
from specward.sync import sync_file
from specward.validate import validate_spec

FILES = (
    sorted((CORPUS / "grpc-gateway").glob("*.swagger.json"))
    if (CORPUS / "grpc-gateway").is_dir()
    else []
)
SKELETON = """openapi: 3.1.0
info:
  title: Published
  version: '1'
servers:
  - url: https://api.example.com
paths: {}
"""

pytestmark = pytest.mark.corpus


def test_corpus_present_or_skipped() -> None:
    if not FILES:
        pytest.skip("shared corpus is absent")
    assert any(f.name == "a_bit_of_everything.swagger.json" for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_maps_onto_itself_without_drift(path) -> None:
    spec = model.load(path)
    result = compare(spec, spec)
    assert result.items == []
    assert len(result.mapping.operations) == len(spec.operations)
    assert explain_text(result.mapping, spec, spec)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sync_into_an_empty_published_spec(tmp_path, path) -> None:
    """Sync builds a valid OpenAPI 3.1 spec from scratch that drift then reports in sync."""
    published = tmp_path / "openapi.yaml"
    published.write_text(SKELETON)
    result = sync_file(str(path), published)
    assert result.written
    assert [i for i in result.remaining if i.level != "info"] == []
    assert validate_spec(published) == []
    upstream = model.load(path)
    synced = model.load(published)
    assert len(synced.operations) == len(upstream.operations)
    for op in synced.operations.values():
        assert op.operation_id and op.operation_id[0].islower()
    text = published.read_text()
    assert not sync_file(str(path), published).changed
    assert published.read_text() == text
