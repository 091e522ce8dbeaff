"""A refused ``$ref`` (remote, or leaving the spec's folder) is said where it is written, in
breaking and drift alike, and compared as an empty schema; nothing is fetched or opened."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO

from specward.breaking import compare_specs
from specward.drift.files import drift_files

PUBLISHED = REPO / "specs" / "together-rl" / "openapi.yaml"
UPSTREAM = REPO / "specs" / "together-rl" / "upstream" / "api.swagger.yaml"


def _with_ref(tmp_path: Path, ref: str) -> tuple[Path, int]:
    """The RL spec with one property replaced by ``ref``; returns the file and that line."""
    text = PUBLISHED.read_text(encoding="utf-8")
    key = "        resume_from_checkpoint_id:\n"
    assert key in text
    text = text.replace(key, key + f"          $ref: '{ref}'\n", 1)
    path = tmp_path / "api" / "openapi.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(f"$ref: '{ref}'")].count("\n") + 1
    return path, line


def test_remote_ref_is_a_note_in_breaking_and_drift(tmp_path: Path) -> None:
    path, line = _with_ref(tmp_path, "http://127.0.0.1:9/x.yaml#/X")
    breaking = compare_specs(str(PUBLISHED), str(path))
    drift = drift_files(str(UPSTREAM), str(path))
    for notes in (breaking.notes, drift.notes):
        said = [n for n in notes if "127.0.0.1:9" in n]
        assert len(said) == 1, notes
        assert f"openapi.yaml:{line}:" in said[0] and "refused" in said[0]


def test_ref_out_of_the_folder_is_a_note_without_its_content(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(
        "X: {type: string, enum: [TOPSECRET]}\n", encoding="utf-8"
    )
    path, line = _with_ref(tmp_path, "../secret.yaml#/X")
    result = compare_specs(str(PUBLISHED), str(path))
    said = [n for n in result.notes if "secret.yaml" in n]
    assert len(said) == 1 and f":{line}:" in said[0] and "leaves the spec's folder" in said[0]
    assert not any("TOPSECRET" in n for n in result.notes)
    assert not any("TOPSECRET" in f.message for f in result.changes)
