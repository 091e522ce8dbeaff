"""Contract files: one typed schema, paths relative to the contract, one-line file:line errors
that every command taking --contract reports before it runs."""

from __future__ import annotations

import datetime as dt

import click
import pytest
from tests.conftest import REPO

from specward.cli import COMMANDS, LazyGroup, app, main
from specward.contracts import find_contracts, load_contract
from specward.errors import SpecError


def test_paths_are_relative_to_the_contract_file(tmp_path):
    (tmp_path / "contracts").mkdir()
    path = tmp_path / "contracts" / "api.yaml"
    path.write_text(
        "api: shop\npublished: ../specs/shop.yaml\nupstream: ../up/api.swagger.yaml\n"
        "inventory: ../inventory.yaml\n"
        "breaking:\n  accepted: []\ncontract: {max_examples: 5}\nx-owner: team-a\n"
    )
    contract = load_contract(path)
    assert contract.api == "shop"
    assert contract.published == tmp_path / "specs" / "shop.yaml"
    assert contract.upstream == tmp_path / "up" / "api.swagger.yaml"
    assert contract.inventory == tmp_path / "inventory.yaml"
    assert contract.baseline is None
    assert contract.contract == {"max_examples": 5}
    assert contract.breaking == {"accepted": []}
    assert contract.checked is not None and contract.checked.contract.max_examples == 5


def test_api_name_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "billing.yaml"
    path.write_text("published: spec.yaml\n")
    assert load_contract(path).api == "billing"


def test_every_section_of_a_full_contract_is_typed(tmp_path):
    path = tmp_path / "full.yaml"
    path.write_text(
        "published: p.yaml\nprevious: old.yaml\nbaseline: b.yaml\n"
        "breaking:\n  policy: {path_versions: {v1alpha: alpha}, downgrade: [alpha]}\n"
        "  accepted:\n    - {id: request-property-removed, location: 'POST /a', reason: ok,"
        " expires: 2030-01-02}\n"
        "drift:\n  path_prefix: /v1\n  scope: /rl/\n  protos: protos/\n  baseline_protos: old/\n"
        "  proto_path: [include]\n  published_only: ['GET /health']\n  levels: {schema-added: warning}\n"
        "contract:\n  url: https://example.test\n  phases: examples,stateful\n  headers: {X-N: 1}\n"
        "  request_timeout: 2\n  auth: {token: {bearer: '${T}'}}\n  x-note: free\n"
        "models:\n  out: models/\n  options: {field-constraints: true}\n"
    )
    checked = load_contract(path).checked
    assert checked is not None
    assert checked.breaking.accepted[0].expires == dt.date(2030, 1, 2)
    assert checked.drift.scope == ["/rl/"] and checked.drift.protos == ["protos/"]
    assert checked.drift.proto_path == ["include"]
    assert checked.contract.phases == ["examples", "stateful"]
    assert checked.contract.headers == {"X-N": "1"}
    assert checked.contract.request_timeout == 2.0
    assert checked.models.options == {"field-constraints": True}


ACCEPTED = "breaking:\n  accepted:\n    - id: x\n      location: y\n      reason: z\n"

