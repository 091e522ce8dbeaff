"""A JSON spec that no finding points into (drift's upstream, a synced spec checked in memory)
is read without the line scan; whatever is still reported about it keeps its ``file:line``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO
from tests.drift.helpers import SHOP_PUB, SHOP_UP, drift_of
from tests.safety.test_large_specs import SPEC

from specward import validate as validate_module
from specward.drift.files import drift_files
from specward.errors import SpecError
from specward.load.document import load_text
from specward.load.limits import MAX_DEPTH
from specward.load.parse import json_lines_at, line_at, line_of, parse_text
from specward.load.pointer import split_pointer
from specward.load.walk import path_to
from specward.sync import sync_file
from specward.validate import validate_workspace

RL_UPSTREAM = REPO / "specs" / "together-rl" / "upstream" / "api.swagger.yaml"
RL_PUBLISHED = REPO / "specs" / "together-rl" / "openapi.yaml"
REMOTE = "http://127.0.0.1:9/x.yaml#/X"


def test_unlined_json_has_the_same_data_and_no_lines() -> None:
    text = json.dumps(
        {"openapi": "3.1.0", "paths": {"/a": {"get": {"tags": ["x", "y"]}}}}, indent=2
    )
    lined, unlined = parse_text(text, "a.json"), parse_text(text, "a.json", lines=False)
    assert unlined == lined
    assert line_of(lined, "paths") == 3 and line_of(unlined, "paths") is None


def test_unlined_json_is_refused_as_deep_as_lined() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    for lines in (True, False):
        with pytest.raises(SpecError, match=f"more than {MAX_DEPTH} levels"):
            parse_text(deep, "deep.json", lines=lines)
    within = "[" * 400 + "]" * 400  # (json's own recursion stops short of MAX_DEPTH)
    assert parse_text(within, "ok.json", lines=False) == parse_text(within, "ok.json")


def test_unlined_json_is_measured_where_the_decoder_may_go_deeper() -> None:
    """Under a raised recursion limit (a deep walk's thread) json decodes past MAX_DEPTH, so
    the unlined path must measure the tree itself."""
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(MAX_DEPTH * 4)
    try:
        json.loads(deep)  # the decoder itself goes that deep here
        with pytest.raises(SpecError, match=f"more than {MAX_DEPTH} levels"):
            parse_text(deep, "deep.json", lines=False)
        within = "[" * MAX_DEPTH + "]" * MAX_DEPTH
        assert parse_text(within, "ok.json", lines=False) == json.loads(within)
    finally:
        sys.setrecursionlimit(old)


def test_path_to_finds_a_container_by_identity() -> None:
    inner = {"x": 1}
    data = {"a": [{"b": 2}, {"c": inner}], "d": {"x": 1}}
    assert path_to(data, inner) == ["a", 1, "c"]
    assert path_to(data, data) == []
    assert path_to(data, {"x": 1}) is None  # equal is not the same


def _json_upstream(tmp_path: Path, edit: dict[str, object]) -> tuple[Path, str]:
    data = yaml.safe_load(RL_UPSTREAM.read_text(encoding="utf-8"))
    data.update(edit)
    text = json.dumps(data, indent=2) + "\n"
    path = tmp_path / "api.swagger.json"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_refused_ref_in_a_json_upstream_is_said_at_its_line(tmp_path: Path) -> None:
    data = yaml.safe_load(RL_UPSTREAM.read_text(encoding="utf-8"))
    props = data["definitions"]["v1CheckpointFile"]["properties"]
    props["filename"] = {"$ref": REMOTE}
    path, text = _json_upstream(tmp_path, {"definitions": data["definitions"]})
    line = text[: text.index(f'"$ref": "{REMOTE}"')].count("\n") + 1
    said = [n for n in drift_files(str(path), str(RL_PUBLISHED)).notes if "127.0.0.1:9" in n]
    assert len(said) == 1 and f"api.swagger.json:{line}:" in said[0], said


def test_a_bad_version_in_a_json_upstream_is_an_error_at_its_line(tmp_path: Path) -> None:
    path, text = _json_upstream(tmp_path, {"swagger": "1.2"})
    line = text[: text.index('"swagger": "1.2"')].count("\n") + 1
    with pytest.raises(SpecError) as caught:
        drift_files(str(path), str(RL_PUBLISHED))
    assert caught.value.line == line and line > 1


def test_what_sync_leaves_in_a_json_spec_is_placed_at_its_pointer(tmp_path: Path) -> None:
    published = tmp_path / "shop.json"
    published.write_text(json.dumps(yaml.safe_load(SHOP_PUB.read_text()), indent=2) + "\n")
    result = sync_file(str(SHOP_UP), published)
    assert result.written and result.remaining  # published-only content stays, and is said
    written = parse_text(published.read_text(), "shop.json")
    for item in result.remaining:
        assert item.source is not None
        assert item.source.line == line_at(written, split_pointer(item.pointer)) > 1
    after = drift_of(SHOP_UP, published)  # published-only items sit where drift says
    assert [i.source for i in result.remaining] == [i.source for i in after.items]


def test_json_lines_at_agrees_with_a_parse_with_lines() -> None:
    data = yaml.safe_load(SHOP_PUB.read_text())
    for text in (json.dumps(data, indent=2), json.dumps(data), json.dumps(data, indent="\t")):
        lined = parse_text(text, "shop.json")
        paths = [[], ["paths"], ["components", "schemas", "Shop.Item", "properties", "id"]]
        paths += [["paths", "/shop/items/{id}", "get", "parameters", "0", "name"]]
        paths += [["components", "nope"], ["paths", "/shop/items/{id}", "get", "parameters", "-"]]
        assert json_lines_at(text, paths) == [line_at(lined, p) for p in paths]
    assert json_lines_at("not json", [["a"]]) == [1]  # falls back to the parse


def test_the_fast_path_finds_the_same_problems_without_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How sync checks a large synced spec in memory: every problem is found, by message."""
    monkeypatch.setattr(validate_module, "FAST_CONTAINERS", 0)
    text, path = json.dumps(SPEC, indent=2) + "\n", tmp_path / "s.json"
    lined = {p.message for p in validate_workspace(load_text(text, path))}
    unlined = {p.message for p in validate_workspace(load_text(text, path, lines=False))}
    assert unlined == lined
    assert any(m.startswith("default value") for m in lined) and len(lined) >= 3


RL_FIXTURE = REPO / "tests" / "fixtures" / "together-rl" / "openapi.yaml"


def _placed_at_pointers(items: list, text: str) -> bool:
    data = parse_text(text, "spec")
    return all(i.source.line == line_at(data, split_pointer(i.pointer)) for i in items)


def test_drift_items_sit_at_their_pointer_in_yaml_and_json(tmp_path: Path) -> None:
    """One rule for every kind and both formats (a JSON spec is read without lines)."""
    text = RL_FIXTURE.read_text(encoding="utf-8")
    in_yaml = drift_files(str(RL_UPSTREAM), str(RL_FIXTURE)).items
    as_json = json.dumps(yaml.safe_load(text), indent=2) + "\n"
    (tmp_path / "openapi.json").write_text(as_json, encoding="utf-8")
    in_json = drift_files(str(RL_UPSTREAM), str(tmp_path / "openapi.json")).items
    assert [(i.kind, i.pointer) for i in in_json] == [(i.kind, i.pointer) for i in in_yaml]
    assert len(in_yaml) > 5 and _placed_at_pointers(in_yaml, text)
    assert _placed_at_pointers(in_json, as_json)
    renamed = [i for i in in_yaml if i.pointer.endswith("/properties/checkpoint_id")]
    assert (
        renamed and renamed[0].source.line == text.splitlines().index("        checkpoint_id:") + 1
    )
    json_line = next(i.source.line for i in in_json if i.pointer == renamed[0].pointer)
    assert as_json.splitlines()[json_line - 1].strip() == '"checkpoint_id": {'
