"""Large documents: validate's fast path and JSON read without a YAML node graph."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from specward import validate as validate_module
from specward.load.parse import _parse_yaml, line_of, parse_text
from specward.load.walk import iter_containers
from specward.sync.textdiff import unified_diff

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/a/{id}": {
            "get": {
                "operationId": "getA",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "strin"}}
                ],
                "responses": {"200": {"description": "ok", "bogus": 1}},
            }
        }
    },
    "components": {"schemas": {"N": {"type": "integer", "default": "20"}, "S": {"type": "string"}}},
}


def test_json_lines_match_the_yaml_reading() -> None:
    text = json.dumps(SPEC, indent=2) + "\n"
    fast, slow = parse_text(text, "s.json"), _parse_yaml(text, "s.json", 10_000)
    assert fast == slow
    pairs = zip(iter_containers(fast), iter_containers(slow), strict=True)
    assert all((a.line, a.lines) == (b.line, b.lines) for a, b in pairs)


def test_json_with_a_duplicate_key_keeps_the_last_value() -> None:
    assert parse_text('{"a": 1,\n "a": 2}', "d.json") == {"a": 2}


def test_the_fast_path_reports_file_line_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "s.json"
    spec.write_text(json.dumps(SPEC, indent=2) + "\n")
    lines = spec.read_text().splitlines()
    monkeypatch.setattr(validate_module, "FAST_CONTAINERS", 0)
    problems = [str(p) for p in validate_module.validate_spec(spec)]

    def line(needle: str) -> int:
        return next(i for i, text in enumerate(lines, 1) if needle in text)

    at_strin, at_bogus, at_default = line('"strin"'), line('"200"'), line('"default"')
    assert any(p.startswith(f"{spec}:{at_strin}:") and "strin" in p for p in problems)
    assert any(p.startswith(f"{spec}:{at_bogus}:") and "bogus" in p for p in problems)
    assert any(p.startswith(f"{spec}:{at_default}: default value") for p in problems)
    monkeypatch.setattr(validate_module, "FAST_CONTAINERS", 10**9)
    assert validate_module.validate_spec(tmp_path / "s.json") != []
    assert line_of(parse_text(spec.read_text(), "s.json")["paths"], "/a/{id}") == line("/a/")


def test_json_lines_with_escapes_and_a_list_root() -> None:
    for text in (
        '{"a\\"b": "x\\\\", "c": [1, -2.5, true, null, "\\u00e9"], "d": {"e": [], "f": {}}}',
        '[\n{"a": 1},\n 2,\n [3]\n]',
    ):
        fast, slow = parse_text(text, "s.json"), _parse_yaml(text, "s.json", 10_000)
        assert fast == slow
        pairs = zip(iter_containers(fast), iter_containers(slow), strict=True)
        assert all((a.line, a.lines) == (b.line, b.lines) for a, b in pairs)


def test_json_lines_where_a_key_and_its_colon_are_on_two_lines() -> None:
    data = parse_text('\n\n  {\n "a"\n :\n 1, "b": [\n\n 1,\n "x"\n ]\n }\n', "s.json")
    assert data == {"a": 1, "b": [1, "x"]}
    assert (data.line, data.lines) == (3, {"a": 4, "b": 6})
    assert (data["b"].line, data["b"].lines) == (6, [8, 9])


@pytest.mark.parametrize("where", [0, 7, 12_345, 29_999])
def test_the_diff_of_a_long_file_is_difflibs(where: int) -> None:
    """sync sets the common start and end of a long file aside before diffing (difflib is
    quadratic there); the hunks and their line numbers stay those of the whole-file diff."""
    old = "".join(f'  "field_{i}": {{"type": "string"}},\n' for i in range(30_000))
    lines = old.splitlines(keepends=True)
    lines[where] = lines[where].replace("string", "integer")
    lines.insert(min(where + 2, len(lines)), '  "added": true,\n')
    new = "".join(lines)
    expected = "".join(
        difflib.unified_diff(old.splitlines(True), lines, fromfile="a/x", tofile="b/x")
    )
    assert unified_diff(old, new, "a/x", "b/x") == expected
    assert unified_diff(old, old, "a/x", "b/x") == ""
