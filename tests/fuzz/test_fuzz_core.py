"""Property-based robustness of load / model / validate / breaking against mutated real specs.

Each example takes a real spec (the repo's seed specs, and the shared corpus when present),
applies a few random structural mutations to the parsed document (wrong types, dangling and
cyclic ``$ref``s, boolean schemas, non-string keys, huge enums, odd names...), writes it as YAML
or JSON and checks that every entry point either works or raises ``SpecwardError``; never
anything else. Runs are deterministic (``derandomize=True``).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specward.breaking import compare_specs
from specward.cli import main
from specward.errors import SpecwardError
from specward.model import load
from specward.validate import validate_spec

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()

REPO_SEEDS = [
    "specs/llama-stack/post-training.before.yaml",
    "specs/training-jobs/openapi.yaml",
    "specs/together-rl/upstream/api.swagger.yaml",
    "tests/fixtures/together-rl/openapi.yaml",
]
CORPUS_SEEDS = [
    "grpc-gateway/camel_case_service.swagger.json",
    "grpc-gateway/non_standard_names.swagger.json",
    "grpc-gateway/response_body_service.swagger.json",
    "grpc-gateway/wrappers.swagger.json",
]


def _seed_paths() -> list[Path]:
    paths = [REPO / p for p in REPO_SEEDS]
    paths += [CORPUS / p for p in CORPUS_SEEDS if (CORPUS / p).exists()]
    return paths


SEEDS = _seed_paths()


@functools.cache
def _seed_data(index: int) -> Any:
    return yaml.safe_load(SEEDS[index].read_text(encoding="utf-8"))


# -- mutations ------------------------------------------------------------------------------
Loc = tuple[Any, Any]  # (container, key or index)

OTHER_TYPES: list[Any] = [None, 0, -1, 1.5, True, False, [], {}, "", "text", [1, "a", None]]
BAD_REFS = [
    "#/components/schemas/DoesNotExist",
    "#/definitions/DoesNotExist",
    "#/paths/~1nope/get",
    "#not-a-pointer",
    "#/components/schemas/A~2b",
    "../../../../etc/passwd#/x",
    "missing-file.yaml#/components/schemas/X",
    "https://example.com/remote.yaml#/X",
    "#",
    "",
]
ODD_NAMES = [
    "ünïcødé-名前-🚀",
    "x" * 3000,
    "a/b~c",
    "{id}",
    "$ref",
    " ",
    "null",
    "1e5",
]


def _locations(doc: Any) -> list[Loc]:
    """Every (container, key) in ``doc``, in a stable order."""
    out: list[Loc] = []
    stack = [doc]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            items = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        for key, value in items:
            out.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    return out


def _dicts(doc: Any) -> list[dict[str, Any]]:
    found = [c for c, _ in _locations(doc) if isinstance(c, dict)]
    unique: dict[int, dict[str, Any]] = {id(c): c for c in found}
    return list(unique.values()) or [doc]


def _schemas_home(doc: dict[str, Any]) -> dict[str, Any]:
    if "swagger" in doc:
        home = doc.setdefault("definitions", {})
    else:
        comps = doc.setdefault("components", {})
        if not isinstance(comps, dict):
            comps = doc["components"] = {}
        home = comps.setdefault("schemas", {})
    if not isinstance(home, dict):
        home = {}
        if "swagger" in doc:
            doc["definitions"] = home
        else:
            doc["components"]["schemas"] = home
    return home


def _ref_prefix(doc: dict[str, Any]) -> str:
    return "#/definitions/" if "swagger" in doc else "#/components/schemas/"


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return []
    return [
        op
        for item in paths.values()
        if isinstance(item, dict)
        for key, op in item.items()
        if key in ("get", "put", "post", "delete", "patch") and isinstance(op, dict)
    ]


def m_delete(doc: Any, draw: Callable[..., Any]) -> None:
    locs = _locations(doc)
    if not locs:
        return
    container, key = locs[draw(st.integers(0, len(locs) - 1))]
    del container[key]


def m_retype(doc: Any, draw: Callable[..., Any]) -> None:
    locs = _locations(doc)
    if not locs:
        return
    container, key = locs[draw(st.integers(0, len(locs) - 1))]
    container[key] = copy.deepcopy(draw(st.sampled_from(OTHER_TYPES)))


KEYWORDS = {
    # schema keywords
    "properties",
    "items",
    "required",
    "enum",
    "allOf",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "discriminator",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "maxLength",
    "minLength",
    "pattern",
    "default",
    "const",
    "nullable",
    "x-nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "not",
    "mapping",
    "propertyName",
    "multipleOf",
    "uniqueItems",
    # structure keywords
    "paths",
    "components",
    "definitions",
    "schemas",
    "parameters",
    "requestBody",
    "content",
    "schema",
    "responses",
    "headers",
    "security",
    "securitySchemes",
    "securityDefinitions",
    "servers",
    "url",
    "variables",
    "tags",
    "in",
    "name",
    "operationId",
    "consumes",
    "produces",
    "basePath",
    "host",
    "schemes",
    "flows",
    "scopes",
    "x-stability",
    "x-sunset",
    "info",
    "style",
    "explode",
    "collectionFormat",
    "description",
    "summary",
}


def m_retype_keyword(doc: Any, draw: Callable[..., Any]) -> None:
    """Give a structural or schema keyword a value of another type."""
    locs = [(c, k) for c, k in _locations(doc) if isinstance(c, dict) and k in KEYWORDS]
    if locs:
        container, key = locs[draw(st.integers(0, len(locs) - 1))]
        container[key] = copy.deepcopy(draw(st.sampled_from(OTHER_TYPES)))


def m_bool_schema(doc: Any, draw: Callable[..., Any]) -> None:
    locs = [(c, k) for c, k in _locations(doc) if isinstance(c[k], dict)]
    if locs:
        container, key = locs[draw(st.integers(0, len(locs) - 1))]
        container[key] = draw(st.booleans())


def m_duplicate_operation(doc: Any, draw: Callable[..., Any]) -> None:
    paths = doc.get("paths")
    if not isinstance(paths, dict) or not paths:
        return
    names = sorted(str(k) for k in paths)
    name = draw(st.sampled_from(names))
    variant = draw(
        st.sampled_from([name + "/", name.replace("{", "{x"), "//" + name, name.upper()])
    )
    paths[variant] = copy.deepcopy(paths[name])


def m_rename_path_param(doc: Any, draw: Callable[..., Any]) -> None:
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    names = sorted(str(k) for k in paths if "{" in str(k))
    if not names:
        return
    name = draw(st.sampled_from(names))
    new = name.replace("{", "{" + draw(st.sampled_from(["renamed_", "", "{", "}"])), 1)
    paths[new] = paths.pop(name)


def m_bad_ref(doc: Any, draw: Callable[..., Any]) -> None:
    dicts = _dicts(doc)
    target = dicts[draw(st.integers(0, len(dicts) - 1))]
    target.clear()
    target["$ref"] = draw(st.sampled_from([*BAD_REFS, 5, None, ["#/a"]]))


def m_ref_cycle(doc: Any, draw: Callable[..., Any]) -> None:
    home, prefix = _schemas_home(doc), _ref_prefix(doc)
    home["CycA"] = {"$ref": prefix + "CycB"}
    home["CycB"] = {"$ref": prefix + "CycA"}
    home["CycSelf"] = {"$ref": prefix + "CycSelf"}
    dicts = _dicts(doc)
    target = dicts[draw(st.integers(0, len(dicts) - 1))]
    target.clear()
    target["$ref"] = prefix + draw(st.sampled_from(["CycA", "CycSelf"]))


def m_allof_cycle(doc: Any, draw: Callable[..., Any]) -> None:
    home, prefix = _schemas_home(doc), _ref_prefix(doc)
    home["LoopA"] = {"allOf": [{"$ref": prefix + "LoopB"}], "properties": {"a": {"type": "string"}}}
    home["LoopB"] = {
        "allOf": [{"$ref": prefix + "LoopA"}],
        "properties": {"b": {"$ref": prefix + "LoopB"}},
        "items": {"$ref": prefix + "LoopA"},
    }
    names = sorted(str(k) for k in home)
    victim = draw(st.sampled_from(names))
    if isinstance(home[victim], dict):
        home[victim] = {"allOf": [{"$ref": prefix + "LoopA"}, home[victim]]}


def m_long_chain(doc: Any, draw: Callable[..., Any]) -> None:
    """Put a chain of components longer than the default recursion limit under some node."""
    home, prefix = _schemas_home(doc), _ref_prefix(doc)
    length = draw(st.sampled_from([1100, 1500]))
    key = draw(st.sampled_from(["allOf", "items", "properties"]))
    for i in range(length):
        ref = {"$ref": f"{prefix}Chain{i + 1}"}
        home[f"Chain{i}"] = {"properties": {"next": ref}} if key == "properties" else {key: ref}
        if key == "allOf":
            home[f"Chain{i}"] = {"allOf": [ref]}
    home[f"Chain{length}"] = {"type": "string"}
    dicts = [d for d in _dicts(doc) if "type" in d or "$ref" in d]
    if dicts:
        target = dicts[draw(st.integers(0, len(dicts) - 1))]
        target.clear()
        target["$ref"] = prefix + "Chain0"


def m_paths_list(doc: Any, draw: Callable[..., Any]) -> None:
    paths = doc.get("paths")
    doc["paths"] = list(paths.values()) if isinstance(paths, dict) else [paths]


def m_responses_string(doc: Any, draw: Callable[..., Any]) -> None:
    ops = _operations(doc)
    if ops:
        op = ops[draw(st.integers(0, len(ops) - 1))]
        op["responses"] = draw(st.sampled_from(["oops", ["200"], {"200": "ok"}, {200: None}]))


def m_type(doc: Any, draw: Callable[..., Any]) -> None:
    typed = [c for c in _dicts(doc) if "type" in c]
    if typed:
        node = typed[draw(st.integers(0, len(typed) - 1))]
        node["type"] = copy.deepcopy(
            draw(
                st.sampled_from(
                    [["string", "null"], ["null"], [], "wat", 5, None, {"a": 1}, ["object", 3]]
                )
            )
        )


def m_non_string_key(doc: Any, draw: Callable[..., Any]) -> None:
    dicts = _dicts(doc)
    target = dicts[draw(st.integers(0, len(dicts) - 1))]
    key = draw(st.sampled_from([200, 0, -1, True, False, None, 1.5]))
    target[key] = copy.deepcopy(draw(st.sampled_from([{"type": "string"}, "x", None, [1]])))


def m_huge_enum(doc: Any, draw: Callable[..., Any]) -> None:
    dicts = _dicts(doc)
    target = dicts[draw(st.integers(0, len(dicts) - 1))]
    size = draw(st.sampled_from([2000, 5000]))
    target["enum"] = [f"V{i}" for i in range(size)] + [None, 1, {"a": 1}]


def m_odd_name(doc: Any, draw: Callable[..., Any]) -> None:
    locs = [(c, k) for c, k in _locations(doc) if isinstance(c, dict)]
    if locs:
        container, key = locs[draw(st.integers(0, len(locs) - 1))]
        container[draw(st.sampled_from(ODD_NAMES))] = container.pop(key)


def m_odd_path(doc: Any, draw: Callable[..., Any]) -> None:
    paths = doc.get("paths")
    if isinstance(paths, dict) and paths:
        names = sorted(str(k) for k in paths)
        name = draw(st.sampled_from(names))
        new = draw(st.sampled_from(["", "no-slash", "/{}", "/{a}/{a}", "/a/{b", "/" + "é" * 500]))
        paths[new] = paths.pop(name)


MUTATIONS = [
    m_delete,
    m_retype,
    m_retype_keyword,
    m_retype_keyword,
    m_bool_schema,
    m_duplicate_operation,
    m_rename_path_param,
    m_bad_ref,
    m_ref_cycle,
    m_allof_cycle,
    m_long_chain,
    m_paths_list,
    m_responses_string,
    m_type,
    m_non_string_key,
    m_huge_enum,
    m_odd_name,
    m_odd_path,
]


@st.composite
def mutated_specs(draw: Callable[..., Any]) -> tuple[Path, Any, bool, list[str]]:
    """(seed path, mutated document, write as JSON?, mutation names)."""
    index = draw(st.integers(0, len(SEEDS) - 1))
    doc = copy.deepcopy(_seed_data(index))
    applied = []
    for _ in range(draw(st.integers(1, 3))):
        mutation = draw(st.sampled_from(MUTATIONS))
        if isinstance(doc, dict):
            mutation(doc, draw)
        applied.append(mutation.__name__)
    as_json = draw(st.booleans())
    return SEEDS[index], doc, as_json, applied


def _write(tmp: Path, doc: Any, as_json: bool) -> Path:
    sub = tmp / "specs"
    sub.mkdir(parents=True, exist_ok=True)
    if as_json:
        path = sub / "mutated.json"
        try:
            text = json.dumps(doc, ensure_ascii=False)
        except (TypeError, ValueError):
            text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    else:
        path = sub / "mutated.yaml"
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _loads(path: Path) -> bool:
    try:
        load(path)
    except SpecwardError:
        return False
    return True


def _check_compare(base: Path, head: Path) -> None:
    try:
        result = compare_specs(base, head)
    except SpecwardError:
        return
    json.dumps(result.payload(), sort_keys=True)
    for change in result.changes:
        assert change.level in ("error", "warning", "info")


FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


@FUZZ
@given(case=mutated_specs())
def test_model_and_validate_never_crash(tmp_path_factory, case):
    _seed, doc, as_json, applied = case
    path = _write(tmp_path_factory.mktemp("m"), doc, as_json)
    _loads(path)
    try:
        problems = validate_spec(path)
    except SpecwardError:
        return
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p.line, int) and p.line >= 1, (applied, p)
        assert p.message


@FUZZ
@given(case=mutated_specs())
def test_breaking_never_crashes_and_is_reflexive(tmp_path_factory, case):
    seed, doc, as_json, applied = case
    path = _write(tmp_path_factory.mktemp("b"), doc, as_json)
    _check_compare(seed, path)
    _check_compare(path, seed)
    if _loads(path):
        result = compare_specs(path, path)
        assert result.changes == [], (applied, [c.as_dict() for c in result.changes])


# -- the CLI on unreadable inputs -------------------------------------------------------------
UNREADABLE = {
    "missing": None,
    "binary": b"\x00\x01\x02\xff" * 10,
    "latin1": "openapi: caf\xe9\n".encode("latin-1"),
    "empty": b"",
    "list-root": b"- a\n- b\n",
    "scalar-root": b"42\n",
    "no-version": b"info: {title: x}\n",
    "bad-version": b"openapi: 9.9.9\n",
    "bad-yaml": b"openapi: 3.0.0\npaths: {a: [\n",
    "bad-json": b'{"openapi": "3.0.0",,}',
    "openapi-not-string": b"openapi: [3, 0]\n",
    "swagger-dict": b"swagger: {a: 1}\n",
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
@pytest.mark.parametrize("command", ["validate", "breaking"])
def test_cli_unreadable_input_is_one_line_exit_2(tmp_path, capsys, case, command):
    content = UNREADABLE[case]
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_bytes(content)
    good = str(REPO / REPO_SEEDS[1])
    args = [command, str(path)] if command == "validate" else [command, good, str(path)]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("specward: error: "), err[0]
