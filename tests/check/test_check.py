"""specward check: real git histories in tmp_path, real subprocesses."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from tests.check.helpers import TINY_SPEC, add_tiny, commit_all, git, init_repo, rl_rename_repo
from tests.conftest import REPO, run_cli

from specward.check import CheckResult, from_payload, render_check
from specward.check.render import COMMENT_LIMIT, MARKER
from specward.check.result import ApiResult, StepResult
from specward.check.steps import live_url
from specward.contracts import load_contract
from specward.report import Finding

FAST = ("--skip", "contract", "--skip", "models")


def test_green_on_a_clean_clone(tmp_path, cli):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    run = cli("check", "--skip", "contract", "-j", "2", "--format", "json", cwd=clone)
    assert run.returncode == 0, run.stdout + run.stderr
    payload = json.loads(run.stdout)
    assert [a["api"] for a in payload["apis"]] == ["llama-stack", "together-rl", "training-jobs"]
    steps = {s["name"]: s["status"] for s in payload["apis"][1]["steps"]}
    assert steps["validate"] == steps["drift"] == steps["inventory"] == steps["models"] == "pass"
    assert steps["breaking"] in ("pass", "skip")


@pytest.fixture(scope="module")
def rl_run(tmp_path_factory):
    """One check of the RL rename history, every format saved from the same run."""
    root = rl_rename_repo(tmp_path_factory.mktemp("rl"))
    (root / "results").mkdir()
    run = run_cli(
        "check", *FAST, "--save", "sarif:out.sarif", "--save", "junit:out.xml",
        "--save", "markdown:comment.md", "--format", "json", "-o", "results/rl.json", cwd=root,
    )  # fmt: skip
    return root, run


def test_the_checkpoint_rename_fails_with_table_grouped_changes_and_commit_line(rl_run):
    root, run = rl_run
    assert run.returncode == 1, run.stdout + run.stderr
    md = (root / "comment.md").read_text(encoding="utf-8")
    assert md.startswith(MARKER)
    assert (
        "| API | validate | drift | breaking | generate | build | lint | test | inventory | contract |"
        in md
    )
    assert "| `together-rl` | ✅ | ✅ | ❌ |" in md
    assert (
        "`request-property-renamed`" in md
        and "checkpoint_id renamed to resume_from_checkpoint_id" in md
    )
    assert "RL.TrainingSession: 2 new optional properties (4 operations)" in md
    assert "Suggested commit: `" in md
    blocking, other = md.index("**Blocking (1)**"), md.index("other finding(s)</summary>")
    assert blocking < other


def test_every_format_comes_from_one_run(rl_run):
    root, _ = rl_run
    sarif = json.loads((root / "out.sarif").read_text())
    schema = json.loads((REPO / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    assert any(r["ruleId"] == "request-property-renamed" for r in sarif["runs"][0]["results"])
    suites = ET.parse(root / "out.xml").getroot()
    case = suites.find("./testsuite[@name='together-rl']/testcase[@name='breaking']")
    assert case is not None and case.find("failure") is not None
    models = suites.find("./testsuite/testcase[@name='models']")  # fresh models: no failure
    assert models is not None and models.find("failure") is None
    payload = json.loads((root / "results" / "rl.json").read_text())
    assert payload["failed"] is True and payload["apis"][0]["commit"]


def test_matrix_results_merge_into_one_comment(rl_run, cli, tmp_path):
    root, _ = rl_run
    other = init_repo(tmp_path / "other")
    add_tiny(other)
    run = cli(
        "check", *FAST, "--format", "json", "-o", str(root / "results" / "tiny.json"), cwd=other
    )
    assert run.returncode == 0, run.stderr
    run = cli("check", "--merge", "results/*.json", "--format", "markdown", cwd=root)
    assert run.returncode == 1
    assert run.stdout.count(MARKER) == 1
    assert run.stdout.index("| `tiny` |") < run.stdout.index("| `together-rl` |")
    assert "RL.TrainingSession: 2 new optional properties (4 operations)" in run.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    run = cli("check", "--merge", str(bad), cwd=root)
    assert run.returncode == 2 and run.stderr.startswith("specward: error: --merge")


def test_base_head_has_no_breaking_change(rl_run, cli):
    root, _ = rl_run
    run = cli("check", *FAST, "--skip", "drift", "--base", "HEAD", "--format", "json", cwd=root)
    assert run.returncode == 0, run.stdout
    assert json.loads(run.stdout)["apis"][0]["steps"][2]["status"] == "pass"


def test_first_commit_skips_breaking_cleanly(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root)
    commit_all(root, "first")
    run = cli("check", *FAST, "--format", "json", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    breaking = json.loads(run.stdout)["apis"][0]["steps"][2]
    assert breaking["name"] == "breaking" and breaking["status"] == "skip"
    assert "first commit" in breaking["summary"]


def test_new_api_since_base_skips_breaking(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root)
    commit_all(root, "first")
    add_tiny(root, "other")
    commit_all(root, "second")
    run = cli("check", *FAST, "--format", "json", cwd=root)
    assert run.returncode == 0
    apis = {a["api"]: a["steps"][2] for a in json.loads(run.stdout)["apis"]}
    assert apis["other"]["status"] == "skip" and "is new since HEAD~1" in apis["other"]["summary"]
    assert apis["tiny"]["status"] == "pass"


def test_a_broken_spec_at_the_base_skips_breaking(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root, spec="openapi: 3.0.3\npaths: {/a: [unclosed\n")
    commit_all(root, "broken")
    add_tiny(root)
    commit_all(root, "fixed")
    run = cli("check", "--only", "breaking", "--format", "json", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    breaking = json.loads(run.stdout)["apis"][0]["steps"][2]
    assert breaking["status"] == "skip"
    assert breaking["summary"].startswith("the base spec cannot be read (HEAD~1:specs/tiny.yaml")


def test_default_base_is_the_merge_base_with_origin_main(tmp_path, cli):
    upstream = init_repo(tmp_path / "upstream")
    add_tiny(upstream)
    commit_all(upstream, "first")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "feature")
    spec = clone / "specs" / "tiny.yaml"
    spec.write_text(spec.read_text().replace("'404': {description: missing}", ""), encoding="utf-8")
    commit_all(clone, "drop the 404")
    commit_all_empty = git(clone, "commit", "-q", "--allow-empty", "-m", "unrelated")
    assert commit_all_empty == ""
    run = cli("check", *FAST, "--format", "json", cwd=clone)
    payload = json.loads(run.stdout)
    assert "merge-base with origin/main" in payload["notes"][0]
    assert payload["apis"][0]["steps"][2]["status"] in ("pass", "fail")
    assert payload["apis"][0]["steps"][2]["findings"], "the change since the merge-base is seen"


def test_list_prints_a_matrix(cli):
    run = cli("check", "--list", "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout) == [
        {"api": "llama-stack", "contract": "contracts/llama-stack.yaml"},
        {"api": "together-rl", "contract": "contracts/together-rl.yaml"},
        {"api": "training-jobs", "contract": "contracts/training-jobs.yaml"},
    ]


def test_parallel_output_equals_serial(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    for name in ("a", "b", "c"):
        add_tiny(root, name)
    commit_all(root, "first")
    (root / "specs" / "b.yaml").write_text(
        TINY_SPEC.replace("/items/{item_id}", "/things/{item_id}")
    )
    only = ("--only", "validate", "--only", "breaking", "--base", "HEAD", "--format", "json")
    serial = cli("check", *only, cwd=root)
    parallel = cli("check", *only, "-j", "3", cwd=root)
    assert serial.stdout == parallel.stdout
    assert serial.returncode == parallel.returncode == 1
    assert [a["failed"] for a in json.loads(serial.stdout)["apis"]] == [False, True, False]


def test_contract_step_runs_the_mock(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root)
    run = cli("check", "--only", "contract", "--max-examples", "1", "--format", "json", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    contract = json.loads(run.stdout)["apis"][0]["steps"][-1]
    assert contract["name"] == "contract" and contract["status"] == "pass"
    assert contract["summary"].startswith("mock: 1/1 tested")


def test_stale_models_fail_the_models_gate(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root)
    contract = root / "contracts" / "tiny.yaml"
    contract.write_text(contract.read_text() + "models:\n  out: ../generated/tiny\n")
    run = cli("check", "--only", "models", "--format", "markdown", cwd=root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "| `tiny` | ➖ | ➖ | ➖ | ❌ |" in run.stdout
    assert "are stale (`specward models --contract contracts/tiny.yaml`)" in run.stdout


def test_bad_input_exits_2(tmp_path, cli):
    root = init_repo(tmp_path / "repo")
    add_tiny(root)
    commit_all(root, "first")
    for args, text in [
        (("--contract", "nope.yaml"), "no such contract file"),
        (("--base", "no-such-rev"), "unknown git revision"),
        (("--save", "pdf:x"), "--save"),
    ]:
        run = cli("check", *FAST, *args, cwd=root)
        assert run.returncode == 2, args
        assert run.stderr.startswith("specward: error: ") and text in run.stderr
    run = cli("check", *FAST, cwd=root / "specs")
    assert run.returncode == 2 and "no contract files (contracts/*.yaml)" in run.stderr
    (root / "contracts" / "broken.yaml").write_text("api: x\n", encoding="utf-8")
    run = cli("check", *FAST, cwd=root)
    assert run.returncode == 2 and "published" in run.stderr


def test_live_url_from_the_environment(tmp_path):
    add_tiny(tmp_path)
    contract = load_contract(tmp_path / "contracts" / "tiny.yaml")
    assert live_url(contract, {}) is None
    assert live_url(contract, {"SPECWARD_TINY_URL": "http://127.0.0.1:1"}) == "http://127.0.0.1:1"
    contract.api = "together-rl"
    assert live_url(contract, {"SPECWARD_TOGETHER_RL_URL": "http://x"}) == "http://x"


def _huge_result(n: int) -> CheckResult:
    findings = [
        Finding("endpoint-removed" if i % 3 == 0 else "response-optional-property-added",
                "error" if i % 3 == 0 else "info", "x" * 200 + f" {i}", f"GET /p/{i}", f"GET /p/{i}")
        for i in range(n)
    ]  # fmt: skip
    steps = [StepResult("breaking", "fail", "many", findings)]
    apis = [ApiResult(f"api-{k}", f"contracts/api-{k}.yaml", steps) for k in range(3)]
    return CheckResult("HEAD~1", apis)


def test_markdown_always_fits_a_github_comment():
    md = render_check(_huge_result(3000), "markdown")
    assert len(md) < COMMENT_LIMIT
    assert "more line(s) not shown" in md and "specward-check.json" in md
    assert md.count("<details>") == md.count("</details>")
    small = render_check(_huge_result(3), "markdown")
    assert "not shown" not in small


def test_json_round_trips(tmp_path):
    result = _huge_result(4)
    again = from_payload(json.loads(render_check(result, "json")))
    assert render_check(again, "markdown") == render_check(result, "markdown")
    assert again.exit_code == 1
