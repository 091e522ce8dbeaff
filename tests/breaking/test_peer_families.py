"""One scenario test per rule family added for OpenAPI 3.1 / JSON Schema 2020-12, deprecation,
stability and security, modelled on the situations oasdiff's checker tests exercise and written
as our own small base/head specs: each asserts what is reported, at which level, and where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.breaking.conftest import compare_docs
from tests.cases.generate import obj, spec

from specward.breaking import BreakingResult, Policy

S = {"type": "string"}
I = {"type": "integer"}  # noqa: E741


def REF(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def levels(result: BreakingResult) -> dict[str, str]:
    return {c.id: c.level for c in result.changes}


def where(result: BreakingResult, rule_id: str) -> str:
    return next(c.location for c in result.changes if c.id == rule_id)


def both(schema_b: Any, schema_h: Any, prop: bool = True) -> tuple[Any, Any]:
    """The same change in a request and a response (inside a property when ``prop``)."""
    wrap = (lambda s: obj({"value": s}, ["value"])) if prop else (lambda s: s)
    return (
        spec(request=wrap(schema_b), response=wrap(schema_b)),
        spec(request=wrap(schema_h), response=wrap(schema_h)),
    )


# -- JSON Schema 2020-12 keywords: one change, opposite levels by direction -----------------------
def test_contains_and_its_counts_by_direction(tmp_path: Path) -> None:
    arr = {"type": "array", "items": S, "contains": {"const": "x"}}
    base, head = both(arr, {**arr, "minContains": 2, "maxContains": 4})
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-property-min-contains-increased": "error",
        "request-property-max-contains-decreased": "error",
        "response-property-min-contains-increased": "info",
        "response-property-max-contains-decreased": "info",
    }


def test_prefix_items_removed_and_changed_positionally(tmp_path: Path) -> None:
    base, head = both(
        {"type": "array", "prefixItems": [S, {**I, "maximum": 10}]},
        {"type": "array", "prefixItems": [{**S, "maxLength": 5}]},
    )
    result = compare_docs(tmp_path, base, head)
    assert levels(result) == {
        "request-property-prefix-items-removed": "error",
        "request-property-max-length-set": "error",
        "response-property-prefix-items-removed": "info",
        "response-property-max-length-set": "info",
    }
    assert where(result, "request-property-max-length-set").endswith("value.prefixItems[0]")


def test_dependent_required_added_changed_and_dependent_schema(tmp_path: Path) -> None:
    props = obj({"card": S, "billing": S, "cvc": S})
    base = spec(request={**props, "dependentRequired": {"card": ["billing"]}})
    head = spec(
        request={
            **props,
            "dependentRequired": {"card": ["cvc"], "cvc": ["card"]},
            "dependentSchemas": {"billing": {"required": ["card"]}},
        }
    )
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-body-dependent-required-added": "error",
        "request-body-dependent-required-changed": "error",
        "request-body-dependent-schema-added": "error",
    }


def test_if_then_else_added_to_a_response_is_info_removed_is_an_error(tmp_path: Path) -> None:
    cond = {"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["a"]}}
    plain = obj({"kind": S, "a": S})
    result = compare_docs(tmp_path, spec(response=plain), spec(response={**plain, **cond}))
    assert levels(result) == {"response-body-if-added": "info", "response-body-then-added": "info"}
    result = compare_docs(tmp_path, spec(response={**plain, **cond}), spec(response=plain))
    assert levels(result) == {
        "response-body-if-removed": "error",
        "response-body-then-removed": "error",
    }


def test_pattern_properties_property_names_and_unevaluated(tmp_path: Path) -> None:
    base = spec(request={"type": "object", "patternProperties": {"^x-": S}})
    head = spec(
        request={
            "type": "object",
            "patternProperties": {"^x-": {**S, "maxLength": 8}, "^y-": I},
            "propertyNames": {"maxLength": 20},
            "unevaluatedProperties": False,
        }
    )
    result = compare_docs(tmp_path, base, head)
    assert levels(result) == {
        "request-body-pattern-property-added": "error",
        "request-body-property-names-added": "error",
        "request-body-unevaluated-properties-added": "error",
        "request-property-max-length-set": "error",
    }
    assert where(result, "request-property-max-length-set").endswith("patternProperties[^x-]")


def test_content_keywords_of_an_encoded_string(tmp_path: Path) -> None:
    b = {**S, "contentEncoding": "base64", "contentMediaType": "image/png"}
    h = {**S, "contentEncoding": "base64url", "contentMediaType": "image/webp"}
    base, head = both(b, h)
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-property-content-encoding-changed": "error",
        "request-property-content-media-type-changed": "error",
        "response-property-content-encoding-changed": "error",
        "response-property-content-media-type-changed": "error",
    }


# -- type lists, allOf members, discriminators, media type schemas, enum-ness ---------------------
def test_type_list_widened_and_narrowed(tmp_path: Path) -> None:
    base, head = both({"type": ["string", "integer"]}, {"type": ["string", "boolean"]})
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-property-list-of-types-widened": "info",
        "request-property-list-of-types-narrowed": "error",
        "response-property-list-of-types-widened": "error",
        "response-property-list-of-types-narrowed": "info",
    }


def test_all_of_members_at_body_and_property_level(tmp_path: Path) -> None:
    schemas = {"Base": obj({"id": S}), "Audit": obj({"at": S})}
    note = {"description": "see the changelog"}
    base = spec(
        request={"allOf": [REF("Base")]},
        response=obj({"item": {"allOf": [REF("Base"), REF("Audit")]}}),
        schemas=schemas,
    )
    head = spec(
        request={"allOf": [REF("Base"), {"required": ["id"]}, note]},
        response=obj({"item": {"allOf": [REF("Base")]}}),
        schemas=schemas,
    )
    found = levels(compare_docs(tmp_path, base, head))
    assert found["request-body-all-of-added"] == "error"
    assert found["request-body-all-of-added-annotation-only"] == "info"
    assert found["response-property-all-of-removed"] == "error"


def test_discriminator_added_then_mapping_retargeted(tmp_path: Path) -> None:
    schemas = {"A": obj({"kind": S}), "B": obj({"kind": S})}
    one_of = {"oneOf": [REF("A"), REF("B")]}
    mapping = {"a": "#/components/schemas/A", "b": "#/components/schemas/B"}
    disc = {**one_of, "discriminator": {"propertyName": "kind", "mapping": mapping}}
    swapped = {"a": mapping["b"], "b": mapping["a"]}
    retargeted = {**one_of, "discriminator": {"propertyName": "kind", "mapping": swapped}}
    result = compare_docs(
        tmp_path, spec(response=one_of, schemas=schemas), spec(response=disc, schemas=schemas)
    )
    assert levels(result) == {"response-body-discriminator-added": "info"}
    result = compare_docs(
        tmp_path, spec(response=disc, schemas=schemas), spec(response=retargeted, schemas=schemas)
    )
    assert levels(result) == {"response-body-discriminator-mapping-changed": "info"}


def test_media_type_that_loses_its_schema(tmp_path: Path) -> None:
    def ok(content: dict[str, Any]) -> dict[str, Any]:
        return spec(operation={"responses": {"200": {"description": "OK", "content": content}}})

    base = ok({"application/json": {"schema": obj({"id": S})}, "text/csv": {}})
    head = ok({"application/json": {}, "text/csv": {"schema": S}})
    assert levels(compare_docs(tmp_path, base, head)) == {
        "response-body-media-type-schema-removed": "error",
        "response-body-media-type-schema-added": "info",
    }


def test_became_enum_in_a_body_a_parameter_and_a_header_property(tmp_path: Path) -> None:
    enum = {**S, "enum": ["a", "b"]}
    meta = {"name": "X-Meta", "in": "header", "schema": obj({"mode": S})}
    base = spec(request=S, parameters=[{"name": "q", "in": "query", "schema": S}, meta])
    head = spec(
        request=enum,
        parameters=[
            {"name": "q", "in": "query", "schema": enum},
            {**meta, "schema": obj({"mode": enum})},
        ],
    )
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-body-became-enum": "error",
        "request-parameter-became-enum": "error",
        "request-header-property-became-enum": "error",
    }


# -- sub-schema traversal: changes inside branches are reported with their path -------------------
def test_changes_inside_not_if_then_and_variants_carry_their_path(tmp_path: Path) -> None:
    def doc(min_len: int, required: list[str], props: dict[str, Any]) -> dict[str, Any]:
        request = {
            **obj({"name": {**S, "not": {**S, "minLength": min_len}}, "kind": S}),
            "if": {"properties": {"kind": {"const": "x"}}},
            "then": obj({"extra": S, "more": S}, required or None),
        }
        response = obj({"v": {"oneOf": [obj(props, list(props)), I]}})
        return spec(request=request, response=response)

    base = doc(1, [], {"a": S, "b": S})
    head = doc(3, ["more"], {"a": S})
    result = compare_docs(tmp_path, base, head)
    assert where(result, "request-property-min-length-increased").endswith("name.not")
    assert where(result, "request-property-became-required").endswith("then.more")
    assert where(result, "response-required-property-removed").endswith("v.oneOf[#0].b")


# -- deprecation and sunset --------------------------------------------------------------------
def _op(**extra: Any) -> dict[str, Any]:
    return {"operationId": "getA", "responses": {"200": {"description": "OK"}}, **extra}


def test_endpoint_deprecated_with_a_sunset_then_removed_too_early(tmp_path: Path) -> None:
    live = spec(paths={"/a": {"get": _op()}, "/b": {"get": _op(operationId="getB")}})
    dated = spec(
        paths={
            "/a": {"get": _op(deprecated=True, **{"x-sunset": "2026-09-01T00:00:00Z"})},
            "/b": {"get": _op(operationId="getB")},
        }
    )
    gone = spec(paths={"/b": {"get": _op(operationId="getB")}})
    result = compare_docs(tmp_path, live, dated)
    assert levels(result) == {"endpoint-deprecated-with-sunset": "info"}
    assert result.changes[0].details["sunset"] == "2026-09-01"
    assert levels(compare_docs(tmp_path, dated, gone)) == {
        "api-path-removed-before-sunset": "error"
    }


def test_unparsable_sunset_and_a_deleted_one(tmp_path: Path) -> None:
    def one(**extra: Any) -> dict[str, Any]:
        return spec(paths={"/a": {"get": _op(**extra)}})

    bad = compare_docs(tmp_path, one(), one(deprecated=True, sunset="31/12/2026"))
    assert levels(bad) == {"api-deprecated-sunset-parse": "error"}
    dated = one(deprecated=True, **{"x-sunset": "2027-01-01"})
    assert levels(compare_docs(tmp_path, dated, one(deprecated=True))) == {
        "sunset-deleted": "error"
    }
    assert levels(compare_docs(tmp_path, dated, one())) == {"endpoint-reactivated": "info"}


def test_parameter_and_property_lifecycle(tmp_path: Path) -> None:
    q = {"name": "q", "in": "query", "schema": S}
    base = spec(
        parameters=[{**q, "deprecated": True, "x-sunset": "2099-01-01"}],
        response=obj({"id": S, "old": S}, ["id"]),
    )
    head = spec(
        parameters=[],
        response=obj({"id": S, "old": {**S, "deprecated": True, "x-sunset": "2027-03-01"}}, ["id"]),
    )
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-parameter-removed-before-sunset": "error",
        "response-property-deprecated-with-sunset": "info",
    }


# -- stability ----------------------------------------------------------------------------------
def test_stability_decrease_and_invalid_values_in_either_spec(tmp_path: Path) -> None:
    def level(value: str | None, other: str | None = None) -> dict[str, Any]:
        a = _op(**({"x-stability-level": value} if value else {}))
        b = _op(operationId="getB", **({"x-stability-level": other} if other else {}))
        return spec(paths={"/a": {"get": a}, "/b": {"get": b}})

    result = compare_docs(tmp_path, level("stable", "Beta"), level("alpha", "beta"))
    assert levels(result) == {
        "api-stability-decreased": "error",
        "api-invalid-stability-level": "error",
    }
    assert [c.details["side"] for c in result.changes if c.id == "api-invalid-stability-level"] == [
        "base"
    ]
    assert levels(compare_docs(tmp_path, level("beta"), level(None))) == {
        "api-stability-increased": "info"
    }


def test_path_version_policy_still_downgrades_on_top_of_stability(tmp_path: Path) -> None:
    def doc(required: bool) -> dict[str, Any]:
        param = {"name": "q", "in": "query", "required": required, "schema": S}
        op = _op(parameters=[param], **{"x-stability-level": "beta"})
        return spec(paths={"/v1beta/items": {"get": op}})

    policy = Policy(path_versions={"v1beta": "beta"}, downgrade=frozenset({"beta"}))
    result = compare_docs(tmp_path, doc(False), doc(True), policy=policy)
    assert levels(result) == {"request-parameter-became-required": "warning"}
    assert not result.breaking


# -- security ------------------------------------------------------------------------------------
def test_global_security_alternative_removed_and_scope_added(tmp_path: Path) -> None:
    base = spec(security=[{"apiKey": []}, {"oauth": ["read"]}])
    head = spec(security=[{"oauth": ["read", "write"]}])
    found = levels(compare_docs(tmp_path, base, head))
    assert found["api-global-security-removed"] == "error"
    assert found["api-global-security-scope-added"] == "error"


def test_api_key_in_authorization_renamed_to_bearer_is_not_an_error(tmp_path: Path) -> None:
    def with_scheme(name: str, scheme: dict[str, Any]) -> dict[str, Any]:
        doc = spec(security=[{name: []}])
        doc["components"]["securitySchemes"] = {name: scheme}
        return doc

    base = with_scheme("token", {"type": "apiKey", "in": "header", "name": "Authorization"})
    head = with_scheme("bearer", {"type": "http", "scheme": "bearer"})
    result = compare_docs(tmp_path, base, head)
    assert not result.breaking, levels(result)
    assert "api-security-requirement-removed" not in levels(result)


# -- levels agree with oasdiff -------------------------------------------------------------------
def test_response_bounds_that_relax_are_errors_as_in_oasdiff(tmp_path: Path) -> None:
    base, head = both({**I, "minimum": 5}, {**I, "minimum": 1}, prop=False)
    assert levels(compare_docs(tmp_path, base, head)) == {
        "request-body-min-decreased": "info",
        "response-body-min-decreased": "error",
    }
