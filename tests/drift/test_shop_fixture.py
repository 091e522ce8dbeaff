"""drift on a small proto-style pair that exercises every inference and every kind of finding."""

from __future__ import annotations

import json

import pytest
import yaml
from tests.conftest import run_cli
from tests.drift.helpers import SHOP_BASE, SHOP_PUB, SHOP_UP, drift_of, kinds

from specward import model
from specward.drift import KINDS, compare
from specward.errors import SpecwardError

EXPECTED = {
    ("enum-value-added", "Shop.Color", "error"),
    ("enum-value-removed", "Shop.Color", "error"),
    ("property-type-changed", "Shop.Item.stock", "error"),
    ("property-type-changed", "Shop.Item.tags", "error"),
    ("property-renamed", "Shop.Item.title", "error"),
    ("property-added", "Shop.Item.warehouse", "error"),
    ("property-required-changed", "Shop.Item.id", "warning"),
    ("schema-added", "Shop.Warehouse", "error"),
    ("published-only", "Shop.Legacy", "info"),
    ("operation-added", "DELETE /shop/items/{id}", "error"),
    ("published-only", "GET /shop/health", "info"),
    ("parameter-added", "GET /shop/items/{id}", "error"),
}


def test_exact_findings() -> None:
    result = drift_of(SHOP_UP, SHOP_PUB)
    assert kinds(result) == EXPECTED
    assert not result.in_sync


def test_details_and_pointers() -> None:
    items = {(i.kind, i.published_location): i for i in drift_of(SHOP_UP, SHOP_PUB).items}
    rename = items[("property-renamed", "Shop.Item.title")]
    assert (rename.details["from"], rename.details["to"]) == ("title", "display_title")
    assert rename.details["score"] >= 0.6 and "name" in rename.details["signals"]
    assert rename.upstream_location == "shopv1Item.display_title"
    assert rename.pointer == "/components/schemas/Shop.Item/properties/title"
    param = items[("parameter-added", "GET /shop/items/{id}")]
    assert param.details == {"name": "view", "in": "query"}
    assert param.upstream_location == "GET /v1/shop/items/{item_id}"
    enum = items[("enum-value-added", "Shop.Color")]
    assert enum.details["value"] == "COLOR_GREEN"
    assert enum.pointer == "/components/schemas/Shop.Color/enum"
    tags = items[("property-type-changed", "Shop.Item.tags")]
    assert tags.details["array"] is True
    op = items[("operation-added", "DELETE /shop/items/{id}")]
    assert op.pointer == "/paths/~1shop~1items~1{id}/delete"
    added = items[("schema-added", "Shop.Warehouse")]
    assert added.upstream_location == "shopv1Warehouse"


def test_representation_is_not_drift() -> None:
    """int64 as string, UNSPECIFIED enum zero value, Any as object, body parameter vs request body,
    201 vs 200, default error schema, path parameter names and prefix: none of them are reported."""
    locations = {i.published_location for i in drift_of(SHOP_UP, SHOP_PUB).items}
    for quiet in (
        "Shop.Item.price_cents",
        "Shop.Item.extra",
        "Shop.Item.created_at",
        "Shop.Item.labels",
        "POST /shop/items",
        "GET /shop/items",
    ):
        assert quiet not in locations
    values = [i.details.get("value") for i in drift_of(SHOP_UP, SHOP_PUB).items]
    assert "COLOR_UNSPECIFIED" not in values


def test_key_order_and_format_do_not_matter(tmp_path) -> None:
    data = yaml.safe_load(SHOP_PUB.read_text())

    def reorder(node):
        if isinstance(node, dict):
            return {k: reorder(node[k]) for k in sorted(node, reverse=True)}
        if isinstance(node, list):
            return [reorder(v) for v in node]
        return node

    as_json = tmp_path / "shop.json"
    as_json.write_text(json.dumps(reorder(data), indent=3))
    assert kinds(drift_of(SHOP_UP, as_json)) == EXPECTED


def test_mapping_inference() -> None:
    m = drift_of(SHOP_UP, SHOP_PUB).mapping
    assert m.path_prefix == "/v1"
    assert m.schemas["shopv1ListItemsResponse"] == "ItemPage"
    assert m.reasons["shopv1ListItemsResponse"] == "usage"
    assert m.schemas["shopv1Item"] == "Shop.Item"
    assert m.error_schemas == ["rpcStatus"] and m.error_schema == "Problem"
    assert "protobufAny" in m.ignored
    assert m.published_name("shopv1Warehouse") == "Shop.Warehouse"


def test_three_way_descriptions() -> None:
    result = drift_of(SHOP_UP, SHOP_PUB, baseline=model.load(SHOP_BASE))
    wording = sorted(
        (i.published_location, i.details["field"])
        for i in result.items
        if i.kind == "description-changed"
    )
    # only what upstream reworded since the baseline; curated wording elsewhere is not drift
    assert wording == [("GET /shop/items/{id}", "summary"), ("Shop.Item", "description")]
    assert all(i.level == "info" for i in result.items if i.kind == "description-changed")
    without = drift_of(SHOP_UP, SHOP_PUB)
    assert not any(i.kind == "description-changed" for i in without.items)


