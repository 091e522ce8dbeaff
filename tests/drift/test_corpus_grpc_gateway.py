"""Real grpc-gateway output (../shared/corpus/grpc-gateway): every file loads, maps and syncs."""

from __future__ import annotations

import pytest
from tests.conftest import CORPUS

from specward import model
from specward.compare.representation import is_well_known
from specward.drift import compare, explain_text
from specward.drift.names import is_error_name
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


def _rename_one(doc: dict) -> tuple[str, str, str] | None:
    """Rename, in place, the first described scalar property of a message to a name sharing no
    word with it (same type, description, position): (definition, old, new)."""
    for name, schema in sorted((doc.get("definitions") or {}).items()):
        props = schema.get("properties") or {}
        if len(props) < 2 or is_error_name(name) or is_well_known(name):
            continue
        for old, prop in props.items():
            if prop.get("type") in ("string", "integer", "boolean") and prop.get("description"):
                new = "zqx_renamed"
                schema["properties"] = {(new if k == old else k): v for k, v in props.items()}
                if old in (schema.get("required") or []):
                    schema["required"] = [new if r == old else r for r in schema["required"]]
                return name, old, new
    return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_rename_sharing_no_word_is_one_rename(tmp_path, path) -> None:
    """On real generator output: baseline = the file, upstream = the file with one property
    renamed; with and without the baseline, drift reports exactly that rename."""
    import json

    doc = json.loads(path.read_text(encoding="utf-8"))
    renamed = _rename_one(doc)
    if renamed is None:
        pytest.skip("no described scalar property to rename")
    definition, old, new = renamed
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps(doc), encoding="utf-8")
    original = model.load(path)
    for baseline in (None, original):
        result = compare(model.load(upstream), original, baseline=baseline)
        got = [(i.kind, i.details.get("from"), i.details.get("to")) for i in result.items]
        assert got == [("property-renamed", old, new)], (definition, got)
