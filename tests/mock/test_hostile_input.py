"""Hostile request bodies get a 4xx, never a 5xx or an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from specward.load.walk import tree_depth
from specward.mock import create_app
from specward.mock.forms import MAX_DEPTH, parse_json

ITEMS = Path(__file__).resolve().parents[1] / "contract" / "items.yaml"
AUTH = [(b"authorization", b"Bearer t"), (b"content-type", b"application/json")]


@pytest.mark.parametrize(
    "body",
    [b"[" * 5000 + b"]" * 5000, b"[" * 500 + b"]" * 500, b'{"name":' * 400 + b"1" + b"}" * 400],
    ids=["beyond-recursion-limit", "deep-array", "deep-object"],
)
def test_deeply_nested_json_is_a_client_error(body: bytes) -> None:
    app = create_app(ITEMS, seed=1)
    status, _media, payload, _ = app.handle("POST", "/api/items", "", AUTH, body)
    assert 400 <= status < 500
    assert b"nested" in payload


def test_nesting_limit() -> None:
    assert tree_depth([[1], {"a": [2]}], 10) == 3
    assert tree_depth({"a": 1}, 10) == 1 and tree_depth("a", 10) == 0
    deep: list = []
    for _ in range(50):
        deep = [deep]
    assert tree_depth(deep, 10) == 11  # counted no further than past the limit
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(ValueError, match="nested"):
        parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
