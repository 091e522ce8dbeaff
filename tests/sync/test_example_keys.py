"""Example keys follow a renamed property; a document with no example is not walked."""

from __future__ import annotations

import copy
import json

from specward.sync.examples import rename_example_keys

_ROOT = {
    "components": {
        "schemas": {"A": {"properties": {"new": {"type": "string"}}, "example": {"old": "x"}}}
    }
}
_RENAMES = {"/components/schemas/A": [("old", "new")]}


def test_an_example_is_renamed_however_the_text_spells_its_key() -> None:
    escaped = json.dumps(_ROOT).replace('"example"', '"ex\\u0061mple"')
    assert "example" not in escaped
    for text in (json.dumps(_ROOT), escaped, None):
        root = copy.deepcopy(_ROOT)
        assert rename_example_keys(root, _RENAMES, text) == 1
        assert root["components"]["schemas"]["A"]["example"] == {"new": "x"}


def test_a_text_without_examples_renames_nothing() -> None:
    root = {"components": {"schemas": {"A": {"properties": {"new": {"type": "string"}}}}}}
    assert rename_example_keys(root, _RENAMES, json.dumps(root)) == 0
