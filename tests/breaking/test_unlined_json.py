"""A JSON spec is compared without reading its lines; every finding still says its line."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from specward import model
from specward.breaking import compare_specs
from specward.mock.app import check_spec
from specward.model.schema import source_at

from .conftest import CORPUS, REPO, TODAY

RL = REPO / "specs" / "together-rl" / "openapi.yaml"


def _lines(result: Any) -> list[tuple[str, str, str | None, int | None]]:
    return [
        (f.id, f.location, f.source.file if f.source else None, f.source.line if f.source else None)
        for f in result.changes
    ]


def _edited(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with changes of every part: an operation, a property, a type, a server."""
    head = copy.deepcopy(doc)
    head["paths"].pop(sorted(head["paths"])[0])
    for schema in list(head["components"]["schemas"].values())[:6]:
        props = schema.get("properties") or {}
        for name in list(props)[:2]:
            props[name] = {"type": "integer"} if props[name].get("type") != "integer" else {}
        if "required" in schema:
            schema["required"] = schema["required"][1:]
    head["servers"] = [{"url": "https://elsewhere.example/v9"}]
    return head


def test_findings_in_json_files_read_without_lines_have_the_lines_of_a_full_read(
    tmp_path: Path,
) -> None:
    doc = yaml.safe_load(RL.read_text(encoding="utf-8"))
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    head.write_text(json.dumps(_edited(doc), indent=1), encoding="utf-8")
    unlined = compare_specs(str(base), str(head), today=TODAY)
    lined = compare_specs(model.load(base), model.load(head), today=TODAY)
    assert _lines(unlined) == _lines(lined)
    assert len(unlined.changes) >= 10
    placed = [f.source for f in unlined.changes if f.source]
    assert len(placed) >= 10 and all(s.line and s.line > 1 for s in placed)
    assert {f.source.file for f in unlined.changes if f.source} == {str(base), str(head)}


@pytest.mark.corpus
def test_corpus_pairs_give_the_same_lines_read_either_way() -> None:
    files = sorted((CORPUS / "grpc-gateway").glob("*.json"))
    if not files:
        pytest.skip("shared corpus is absent")
    found = 0
    for a, b in itertools.islice(itertools.permutations(files, 2), 24):
        unlined = compare_specs(str(a), str(b), today=TODAY)
        assert _lines(unlined) == _lines(compare_specs(model.load(a), model.load(b), today=TODAY))
        found += len(unlined.changes)
    assert found > 100


def test_only_a_document_read_without_lines_keeps_pointers(tmp_path: Path) -> None:
    path = tmp_path / "rl.json"
    path.write_text(json.dumps(yaml.safe_load(RL.read_text(encoding="utf-8"))), encoding="utf-8")
    lined, unlined = model.load(path), model.load(path, lines=False)
    assert source_at(lined.ws.entry, "/paths", 3).pointer is None
    op = next(iter(unlined.operations.values()))
    assert op.source.line is None and op.source.pointer == op.pointer
    assert all(o.source.pointer is None for o in lined.operations.values())
    assert check_spec(str(path)).ws.entry.lined is False  # the mock reports no lines
