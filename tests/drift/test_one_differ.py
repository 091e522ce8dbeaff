"""drift runs through the one schema differ (compare/schema_diff.py) with two hooks: the
inferred mapping as its correspondence and grpc-gateway's wire choices as its representation.
These tests pin what follows from that: every event the differ emits is claimed by a drift rule
or deliberately not reported, a mapped schema is compared once where it is written, and what the
differ knows (variant matching) shows the same in breaking and in drift."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from tests.drift.helpers import RL_PUBLISHED, RL_UPSTREAM, SHOP_BASE, SHOP_PUB, SHOP_UP, drift_of

from specward import model
from specward.breaking import compare_specs
from specward.drift import compare
from specward.drift.classify import NOT_REPORTED

CASES = sorted((Path(__file__).resolve().parent / "cases").glob("*/*.yaml"))


def _spec(tmp_path: Path, name: str, doc: dict) -> model.Spec:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return model.load(path)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_differ_event_is_claimed_or_deliberately_not_reported(
    path: Path, tmp_path: Path
) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    up, pub = _spec(tmp_path, "up", case["upstream"]), _spec(tmp_path, "pub", case["published"])
    base = _spec(tmp_path, "base", case["baseline"]) if "baseline" in case else None
    result = compare(up, pub, baseline=base)
    assert [(e.kind, e.path) for e in result.unclaimed] == []


def test_real_pairs_leave_nothing_unclaimed() -> None:
    for result in (
        drift_of(RL_UPSTREAM, RL_PUBLISHED),
        drift_of(SHOP_UP, SHOP_PUB, baseline=model.load(SHOP_BASE)),
    ):
        assert result.unclaimed == []


def test_curated_constraints_defaults_and_nullability_are_not_drift(tmp_path: Path) -> None:
    """The published spec's own curation (bounds, defaults, nullable, an enum it adds) makes
    the differ emit nothing drift reports: the item kinds stay empty."""
    case = yaml.safe_load(
        (CASES[0].parent.parent / "property-type-changed" / "negative.yaml").read_text()
    )
    published = copy.deepcopy(case["published"])
    name = published["components"]["schemas"]["Item"]["properties"]["name"]
    name.update({"maxLength": 40, "minLength": 1, "default": "x", "nullable": True})
    up, pub = _spec(tmp_path, "up", case["upstream"]), _spec(tmp_path, "pub", published)
    result = compare(up, pub)
    assert [i.kind for i in result.items if i.level != "info"] == []
    assert NOT_REPORTED  # the deliberate list exists and is what unclaimed is measured against


def _pair_with_shared_schema() -> tuple[dict, dict]:
    """One upstream message used by three operations, with a property the published copy lacks."""
    ops_up, ops_pub = {}, {}
    for verb in ("a", "b", "c"):
        ops_up[f"/v1/{verb}"] = {
            "get": {
                "operationId": f"S_{verb.upper()}",
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/v1Thing"}}
                },
            }
        }
        ops_pub[f"/{verb}"] = {
            "get": {
                "operationId": f"{verb}",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    }
                },
            }
        }
    upstream = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": ops_up,
        "definitions": {
            "v1Thing": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "size": {"type": "integer"}},
            }
        },
    }
    published = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://x.example.com/v1"}],
        "paths": ops_pub,
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"id": {"type": "string", "description": "Curated."}},
                }
            }
        },
    }
    return upstream, published


def test_a_mapped_schema_is_compared_once_where_it_is_written(tmp_path: Path) -> None:
    upstream, published = _pair_with_shared_schema()
    result = compare(_spec(tmp_path, "up", upstream), _spec(tmp_path, "pub", published))
    added = [i for i in result.items if i.kind == "property-added"]
    assert [(i.published_location, i.pointer) for i in added] == [
        ("Thing.size", "/components/schemas/Thing/properties/size")
    ]


def test_a_reference_to_another_component_is_one_type_change(tmp_path: Path) -> None:
    upstream, published = _pair_with_shared_schema()
    upstream["definitions"]["v1Other"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    published["components"]["schemas"]["Other"] = {
        "type": "object",
        "properties": {"x": {"type": "string"}},
    }
    upstream["definitions"]["v1Thing"]["properties"]["id"] = {"$ref": "#/definitions/v1Thing"}
    published["components"]["schemas"]["Thing"]["properties"]["id"] = {
        "$ref": "#/components/schemas/Other"
    }
    result = compare(_spec(tmp_path, "up", upstream), _spec(tmp_path, "pub", published))
    changed = [i for i in result.items if i.kind == "property-type-changed"]
    assert [(i.published_location, i.message) for i in changed] == [
        ("Thing.id", "refers to Thing upstream but Other here")
    ]


def test_a_variant_added_upstream_shows_in_breaking_and_in_drift(tmp_path: Path) -> None:
    """Variant matching exists once: breaking sees the new alternative as one-of-added, drift
    as the alternative the published union lacks."""

    def union(names: list[str], prefix: str) -> dict:
        return {"oneOf": [{"$ref": f"{prefix}{n}"} for n in names]}

    obj = {"type": "object", "properties": {"v": {"type": "string"}}}
    upstream = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/v1/m": {
                "get": {
                    "operationId": "S_M",
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/v1M"}}
                    },
                }
            }
        },
        "definitions": {
            "v1M": union(["v1A", "v1B", "v1C"], "#/definitions/"),
            "v1A": obj,
            "v1B": obj,
            "v1C": obj,
        },
    }
    published = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://x.example.com/v1"}],
        "paths": {
            "/m": {
                "get": {
                    "operationId": "m",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/M"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {"M": union(["A", "C"], "#/components/schemas/"), "A": obj, "C": obj}
        },
    }
    pub_v2 = copy.deepcopy(published)
    pub_v2["components"]["schemas"]["M"] = union(["A", "B", "C"], "#/components/schemas/")
    pub_v2["components"]["schemas"]["B"] = obj
    drift = compare(_spec(tmp_path, "up", upstream), _spec(tmp_path, "pub", published))
    messages = [i.message for i in drift.items if i.kind == "property-type-changed"]
    assert messages == ["upstream alternative B is missing here"]
    breaking = compare_specs(_spec(tmp_path, "v1", published), _spec(tmp_path, "v2", pub_v2))
    assert "response-body-one-of-added" in {f.id for f in breaking.changes}


def test_a_comparison_holds_no_cycle() -> None:
    """sync keeps the collector paused and compares twice: the first comparison (the differ's
    memo of every pair) must be freed by reference counting alone once its result is gone."""
    import gc

    up, pub = model.load(RL_UPSTREAM), model.load(RL_PUBLISHED)
    gc.collect()
    gc.disable()
    try:
        result = compare(up, pub)
        assert result.items is not None
        del result
        assert gc.collect() == 0
    finally:
        gc.enable()