# name -> (contract text, line, words the message must hold)
BAD = {
    "max-examples-text": (
        "published: a.yaml\ncontract:\n  max_examples: five\n",
        3,
        "contract.max_examples: an integer is expected, got 'five'",
    ),
    "max-examples-bool": (
        "published: a.yaml\ncontract:\n  max_examples: true\n",
        3,
        "contract.max_examples: an integer is expected, got True",
    ),
    "max-examples-float": (
        "published: a.yaml\ncontract:\n  max_examples: 2.5\n",
        3,
        "contract.max_examples: an integer is expected, got 2.5",
    ),
    "max-examples-zero": (
        "published: a.yaml\ncontract:\n  max_examples: 0\n",
        3,
        "contract.max_examples: at least 1 is expected, got 0",
    ),
    "unknown-top-key": (
        "published: a.yaml\npubished: b.yaml\n",
        2,
        "unknown contract key 'pubished' (known: api,",
    ),
    "unknown-section-key": (
        "published: a.yaml\ncontract:\n  max_example: 5\n",
        3,
        "contract: unknown key 'max_example' (known: auth,",
    ),
    "bad-date": (
        "published: a.yaml\n" + ACCEPTED + "      expires: notadate\n",
        7,
        "breaking.accepted[0].expires: 'notadate' is not a YYYY-MM-DD date",
    ),
    "accepted-without-reason": (
        "published: a.yaml\nbreaking:\n  accepted:\n    - {id: x, location: y}\n",
        4,
        "breaking.accepted[0]: missing required key 'reason'",
    ),
    "policy-level": (
        "published: a.yaml\nbreaking:\n  policy:\n    downgrade: [gamma]\n",
        4,
        "breaking.policy.downgrade[0]: 'gamma' is not one of",
    ),
    "bad-url": (
        "published: a.yaml\ncontract:\n  url: ftp://host\n",
        3,
        "contract.url: 'ftp://host' is not an http:// or https:// URL",
    ),
    "drift-type": (
        "published: a.yaml\ndrift:\n  proto_path: {a: b}\n",
        3,
        "drift.proto_path: a list is expected",
    ),
    "models-type": ("published: a.yaml\nmodels:\n  options: [a]\n", 3, "models.options: a mapping"),
    "path-type": ("published: a.yaml\nupstream: [a]\n", 2, "upstream: a string is expected"),
    "section-type": ("published: a.yaml\nbreaking: yes\n", 2, "breaking: a mapping is expected"),
    "no-published": ("api: x\n", 1, "a contract needs 'published'"),
    "not-a-mapping": ("- published\n", 1, "a contract must be a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_contracts_point_at_the_line(tmp_path, case):
    text, line, words = BAD[case]
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as err:
        load_contract(path)
    assert words in err.value.message
    assert err.value.line == line
    assert "\n" not in str(err.value)


def test_several_problems_are_counted_on_the_one_line(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("published: a.yaml\ncontract:\n  max_examples: x\n  seed: -1\n")
    with pytest.raises(SpecError) as err:
        load_contract(path)
    assert err.value.line == 3
    assert err.value.message.endswith("(and 1 more problem)")


def test_x_keys_are_free_everywhere(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("published: a.yaml\nx-owner: me\ncontract:\n  x-note: 1\ndrift:\n  x-why: no\n")
    assert load_contract(path).raw["x-owner"] == "me"


def test_missing_contract_file(tmp_path):
    with pytest.raises(SpecError, match="no such contract file"):
        load_contract(tmp_path / "nope.yaml")


def test_find_contracts_sorts_by_name(tmp_path):
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("published: s.yaml\n")
    assert [c.api for c in find_contracts(tmp_path)] == ["a", "b"]
    assert find_contracts(tmp_path / "missing") == []


def test_repository_contracts_pass_the_schema():
    assert [c.api for c in find_contracts(REPO / "contracts")]


def commands_with_contract() -> list[str]:
    group = LazyGroup()
    ctx = click.Context(app)
    names = []
    for name in COMMANDS:
        command = group.get_command(ctx, name)
        if command is not None and any("--contract" in p.opts for p in command.params):
            names.append(name)
    return names


def test_the_commands_that_take_a_contract_are_found():
    assert {"breaking", "drift", "sync", "contract"} <= set(commands_with_contract())


@pytest.mark.parametrize("command", commands_with_contract())
@pytest.mark.parametrize("case", sorted(set(BAD) - {"not-a-mapping"}))
def test_every_command_reports_a_bad_contract_before_it_runs(tmp_path, capsys, command, case):
    text, line, words = BAD[case]
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(SystemExit) as exit_:
        main([command, "--contract", str(path)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"specward: error: {path}:{line}: ")
    assert words in err
