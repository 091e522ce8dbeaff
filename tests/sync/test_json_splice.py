"""A JSON published spec is written back with only the changed values written anew."""

from __future__ import annotations

import functools
import gc
import json
import random
import re
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import CORPUS, REPO
from tests.drift.helpers import SHOP_PUB, SHOP_UP, drift_of

from specward import model
from specward.drift import compare
from specward.sync import sync_file
from specward.sync.apply import Applier
from specward.sync.json_splice import splice
from specward.sync.roundtrip import load_editable

_REPO_SPECS = [
    REPO / "specs" / "together-rl" / "openapi.yaml",
    REPO / "specs" / "training-jobs" / "openapi.yaml",
    REPO / "specs" / "llama-stack" / "post-training.after.yaml",
    SHOP_PUB,
]


@functools.cache
def _documents() -> tuple[str, ...]:
    """Specs written by others (the corpus, when present) and the repository's own, as JSON."""
    paths = [*_REPO_SPECS, *sorted(CORPUS.glob("*.yaml")), *sorted(CORPUS.glob("*/*.json"))]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(json.dumps(yaml.load(p.read_text(), Loader=loader), default=str) for p in paths)


def _containers(node: Any) -> list[Any]:
    out, stack = [], [node]
    while stack:
        node = stack.pop()
        out.append(node)
        values = node.values() if isinstance(node, dict) else node
        stack.extend(v for v in values if isinstance(v, (dict, list)))
    return out


def _edit(data: Any, rng: random.Random) -> None:
    """The kinds of edit a sync makes, at random places: set, add, remove, rename."""
    found = _containers(data)
    for _ in range(rng.randint(1, 6)):
        node = rng.choice(found)
        op = rng.choice(["set", "add", "remove", "rename"])
        if isinstance(node, dict):
            keys = list(node)
            items = list(node.items())
            if op == "set" and keys:
                node[rng.choice(keys)] = rng.choice(["x", None, [1, 2], {"a": {"b": []}}])
            elif op == "add":
                items.insert(rng.randint(0, len(items)), (f"new{rng.randint(0, 99)}", {"t": "s"}))
            elif op == "remove" and keys:
                del items[rng.randrange(len(items))]
            elif op == "rename" and keys:
                k = rng.choice(keys)
                items = [(f"{a}_r" if a == k else a, b) for a, b in items]
            if op != "set":
                node.clear()
                node.update(items)
        elif op == "add":
            node.insert(rng.randint(0, len(node)), {"z": 1})
        elif op == "remove" and node:
            del node[rng.randrange(len(node))]
        elif node:
            node[rng.randrange(len(node))] = "changed"


@pytest.mark.parametrize("indent", [2, 4, None])
def test_random_edits_decode_to_the_edited_tree_laid_out_as_written(indent) -> None:
    """On every document and layout the text decodes to the edited tree; where the layout is
    ``json``'s own, the result is exactly ``json.dumps`` of the edited tree."""
    cases = 0
    for d, compact in enumerate(_documents()):
        text = json.dumps(json.loads(compact), indent=indent) + "\n"
        for seed in range(8):
            new = json.loads(text)
            _edit(new, random.Random(d * 100 + seed))
            out = splice(text, json.loads(text), new, indent)
            assert json.loads(out) == new
            assert out == json.dumps(new, indent=indent) + "\n"
            cases += 1
    assert cases >= 32


def test_compact_separators_and_untouched_bytes_are_kept() -> None:
    text = '{"a":[1,2],"b" : {"c":1, "d":2},\n "e":  "x"}'
    out = splice(text, json.loads(text), {"a": [1, 2], "b": {"c": 3, "d": 2}, "e": "x"}, None)
    assert out == '{"a":[1,2],"b" : {"c":3, "d":2},\n "e":  "x"}'
    out = splice(text, json.loads(text), {"a": [1, 2, 3], "b": {"d": 2}, "e": "x", "f": 0}, None)
    assert out == '{"a":[1,2,3],"b" : {"d":2},\n "e":  "x",\n "f":0}'


def test_a_changed_value_of_another_kind_is_written_as_that_kind() -> None:
    """``1 == True`` in Python; a changed value is still written as what it now is."""
    text = '{"minimum": 1, "flag": 0, "n": 1}'
    out = splice(text, json.loads(text), {"minimum": True, "flag": 0.0, "n": 2}, None)
    assert out == '{"minimum": true, "flag": 0.0, "n": 2}'


def test_text_that_is_not_the_document_is_refused() -> None:
    text = '{"a": 1, "a": 2, "b": 3}'  # a duplicate key: json keeps one of them
    with pytest.raises(ValueError):
        splice(text, json.loads(text), {"a": 2, "c": 3}, None)


def _hand_formatted(data: Any) -> str:
    """``data`` as indented JSON with the scalar lists on one line, as people write them."""
    text = json.dumps(data, indent=2)
    return re.sub(
        r"\[\s*((?:\"[^\"]*\"|-?\d+)(?:,\s*(?:\"[^\"]*\"|-?\d+))*)\s*\]",
        lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]",
        text,
    )


def test_a_sync_keeps_hand_formatting_outside_what_it_changes(tmp_path: Path) -> None:
    data = yaml.safe_load(SHOP_PUB.read_text())
    plain, hand = tmp_path / "plain.json", tmp_path / "hand.json"
    plain.write_text(json.dumps(data, indent=2) + "\n")
    original = _hand_formatted(data) + "\n"
    assert original.count("\n") < plain.read_text().count("\n")  # the lists are one line each
    hand.write_text(original)
    plain_result = sync_file(str(SHOP_UP), plain)
    result = sync_file(str(SHOP_UP), hand)
    assert result.written and plain_result.written
    text = hand.read_text()
    assert json.loads(text) == json.loads(plain.read_text())  # the same edit
    removed = [ln for ln in result.diff.splitlines() if ln[:1] == "-" and ln[:3] != "---"]
    assert 0 < len(removed) < 12  # only what changed: the compact lists were not re-expanded
    unchanged = set(original.splitlines()) - {ln[1:] for ln in removed}
    assert unchanged <= set(text.splitlines())
    assert drift_of(SHOP_UP, hand).in_sync


def test_the_applier_is_freed_without_the_collector() -> None:
    """A sync of a large spec holds the published model, the edit and the synced model one
    after another; a reference cycle would keep the edit alive while the collector is paused."""
    up, pub = model.load(SHOP_UP), model.load(SHOP_PUB)
    result = compare(up, pub)
    gc.disable()
    try:
        for edit in (False, True):  # what an edit has not used yet must not hold it either
            applier = Applier(result, load_editable(SHOP_PUB.read_text(), "shop.yaml"))
            if edit:
                applier.apply(result.items)
                assert applier.applied
            alive = weakref.ref(applier)
            del applier
            assert alive() is None
    finally:
        gc.enable()
