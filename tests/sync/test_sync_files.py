"""sync edits the published file in place: style survives, results are validated, writes are atomic."""

from __future__ import annotations

import json

import pytest
import yaml
from tests.conftest import run_cli
from tests.drift.helpers import SHOP_BASE, SHOP_PUB, SHOP_UP, copy, drift_of

from specward.sync import SyncError, sync_file
from specward.sync.roundtrip import load_editable
from specward.validate import validate_spec


def test_round_trip_is_byte_identical() -> None:
    text = SHOP_PUB.read_text()
    assert load_editable(text, "shop").dump() == text


def test_shop_sync_keeps_curated_content(tmp_path) -> None:
    published = copy(SHOP_PUB, tmp_path)
    result = sync_file(str(SHOP_UP), published)
    assert result.written
    text = published.read_text()
    data = yaml.safe_load(text)
    item = data["components"]["schemas"]["Shop.Item"]
    props = list(item["properties"])
    assert props.index("display_title") == props.index("tags") + 1  # renamed in place
    assert item["properties"]["display_title"]["description"] == "Curated title text."
    assert item["properties"]["display_title"]["x-order"] == 1
    assert "Curated title text.  # keep me" in text
    assert item["required"] == ["id"]
    assert item["properties"]["stock"] == {"type": "integer", "format": "int32"}
    assert item["properties"]["tags"] == {"type": "array", "items": {"type": "string"}}
    assert item["properties"]["id"]["example"] == "it_123"
    assert item["description"] == "An item for sale."  # no baseline: curated wording stays
    assert data["components"]["schemas"]["Shop.Color"]["enum"] == [
        "COLOR_RED",
        "COLOR_BLUE",
        "COLOR_GREEN",
    ]
    assert data["components"]["schemas"]["Shop.Warehouse"]["properties"]["capacity"] == {
        "type": "string",
        "format": "uint64",
    }
    # published-only content stays
    assert "/shop/health" in data["paths"] and "Shop.Legacy" in data["components"]["schemas"]
    assert data["paths"]["/shop/health"]["get"]["x-internal"] is False
    # the new operation sits under the existing path item, with the published parameter name
    delete = data["paths"]["/shop/items/{id}"]["delete"]
    assert delete["operationId"] == "deleteItem"
    assert delete["parameters"][0]["name"] == "id"
    assert delete["parameters"][0]["description"] == "ID of the item."  # curated twin reused
    assert delete["responses"]["default"] == {"$ref": "#/components/responses/Error"}
    assert delete["tags"] == ["Shop"]
    # the comment heading Shop.Item stays right above it, even though the enum value before it went
    lines = text.splitlines()
    assert lines[lines.index("    Shop.Item:") - 1] == "    # The item, as customers see it."
    assert "Get one item  # curated summary" in text
    assert 'description: "Name shown to customers."' in text  # quoting kept
    assert drift_of(SHOP_UP, published).in_sync


def test_baseline_takes_over_upstream_rewording(tmp_path) -> None:
    published = copy(SHOP_PUB, tmp_path)
    sync_file(str(SHOP_UP), published, baseline=str(SHOP_BASE))
    data = yaml.safe_load(published.read_text())
    assert (
        data["components"]["schemas"]["Shop.Item"]["description"]
        == "An item for sale, as stored by the shop."
    )
    assert data["paths"]["/shop/items/{id}"]["get"]["summary"] == "Get item"
    # wording upstream did not change since the baseline stays curated
    assert (
        data["paths"]["/shop/items"]["get"]["description"]
        == "Curated: lists the items, newest first."
    )


def test_json_published_keeps_its_indentation(tmp_path) -> None:
    published = tmp_path / "shop.json"
    original = json.dumps(yaml.safe_load(SHOP_PUB.read_text()), indent=4) + "\n"
    published.write_text(original)
    result = sync_file(str(SHOP_UP), published)
    assert result.written
    text = published.read_text()
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=4, ensure_ascii=False) + "\n"
    assert drift_of(SHOP_UP, published).in_sync
    before_lines = set(original.splitlines())
    removed = [
        ln
        for ln in result.diff.splitlines()
        if ln.startswith("-") and not ln.startswith("---") and ln[1:] + "," not in text.splitlines()
    ]
    assert all(ln[1:] in before_lines for ln in removed)
    assert len(removed) < 12  # the renamed key, changed types, the removed enum value
    assert not sync_file(str(SHOP_UP), published).changed
    assert published.read_text() == text


@pytest.mark.parametrize("style", [(2, 2, 0), (4, 6, 4), (4, 4, 2)])
def test_other_yaml_indentation_styles(tmp_path, style) -> None:
    """Other (mapping, sequence, offset) indentations are detected and kept."""
    import io

    from ruamel.yaml import YAML

    writer = YAML()
    writer.indent(mapping=style[0], sequence=style[1], offset=style[2])
    writer.width = 4096
    buf = io.StringIO()
    writer.dump(yaml.safe_load(SHOP_PUB.read_text()), buf)
    published = tmp_path / "shop.yaml"
    published.write_text(buf.getvalue())
    original = published.read_text()
    assert load_editable(original, "x").dump() == original
    sync_file(str(SHOP_UP), published)
    text = published.read_text()
    assert drift_of(SHOP_UP, published).in_sync
    new_lines = text.splitlines()
    changed = [ln for ln in original.splitlines() if ln not in new_lines]
    assert all(("title" in ln or "COLOR_PURPLE" in ln or "type: string" in ln) for ln in changed), (
        changed
    )


