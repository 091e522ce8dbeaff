"""One resolver: no file outside the spec's folder is opened, no connection is made, and a
refusal never shows what it refused; ``REV:path`` siblings come from the revision."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tests.safety.probe import listener, opened, run_limited, run_watched

SECRET = "TOPSECRET-7f3a"


def spec_with(ref: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "operationId": "getX",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": ref}}},
                        }
                    },
                }
            }
        },
    }


def swagger_with(ref: str) -> dict:
    return {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "operationId": "X_Get",
                    "responses": {"200": {"description": "ok", "schema": {"$ref": ref}}},
                }
            }
        },
    }


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, Path]:
    """``sub/`` holds the specs; ``secret/`` beside it holds a file they must never read."""
    sub, secret = tmp_path / "sub", tmp_path / "secret"
    sub.mkdir()
    secret.mkdir()
    (secret / "s.json").write_text(json.dumps({"x": {"type": "string", "enum": [SECRET]}}))
    (sub / "link.json").symlink_to(secret / "s.json")
    return {"root": tmp_path, "sub": sub, "secret": secret, "log": tmp_path / "opened.log"}


def write_pair(sub: Path, ref: str, *more: str) -> tuple[Path, Path]:
    """A published spec and an upstream swagger using ``ref`` (and ``more``, one path each)."""
    spec_doc, up_doc = spec_with(ref), swagger_with(ref)
    for i, other in enumerate(more):
        spec_doc["paths"][f"/x{i}"] = spec_with(other)["paths"]["/x"]
        spec_doc["paths"][f"/x{i}"]["get"]["operationId"] = f"getX{i}"
        up_doc["paths"][f"/x{i}"] = swagger_with(other)["paths"]["/x"]
        up_doc["paths"][f"/x{i}"]["get"]["operationId"] = f"X{i}_Get"
    spec = sub / "spec.json"
    spec.write_text(json.dumps(spec_doc))
    up = sub / "up.swagger.json"
    up.write_text(json.dumps(up_doc))
    return spec, up


def commands(spec: Path, up: Path) -> dict[str, tuple[str, ...]]:
    return {
        "validate": ("validate", spec.name),
        "breaking": ("breaking", spec.name, spec.name),
        "drift": ("drift", up.name, spec.name),
        "sync": ("sync", "--upstream", up.name, "--published", spec.name, "--check"),
    }


OUTSIDE = {
    "parent": ("../secret/s.json#/x", "leaves the spec's folder"),
    "symlink": ("link.json#/x", "leaves the spec's folder"),
    "absolute-file-uri": ("file:///{secret}/s.json#/x", "refused"),
}


@pytest.mark.parametrize("command", ["validate", "breaking", "drift", "sync"])
@pytest.mark.parametrize("case", sorted(OUTSIDE))
def test_outside_file_is_refused_unopened_and_unshown(layout, case, command):
    ref, expected = OUTSIDE[case]
    spec, up = write_pair(layout["sub"], ref.format(secret=layout["secret"]))
    proc = run_watched(*commands(spec, up)[command], cwd=layout["sub"], log=layout["log"])
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output and "internal error" not in output
    if command == "validate":  # the others treat a refused $ref as an unresolved one
        assert proc.returncode == 1, output
        assert expected in output
    assert SECRET not in output
    touched = [p for p in opened(layout["log"]) if layout["secret"] in p.parents]
    assert touched == []


@pytest.mark.parametrize("command", ["validate", "breaking", "drift", "sync"])
def test_remote_ref_makes_no_connection(layout, command):
    with listener() as server:
        refs = [
            f"{scheme}127.0.0.1:{server.port}/x.yaml#/x"
            for scheme in ("http://", "https://", "//", "ftp://")
        ]
        spec, up = write_pair(layout["sub"], *refs)
        proc = run_limited(*commands(spec, up)[command], cwd=layout["sub"])
        output = proc.stdout + proc.stderr
        assert proc.returncode == (1 if command == "validate" else 0), output
        assert "Traceback" not in output and "internal error" not in output
    assert server.connections == 0


def test_library_load_makes_no_connection(layout):
    from specward import model
    from specward.errors import SpecError
    from specward.load import load_spec

    with listener() as server:
        spec, _ = write_pair(layout["sub"], f"http://127.0.0.1:{server.port}/x.yaml#/x")
        loaded = model.load(spec)
        with pytest.raises(SpecError, match="refused"):
            ws = load_spec(spec)
            ws.deref({"$ref": f"http://127.0.0.1:{server.port}/x.yaml"}, ws.entry)
        assert loaded.ws.name.endswith("spec.json")
    assert server.connections == 0


def test_validate_reports_a_remote_ref_as_refused(layout):
    with listener() as server:
        spec, _ = write_pair(layout["sub"], f"http://127.0.0.1:{server.port}/x.yaml#/x")
        proc = run_limited("validate", spec.name, cwd=layout["sub"])
    assert proc.returncode == 1, proc.stderr
    assert "refused" in proc.stdout
    assert server.connections == 0


def test_symlink_inside_the_folder_is_followed(layout):
    """A symlink that stays inside the folder is fine: confinement is about where it lands."""
    sub = layout["sub"]
    (sub / "real.json").write_text(json.dumps({"x": {"type": "string"}}))
    (sub / "alias.json").symlink_to("real.json")
    spec, _ = write_pair(sub, "alias.json#/x")
    proc = run_limited("validate", spec.name, cwd=sub)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_resolver_adapters_refuse_remote_and_outside(layout):
    from specward.load import load_spec
    from specward.load.resolver import RefRefused, referencing_registry, retriever

    spec, _ = write_pair(layout["sub"], "#/paths")
    ws = load_spec(spec)
    retrieve = retriever(ws)
    assert retrieve(spec.as_uri())["openapi"] == "3.1.0"
    with listener() as server:
        for uri in (
            f"http://127.0.0.1:{server.port}/a.json",
            (layout["secret"] / "s.json").as_uri(),
        ):
            with pytest.raises(RefRefused) as err:
                retrieve(uri)
            assert SECRET not in str(err.value)
        registry = referencing_registry(ws)
        assert registry.get_or_retrieve(spec.as_uri()).value.contents["openapi"] == "3.1.0"
        with pytest.raises(Exception) as err:
            registry.get_or_retrieve(f"http://127.0.0.1:{server.port}/a.json")
        assert "refused" in str(err.value.__cause__ or err.value)
    assert server.connections == 0


def test_jsonschema_rs_uses_the_resolver(layout):
    import jsonschema_rs

    from specward.load import load_spec
    from specward.load.resolver import retriever

    spec, _ = write_pair(layout["sub"], "#/paths")
    ws = load_spec(spec)
    with listener() as server:
        schema = {"$ref": f"http://127.0.0.1:{server.port}/a.json"}
        with pytest.raises(Exception, match="refused"):
            jsonschema_rs.validator_for(schema, retriever=retriever(ws))
    assert server.connections == 0


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "api.json").write_text(json.dumps(spec_with("parts.json#/X")))
    (specs / "parts.json").write_text(json.dumps({"X": {"type": "string"}}))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    return tmp_path


def test_rev_path_siblings_come_from_the_revision(repo):
    (repo / "specs" / "parts.json").write_text(json.dumps({"X": {"type": "nonsense"}}))
    assert run_limited("validate", "specs/api.json", cwd=repo).returncode == 1
    proc = run_limited("validate", "HEAD:specs/api.json", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rev_path_sibling_broken_in_the_revision_only(repo):
    (repo / "specs" / "parts.json").write_text(json.dumps({"X": {"type": "nonsense"}}))
    git(repo, "commit", "-q", "-am", "break")
    (repo / "specs" / "parts.json").write_text(json.dumps({"X": {"type": "string"}}))
    assert run_limited("validate", "specs/api.json", cwd=repo).returncode == 0
    proc = run_limited("validate", "HEAD:specs/api.json", cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "HEAD:specs/parts.json" in proc.stdout or "nonsense" in proc.stdout


@pytest.mark.parametrize("ref", ["HEAD:./api.json", "HEAD:../specs/api.json"])
def test_rev_path_relative_to_the_current_folder(repo, ref):
    proc = run_limited("validate", ref, cwd=repo / "specs")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rev_path_plain_is_relative_to_the_repository(repo):
    proc = run_limited("validate", "HEAD:specs/api.json", cwd=repo / "specs")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rev_path_folder_is_named(repo):
    proc = run_limited("validate", "HEAD:specs", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "specward: error: HEAD:specs is a folder, not a spec file"
