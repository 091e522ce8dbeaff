"""specward inventory: Naftiko capability files and plain lists against real specs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from tests.conftest import REPO, SHARED, corpus_file

from specward.errors import SpecError
from specward.inventory import check_inventory_files, load_inventory

RL_SPEC = REPO / "specs" / "together-rl" / "openapi.yaml"
RL_INVENTORY = REPO / "specs" / "together-rl" / "inventory.yaml"


def seed_capability() -> Path:
    """The Naftiko capability page of the RL API in ../shared/seeds (skip when absent)."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    for path in seeds:
        if "naftiko" in path.read_text(encoding="utf-8", errors="replace").lower():
            return path
    pytest.skip("no Naftiko capability file in ../shared/seeds")


SMALL_SPEC = """\
openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: https://example.com/v2}]
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
    delete:
      operationId: deleteItem
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: gone}}
  /items:
    post:
      operationId: createItem
      parameters:
        - {name: Idempotency-Key, in: header, required: false, schema: {type: string}}
      requestBody:
        content: {application/json: {schema: {type: object}}}
      responses: {'201': {description: made}}
  /jobs:
    post:
      operationId: startJob
      responses: {'201': {description: made}}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def ids(result) -> list[str]:
    return [f.id for f in result.findings]


def test_seed_capability_is_clean_on_the_synced_spec_and_reports_spellings(cli):
    seed = seed_capability()
    run = cli("inventory", str(seed), str(RL_SPEC), "--format", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    payload = json.loads(run.stdout)
    assert payload["kind"] == "naftiko"
    assert (payload["operations"], payload["matched"]) == (15, 15)
    assert payload["missing"] == [] and payload["unlisted"] == []
    spelled = [f for f in payload["findings"] if f["id"] == "inventory-path-spelling"]
    assert spelled, "the exposed {session-id} paths are reported"
    assert all(f["level"] == "info" for f in payload["findings"])
    assert any("{session-id} is {session_id}" in f["message"] for f in spelled)


def test_shipped_inventory_lists_the_15_rl_operations_and_is_clean():
    result = check_inventory_files(RL_INVENTORY, RL_SPEC)
    assert len(result.inventory.operations) == 15
    assert result.matched == 15
    assert result.findings == []


def test_an_operation_removed_from_the_spec_exits_1(tmp_path, cli):
    data = yaml.safe_load(RL_SPEC.read_text(encoding="utf-8"))
    del data["paths"]["/rl/training-sessions/{session_id}/stop"]
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = cli("inventory", str(RL_INVENTORY), str(spec))
    assert run.returncode == 1, run.stdout + run.stderr
    assert (
        "[inventory-operation-missing] POST /v1/rl/training-sessions/{session_id}/stop"
        in run.stdout
    )
    seed = seed_capability()
    run = cli("inventory", str(seed), str(spec), "--format", "json")
    assert run.returncode == 1
    assert json.loads(run.stdout)["missing"] == ["POST /v1/rl/training-sessions/{session_id}/stop"]


def test_hints_must_agree_with_the_methods(tmp_path):
    spec = write(tmp_path, "spec.yaml", SMALL_SPEC)
    inventory = write(
        tmp_path,
        "inv.yaml",
        """\
        base: /v2
        operations:
          - operation: GET /items/{item_id}
            tool: get-item
            hints: {readOnly: false, idempotent: false}
          - operation: DELETE /items/{item_id}
            hints: {readOnly: true, destructive: false}
          - operation: POST /items
            hints: {idempotent: true}
          - operation: POST /jobs
            tool: start-job
            hints: {idempotent: true}
        """,
    )
    result = check_inventory_files(inventory, spec)
    messages = sorted(f.message for f in result.findings if f.id == "inventory-hint")
    assert messages == [
        "hints: DELETE is destructive",
        "hints: readOnly, but DELETE changes state",
        "tool get-item: not idempotent, but GET is idempotent",
        "tool get-item: not readOnly, but GET is a safe method",
        "tool start-job: idempotent, but POST is not (unless it takes an Idempotency-Key "
        "header or says x-idempotent: true)",
    ]
    assert result.report().exit_code == 0  # hint problems are warnings
    assert result.report("warning").exit_code == 1


def test_parameters_and_paths_are_compared(tmp_path):
    spec = write(tmp_path, "spec.yaml", SMALL_SPEC)
    inventory = write(
        tmp_path,
        "inv.yaml",
        """\
        - operation: GET /v2/items/{id}
          parameters: [{name: id, in: path}, {name: limit, in: query}]
        - method: delete
          path: /items/{item-id}
          parameters: [{name: item_id, in: query}]
        - operation: POST /items
          parameters: [{name: body, in: body}]
        - operation: POST /jobs
          parameters: [{name: body, in: body}]
        """,
    )
    result = check_inventory_files(inventory, spec)
    got = sorted((f.id, f.operation, f.level) for f in result.findings)
    assert got == [
        ("inventory-body-missing", "POST /jobs", "error"),
        ("inventory-parameter-location", "DELETE /items/{item_id}", "warning"),
        ("inventory-parameter-missing", "GET /items/{item_id}", "error"),
        ("inventory-parameter-missing", "GET /items/{item_id}", "error"),
        ("inventory-parameter-unlisted", "GET /items/{item_id}", "warning"),
        ("inventory-parameter-unlisted", "GET /items/{item_id}", "warning"),
        ("inventory-path-parameter", "GET /items/{item_id}", "warning"),
        ("inventory-path-spelling", "DELETE /items/{item_id}", "info"),
    ]


def test_spec_operations_missing_from_the_inventory_are_listed(tmp_path):
    spec = write(tmp_path, "spec.yaml", SMALL_SPEC)
    inventory = write(tmp_path, "inv.yaml", "- GET /items/{item_id}\n- POST /v2/jobs\n")
    result = check_inventory_files(inventory, spec)
    assert result.payload()["unlisted"] == ["DELETE /items/{item_id}", "POST /items"]
    assert {f.level for f in result.findings} == {"warning"}


def test_unlisted_operations_are_those_under_the_inventorys_common_prefix(tmp_path):
    spec = write(tmp_path, "spec.yaml", SMALL_SPEC)
    inventory = write(tmp_path, "inv.yaml", "- GET /items/{item_id}\n")
    result = check_inventory_files(inventory, spec)
    assert result.payload()["unlisted"] == ["DELETE /items/{item_id}", "POST /items"]
    assert "POST /jobs" not in result.payload()["unlisted"]


@pytest.mark.corpus
def test_seed_capability_against_the_whole_together_api():
    seed = seed_capability()
    result = check_inventory_files(seed, corpus_file("together-openapi.yaml"))
    assert result.matched == 15
    assert {f.level for f in result.findings} == {"info"}  # other surfaces are not "unlisted"


def test_an_operation_under_another_method_says_which_the_spec_has(tmp_path):
    spec = write(tmp_path, "spec.yaml", SMALL_SPEC)
    inventory = write(tmp_path, "inv.yaml", "- PUT /items/{x}\n")
    result = check_inventory_files(inventory, spec)
    missing = [f for f in result.findings if f.id == "inventory-operation-missing"]
    assert (
        missing[0].message
        == "PUT /items/{x} is not in the spec (the spec has DELETE, GET at this path)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- FETCH /items\n", "inv.yaml:1: unknown HTTP method 'FETCH'"),
        ("- {method: GET}\n", "inv.yaml:1: an operation needs a path starting with /"),
        ("operations: 3\n", "inv.yaml:1: an inventory is a list of operations"),
        (
            "- operation: GET /items\n  hints: {readonly: true}\n",
            "inv.yaml:1: unknown hint(s) readonly",
        ),
    ],
)
def test_bad_inventories_are_one_line_errors(tmp_path, text, message):
    path = write(tmp_path, "inv.yaml", text)
    with pytest.raises(SpecError) as caught:
        load_inventory(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_cli_bad_input_exits_2_without_traceback(tmp_path, cli):
    path = write(tmp_path, "inv.yaml", "- FETCH /items\n")
    run = cli("inventory", str(path), str(RL_SPEC))
    assert run.returncode == 2
    assert run.stderr.startswith("specward: error: ") and "Traceback" not in run.stderr
    run = cli("inventory", str(tmp_path / "nope.yaml"), str(RL_SPEC))
    assert run.returncode == 2 and "no such inventory file" in run.stderr


def test_the_contract_names_the_inventory(cli):
    run = cli("inventory", "--contract", "contracts/together-rl.yaml", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["matched"] == 15
    run = cli("inventory", "--contract", "contracts/training-jobs.yaml")
    assert run.returncode == 2 and "names no 'inventory:'" in run.stderr
