"""compare_specs as a plain function: JSON contract, sources, semver, policy, acceptances."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.breaking.conftest import TODAY, compare_docs, write
from tests.cases.generate import obj, spec

from specward.breaking import Policy, compare_specs, load_acceptances, parse_acceptances
from specward.errors import SpecError
from specward.report import render

S = {"type": "string"}


def _base_head() -> tuple[dict, dict]:
    base = spec(
        request=obj({"name": S, "color": S}), response=obj({"id": S, "name": S}, ["id", "name"])
    )
    head = spec(request=obj({"name": S, "size": S}, ["size"]), response=obj({"id": S}, ["id"]))
    return base, head


def test_json_payload_has_the_stable_shape(tmp_path: Path) -> None:
    result = compare_docs(tmp_path, *_base_head())
    payload = json.loads(render(result.report(), "json"))
    assert list(payload) == ["base", "head", "breaking", "semver", "summary", "changes"]
    assert payload["breaking"] is True and payload["semver"] == "major"
    assert payload["summary"] == {"error": 2, "warning": 1, "info": 0}
    for change in payload["changes"]:
        assert list(change) == [
            "id",
            "level",
            "operation",
            "location",
            "message",
            "source",
            "details",
        ]
        assert change["level"] in ("error", "warning", "info")
        assert change["operation"] == "POST /items"
        assert set(change["source"]) == {"file", "line"} and change["source"]["line"] >= 1


def test_sources_point_into_head_for_additions_and_base_for_removals(tmp_path: Path) -> None:
    result = compare_docs(tmp_path, *_base_head())
    by_id = {c.id: c for c in result.changes}
    assert by_id["new-required-request-property"].source.file.endswith("head.yaml")
    assert by_id["request-property-removed"].source.file.endswith("base.yaml")
    assert by_id["response-required-property-removed"].source.file.endswith("base.yaml")
    head_lines = (tmp_path / "head.yaml").read_text().splitlines()
    assert "size" in head_lines[by_id["new-required-request-property"].source.line - 1]


def test_output_is_deterministic(tmp_path: Path) -> None:
    base, head = _base_head()
    first = render(compare_docs(tmp_path, base, head).report(), "json")
    second = render(compare_docs(tmp_path, base, head).report(), "json")
    assert first == second


@pytest.mark.parametrize(
    ("head_change", "semver"),
    [
        ({}, "none"),
        ({"request": obj({"name": S, "color": S, "extra": S})}, "minor"),
        ({"operation": {"deprecated": True}}, "patch"),
    ],
)
def test_semver(tmp_path: Path, head_change: dict, semver: str) -> None:
    base = spec(request=obj({"name": S, "color": S}))
    head = spec(**{"request": obj({"name": S, "color": S}), **head_change})
    assert compare_docs(tmp_path, base, head).semver == semver


def test_stability_level_extension_downgrades_errors(tmp_path: Path) -> None:
    base, head = _base_head()
    base["paths"]["/items"]["post"]["x-stability-level"] = "beta"
    head["paths"]["/items"]["post"]["x-stability-level"] = "beta"
    strict = compare_docs(tmp_path, base, head)
    assert strict.summary()["error"] == 2
    assert all(c.details.get("stability") == "beta" for c in strict.changes)
    relaxed = compare_docs(tmp_path, base, head, policy=Policy(downgrade=frozenset({"beta"})))
    assert relaxed.summary() == {"error": 0, "warning": 3, "info": 0}
    assert not relaxed.breaking and relaxed.semver == "minor"
    assert all(
        "x-stability-level is beta" in c.message
        for c in relaxed.changes
        if "downgraded" in c.details
    )


def test_policy_rejects_unknown_levels() -> None:
    with pytest.raises(SpecError, match="unknown stability level"):
        Policy.from_mapping({"path_versions": {"v1alpha": "experimental"}})


def test_accepted_changes_are_shown_but_do_not_fail(tmp_path: Path) -> None:
    base, head = _base_head()
    accepted = parse_acceptances(
        [
            {
                "id": "new-required-request-property",
                "location": "POST /items request.body[application/json].size",
                "reason": "clients were told in March",
                "expires": "2026-12-31",
            },
            {
                "id": "response-required-property-removed",
                "location": "POST /items response*",
                "reason": "name moved to the profile",
            },
        ]
    )
    result = compare_docs(tmp_path, base, head, accepted=accepted)
    assert result.summary() == {"error": 0, "warning": 1, "info": 2}
    assert not result.breaking
    assert result.semver == "major"  # accepted breaking changes are still breaking changes
    size = next(c for c in result.changes if c.id == "new-required-request-property")
    assert size.details["accepted"] == "clients were told in March"
    assert size.details["accepted_level"] == "error"
    assert not result.report().failed


def test_expired_acceptances_fail_again(tmp_path: Path) -> None:
    base, head = _base_head()
    accepted = parse_acceptances(
        [
            {
                "id": "new-required-request-property",
                "location": "POST /items *",
                "reason": "grace period",
                "expires": "2026-01-31",
            }
        ]
    )
    result = compare_docs(tmp_path, base, head, accepted=accepted, today=dt.date(2026, 2, 1))
    size = next(c for c in result.changes if c.id == "new-required-request-property")
    assert size.level == "error" and size.details["acceptance_expired"]["expires"] == "2026-01-31"
    assert any("expired" in n for n in result.notes)
    assert result.report().failed


def test_unused_acceptances_are_noted(tmp_path: Path) -> None:
    accepted = parse_acceptances(
        [{"id": "request-property-removed", "location": "GET /gone", "reason": "r"}]
    )
    result = compare_docs(tmp_path, *_base_head(), accepted=accepted)
    assert any("matches nothing" in n for n in result.notes)


@pytest.mark.parametrize(
    "entry",
    [
        {"location": "x", "reason": "r"},
        {"id": "x", "location": "x", "reason": "r", "expires": "next week"},
        {"id": "x", "location": "x", "reason": "r", "until": "2026-01-01"},
        "request-property-removed",
    ],
)
def test_bad_acceptances_are_bad_input(entry: object) -> None:
    with pytest.raises(SpecError):
        parse_acceptances([entry])


def test_accept_file_forms(tmp_path: Path) -> None:
    entry = {"id": "a", "location": "b", "reason": "c"}
    for doc in ([entry], {"accepted": [entry]}, {"breaking": {"accepted": [entry]}}):
        assert [a.id for a in load_acceptances(write(tmp_path / "accept.yaml", doc))] == ["a"]


def test_sloppy_specs_are_compared_with_a_note(tmp_path: Path) -> None:
    base = spec(request=obj({"a": S}))
    head = spec(
        request=obj({"a": S, "b": S}),
        parameters=[{"name": "id", "in": "path", "required": True, "schema": S}],
    )
    result = compare_docs(tmp_path, base, head)
    assert "new-required-request-parameter" in [c.id for c in result.changes]
    assert any("not strictly valid" in n and "head" in n for n in result.notes)


def test_plain_function_accepts_loaded_specs(tmp_path: Path) -> None:
    from specward.model import load

    base, head = _base_head()
    b, h = write(tmp_path / "b.yaml", base), write(tmp_path / "h.yaml", head)
    assert (
        compare_specs(load(b), load(h), today=TODAY).summary()
        == compare_specs(b, h, today=TODAY).summary()
    )


def test_removed_operation_takes_its_stability_from_base(tmp_path: Path) -> None:
    ok = {"responses": {"200": {"description": "OK"}}}
    base = spec(
        paths={"/a": {"get": ok}, "/preview": {"get": {**ok, "x-stability-level": "alpha"}}}
    )
    head = spec(paths={"/a": {"get": ok}})
    policy = Policy.from_mapping({"downgrade": ["alpha"]})
    [change] = compare_docs(tmp_path, base, head, policy=policy).changes
    assert (change.id, change.level, change.details["stability"]) == (
        "api-path-removed-without-deprecation",
        "warning",
        "alpha",
    )


def test_path_version_policy_uses_the_server_base_path(tmp_path: Path) -> None:
    base, head = _base_head()
    for doc in (base, head):
        doc["servers"] = [{"url": "https://api.example.com/v1beta"}]
    policy = Policy.from_mapping({"path_versions": {"v1beta": "beta"}, "downgrade": ["beta"]})
    result = compare_docs(tmp_path, base, head, policy=policy)
    assert result.summary()["error"] == 0
    assert {
        c.details["downgraded"]["reason"] for c in result.changes if "downgraded" in c.details
    } == {"v1beta is beta"}
