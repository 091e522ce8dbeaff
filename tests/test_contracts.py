"""Contract files: paths relative to the contract, clear file:line errors."""

from __future__ import annotations

import pytest

from specward.contracts import find_contracts, load_contract
from specward.errors import SpecError


def test_paths_are_relative_to_the_contract_file(tmp_path):
    (tmp_path / "contracts").mkdir()
    path = tmp_path / "contracts" / "api.yaml"
    path.write_text(
        "api: shop\npublished: ../specs/shop.yaml\nupstream: ../up/api.swagger.yaml\n"
        "breaking:\n  accepted: []\ncontract: {max_examples: 5}\nx-owner: team-a\n"
    )
    contract = load_contract(path)
    assert contract.api == "shop"
    assert contract.published == tmp_path / "specs" / "shop.yaml"
    assert contract.upstream == tmp_path / "up" / "api.swagger.yaml"
    assert contract.baseline is None
    assert contract.contract == {"max_examples": 5}
    assert contract.breaking == {"accepted": []}


def test_api_name_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "billing.yaml"
    path.write_text("published: spec.yaml\n")
    assert load_contract(path).api == "billing"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("published: a.yaml\npubished: b.yaml\n", "unknown contract key 'pubished'", 2),
        ("api: x\n", "needs 'published'", 1),
        ("published: a.yaml\nupstream: [a]\n", "'upstream' must be a path", 2),
        ("published: a.yaml\nbreaking: yes\n", "'breaking' must be a mapping", 2),
        ("- published\n", "must be a mapping", 1),
    ],
)
def test_bad_contracts_point_at_the_line(tmp_path, text, message, line):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as err:
        load_contract(path)
    assert message in err.value.message
    assert err.value.line == line


def test_missing_contract_file(tmp_path):
    with pytest.raises(SpecError, match="no such contract file"):
        load_contract(tmp_path / "nope.yaml")


def test_find_contracts_sorts_by_name(tmp_path):
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("published: s.yaml\n")
    assert [c.api for c in find_contracts(tmp_path)] == ["a", "b"]
    assert find_contracts(tmp_path / "missing") == []
