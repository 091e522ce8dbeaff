"""``specward rules ID``: one rule, its doc, an example finding and an acceptance entry."""

from __future__ import annotations

import json

import yaml
from tests.conftest import run_cli

from specward.breaking import parse_acceptances
from specward.commands.rule_lookup import example
from specward.report import Finding
from specward.rules import REGISTRY


def test_one_rule_with_doc_and_example():
    proc = run_cli("rules", "request-property-renamed")
    assert proc.returncode == 0, proc.stderr
    rule = REGISTRY["request-property-renamed"]
    assert proc.stdout.startswith("request-property-renamed  (error; request;")
    assert rule.doc in proc.stdout
    assert "Example finding:\n  ERROR   [request-property-renamed] POST /items request.body" in (
        proc.stdout
    )
    assert "      - id: request-property-renamed" in proc.stdout


def test_json_and_markdown():
    doc = json.loads(run_cli("rules", "endpoint-added", "--format", "json").stdout)
    assert doc["id"] == "endpoint-added" and doc["example"]["finding"]["location"] == "GET /items"
    md = run_cli("rules", "endpoint-added", "--format", "markdown").stdout
    assert md.startswith("### `endpoint-added`")


def test_every_rule_has_an_example_its_acceptance_matches():
    for rule in REGISTRY.all():
        ex = example(rule)
        assert "?" not in ex["finding"]["message"], rule.id
        [accept] = parse_acceptances([ex["accept"]])
        f = ex["finding"]
        assert accept.matches(Finding(rule.id, rule.level, f["message"], f["location"])), rule.id
        yaml.safe_dump(ex)


def test_unknown_rule_is_one_line_with_suggestions():
    proc = run_cli("rules", "request-property-renam")
    assert proc.returncode == 2
    assert proc.stderr == (
        "specward: error: unknown rule 'request-property-renam'; did you mean "
        "request-property-renamed" + proc.stderr.split("request-property-renamed", 1)[1]
    )
    assert proc.stderr.count("\n") == 1
