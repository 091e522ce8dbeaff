"""The matcher: multi-signal scores, optimal one-to-one assignment, evidence and notes, and the
rename and move cases of real histories that name similarity alone got wrong."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.breaking.conftest import REPO, compare_docs, ids

from specward.compare.matcher import THRESHOLD, Evidence, Signals, match

LLAMA_BEFORE = REPO / "specs" / "llama-stack" / "post-training.before.yaml"
LLAMA_AFTER = REPO / "specs" / "llama-stack" / "post-training.after.yaml"


def _spec(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/sessions": {
                "post": {
                    "operationId": "createSession",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/SessionRequest"}
                            }
                        }
                    },
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
        "components": {"schemas": {"SessionRequest": schema}},
    }


def _fixed(scores: dict[tuple[str, str], float]):
    def score(old: str, _o: Any, new: str, _n: Any) -> Evidence | None:
        value = scores.get((old, new))
        if value is None:
            return None
        sig = Signals()
        sig.add("fixed", value)
        return sig.evidence()

    return score


def test_assignment_maximizes_the_total_not_greedy() -> None:
    # greedy takes A-X (0.9) first and leaves B alone; the optimum is A-Y + B-X
    scores = {("A", "X"): 0.9, ("A", "Y"): 0.8, ("B", "X"): 0.85}
    result = match({"A": 1, "B": 2}, {"X": 1, "Y": 2}, _fixed(scores))
    assert [(m.old, m.new) for m in result.pairs] == [("A", "Y"), ("B", "X")]


def test_below_threshold_is_a_note_not_a_match() -> None:
    result = match({"A": 1}, {"X": 1}, _fixed({("A", "X"): THRESHOLD - 0.1}))
    assert result.pairs == []
    note = result.note("A")
    assert note is not None and note.startswith("possibly renamed to X")


def test_session_id_and_checkpoint_id_to_id_descriptions_and_position_decide(
    tmp_path: Path,
) -> None:
    base = _spec(
        {
            "session_id": {"type": "string", "description": "ID of the training session"},
            "checkpoint_id": {"type": "string", "description": "ID of the checkpoint"},
            "name": {"type": "string"},
        }
    )
    head = _spec(
        {
            "id": {"type": "string", "description": "ID of the training session"},
            "name": {"type": "string"},
        }
    )
    result = compare_docs(tmp_path, base, head)
    renamed = [c for c in result.changes if c.id == "request-property-renamed"]
    assert [(c.details["from"], c.details["to"]) for c in renamed] == [("session_id", "id")]
    assert {"description", "position", "name"} <= set(renamed[0].details["signals"])
    assert renamed[0].details["score"] >= THRESHOLD
    removed = [c for c in result.changes if c.id == "request-property-removed"]
    assert [c.location.rsplit(".", 1)[-1] for c in removed] == ["checkpoint_id"]


def test_rename_with_no_shared_word_is_found_by_description_position_constraints(
    tmp_path: Path,
) -> None:
    prop = {"type": "string", "maxLength": 64, "description": "Shown in the dashboard."}
    base = _spec({"model": {"type": "string"}, "display_title": prop, "seed": {"type": "integer"}})
    head = _spec({"model": {"type": "string"}, "label": prop, "seed": {"type": "integer"}})
    result = compare_docs(tmp_path, base, head)
    assert ids(result) == ["request-property-renamed"]
    details = result.changes[0].details
    assert details["from"] == "display_title" and details["to"] == "label"
    assert "name" not in details["signals"]
    assert {"description", "constraints", "position", "neighbours"} <= set(details["signals"])


def test_unrelated_removed_and_added_stay_two_changes(tmp_path: Path) -> None:
    base = _spec(
        {
            "color": {"type": "string", "description": "Paint colour."},
            "name": {"type": "string"},
        }
    )
    head = _spec(
        {
            "name": {"type": "string"},
            "weight": {"type": "integer", "description": "Weight in grams."},
        }
    )
    assert sorted(ids(compare_docs(tmp_path, base, head))) == [
        "new-optional-request-property",
        "request-property-removed",
    ]


def test_same_type_and_position_alone_is_a_note(tmp_path: Path) -> None:
    base = _spec({"name": {"type": "string"}, "color": {"type": "string"}})
    head = _spec({"name": {"type": "string"}, "weight": {"type": "string"}})
    result = compare_docs(tmp_path, base, head)
    assert sorted(ids(result)) == ["new-optional-request-property", "request-property-removed"]
    removed = next(c for c in result.changes if c.id == "request-property-removed")
    assert removed.details["note"].startswith("possibly renamed to weight")


def _llama_base(location: str) -> dict[str, Any]:
    """Llama Stack's base spec with job_uuid declared in ``location`` on the /job/ paths."""
    doc = yaml.safe_load(LLAMA_BEFORE.read_text(encoding="utf-8"))
    for path, item in doc["paths"].items():
        if "/job/" not in path:
            continue
        for op in item.values():
            for param in op.get("parameters", []):
                if param.get("name") == "job_uuid":
                    param["in"] = location
                    if location == "header":
                        param["name"] = "Job-Uuid"
    return doc


@pytest.mark.parametrize("location", ["query", "path", "header"])
def test_llama_moves_whatever_the_base_declared(tmp_path: Path, location: str) -> None:
    head = yaml.safe_load(LLAMA_AFTER.read_text(encoding="utf-8"))
    result = compare_docs(tmp_path, _llama_base(location), head)
    found = ids(result)
    assert found.count("api-operation-moved") == 3, found
    assert not [i for i in found if "removed" in i], found
    for change in result.changes:
        if change.id == "api-operation-moved":
            assert change.details["score"] >= THRESHOLD
            assert "path-words" in change.details["signals"]


def _custom_method_spec(path: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            path: {
                "post": {
                    "summary": "Run a forward and backward pass.",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}
                        }
                    },
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Operation"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Batch": {"type": "object", "properties": {"data": {"type": "string"}}},
                "Operation": {"type": "object", "properties": {"id": {"type": "string"}}},
            }
        },
    }


def test_custom_method_suffix_move(tmp_path: Path) -> None:
    base = _custom_method_spec("/sessions/{id}:forward-backward")
    head = _custom_method_spec("/sessions/{id}/operations/forward-backward")
    result = compare_docs(tmp_path, base, head)
    assert ids(result) == ["api-operation-moved"]
    assert result.changes[0].details["from"] == "POST /sessions/{id}:forward-backward"


def test_custom_method_of_another_verb_is_not_a_move(tmp_path: Path) -> None:
    base = _custom_method_spec("/sessions/{id}:forward-backward")
    head = copy.deepcopy(_custom_method_spec("/sessions/{id}:sample"))
    head["paths"]["/sessions/{id}:sample"]["post"]["summary"] = "Sample tokens."
    assert "api-operation-moved" not in ids(compare_docs(tmp_path, base, head))
