"""The three-way loop for real use: a contract's ``baseline:`` is the upstream as last synced;
``sync --contract`` keeps it (creates it, updates it) and ``--check`` never writes."""

from __future__ import annotations

import json

import yaml
from tests.conftest import run_cli
from tests.drift.helpers import SHOP_PUB, SHOP_UP, copy

CONTRACT = """api: shop
published: openapi.yaml
upstream: upstream/api.swagger.yaml
baseline: upstream/baseline.swagger.yaml
"""


def _setup(tmp_path):
    (tmp_path / "upstream").mkdir()
    upstream = copy(SHOP_UP, tmp_path / "upstream", "api.swagger.yaml")
    published = copy(SHOP_PUB, tmp_path, "openapi.yaml")
    contract = tmp_path / "shop.yaml"
    contract.write_text(CONTRACT)
    return upstream, published, contract, tmp_path / "upstream" / "baseline.swagger.yaml"


def _drift(contract, cwd):
    proc = run_cli("drift", "--contract", str(contract), "--format", "json", cwd=cwd)
    return proc.returncode, json.loads(proc.stdout)


def test_sync_creates_and_updates_the_baseline(tmp_path) -> None:
    upstream, published, contract, baseline = _setup(tmp_path)
    # a missing baseline is not an error: drift says so and sync creates it
    proc = run_cli("drift", "--contract", str(contract), cwd=tmp_path)
    assert proc.returncode == 1 and "does not exist yet" in proc.stdout
    check = run_cli("sync", "--contract", str(contract), "--check", cwd=tmp_path)
    assert check.returncode == 1 and not baseline.exists()
    before = published.read_bytes()
    dry = run_cli("sync", "--contract", str(contract), "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0 and not baseline.exists() and published.read_bytes() == before
    done = run_cli("sync", "--contract", str(contract), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "baseline" in done.stdout and baseline.read_bytes() == upstream.read_bytes()
    code, payload = _drift(contract, tmp_path)
    assert code == 0 and payload["in_sync"]
    again = run_cli("sync", "--contract", str(contract), "--check", cwd=tmp_path)
    assert again.returncode == 0, again.stdout

    # curated wording in the published spec is never drift (upstream did not change it)
    data = yaml.safe_load(published.read_text())
    assert data["components"]["schemas"]["Shop.Item"]["description"] == "An item for sale."
    code, payload = _drift(contract, tmp_path)
    assert code == 0 and not [d for d in payload["drift"] if d["kind"] == "description-changed"]

    # upstream rewords a description: reported three-way, taken over by sync, baseline moves on
    upstream.write_text(
        upstream.read_text().replace(
            "description: An item for sale, as stored by the shop.",
            "description: An item for sale, with its stock.",
        )
    )
    code, payload = _drift(contract, tmp_path)
    wording = [d for d in payload["drift"] if d["kind"] == "description-changed"]
    assert [d["published_location"] for d in wording] == ["Shop.Item"]
    assert wording[0]["details"]["published"] == "An item for sale."
    assert wording[0]["level"] == "info" and code == 0
    check = run_cli("sync", "--contract", str(contract), "--check", cwd=tmp_path)
    assert check.returncode == 1
    assert baseline.read_bytes() != upstream.read_bytes()  # --check wrote nothing
    done = run_cli("sync", "--contract", str(contract), cwd=tmp_path)
    assert done.returncode == 0
    data = yaml.safe_load(published.read_text())
    assert (
        data["components"]["schemas"]["Shop.Item"]["description"]
        == "An item for sale, with its stock."
    )
    assert baseline.read_bytes() == upstream.read_bytes()
    code, payload = _drift(contract, tmp_path)
    assert code == 0 and payload["drift"] == [
        d for d in payload["drift"] if d["kind"] == "published-only"
    ]


def test_sync_all_keeps_every_baseline(tmp_path) -> None:
    _, _, contract, baseline = _setup(tmp_path)
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "shop.yaml").write_text(CONTRACT.replace(": ", ": ../").replace("../shop", "shop"))
    contract.unlink()
    (folder / "other.yaml").write_text("api: other\npublished: ../openapi.yaml\n")
    proc = run_cli("sync", "--all", str(folder), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "other.yaml: no upstream, skipped" in proc.stderr
    assert baseline.is_file()
    again = run_cli("sync", "--all", str(folder), "--check", cwd=tmp_path)
    assert again.returncode == 0, again.stdout