def test_invalid_result_leaves_the_file_untouched(tmp_path) -> None:
    upstream = tmp_path / "up.swagger.yaml"
    upstream.write_text(
        SHOP_UP.read_text().replace(
            "  shopv1Warehouse:\n    type: object\n    properties:\n      code:\n        type: string",
            "  shopv1Warehouse:\n    type: object\n    properties:\n      code:\n        type: file",
        )
    )
    published = copy(SHOP_PUB, tmp_path)
    original = published.read_bytes()
    with pytest.raises(SyncError, match="would be invalid"):
        sync_file(str(upstream), published)
    assert published.read_bytes() == original
    proc = run_cli("sync", "--upstream", str(upstream), "--published", str(published))
    assert proc.returncode == 2 and "file left untouched" in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert published.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.openapi.yaml", "up.swagger.yaml"]


def test_sync_all_skips_contracts_without_upstream(tmp_path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    copy(SHOP_PUB, specs)
    copy(SHOP_UP, specs)
    copy(SHOP_PUB, specs, "other.yaml")
    contracts = tmp_path / "contracts"
    contracts.mkdir()
    (contracts / "a.yaml").write_text(
        "published: ../specs/shop.openapi.yaml\nupstream: ../specs/shop.swagger.yaml\n"
    )
    (contracts / "b.yaml").write_text("published: ../specs/other.yaml\n")
    other_before = (specs / "other.yaml").read_bytes()
    check = run_cli("sync", "--all", str(contracts), "--check")
    assert check.returncode == 1
    assert "no upstream, skipped" in check.stderr
    done = run_cli("sync", "--all", str(contracts))
    assert done.returncode == 0, done.stderr
    assert (specs / "other.yaml").read_bytes() == other_before
    assert run_cli("sync", "--all", str(contracts), "--check").returncode == 0
    assert run_cli("drift", "--contract", str(contracts / "a.yaml")).returncode == 0
    assert run_cli("drift", "--contract", str(contracts / "b.yaml")).returncode == 2  # no upstream


def test_bad_sync_arguments(tmp_path) -> None:
    assert run_cli("sync").returncode == 2
    assert run_cli("sync", "--upstream", str(SHOP_UP)).returncode == 2
    missing = run_cli(
        "sync", "--upstream", str(SHOP_UP), "--published", str(tmp_path / "nope.yaml")
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert run_cli("sync", "--all", str(tmp_path), "--contract", "x.yaml").returncode == 2


def test_baseline_from_a_git_revision(tmp_path) -> None:
    """The baseline is often the upstream as of the last sync: ``REV:path`` reads it from git."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    copy(SHOP_BASE, tmp_path, "up.swagger.yaml")
    git("add", "up.swagger.yaml")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "last sync")
    copy(SHOP_UP, tmp_path, "up.swagger.yaml")
    copy(SHOP_PUB, tmp_path)
    proc = run_cli(
        "drift",
        "up.swagger.yaml",
        "shop.openapi.yaml",
        "--baseline",
        "HEAD:up.swagger.yaml",
        "--format",
        "json",
        cwd=tmp_path,
    )
    wording = [i for i in json.loads(proc.stdout)["drift"] if i["kind"] == "description-changed"]
    assert sorted(i["published_location"] for i in wording) == ["GET /shop/items/{id}", "Shop.Item"]
    assert (
        run_cli(
            "sync",
            "--upstream",
            "up.swagger.yaml",
            "--published",
            "HEAD:shop.openapi.yaml",
            cwd=tmp_path,
        ).returncode
        == 2
    )


def test_openapi_30_published(tmp_path) -> None:
    published = tmp_path / "shop.yaml"
    published.write_text(SHOP_PUB.read_text().replace("openapi: 3.1.0", "openapi: 3.0.3"))
    sync_file(str(SHOP_UP), published)
    assert drift_of(SHOP_UP, published).in_sync


def test_existing_problems_are_not_blamed_on_sync(tmp_path) -> None:
    """A published spec that already has a validation problem can still be synced."""
    published = tmp_path / "shop.yaml"
    published.write_text(
        SHOP_PUB.read_text().replace(
            "      x-internal: false\n", "      x-internal: false\n      bogus: 1\n"
        )
    )
    assert validate_spec(published)  # already invalid before the sync
    assert sync_file(str(SHOP_UP), published).written
    assert "bogus: 1" in published.read_text()


def test_camel_case_upstream_snake_case_published(tmp_path) -> None:
    """grpc-gateway's default lowerCamelCase JSON names against a snake_case published spec: same
    fields, and new or renamed properties get snake_case names."""
    camel = SHOP_UP.read_text()
    for snake, camel_name in (
        ("price_cents", "priceCents"),
        ("created_at", "createdAt"),
        ("display_title", "displayTitle"),
        ("next_page_token", "nextPageToken"),
    ):
        camel = camel.replace(f"      {snake}:", f"      {camel_name}:")
    camel = camel.replace("      warehouse:\n", "      warehouseRef:\n")
    upstream = tmp_path / "camel.swagger.yaml"
    upstream.write_text(camel)
    items = {(i.kind, i.published_location): i for i in drift_of(upstream, SHOP_PUB).items}
    assert ("property-added", "Shop.Item.warehouse_ref") in items
    assert items[("property-renamed", "Shop.Item.title")].details["to"] == "display_title"
    assert not any(loc in ("Shop.Item.price_cents", "Shop.Item.created_at") for _, loc in items)
    published = copy(SHOP_PUB, tmp_path)
    sync_file(str(upstream), published)
    props = yaml.safe_load(published.read_text())["components"]["schemas"]["Shop.Item"][
        "properties"
    ]
    assert "warehouse_ref" in props and "display_title" in props and "warehouseRef" not in props
    assert drift_of(upstream, published).in_sync
