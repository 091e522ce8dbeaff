"""Response headers, query and cookie API keys, form and multipart bodies, prefixes, custom methods."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from tests.mock.asgi import call

from specward.mock import create_app

EXTRAS = Path(__file__).resolve().parents[1] / "contract" / "extras.yaml"
KEY = {"api_key": "k"}


@pytest.fixture
def app():
    return create_app(EXTRAS, seed=2, tokens=["k"])


def test_declared_response_headers_are_sent_and_valid(app):
    listed = call(app, "GET", "/v2/notes", params=KEY)
    assert listed.status_code == 200
    uuid.UUID(listed.headers["x-request-id"])
    assert 1 <= int(listed.headers["ratelimit-limit"]) <= 1000
    assert 0 <= int(listed.headers["ratelimit-remaining"]) <= 1000
    assert set(listed.headers["ratelimit-policy"].split(",")) <= {"burst", "daily"}
    created = call(app, "POST", "/v2/notes", params=KEY, json={"text": "hi"})
    assert created.status_code == 201 and "x-request-id" in created.headers  # $ref'd response
    deleted = call(app, "DELETE", f"/v2/notes/{created.json()['id']}", params=KEY)
    assert deleted.status_code == 204 and "x-request-id" in deleted.headers
    missing = call(app, "GET", "/v2/notes/nope", params=KEY)
    assert missing.status_code == 404 and "x-request-id" in missing.headers  # error responses too


def test_headers_are_deterministic_for_a_seed():
    def first(seed):
        return call(create_app(EXTRAS, seed=seed), "GET", "/v2/notes", params=KEY).headers

    assert first(4)["x-request-id"] == first(4)["x-request-id"]
    assert first(4)["x-request-id"] != first(5)["x-request-id"]


def test_query_api_key_is_checked(app):
    assert call(app, "GET", "/v2/notes").status_code == 401
    assert call(app, "GET", "/v2/notes", params={"api_key": "wrong"}).status_code == 401
    assert call(app, "GET", "/v2/notes", params={"api_key": ""}).status_code == 401
    assert call(app, "GET", "/v2/notes", params=KEY).status_code == 200
    in_header = call(app, "GET", "/v2/notes", headers={"api_key": "k"})
    assert in_header.status_code == 401  # the key belongs in the query


def _upload(app, files=None, data=None, cookie="session=k", **kwargs):
    headers = {"cookie": cookie} if cookie else {}
    return call(app, "POST", "/v2/attachments", files=files, data=data, headers=headers, **kwargs)


def test_cookie_api_key_is_checked(app):
    files = {"file": ("a.bin", b"\x00\xff")}
    assert _upload(app, files, {"purpose": "notes"}, cookie=None).status_code == 401
    assert _upload(app, files, {"purpose": "notes"}, cookie="session=bad").status_code == 401
    assert _upload(app, files, {"purpose": "notes"}).status_code == 200


def test_multipart_bodies_are_validated(app):
    ok = _upload(app, {"file": ("a.png", b"\x89PNG\r\n\x00")}, {"purpose": "archive", "pages": "3"})
    assert ok.status_code == 200, ok.text
    assert set(ok.json()) == {"purpose", "bytes"}
    bad_enum = _upload(app, {"file": ("a", b"x")}, {"purpose": "other"})
    assert bad_enum.status_code == 400 and "purpose" in bad_enum.json()["message"]
    too_many = _upload(app, {"file": ("a", b"x")}, {"purpose": "notes", "pages": "10"})
    assert too_many.status_code == 400
    not_int = _upload(app, {"file": ("a", b"x")}, {"purpose": "notes", "pages": "two"})
    assert not_int.status_code == 400
    no_file = _upload(app, {"purpose": (None, b"notes")})
    assert no_file.status_code == 400 and "file" in no_file.json()["message"]
    no_boundary = call(
        app,
        "POST",
        "/v2/attachments",
        content=b"--x\r\n",
        headers={"cookie": "session=k", "content-type": "multipart/form-data"},
    )
    assert no_boundary.status_code == 400
    as_json = call(
        app, "POST", "/v2/attachments", json={"purpose": "notes"}, headers={"cookie": "session=k"}
    )
    assert as_json.status_code == 400 and "content type" in as_json.json()["message"]


def test_urlencoded_bodies_are_validated(app):
    def login(data):
        return call(app, "POST", "/v2/login", data=data)

    assert login({"username": "alice", "remember": "true"}).status_code == 200
    scopes = login({"username": "alice", "remember": "false", "scopes": ["read", "write"]})
    assert scopes.status_code == 200, scopes.text
    assert login({"username": "alice", "remember": "maybe"}).status_code == 400
    assert login({"username": "al", "remember": "true"}).status_code == 400
    assert login({"username": "alice", "remember": "true", "scopes": "admin"}).status_code == 400
    assert login({"remember": "true"}).status_code == 400


@pytest.mark.parametrize("prefix", ["/v2", ""])
def test_paths_with_and_without_the_server_prefix(app, prefix):
    assert call(app, "GET", f"{prefix}/notes", params=KEY).status_code == 200
    missing = call(app, "GET", f"{prefix}/nothing", params=KEY)
    assert missing.status_code == 404  # in the API's own error envelope
    assert "no operation matches" in missing.json()["message"]
    deeper = call(app, "GET", f"{prefix}/notes/a/b", params=KEY)
    assert deeper.status_code == 404
    wrong = call(app, "PUT", f"{prefix}/notes", params=KEY)
    assert wrong.status_code == 405 and wrong.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert "not allowed" in wrong.json()["message"]
    item = call(app, "PATCH", f"{prefix}/notes/x", params=KEY)
    assert item.status_code == 405 and item.headers["allow"] == "DELETE, GET, HEAD, OPTIONS"


def test_prefix_is_not_stripped_twice(app):
    assert call(app, "GET", "/v2/v2/notes", params=KEY).status_code == 404
    assert call(app, "GET", "/v1/notes", params=KEY).status_code == 404


def test_custom_method_segment_is_routed(app):
    created = call(app, "POST", "/v2/notes", params=KEY, json={"text": "t"}).json()
    archived = call(app, "POST", f"/v2/notes/{created['id']}:archive", params=KEY)
    assert archived.status_code == 200 and archived.json()["status"] in ("active", "archived")
    # GET is not declared on :archive, so the request is the item's GET of id "<id>:archive"
    wrong = call(app, "GET", f"/v2/notes/{created['id']}:archive", params=KEY)
    assert wrong.status_code == 404
    wrong = call(app, "PUT", f"/v2/notes/{created['id']}:archive", params=KEY)
    assert wrong.status_code == 405 and wrong.headers["allow"] == "OPTIONS, POST"
    other = call(app, "POST", "/v2/notes/x:unknown", params=KEY)  # the item path, id "x:unknown"
    assert other.status_code == 405 and other.headers["allow"] == "DELETE, GET, HEAD, OPTIONS"
