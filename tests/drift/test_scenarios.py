"""End-to-end scenarios on real grpc-gateway output (../shared/corpus/grpc-gateway).

Each published spec in tests/drift/fixtures/ is hand-curated the way a team publishes (own naming,
unversioned paths under a servers url, own error schema, curated text, comments, published-only
content) and synced to an *older* state of the upstream service. drift must report exactly the
change set, sync must apply it, a second sync must change nothing, and drift then reports in sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import corpus_file
from tests.drift.helpers import FIXTURES, copy, drift_of, kinds

from specward.sync import sync_file
from specward.validate import validate_spec


@dataclass
class Scenario:
    upstream: str  # corpus file name
    published: str  # fixture name
    expected: set[tuple[str, str, str]]
    checks: list[tuple[tuple[Any, ...], Any]] = field(default_factory=list)  # path -> value
    kept_text: list[str] = field(default_factory=list)  # lines that must survive verbatim
    subset: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (paths, definitions) kept


SCENARIOS = {
    # plain names, Problem error schema, enum value added, field renamed (examples follow)
    "camel_case": Scenario(
        "camel_case_service.swagger.json",
        "camel_case.openapi.yaml",
        {
            ("enum-value-added", "CamelStatus", "error"),
            ("property-renamed", "CreateBook.author_name", "error"),
            ("published-only", "GET /camel_case/health", "info"),
        },
        [
            (
                ("components", "schemas", "CamelStatus", "enum"),
                ["CAMEL_STATUS_AVAILABLE", "CAMEL_STATUS_PENDING"],
            ),
            (
                ("components", "schemas", "CreateBook", "properties", "author", "description"),
                "Who wrote it.",
            ),
            (
                ("components", "schemas", "CreateBook", "example"),
                {"title": "Dune", "author": "Frank Herbert"},
            ),
            (
                ("paths", "/camel_case/books", "post", "requestBody", "content"),
                {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/CreateBook"},
                        "examples": {
                            "classic": {
                                "summary": "A classic",
                                "value": {"title": "Dune", "author": "Frank Herbert"},
                            }
                        },
                    }
                },
            ),
            (("paths", "/camel_case/health", "get", "x-internal"), True),
        ],
        [
            "  # Served by the edge proxy, not by the gRPC service.",
            "    # A book as clients send it.",
        ],
    ),
    # Namespace. prefix, /v1 in the servers url, an rpc and its three nested messages added,
    # int32 -> int64 string, a renamed field with a curated example, odd JSON names ('yes')
    "non_standard_names": Scenario(
        "non_standard_names.swagger.json",
        "nonstd.openapi.yaml",
        {
            ("property-type-changed", "NonStd.NonStandardMessage.enGB", "error"),
            ("property-renamed", "NonStd.NonStandardMessage.lang", "error"),
            ("schema-added", "NonStd.NonStandardMessageWithJSONNames", "error"),
            ("schema-added", "NonStd.NonStandardMessageWithJSONNamesThing", "error"),
            ("schema-added", "NonStd.NonStandardMessageWithJSONNamesThingSubThing", "error"),
            ("operation-added", "PATCH /example/non_standard/update_with_json_names", "error"),
        },
        [
            (
                ("components", "schemas", "NonStd.NonStandardMessage", "properties", "enGB"),
                {"type": "string", "format": "int64"},
            ),
            (
                ("components", "schemas", "NonStd.NonStandardMessage", "properties", "langIdent"),
                {"type": "string", "description": "Language tag (curated)."},
            ),
            (
                (
                    "paths",
                    "/example/non_standard/update",
                    "patch",
                    "requestBody",
                    "content",
                    "application/json",
                    "example",
                ),
                {"id": "msg-1", "langIdent": "en", "thing": {"subThing": {"subValue": "x"}}},
            ),
            (
                (
                    "components",
                    "schemas",
                    "NonStd.NonStandardMessageWithJSONNamesThing",
                    "properties",
                    "SubThing",
                    "$ref",
                ),
                "#/components/schemas/NonStd.NonStandardMessageWithJSONNamesThingSubThing",
            ),
            (
                (
                    "paths",
                    "/example/non_standard/update_with_json_names",
                    "patch",
                    "responses",
                    "default",
                    "content",
                    "application/json",
                    "schema",
                    "$ref",
                ),
                "#/components/schemas/NonStd.Error",
            ),
            (
                (
                    "paths",
                    "/example/non_standard/update_with_json_names",
                    "patch",
                    "operationId",
                ),
                "updateWithJSONNames",
            ),
        ],
        [
            "        langIdent: # renamed upstream since",
            "    # Our error envelope, not google.rpc.Status.",
        ],
    ),
    # plain names, no version anywhere, four-space prettier style, $ref parameters and responses,
    # x-stream response, nested enum without _UNSPECIFIED, unused message added
    "response_body": Scenario(
        "response_body_service.swagger.json",
        "responsebody.openapi.yaml",
        {
            ("property-added", "RepeatedResponseBodyOutResponse.type", "error"),
            ("enum-value-added", "ResponseResponseType", "error"),
            ("schema-added", "Sub2Status", "error"),
            ("operation-added", "GET /responsestrings/{data}", "error"),
        },
        [
            (("components", "schemas", "ResponseResponseType", "enum"), ["UNKNOWN", "A", "B"]),
            (
                ("components", "schemas", "RepeatedResponseBodyOutResponse", "properties", "type"),
                {"$ref": "#/components/schemas/ResponseResponseType"},
            ),
            (
                ("paths", "/responsestrings/{data}", "get", "parameters"),
                [{"$ref": "#/components/parameters/Data"}],
            ),
            (
                ("paths", "/responsestrings/{data}", "get", "responses", "default"),
                {"$ref": "#/components/responses/Error"},
            ),
        ],
        ["---", "                - Bodies", '                "200":'],
    ),
    # a JSON published spec (4-space indent kept), Wrap. prefix, nullable wrapper types (not
    # drift), a uint32 that became int64 (format only: a warning), two rpcs and a field added
    "wrappers": Scenario(
        "wrappers.swagger.json",
        "wrappers.openapi.json",
        {
            ("property-added", "Wrap.Wrappers.bytesValue", "error"),
            ("property-type-changed", "Wrap.Wrappers.uint32Value", "warning"),
            ("operation-added", "POST /testBytes", "error"),
            ("operation-added", "POST /testUint64", "error"),
        },
        [
            (
                ("components", "schemas", "Wrap.Wrappers", "properties", "uint32Value"),
                {"type": ["integer", "null"], "format": "int64"},  # nullability kept
            ),
            (
                ("components", "schemas", "Wrap.Wrappers", "properties", "bytesValue"),
                {"type": "string", "format": "byte"},
            ),
            (("paths", "/testUint64", "post", "operationId"), "createUInt64Value"),
            (
                ("paths", "/testBytes", "post", "responses", "default"),
                {"$ref": "#/components/responses/Error"},
            ),
            (("info", "x-audience"), "public"),
        ],
        ['    "openapi": "3.1.0",', '                "operationId": "createBytesValue",'],
    ),
    # a service cut out of a_bit_of_everything (two AIP-style rpcs on the Book resource):
    # `{book.name}` / `{parent}` path templates with patterns, body: "book" (a field, inline
    # schema), Timestamp, readOnly fields, application/x-foo-mime not published
    "library": Scenario(
        "a_bit_of_everything.swagger.json",
        "library.openapi.yaml",
        {
            ("property-added", "Library.Book.createTime", "error"),
            ("operation-added", "PATCH /{book.name}", "error"),
            ("parameter-added", "POST /{parent}/books", "error"),
        },
        [
            (
                ("components", "schemas", "Library.Book", "properties", "createTime", "format"),
                "date-time",
            ),
            (
                ("paths", "/{parent}/books", "post", "parameters", 1, "name"),
                "bookId",
            ),
            (
                ("paths", "/{book.name}", "patch", "parameters", 0, "schema", "pattern"),
                "publishers/[^/]+/books/[^/]+",
            ),
            (
                ("paths", "/{book.name}", "patch", "responses", "default", "content"),
                {"application/json": {"schema": {"$ref": "#/components/schemas/Library.Status"}}},
            ),
            (("paths", "/{book.name}", "patch", "tags"), ["Books"]),
        ],
        ["          example: publishers/123/books/my-book"],
        (
            ("/v1/{parent}/books", "/v1/{book.name}"),
            ("examplepbBook", "googleRpcStatus", "protobufAny"),
        ),
    ),
}


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _service_subset(source: Path, target: Path, paths: tuple[str, ...], defs: tuple[str, ...]):
    """Real generator output cut down to a few rpcs (and their success/default responses)."""
    data = json.loads(source.read_text())
    data["paths"] = {p: data["paths"][p] for p in paths}
    for item in data["paths"].values():
        for op in item.values():
            op["responses"] = {
                k: v for k, v in op["responses"].items() if k.startswith("2") or k == "default"
            }
    data["definitions"] = {d: data["definitions"][d] for d in defs}
    target.write_text(json.dumps(data, indent=2))
    return target


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(request, tmp_path) -> tuple[Scenario, Path]:
    sc = SCENARIOS[request.param]
    upstream = corpus_file(f"grpc-gateway/{sc.upstream}")
    if sc.subset is not None:
        upstream = _service_subset(upstream, tmp_path / "upstream.json", *sc.subset)
    return sc, upstream


def test_fixture_is_valid(scenario) -> None:
    sc, _ = scenario
    assert not [p for p in validate_spec(FIXTURES / sc.published) if p.level == "error"]


def test_drift_reports_exactly_the_change_set(scenario) -> None:
    sc, upstream = scenario
    result = drift_of(upstream, FIXTURES / sc.published)
    assert kinds(result) == sc.expected
    assert not result.in_sync


def test_sync_applies_it_once_and_drift_is_clean(scenario, tmp_path) -> None:
    sc, upstream = scenario
    published = copy(FIXTURES / sc.published, tmp_path)
    original = published.read_text()
    first = sync_file(str(upstream), published)
    assert first.written and first.changed
    text = published.read_text()
    data = yaml.safe_load(text)
    for path, value in sc.checks:
        assert _get(data, path) == value, path
    lines = text.splitlines()
    for line in sc.kept_text:
        assert line in lines, line
    # curated descriptions are never replaced without a baseline
    before = yaml.safe_load(original)
    for name, schema in before["components"]["schemas"].items():
        if "description" in schema:
            assert data["components"]["schemas"][name]["description"] == schema["description"]
    second = sync_file(str(upstream), published)
    assert not second.changed and not second.written
    assert published.read_text() == text  # byte-identical
    after = drift_of(upstream, published)
    assert after.in_sync
    assert {i.kind for i in after.items} <= {"published-only"}


def test_check_mode_writes_nothing(scenario, tmp_path) -> None:
    sc, upstream = scenario
    published = copy(FIXTURES / sc.published, tmp_path)
    original = published.read_bytes()
    result = sync_file(str(upstream), published, check=True)
    assert result.changed and not result.written
    assert published.read_bytes() == original
