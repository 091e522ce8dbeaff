"""Hostile specs: long $ref chains, deep walks, byte-identical output across hash seeds."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from specward.breaking import compare_specs
from specward.compare import deep
from specward.errors import SpecError

from .conftest import REPO, TODAY, compare_docs, write

BASE = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/a": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/S"}}
                        },
                    }
                }
            }
        }
    },
    "components": {"schemas": {"S": {"type": "object", "properties": {"a": {"type": "string"}}}}},
}


def chain(length: int, via: str) -> dict:
    """BASE whose response schema is the head of ``length`` components linked through ``via``."""
    doc = copy.deepcopy(BASE)
    schemas = doc["components"]["schemas"]
    for i in range(length):
        ref = {"$ref": f"#/components/schemas/C{i + 1}"}
        schemas[f"C{i}"] = {
            "allOf": {"allOf": [ref], "properties": {f"p{i}": {"type": "string"}}},
            "property": {"type": "object", "properties": {"next": ref, "v": {"type": "integer"}}},
            "oneOf": {"oneOf": [ref, {"type": "string"}]},
        }[via]
    schemas[f"C{length}"] = {"type": "object", "properties": {"end": {"type": "string"}}}
    schemas["S"] = {"$ref": "#/components/schemas/C0"}
    return doc


def write_json(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")  # PyYAML's dumper recurses too deeply
    return path


@pytest.mark.parametrize("via", ["allOf", "property", "oneOf"])
def test_a_chain_of_components_longer_than_the_recursion_limit_compares(tmp_path, via):
    # regression: the schema walk recursed once per $ref hop and died with RecursionError
    length = sys.getrecursionlimit() + 500
    head = write_json(tmp_path / "head.json", chain(length, via))
    base = write(tmp_path / "base.yaml", BASE)
    result = compare_specs(base, head, today=TODAY)
    assert result.changes
    assert compare_specs(head, base, today=TODAY).changes
    json.dumps(result.payload())


def test_an_unchanged_long_chain_is_recognised_without_recursion(tmp_path):
    # regression: UnchangedIndex.component_unchanged recursed once per reference
    head = write_json(tmp_path / "head.json", chain(3000, "property"))
    assert compare_specs(head, head, today=TODAY).changes == []


def test_a_change_at_the_end_of_a_long_chain_is_found(tmp_path):
    base_doc = chain(2000, "property")
    head_doc = copy.deepcopy(base_doc)
    head_doc["components"]["schemas"]["C2000"]["properties"]["end"]["type"] = "integer"
    result = compare_specs(
        write_json(tmp_path / "b.json", base_doc),
        write_json(tmp_path / "h.json", head_doc),
        today=TODAY,
    )
    assert "response-property-type-changed" in {c.id for c in result.changes}


def test_run_deep_reports_runaway_recursion_as_bad_input(monkeypatch):
    monkeypatch.setattr(deep, "MAX_DEPTH", 2000)

    def down(n: int) -> int:
        return down(n + 1)

    with pytest.raises(SpecError, match="too deeply"):
        deep.run_deep(down, 0, what="a and b")
    assert deep.run_deep(lambda x: x * 2, 21) == 42
    with pytest.raises(KeyError):  # other errors are not disguised
        deep.run_deep({}.__getitem__, "missing")


def test_run_deep_restores_the_recursion_limit():
    before = sys.getrecursionlimit()
    deep.run_deep(sys.getrecursionlimit)
    assert sys.getrecursionlimit() == before
    assert deep.run_deep(sys.getrecursionlimit) >= deep.MAX_DEPTH


def test_hostile_shapes_compare_both_ways(tmp_path):
    head = copy.deepcopy(BASE)
    schemas = head["components"]["schemas"]
    schemas["S"] = {
        "allOf": [{"$ref": "#/components/schemas/S"}, {"$ref": "#/components/schemas/T"}],
        "discriminator": {"propertyName": "k", "mapping": {"1": "#/components/schemas/T"}},
        "enum": [{"a": 1}, [1], None, 1, "x", 1.5, True],
        "required": [{"a": 1}, 1, None],
    }
    schemas["T"] = {"allOf": [{"$ref": "#/components/schemas/S"}], "type": ["object", 3]}
    for base_doc, head_doc in ((BASE, head), (head, BASE), (head, head)):
        result = compare_docs(tmp_path, base_doc, head_doc)
        json.dumps(result.payload())
    assert compare_docs(tmp_path, head, head).changes == []


# -- determinism --------------------------------------------------------------------------------
def _many_changes(doc: dict) -> dict:
    """A head with changes of many kinds: every schema loses, retypes and gains properties."""
    head = copy.deepcopy(doc)
    for name, schema in sorted(head.get("components", {}).get("schemas", {}).items()):
        props = schema.get("properties") if isinstance(schema, dict) else None
        if not isinstance(props, dict) or not props:
            continue
        names = sorted(props)
        props.pop(names[0])
        if len(names) > 1 and isinstance(props[names[1]], dict):
            props[names[1]] = {"type": "boolean"}
        props[f"added_{name}"] = {"type": "string", "enum": ["b", "a"]}
        schema["required"] = sorted({*schema.get("required", []), f"added_{name}"})
    paths = head["paths"]
    for i, path in enumerate(sorted(paths)):
        if i % 3 == 0:
            paths[path + "/v2"] = paths.pop(path)
    return head


def _run(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "specward", "breaking", *args],
        cwd=REPO,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path, fmt):
    source = REPO / "specs" / "together-rl" / "openapi.yaml"
    base_doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    base = write(tmp_path / "base.yaml", base_doc)
    head = write(tmp_path / "head.yaml", _many_changes(base_doc))
    args = [str(base), str(head), "--format", fmt]
    first = _run(args, "1")
    payload = json.loads(first)
    if fmt == "json":
        assert len(payload["changes"]) >= 50
        assert len({c["id"] for c in payload["changes"]}) >= 8
    assert _run(args, "1") == first
    assert _run(args, "2") == first
    assert _run(args, "random") == first


def test_the_walks_stack_leaves_room_under_an_address_space_limit():
    """Under ``ulimit -v`` the stack takes at most half the room left (a 31 MB spec in memory
    plus a full 512 MB stack left drift no room for its report), and frames shrink with it."""
    code = (
        "import resource, sys\n"
        "from specward.compare import deep\n"
        "assert deep.stack_bytes() == deep.STACK_BYTES\n"
        "used = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "limit = used + 200 * 1024 * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))\n"
        "stack = deep.stack_bytes()\n"
        "assert 64 * 1024 * 1024 < stack <= 100 * 1024 * 1024, stack\n"
        "frames = deep.run_deep(sys.getrecursionlimit)\n"
        "assert frames == deep.MAX_DEPTH * stack // deep.STACK_BYTES, frames\n"
        "def down(n):\n"
        "    return down(n + 1)\n"
        "try:\n"
        "    deep.run_deep(down, 0)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    out = _python(code)
    assert out.startswith("SpecError") and "too deeply" in out


def test_the_walks_stack_is_unmapped_once_the_walk_ends():
    """glibc keeps an ended thread's stack mapped until another thread ends: after each walk
    its hundreds of MB of address space must be given back, or a large spec under ``ulimit
    -v`` runs out of room in what follows its comparison."""
    grown = _python(
        "from specward.compare import deep\n"
        "def size():\n"
        "    return int(open('/proc/self/statm').read().split()[0]) * 4096\n"
        "before = size()\n"
        "deep.run_deep(lambda: None)\n"
        "deep.run_deep(lambda: None)\n"
        "print((size() - before) // 2**20)\n"
    )
    assert int(grown) < deep.STACK_BYTES // 2**20 // 4, grown


def _python(code: str) -> str:
    """What ``python -c CODE`` prints (in a process of its own: limits and stacks stay there)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout
