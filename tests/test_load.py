"""Loader: YAML/JSON by content, line numbers, multi-file $refs, cycles, refused refs, git revisions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from specward.errors import SpecError
from specward.load import line_of, load_spec, parse_text

MINI = """\
openapi: 3.1.0
info:
  title: mini
  version: "1"
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
        child: {$ref: "#/components/schemas/Thing"}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_lines_are_recorded_for_keys_and_items():
    data = parse_text(MINI, "mini.yaml")
    assert line_of(data, "paths") == 5
    op = data["paths"]["/things/{id}"]["get"]
    assert line_of(op, "operationId") == 8
    assert line_of(op["parameters"], 0) == 10
    assert data["components"]["schemas"]["Thing"].line == 24


def test_yaml_scalars_follow_json_types():
    data = parse_text("a: 1\nb: 1.5\nc: true\nd: null\ne: 2026-01-01\n200: x\nf: '007'\n", "t.yaml")
    assert data == {
        "a": 1,
        "b": 1.5,
        "c": True,
        "d": None,
        "e": "2026-01-01",
        "200": "x",
        "f": "007",
    }


def test_json_is_detected_by_content_not_extension(tmp_path):
    doc = json.loads(json.dumps(parse_text(MINI, "m.yaml")))
    path = write(tmp_path, "spec.txt", json.dumps(doc, indent=2))
    ws = load_spec(path)
    assert ws.version == "3.1"
    assert line_of(ws.data, "paths") is not None


def test_json_with_tabs_falls_back_to_the_json_parser(tmp_path):
    path = write(
        tmp_path,
        "spec.json",
        '{\n\t"swagger": "2.0",\n\t"info": {"title": "t", "version": "1"},\n\t"paths": {}\n}',
    )
    assert load_spec(path).version == "2.0"


def test_malformed_json_reports_its_line(tmp_path):
    path = write(tmp_path, "bad.json", '{\n  "openapi": "3.0.0",\n  "info": {,\n}')
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert err.value.line == 3


def test_malformed_yaml_reports_file_and_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n")
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert str(err.value).startswith(f"{err.value.file}:")
    assert err.value.line in (3, 4, 5)


def test_recursive_schema_loads_and_stays_a_reference(tmp_path):
    ws = load_spec(write(tmp_path, "mini.yaml", MINI))
    thing = ws.data["components"]["schemas"]["Thing"]
    assert thing["properties"]["child"] == {"$ref": "#/components/schemas/Thing"}
    node, _doc, pointer = ws.deref(thing["properties"]["child"], ws.entry)
    assert node is thing and pointer == "/components/schemas/Thing"


def test_multi_file_refs_resolve_relative_to_the_referencing_file(tmp_path):
    write(
        tmp_path,
        "api/openapi.yaml",
        MINI.replace(
            '"#/components/schemas/Thing"\ncomponents', '"schemas/thing.yaml#/Thing"\ncomponents', 1
        ),
    )
    write(
        tmp_path,
        "api/schemas/thing.yaml",
        "Thing:\n  type: object\n  properties:\n    part: {$ref: 'parts.yaml#/Part'}\n",
    )
    write(tmp_path, "api/schemas/parts.yaml", "Part:\n  type: string\n")
    ws = load_spec(tmp_path / "api/openapi.yaml")
    ref = ws.data["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    thing, doc, _ = ws.deref(ref, ws.entry)
    assert doc.path.name == "thing.yaml"
    part, pdoc, pointer = ws.deref(thing["properties"]["part"], doc)
    assert part == {"type": "string"} and pdoc.path.name == "parts.yaml" and pointer == "/Part"


def test_refs_that_climb_out_of_the_spec_folder_are_refused(tmp_path):
    write(tmp_path, "outside.yaml", "X: {type: string}\n")
    path = write(
        tmp_path,
        "api/openapi.yaml",
        MINI.replace(
            '"#/components/schemas/Thing"\ncomponents', '"../outside.yaml#/X"\ncomponents', 1
        ),
    )
    ws = load_spec(path)
    ref = ws.data["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    with pytest.raises(SpecError, match="leaves the spec's folder"):
        ws.deref(ref, ws.entry)


def test_remote_refs_are_refused_by_default(tmp_path):
    path = write(
        tmp_path,
        "openapi.yaml",
        MINI.replace(
            '"#/components/schemas/Thing"\ncomponents',
            '"https://example.com/s.yaml#/X"\ncomponents',
            1,
        ),
    )
    ws = load_spec(path)
    ref = ws.data["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    with pytest.raises(SpecError, match="remote \\$ref") as err:
        ws.deref(ref, ws.entry)
    assert err.value.line == 20  # the line of the $ref


def test_circular_plain_references_are_an_error_not_a_hang(tmp_path):
    text = (
        MINI + "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
    )
    ws = load_spec(write(tmp_path, "openapi.yaml", text))
    with pytest.raises(SpecError, match="circular"):
        ws.deref(ws.data["components"]["schemas"]["A"], ws.entry)


def test_git_revision_is_read_with_git(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo, "specs/openapi.yaml", MINI)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    write(repo, "specs/openapi.yaml", MINI.replace("title: mini", "title: changed"))
    monkeypatch.chdir(repo)
    old = load_spec("HEAD:specs/openapi.yaml")
    new = load_spec("specs/openapi.yaml")
    assert old.data["info"]["title"] == "mini"
    assert new.data["info"]["title"] == "changed"
    assert old.name == "HEAD:specs/openapi.yaml"
    with pytest.raises(SpecError, match="unknown git revision"):
        load_spec("nosuchrev:specs/openapi.yaml")


def test_walks_visit_shared_and_cyclic_nodes_once():
    from specward.load.walk import iter_containers, iter_refs

    shared = {"$ref": "#/a"}
    data = {"x": [shared, shared], "y": {"z": shared}}
    data["y"]["self"] = data
    assert sum(1 for _ in iter_containers(data)) == 4  # data, x, y, shared
    assert list(iter_refs(data)) == [(shared, "#/a")]
