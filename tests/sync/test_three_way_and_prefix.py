"""Three-way ``required``, upstream paths outside the published prefix."""

from __future__ import annotations

import yaml
from tests.drift.helpers import SHOP_BASE, SHOP_PUB, SHOP_UP, drift_of

from specward import model
from specward.sync import sync_file

REQUIRED_ID = "    required:\n    - id\n"


def _variant(tmp_path, src, name, old, new):
    text = src.read_text()
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1))
    return target


def _required_setup(tmp_path):
    # the baseline required id and name; upstream dropped name; published still requires both
    base = _variant(tmp_path, SHOP_BASE, "base.yaml", REQUIRED_ID, REQUIRED_ID + "    - name\n")
    pub = _variant(
        tmp_path,
        SHOP_PUB,
        "pub.yaml",
        "      description: An item for sale.\n",
        "      description: An item for sale.\n      required: [id, name]\n",
    )
    return base, pub


def _required_items(result):
    return [
        (i.published_location, i.details.get("required"))
        for i in result.items
        if i.kind == "property-required-changed"
    ]


def test_dropped_requirement_is_drift_only_three_way(tmp_path) -> None:
    base, pub = _required_setup(tmp_path)
    assert _required_items(drift_of(SHOP_UP, pub)) == []  # no baseline: published-only = curated
    three_way = drift_of(SHOP_UP, pub, baseline=model.load(base))
    assert _required_items(three_way) == [("Shop.Item.name", False)]
    # a requirement the baseline never had is curation, even three-way
    assert _required_items(drift_of(SHOP_UP, pub, baseline=model.load(SHOP_BASE))) == []


def test_sync_drops_the_requirement_with_a_baseline(tmp_path) -> None:
    base, pub = _required_setup(tmp_path)
    sync_file(str(SHOP_UP), pub, baseline=str(base))
    item = yaml.safe_load(pub.read_text())["components"]["schemas"]["Shop.Item"]
    assert item["required"] == ["id"]
    assert _required_items(drift_of(SHOP_UP, pub, baseline=model.load(base))) == []
    assert not sync_file(str(SHOP_UP), pub, baseline=str(base)).changed


STATS = """  /v2/shop/stats:
    get:
      operationId: ShopService_GetStats
      summary: Shop statistics
      responses:
        '200':
          description: A successful response.
          schema:
            type: object
            properties:
              items:
                type: integer
                format: int32
      tags:
        - ShopService
definitions:
"""


def test_upstream_path_outside_the_prefix(tmp_path) -> None:
    upstream = _variant(tmp_path, SHOP_UP, "up.yaml", "definitions:\n", STATS)
    pub = tmp_path / "pub.yaml"
    pub.write_text(SHOP_PUB.read_text())
    result = drift_of(upstream, pub)
    assert result.mapping.path_prefix == "/v1"  # the other paths still decide the prefix
    added = [i for i in result.items if i.kind == "operation-added"]
    stats = next(i for i in added if "stats" in i.published_location)
    assert stats.published_location == "GET /v2/shop/stats"
    assert stats.details["outside_prefix"] == "/v1"
    sync_file(str(upstream), pub)
    data = yaml.safe_load(pub.read_text())
    item = data["paths"]["/v2/shop/stats"]
    # the published servers end in /v1: the path item carries them without the prefix
    assert item["servers"] == [{"url": "https://api.example.com"}]
    assert item["get"]["operationId"] == "getStats"
    assert "servers" not in data["paths"]["/shop/items/{id}"]
    assert drift_of(upstream, pub).in_sync
    assert not sync_file(str(upstream), pub).changed
