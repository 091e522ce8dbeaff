"""Reports that fit where they are sent: PR comments (markdown), annotations (github), and
working-tree locations for ``REV:path`` sides."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from tests.conftest import corpus_file, run_cli

from specward.model import Source
from specward.report import Finding, Report, render
from specward.report.formats.markdown import LIMIT
from specward.report.locations import place


def many(errors: int, warnings: int, infos: int) -> Report:
    findings = []
    for level, count in (("error", errors), ("warning", warnings), ("info", infos)):
        for i in range(count):
            op = f"POST /items/{i % 37}"
            findings.append(
                Finding(
                    f"rule-{level}",
                    level,  # type: ignore[arg-type]
                    f"{level} number {i}: " + "x" * 120,
                    f"{op} request.body.field_{i}",
                    operation=op,
                    source=Source("specs/api.yaml", i + 1) if i % 2 else None,
                )
            )
    return Report("breaking", "base → head", findings, {"n": len(findings)})


def test_markdown_is_cut_to_fit_with_a_count_and_blocking_first():
    md = render(many(600, 600, 600), "markdown")
    assert len(md) < LIMIT
    assert "**600** error(s), **600** warning(s), **600** info" in md
    shown = md.count("\n- ")
    cut = int(re.search(r"… (\d+) more; full list in the JSON report", md).group(1))
    assert shown + cut == 1800
    assert (
        md.index("❌ `rule-error`") < md.index("#### Not blocking")
        if "Not blocking" in md
        else True
    )
    assert "⚠️ `rule-warning`" not in md.split("#### Not blocking")[0]


def test_markdown_that_fits_is_not_cut():
    md = render(many(3, 3, 3), "markdown")
    assert "more; full list" not in md
    assert md.count("\n- ") == 9


def test_fail_on_warning_makes_warnings_blocking():
    report = many(0, 5, 1)
    report.fail_on = "warning"
    md = render(report, "markdown")
    assert "#### Blocking: 5 at or above `warning`" in md


def test_github_annotations_are_capped_with_one_summary_notice():
    lines = render(many(25, 30, 40), "github").splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == 10 and kinds.count("::warning") == 10
    assert kinds.count("::notice") == 1 and kinds[-1] == "::notice"
    assert all(line.startswith("::") for line in lines)
    assert "15 more error(s) and 20 more warning(s) not annotated" in lines[-1]
    errors = [line for line in lines if line.startswith("::error")]
    assert all("file=specs/api.yaml" in line for line in errors)  # those with a file go first


def test_place_maps_rev_path_to_the_working_tree_path():
    assert place(Source("HEAD:specs/a.yaml", 3)) == place(Source("HEAD:specs/a.yaml", 3))
    at = place(Source("origin/main:specs/together-rl/openapi.yaml", 12))
    assert (at.path, at.line, at.rev) == ("specs/together-rl/openapi.yaml", 12, "origin/main")
    assert place(Source("specs/a.yaml", None)).rev is None


@pytest.mark.corpus
def test_corpus_pair_markdown_fits_and_names_the_error_count():
    base, head = corpus_file("together-openapi.yaml"), corpus_file("ogx-spec.yaml")
    md = run_cli("breaking", str(base), str(head), "--format", "markdown")
    data = run_cli("breaking", str(base), str(head), "--format", "json")
    summary = json.loads(data.stdout)["summary"]
    assert md.returncode == data.returncode == 1
    assert len(md.stdout) < 60_000
    assert f"**{summary['error']}** error(s)" in md.stdout
    total = sum(summary.values())
    cut = int(re.search(r"… (\d+) more; full list in the JSON report", md.stdout).group(1))
    assert md.stdout.count("\n- ") + cut == total


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


SPEC = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      responses:
        "200": {description: ok}
  /items/{id}:
    delete:
      operationId: deleteItem
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: gone}
"""


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.test")
    git(tmp_path, "config", "user.name", "t")
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "api.yaml"
    spec.write_text(SPEC)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    spec.write_text(SPEC[: SPEC.index("  /items/{id}:")])  # removes DELETE /items/{id}
    return tmp_path


def test_github_locations_of_a_rev_path_base_point_at_the_working_tree_file(repo):
    proc = run_cli(
        "breaking", "HEAD:specs/api.yaml", "specs/api.yaml", "--format", "github", cwd=repo
    )
    assert proc.returncode == 1, proc.stderr
    error = next(line for line in proc.stdout.splitlines() if line.startswith("::error"))
    assert "file=specs/api.yaml,line=10," in error
    assert "HEAD%3A" not in error.split("::")[1]
    assert "(at HEAD: line 10 of HEAD:specs/api.yaml)" in error


def test_sarif_locations_of_a_rev_path_base_point_at_the_working_tree_file(repo):
    proc = run_cli(
        "breaking", "HEAD:specs/api.yaml", "specs/api.yaml", "--format", "sarif", cwd=repo
    )
    result = json.loads(proc.stdout)["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "specs/api.yaml"}, "region": {"startLine": 10}}
    assert result["properties"] == {"revision": "HEAD"}
    assert "at HEAD" in result["message"]["text"]
