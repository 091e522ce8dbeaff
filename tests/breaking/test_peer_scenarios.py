"""Scenarios modelled on the situations peers' test suites exercise (oasdiff's checker tests in
particular), written as our own small base/head specs: direction subtleties, allOf members,
path templates, trailing slashes, default responses, media type parameters, version mixes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.breaking.conftest import compare_docs, ids
from tests.cases.generate import obj, spec

from specward.breaking import BreakingResult
from specward.report import render

S = {"type": "string"}
I = {"type": "integer"}  # noqa: E741
NUM = {"type": "number"}


def REF(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def op(**extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"responses": {"200": {"description": "OK"}}}
    out.update(extra)
    return out


def json_response(schema: Any, status: str = "200") -> dict[str, Any]:
    return {status: {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def run(tmp_path: Path, base: Any, head: Any, **kw: Any) -> BreakingResult:
    return compare_docs(tmp_path, base, head, **kw)


def levels(result: BreakingResult) -> dict[str, str]:
    return {c.id: c.level for c in result.changes}


# -- readOnly / writeOnly and required, by direction -------------------------------------------
def test_request_property_becoming_read_only_is_a_warning(tmp_path: Path) -> None:
    base = spec(request=obj({"name": S, "owner": S}))
    head = spec(request=obj({"name": S, "owner": {**S, "readOnly": True}}))
    assert levels(run(tmp_path, base, head)) == {"request-property-became-read-only": "warning"}


def test_required_request_property_removed_is_not_a_new_requirement(tmp_path: Path) -> None:
    base = spec(request=obj({"name": S, "owner": S}, ["name", "owner"]))
    head = spec(request=obj({"name": S}, ["name"]))
    assert levels(run(tmp_path, base, head)) == {"request-property-removed": "warning"}


def test_response_property_becoming_write_only_is_an_error(tmp_path: Path) -> None:
    base = spec(response=obj({"id": S, "secret": S}, ["id"]))
    head = spec(response=obj({"id": S, "secret": {**S, "writeOnly": True}}, ["id"]))
    assert levels(run(tmp_path, base, head)) == {"response-property-became-write-only": "error"}


def test_required_read_only_property_added_does_not_touch_requests(tmp_path: Path) -> None:
    base = spec(request=obj({"name": S}), response=obj({"name": S}))
    head_schema = obj({"name": S, "id": {**S, "readOnly": True}}, ["id"])
    head = spec(request=head_schema, response=head_schema)
    found = ids(run(tmp_path, base, head))
    assert "new-required-request-property" not in found
    assert "response-required-property-added" in found


def test_write_only_property_removed_does_not_touch_responses(tmp_path: Path) -> None:
    base = spec(response=obj({"id": S, "password": {**S, "writeOnly": True}}, ["id"]))
    head = spec(response=obj({"id": S}, ["id"]))
    assert ids(run(tmp_path, base, head)) == []


# -- allOf members ----------------------------------------------------------------------------
def _all_of(status_enum: list[str], required: list[str] | None = None) -> dict[str, Any]:
    member = obj({"status": {**S, "enum": status_enum}}, required)
    return {"allOf": [REF("Base"), member]}


@pytest.mark.parametrize(
    ("before", "after", "rule", "level"),
    [
        (["a", "b"], ["a", "b", "c"], "response-property-enum-value-added", "warning"),
        (["a", "b"], ["a"], "response-property-enum-value-removed", "info"),
    ],
)
def test_enum_change_in_an_all_of_member_of_a_response(
    tmp_path: Path, before: list[str], after: list[str], rule: str, level: str
) -> None:
    schemas = {"Base": obj({"id": S}, ["id"])}
    base = spec(response=_all_of(before), schemas=schemas)
    head = spec(response=_all_of(after), schemas=schemas)
    result = run(tmp_path, base, head)
    assert levels(result) == {rule: level}
    assert result.changes[0].location.endswith("response[200][application/json].status")


def test_enum_value_removed_in_an_all_of_member_of_a_request_is_an_error(tmp_path: Path) -> None:
    schemas = {"Base": obj({"id": S})}
    base = spec(request=_all_of(["a", "b"]), schemas=schemas)
    head = spec(request=_all_of(["a"]), schemas=schemas)
    assert levels(run(tmp_path, base, head)) == {"request-property-enum-value-removed": "error"}


def test_required_toggled_in_an_all_of_member_of_a_response(tmp_path: Path) -> None:
    schemas = {"Base": obj({"id": S}, ["id"])}
    base = spec(response=_all_of(["a"], ["status"]), schemas=schemas)
    head = spec(response=_all_of(["a"]), schemas=schemas)
    assert levels(run(tmp_path, base, head)) == {"response-property-became-optional": "error"}


# -- paths --------------------------------------------------------------------------------------
def _item_path(template: str, name: str) -> dict[str, Any]:
    param = {"name": name, "in": "path", "required": True, "schema": S}
    return {template: {"get": op(operationId="getItem", parameters=[param])}}


def test_path_parameter_renamed_in_the_template_only_is_not_a_change(tmp_path: Path) -> None:
    base = spec(paths=_item_path("/items/{id}", "id"))
    head = spec(paths=_item_path("/items/{item_id}", "item_id"))
    assert ids(run(tmp_path, base, head)) == []


def test_path_parameter_type_change_is_still_reported_after_a_template_rename(
    tmp_path: Path,
) -> None:
    base = spec(paths=_item_path("/items/{id}", "id"))
    head_paths = _item_path("/items/{item_id}", "item_id")
    head_paths["/items/{item_id}"]["get"]["parameters"][0]["schema"] = I
    result = run(tmp_path, base, spec(paths=head_paths))
    assert levels(result) == {"request-parameter-type-changed": "error"}


def test_trailing_slash_only_change_is_one_warning(tmp_path: Path) -> None:
    base = spec(paths={"/items": {"get": op(operationId="listItems")}})
    head = spec(paths={"/items/": {"get": op(operationId="listItems")}})
    result = run(tmp_path, base, head)
    assert levels(result) == {"api-path-trailing-slash-changed": "warning"}
    assert result.changes[0].details == {"from": "/items", "to": "/items/"}


def test_a_new_path_parameter_segment_is_not_the_same_operation(tmp_path: Path) -> None:
    base = spec(paths={"/items": {"get": op(operationId="listItems")}})
    head = spec(paths=_item_path("/items/{id}", "id"))
    found = ids(run(tmp_path, base, head))
    assert "api-path-removed-without-deprecation" in found and "endpoint-added" in found


# -- responses ----------------------------------------------------------------------------------
def test_default_response_removed_is_info_as_in_oasdiff(tmp_path: Path) -> None:
    err = {"description": "error", "content": {"application/json": {"schema": obj({"m": S})}}}
    base = spec(operation={"responses": {"200": {"description": "OK"}, "default": err}})
    head = spec(operation={"responses": {"200": {"description": "OK"}}})
    assert levels(run(tmp_path, base, head)) == {"response-non-success-status-removed": "info"}


def test_default_response_schema_change_is_compared_as_a_response(tmp_path: Path) -> None:
    def with_default(schema: Any) -> dict[str, Any]:
        content = {"application/json": {"schema": schema}}
        default = {"description": "error", "content": content}
        return spec(operation={"responses": {"200": {"description": "OK"}, "default": default}})

    result = run(
        tmp_path, with_default(obj({"code": I, "m": S}, ["code"])), with_default(obj({"m": S}))
    )
    assert levels(result) == {"response-required-property-removed": "error"}
    assert result.changes[0].location == "POST /items response[DEFAULT][application/json].code"


def test_a_2xx_status_added_is_info(tmp_path: Path) -> None:
    base = spec(operation={"responses": json_response(obj({"id": S}))})
    head = spec(
        operation={
            "responses": {**json_response(obj({"id": S})), "202": {"description": "accepted"}}
        }
    )
    assert levels(run(tmp_path, base, head)) == {"response-success-status-added": "info"}


@pytest.mark.parametrize("where", ["request", "response"])
def test_media_type_parameters_are_the_same_media_type(tmp_path: Path, where: str) -> None:
    def doc(media: str) -> dict[str, Any]:
        content = {media: {"schema": obj({"id": S})}}
        if where == "request":
            return spec(operation={"requestBody": {"content": content}})
        return spec(operation={"responses": {"200": {"description": "OK", "content": content}}})

    assert ids(run(tmp_path, doc("application/json"), doc("application/json; charset=utf-8"))) == []


def test_media_type_case_does_not_matter(tmp_path: Path) -> None:
    def doc(media: str) -> dict[str, Any]:
        return spec(operation={"responses": {"200": {"description": "OK", "content": {media: {}}}}})

    assert ids(run(tmp_path, doc("application/json"), doc("Application/JSON"))) == []


def test_response_type_widened_to_one_of_is_an_error(tmp_path: Path) -> None:
    base = spec(response=obj({"id": S}))
    head = spec(response=obj({"id": {"oneOf": [S, I]}}))
    assert levels(run(tmp_path, base, head)) == {"response-property-type-changed": "error"}


def test_request_integer_to_number_is_a_widening(tmp_path: Path) -> None:
    base = spec(request=obj({"n": I}), response=obj({"n": I}))
    head = spec(request=obj({"n": NUM}), response=obj({"n": NUM}))
    assert levels(run(tmp_path, base, head)) == {
        "request-property-type-generalized": "info",
        "response-property-type-changed": "error",
    }


def test_response_enum_removed_entirely_is_a_warning(tmp_path: Path) -> None:
    base = spec(response=obj({"state": {**S, "enum": ["on", "off"]}}))
    head = spec(response=obj({"state": S}))
    assert levels(run(tmp_path, base, head)) == {"response-property-became-not-enum": "warning"}


def test_response_property_became_nullable_in_openapi_3_0(tmp_path: Path) -> None:
    base = spec(response=obj({"id": S}), request=obj({"id": S}), version="3.0.3")
    head_schema = obj({"id": {**S, "nullable": True}})
    head = spec(response=head_schema, request=head_schema, version="3.0.3")
    assert levels(run(tmp_path, base, head)) == {
        "response-property-became-nullable": "error",
        "request-property-became-nullable": "info",
    }


def test_nested_array_item_property_removed_has_a_readable_location(tmp_path: Path) -> None:
    base = spec(response=obj({"data": {"type": "array", "items": obj({"id": S, "n": I}, ["id"])}}))
    head = spec(response=obj({"data": {"type": "array", "items": obj({"id": S}, ["id"])}}))
    result = run(tmp_path, base, head)
    assert ids(result) == ["response-optional-property-removed"]
    assert result.changes[0].location == "POST /items response[200][application/json].data[].n"


def test_recursive_schema_change_terminates_and_is_reported_once(tmp_path: Path) -> None:
    def node(extra: dict[str, Any]) -> dict[str, Any]:
        return obj({"children": {"type": "array", "items": REF("Node")}, **extra})

    base = spec(response=REF("Node"), schemas={"Node": node({"name": S})})
    head = spec(response=REF("Node"), schemas={"Node": node({})})
    assert ids(run(tmp_path, base, head)) == ["response-optional-property-removed"]


# -- parameters ---------------------------------------------------------------------------------
def test_header_parameter_case_change_is_not_a_change(tmp_path: Path) -> None:
    base = spec(parameters=[{"name": "X-Request-Id", "in": "header", "schema": S}])
    head = spec(parameters=[{"name": "x-request-id", "in": "header", "schema": S}])
    assert ids(run(tmp_path, base, head)) == []


def test_query_parameter_moved_to_a_header_is_one_change(tmp_path: Path) -> None:
    base = spec(parameters=[{"name": "tenant", "in": "query", "required": True, "schema": S}])
    head = spec(parameters=[{"name": "Tenant", "in": "header", "required": True, "schema": S}])
    result = run(tmp_path, base, head)
    assert levels(result) == {"request-parameter-location-changed": "error"}
    change = result.changes[0]
    assert change.details["from"] == "query" and change.details["to"] == "header"
    assert change.location == "POST /items request.header.Tenant"


def test_openapi_3_0_boolean_exclusive_minimum(tmp_path: Path) -> None:
    def doc(schema: dict[str, Any], version: str) -> dict[str, Any]:
        return spec(parameters=[{"name": "n", "in": "query", "schema": schema}], version=version)

    tightened = run(
        tmp_path,
        doc({**I, "minimum": 0}, "3.0.3"),
        doc({**I, "minimum": 0, "exclusiveMinimum": True}, "3.0.3"),
    )
    assert levels(tightened) == {"request-parameter-min-became-exclusive": "error"}
    same = run(
        tmp_path,
        doc({**I, "minimum": 0, "exclusiveMinimum": True}, "3.0.3"),
        doc({**I, "exclusiveMinimum": 0}, "3.1.0"),
    )
    assert ids(same) == []


def test_optional_parameter_with_a_new_default_is_info_as_in_oasdiff(tmp_path: Path) -> None:
    base = spec(parameters=[{"name": "limit", "in": "query", "schema": {**I, "default": 10}}])
    head = spec(parameters=[{"name": "limit", "in": "query", "schema": {**I, "default": 20}}])
    assert levels(run(tmp_path, base, head)) == {"request-parameter-default-value-changed": "info"}


# -- operations ---------------------------------------------------------------------------------
def test_method_change_with_the_same_operation_id_is_one_move(tmp_path: Path) -> None:
    param = {"name": "id", "in": "path", "required": True, "schema": S}
    base = spec(
        paths={"/jobs/{id}/cancel": {"post": op(operationId="cancelJob", parameters=[param])}}
    )
    head = spec(
        paths={"/jobs/{id}/cancel": {"put": op(operationId="cancelJob", parameters=[param])}}
    )
    result = run(tmp_path, base, head)
    assert levels(result) == {"api-operation-moved": "error"}
    assert result.changes[0].details["from"] == "POST /jobs/{id}/cancel"
    assert result.changes[0].details["to"] == "PUT /jobs/{id}/cancel"


def test_method_change_without_correspondence_is_a_removal_and_an_addition(
    tmp_path: Path,
) -> None:
    base = spec(paths={"/jobs": {"get": op(operationId="listJobs")}})
    head = spec(paths={"/jobs": {"post": op(operationId="createJob")}})
    found = ids(run(tmp_path, base, head))
    assert "api-operation-moved" not in found
    assert "api-path-removed-without-deprecation" not in found  # the path stays
    assert {"api-removed-without-deprecation", "endpoint-added"} <= set(found)


def test_sunset_brought_forward_on_a_kept_operation(tmp_path: Path) -> None:
    def doc(date: str) -> dict[str, Any]:
        return spec(
            paths={"/a": {"get": op(operationId="a", deprecated=True, **{"x-sunset": date})}}
        )

    result = run(tmp_path, doc("2027-01-01"), doc("2026-07-01"))
    assert levels(result) == {"api-sunset-date-changed-too-small": "error"}
    assert result.changes[0].details == {"from": "2027-01-01", "to": "2026-07-01"}


def test_component_renamed_behind_a_ref_is_not_a_body_change(tmp_path: Path) -> None:
    item = obj({"id": S, "n": I}, ["id"])
    base = spec(request=REF("Item"), response=REF("Item"), schemas={"Item": item})
    head = spec(request=REF("RL.Item"), response=REF("RL.Item"), schemas={"RL.Item": item})
    assert ids(run(tmp_path, base, head)) == ["api-schema-renamed"]


# -- security -----------------------------------------------------------------------------------
def _with_scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    doc = spec(operation={"security": [{"auth": []}]})
    doc["components"]["securitySchemes"] = {"auth": scheme}
    return doc


def test_api_key_moved_from_header_to_query_is_an_error(tmp_path: Path) -> None:
    base = _with_scheme({"type": "apiKey", "in": "header", "name": "X-Key"})
    head = _with_scheme({"type": "apiKey", "in": "query", "name": "X-Key"})
    result = run(tmp_path, base, head)
    assert levels(result) == {"api-security-component-api-key-location-changed": "error"}
    assert result.changes[0].location == "components.securitySchemes.auth"
    assert result.changes[0].source is not None and result.changes[0].source.line


def test_bearer_to_api_key_in_another_header_is_a_type_change(tmp_path: Path) -> None:
    base = _with_scheme({"type": "http", "scheme": "bearer"})
    head = _with_scheme({"type": "apiKey", "in": "header", "name": "X-Api-Key"})
    result = run(tmp_path, base, head)
    assert levels(result) == {"api-security-component-type-changed": "error"}
    assert result.changes[0].details["from"] == "http bearer"


def test_api_key_in_authorization_to_bearer_is_the_same_wire(tmp_path: Path) -> None:
    base = _with_scheme({"type": "apiKey", "in": "header", "name": "Authorization"})
    head = _with_scheme({"type": "http", "scheme": "bearer"})
    result = run(tmp_path, base, head)
    assert levels(result) == {"api-security-component-type-changed-same-wire": "info"}
    assert not result.breaking


def test_oauth_scope_removed_from_the_scheme_is_an_error(tmp_path: Path) -> None:
    def scheme(*scopes: str) -> dict[str, Any]:
        flow = {"tokenUrl": "https://t.example.com", "scopes": {s: s for s in scopes}}
        return {"type": "oauth2", "flows": {"clientCredentials": flow}}

    result = run(tmp_path, _with_scheme(scheme("read", "admin")), _with_scheme(scheme("read")))
    assert levels(result) == {"api-security-component-oauth-scope-removed": "error"}
    assert result.changes[0].details["values"] == ["admin"]


# -- servers and versions -----------------------------------------------------------------------
def test_server_removal_has_a_source_line(tmp_path: Path) -> None:
    base = spec(servers=["https://api.example.com/v1", "https://eu.example.com/v1"])
    head = spec(servers=["https://api.example.com/v1"])
    result = run(tmp_path, base, head)
    (change,) = result.changes
    assert change.id == "api-server-removed"
    assert change.source is not None and change.source.file.endswith("base.yaml")
    line = (tmp_path / "base.yaml").read_text().splitlines()[change.source.line - 1]
    assert "eu.example.com" in line


def test_swagger_2_and_openapi_3_of_the_same_api_have_no_changes(tmp_path: Path) -> None:
    v2 = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "api.example.com",
        "basePath": "/v1",
        "produces": ["application/json"],
        "paths": {
            "/items/{id}": {
                "get": {
                    "operationId": "getItem",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {
                        "200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}
                    },
                }
            }
        },
        "definitions": {"Item": obj({"id": S, "tags": {"type": "array", "items": S}}, ["id"])},
    }
    v3 = spec(paths=_item_path("/items/{id}", "id"), schemas={"Item": v2["definitions"]["Item"]})
    v3["paths"]["/items/{id}"]["get"]["responses"] = json_response(REF("Item"))
    v3["components"]["securitySchemes"] = {}
    assert ids(run(tmp_path, v2, v3)) == []


# -- acceptances in the human outputs -----------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_accepted_changes_say_so_in_human_outputs(tmp_path: Path, fmt: str) -> None:
    import datetime as dt

    from specward.breaking import parse_acceptances

    base = spec(request=obj({"a": S}))
    head = spec(request=obj({"a": S, "b": S}, ["b"]))
    accepted = parse_acceptances(
        [{"id": "new-required-request-property", "location": "POST /items *", "reason": "v2 only"}]
    )
    result = run(tmp_path, base, head, accepted=accepted)
    assert not result.breaking
    out = render(result.report(), fmt)
    assert "accepted: v2 only" in out
    expired = parse_acceptances(
        [
            {
                "id": "new-required-request-property",
                "location": "POST /items *",
                "reason": "v2 only",
                "expires": dt.date(2020, 1, 1),
            }
        ]
    )
    again = run(tmp_path, base, head, accepted=expired)
    assert again.breaking
    assert "expired" in render(again.report(), fmt)


# -- more schema keywords -----------------------------------------------------------------------
def test_response_header_schema_type_change_is_an_error(tmp_path: Path) -> None:
    base = spec(headers={"X-Rate-Limit": {"schema": I}})
    head = spec(headers={"X-Rate-Limit": {"schema": S}})
    result = run(tmp_path, base, head)
    assert levels(result) == {"response-header-type-changed": "error"}
    assert result.changes[0].location == "POST /items response[200].header.X-Rate-Limit"


def test_extensible_enum_value_added_to_a_response_is_info(tmp_path: Path) -> None:
    base = spec(response=obj({"state": {**S, "x-extensible-enum": ["on", "off"]}}))
    head = spec(response=obj({"state": {**S, "x-extensible-enum": ["on", "off", "idle"]}}))
    assert levels(run(tmp_path, base, head)) == {
        "response-property-x-extensible-enum-value-added": "info"
    }


def test_const_changed_in_a_request_is_an_error(tmp_path: Path) -> None:
    base = spec(request=obj({"kind": {**S, "const": "v1"}}))
    head = spec(request=obj({"kind": {**S, "const": "v2"}}))
    result = run(tmp_path, base, head)
    assert levels(result) == {"request-property-const-changed": "error"}
    assert result.changes[0].details["from"] == '"v1"'


def test_multiple_of_tightened_on_a_parameter_is_an_error(tmp_path: Path) -> None:
    def doc(step: float) -> dict[str, Any]:
        schema = {**NUM, "multipleOf": step}
        return spec(parameters=[{"name": "step", "in": "query", "schema": schema}])

    assert levels(run(tmp_path, doc(0.1), doc(0.5))) == {
        "request-parameter-multiple-of-tightened": "error"
    }
    assert levels(run(tmp_path, doc(0.5), doc(0.1))) == {
        "request-parameter-multiple-of-relaxed": "info"
    }


def test_api_key_header_name_case_is_not_a_change(tmp_path: Path) -> None:
    base = _with_scheme({"type": "apiKey", "in": "header", "name": "X-Api-Key"})
    head = _with_scheme({"type": "apiKey", "in": "header", "name": "x-api-key"})
    assert ids(run(tmp_path, base, head)) == []


def test_relocated_parameter_still_reports_its_other_changes(tmp_path: Path) -> None:
    base = spec(parameters=[{"name": "tenant", "in": "query", "schema": S}])
    head = spec(parameters=[{"name": "tenant", "in": "header", "required": True, "schema": S}])
    assert levels(run(tmp_path, base, head)) == {
        "request-parameter-location-changed": "error",
        "request-parameter-became-required": "error",
    }


def test_templated_server_removal_points_at_its_entry(tmp_path: Path) -> None:
    base = spec()
    base["servers"].append(
        {"url": "https://{region}.example.com/v1", "variables": {"region": {"default": "eu"}}}
    )
    result = run(tmp_path, base, spec())
    (change,) = result.changes
    assert change.details == {"from": "https://eu.example.com/v1"}
    line = (tmp_path / "base.yaml").read_text().splitlines()[change.source.line - 1]
    assert "{region}" in line
