"""The schema differ through $refs, allOf, oneOf/anyOf, arrays, nesting, cycles and versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.breaking.conftest import compare_docs, ids
from tests.cases.generate import obj, spec

S, INT = {"type": "string"}, {"type": "integer"}
REF = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731


def _pair(tmp_path: Path, base: dict[str, Any], head: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c.id, c.location) for c in compare_docs(tmp_path, base, head).changes]


def test_change_deep_inside_refs_arrays_and_allof_is_found_once_per_use(tmp_path: Path) -> None:
    def doc(leaf: dict[str, Any]) -> dict[str, Any]:
        schemas = {
            "Page": {
                "allOf": [REF("Base"), obj({"items": {"type": "array", "items": REF("Item")}})]
            },
            "Base": obj({"total": INT}),
            "Item": obj({"tags": {"type": "array", "items": obj({"label": leaf})}}),
        }
        return spec(request=REF("Page"), response=REF("Page"), schemas=schemas)

    found = _pair(
        tmp_path,
        doc({"type": "string", "enum": ["a", "b"]}),
        doc({"type": "string", "enum": ["a"]}),
    )
    assert found == [
        (
            "request-property-enum-value-removed",
            "POST /items request.body[application/json].items[].tags[].label",
        ),
        (
            "response-property-enum-value-removed",
            "POST /items response[200][application/json].items[].tags[].label",
        ),
    ]


def test_direction_decides_the_level(tmp_path: Path) -> None:
    base = spec(request=obj({"a": S}), response=obj({"a": S}))
    head = spec(
        request=obj({"a": {"type": ["string", "null"]}}),
        response=obj({"a": {"type": ["string", "null"]}}),
    )
    levels = {c.id: c.level for c in compare_docs(tmp_path, base, head).changes}
    assert levels == {
        "request-property-became-nullable": "info",
        "response-property-became-nullable": "error",
    }


def test_every_spelling_of_nullable_is_the_same(tmp_path: Path) -> None:
    v30 = spec(response=obj({"a": {"type": "string", "nullable": True}}), version="3.0.3")
    v31 = spec(response=obj({"a": {"type": ["string", "null"]}}))
    any_of = spec(response=obj({"a": {"anyOf": [S, {"type": "null"}]}}))
    assert ids(compare_docs(tmp_path, v30, v31)) == []
    assert ids(compare_docs(tmp_path, v31, any_of)) == []
    plain = spec(response=obj({"a": S}))
    assert ids(compare_docs(tmp_path, plain, any_of)) == ["response-property-became-nullable"]


def test_read_only_properties_do_not_matter_to_requests(tmp_path: Path) -> None:
    base = spec(
        request=REF("Job"), response=REF("Job"), schemas={"Job": obj({"name": S}, ["name"])}
    )
    head = spec(
        request=REF("Job"),
        response=REF("Job"),
        schemas={"Job": obj({"name": S, "id": {**S, "readOnly": True}}, ["name", "id"])},
    )
    assert ids(compare_docs(tmp_path, base, head)) == ["response-required-property-added"]


def test_recursive_schemas_terminate_and_report_the_change(tmp_path: Path) -> None:
    def doc(extra: dict[str, Any]) -> dict[str, Any]:
        node = obj({"children": {"type": "array", "items": REF("Node")}, **extra})
        return spec(response=REF("Node"), schemas={"Node": node})

    found = _pair(tmp_path, doc({"name": S}), doc({}))
    assert found == [
        ("response-optional-property-removed", "POST /items response[200][application/json].name")
    ]


def test_type_widened_to_a_oneof_in_a_response_is_an_error(tmp_path: Path) -> None:
    base = spec(response=obj({"size": S}))
    head = spec(response=obj({"size": {"oneOf": [S, INT]}}))
    [change] = compare_docs(tmp_path, base, head).changes
    assert (change.id, change.level) == ("response-property-type-changed", "error")
    assert (change.details["from"], change.details["to"]) == ("string", "integer | string")


def test_object_wrapped_into_a_oneof_adds_a_variant(tmp_path: Path) -> None:
    schemas = {"Sft": obj({"a": S}), "Dpo": obj({"b": S})}
    base = spec(request=REF("Sft"), schemas=schemas)
    head = spec(request={"oneOf": [REF("Sft"), REF("Dpo")]}, schemas=schemas)
    assert ids(compare_docs(tmp_path, base, head)) == ["request-body-one-of-added"]
    assert ids(compare_docs(tmp_path, head, base)) == ["request-body-one-of-removed"]


def test_swagger_2_against_openapi_3_compares_the_same_model(tmp_path: Path) -> None:
    v2 = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "example.com",
        "schemes": ["https"],
        "basePath": "/v1",
        "securityDefinitions": {  # the same schemes as the 3.x spec, written the 2.0 way
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "oauth": {
                "type": "oauth2",
                "flow": "application",
                "tokenUrl": "https://example.com/token",
                "scopes": {"read": "r", "write": "w"},
            },
        },
        "paths": {
            "/items": {
                "post": {
                    "operationId": "createItem",
                    "parameters": [
                        {
                            "name": "body",
                            "in": "body",
                            "required": True,
                            "schema": {"$ref": "#/definitions/Item"},
                        },
                        {"name": "limit", "in": "query", "type": "integer", "maximum": 100},
                    ],
                    "responses": {
                        "200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}
                    },
                }
            }
        },
        "definitions": {"Item": obj({"name": S, "size": INT}, ["name"])},
    }
    v3 = spec(
        request=REF("Item"),
        response=REF("Item"),
        parameters=[{"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 50}}],
        schemas={"Item": obj({"name": S, "size": INT}, ["name"])},
    )
    v3["servers"] = [{"url": "https://example.com/v1"}]
    assert sorted(ids(compare_docs(tmp_path, v2, v3))) == ["request-parameter-max-decreased"]


def test_unchanged_big_components_are_skipped_but_changed_refs_are_not(tmp_path: Path) -> None:
    leaf = lambda t: obj({"v": {"type": t}})  # noqa: E731
    schemas = lambda t: {"A": obj({"b": REF("B")}), "B": obj({"c": REF("C")}), "C": leaf(t)}  # noqa: E731
    base = spec(response=REF("A"), schemas=schemas("string"))
    head = spec(response=REF("A"), schemas=schemas("integer"))
    assert _pair(tmp_path, base, head) == [
        ("response-property-type-changed", "POST /items response[200][application/json].b.c.v")
    ]
    assert _pair(tmp_path, base, base) == []


def test_path_parameter_names_do_not_matter(tmp_path: Path) -> None:
    def doc(name: str) -> dict[str, Any]:
        param = {"name": name, "in": "path", "required": True, "schema": S}
        return spec(
            paths={
                f"/jobs/{{{name}}}": {
                    "get": {"parameters": [param], "responses": {"200": {"description": "OK"}}}
                }
            }
        )

    assert ids(compare_docs(tmp_path, doc("id"), doc("job_id"))) == []