def test_overrides() -> None:
    up, pub = model.load(SHOP_UP), model.load(SHOP_PUB)
    result = compare(
        up,
        pub,
        mapping_overrides={
            "fail_on_published_only": True,
            "levels": {"property-required-changed": "info"},
            "ignore": ["Shop.Item.stock"],
            "schemas": {"shopv1Warehouse": "Shop.Legacy"},
            "namespace": "Store.",
        },
    )
    got = kinds(result)
    assert ("published-only", "GET /shop/health", "error") in got
    assert ("property-required-changed", "Shop.Item.id", "info") in got
    assert not any(loc == "Shop.Item.stock" for _, loc, _ in got)
    assert result.mapping.schemas["shopv1Warehouse"] == "Shop.Legacy"
    assert ("property-added", "Shop.Legacy.code", "error") in got
    assert ("property-removed", "Shop.Legacy.ok", "error") in got
    moved = compare(up, pub, mapping_overrides={"operations": {"ShopService_DeleteItem": "health"}})
    assert not any(i.kind in ("operation-added", "published-only") for i in moved.items)
    prefixed = compare(up, pub, mapping_overrides={"path_prefix": ""})
    assert not prefixed.mapping.operations  # nothing lines up without the /v1 prefix


@pytest.mark.parametrize(
    "bad",
    [
        {"schemas": {"nope": "Shop.Item"}},
        {"schemas": {"shopv1Item": "Nope"}},
        {"operations": {"GET /nope": "GET /shop/items"}},
        {"error_schema": "Nope"},
        {"levels": {"no-such-kind": "error"}},
        {"levels": {"schema-added": "fatal"}},
    ],
)
def test_bad_overrides(bad) -> None:
    with pytest.raises(SpecwardError):
        compare(model.load(SHOP_UP), model.load(SHOP_PUB), mapping_overrides=bad)


def test_json_payload_shape() -> None:
    proc = run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"upstream", "published", "in_sync", "mapping", "drift"}
    assert data["in_sync"] is False
    assert isinstance(data["mapping"], dict) and data["mapping"]["path_prefix"] == "/v1"
    for item in data["drift"]:
        assert set(item) == {
            "kind",
            "level",
            "published_location",
            "upstream_location",
            "pointer",
            "message",
            "details",
        }
        assert item["kind"] in KINDS and item["level"] in ("error", "warning", "info")
        assert item["pointer"].startswith("/")
    again = json.loads(run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--format", "json").stdout)
    assert again == data  # deterministic


def test_cli_exit_codes_and_explain(tmp_path) -> None:
    assert run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--fail-on", "error").returncode == 1
    explained = run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--explain")
    assert explained.returncode == 0
    assert "shopv1ListItemsResponse  ->  ItemPage  [usage]" in explained.stdout
    assert "path prefix: /v1" in explained.stdout
    as_json = json.loads(
        run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--explain", "--format", "json").stdout
    )
    assert as_json["schemas"]["shopv1Item"]["published"] == "Shop.Item"
    missing = run_cli("drift", str(SHOP_UP), str(tmp_path / "nope.yaml"))
    assert (
        missing.returncode == 2
        and missing.stderr.count("\n") == 1
        and "Traceback" not in missing.stderr
    )
    assert run_cli("drift").returncode == 2
    sarif = run_cli("drift", str(SHOP_UP), str(SHOP_PUB), "--format", "sarif")
    assert sarif.returncode == 1 and "property-renamed" in sarif.stdout


def test_contract_overrides(tmp_path) -> None:
    contract = tmp_path / "shop.yaml"
    contract.write_text(
        f"api: shop\npublished: {SHOP_PUB}\nupstream: {SHOP_UP}\n"
        "drift:\n  levels:\n    property-renamed: warning\n"
    )
    data = json.loads(run_cli("drift", "--contract", str(contract), "--format", "json").stdout)
    levels = {i["kind"]: i["level"] for i in data["drift"]}
    assert levels["property-renamed"] == "warning"


def test_all_of_composition_is_compared_through_its_properties(tmp_path) -> None:
    up = tmp_path / "up.swagger.yaml"
    up.write_text(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n"
        "  v1Pet:\n    type: object\n    properties:\n      id: {type: string}\n      name: {type: string}\n"
        "      age: {type: integer, format: int32}\n"
    )
    pub = tmp_path / "pub.yaml"
    pub.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Base:\n      type: object\n      properties:\n        id: {type: string}\n"
        "    Pet:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n"
        "        - type: object\n          properties:\n            name: {type: integer}\n"
    )
    got = kinds(drift_of(up, pub))
    assert ("property-type-changed", "Pet.name", "error") in got
    assert ("property-added", "Pet.age", "error") in got
    assert not any(loc in ("Pet.id", "Base") for _, loc, _ in got)
