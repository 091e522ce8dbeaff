"""Mock semantics: readOnly/writeOnly, envelope-wrapped creates, lifecycle, list metadata, values."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from tests.mock import asgi

from specward.mock import create_app
from specward.mock.schemas import SchemaSet
from specward.mock.synth import Synthesizer
from specward.model import load

HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer t"}
BATCH = {"input_file_id": "file-1", "endpoint": "/v1/embeddings"}


def call(app, method, path, **kwargs):
    return asgi.call(app, method, path, base_url="http://mock/v1", headers=AUTH, **kwargs)


@pytest.fixture
def app():
    return create_app(HERE / "envelope.yaml", seed=1)


def test_required_read_only_id_is_not_required_in_a_create(app):
    created = call(app, "POST", "/things", json={"email": "a@b.co", "secret": "hunter2"})
    assert created.status_code == 201, created.text
    thing = created.json()
    assert re.fullmatch(r"thg_[a-z0-9]{12}", thing["id"])
    assert thing["email"] == "a@b.co"
    assert "secret" not in thing  # writeOnly: never answered
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", thing["created_at"])
    assert call(app, "GET", f"/things/{thing['id']}").json() == thing


def test_envelope_wrapped_create_holds_the_resource(app):
    first = call(app, "POST", "/batches", json=BATCH).json()
    second = call(app, "POST", "/batches", json={**BATCH, "input_file_id": "file-2"}).json()
    job = first["job"]
    assert job["id"] != second["job"]["id"]  # fresh ids
    assert (job["input_file_id"], job["endpoint"]) == ("file-1", "/v1/embeddings")  # echoed
    assert job["status"] == "VALIDATING"  # the initial state
    assert job["cancelled_at"] is None and job["completed_at"] is None
    assert call(app, "GET", f"/batches/{job['id']}").json() == job  # the same resource, same id
    listed = call(app, "GET", "/batches").json()
    assert [b["id"] for b in listed] == [job["id"], second["job"]["id"]]  # resources, not envelopes
    cancelled = call(app, "POST", f"/batches/{job['id']}/cancel").json()
    assert cancelled["status"] == "CANCELLED" and cancelled["cancelled_at"] > job["created_at"]
    missing = call(app, "GET", "/batches/nope")
    assert missing.json()["detail"] == "batch 'nope' does not exist"


def test_list_metadata_matches_the_items(app):
    empty = call(app, "GET", "/things").json()
    assert empty["data"] == [] and empty["has_more"] is False
    assert empty.get("first_id") is None and empty.get("next_cursor") is None
    ids = [
        call(app, "POST", "/things", json={"email": f"u{i}@x.io"}).json()["id"] for i in range(3)
    ]
    page = call(app, "GET", "/things", params={"limit": 2}).json()
    assert [t["id"] for t in page["data"]] == ids[:2]
    assert page["has_more"] is True and (page["first_id"], page["last_id"]) == tuple(ids[:2])


def test_synthesized_values_are_plausible(tmp_path):
    spec = load(HERE / "envelope.yaml")
    schemas = SchemaSet(spec)
    synth = Synthesizer(schemas)
    node = {
        "type": "object",
        "required": ["big", "created_at", "name", "metadata", "owner_email"],
        "properties": {
            "big": {"type": "integer", "format": "int64"},
            "created_at": {"type": "integer"},
            "name": {"type": "string"},
            "owner_email": {"type": "string"},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    for seed in range(20):
        value = synth.value(schemas.locate_node(node), random.Random(seed))
        assert abs(value["big"]) <= 2**53
        assert 1_700_000_000 < value["created_at"] < 1_800_000_000  # unix seconds, not 69
        assert re.fullmatch(r"[A-Z][a-z]+ [a-z]+", value["name"])
        assert value["owner_email"].endswith("@example.com")
        assert not any(k.startswith("additionalProp") for k in value["metadata"])
