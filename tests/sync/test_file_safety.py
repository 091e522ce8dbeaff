"""sync on published files with unusual bytes or file-system state: kept intact or refused cleanly."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from specward.drift.files import drift_files
from specward.errors import SpecwardError
from specward.sync import sync_file

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = str(REPO / "specs/together-rl/upstream/api.swagger.yaml")
BEFORE = REPO / "tests/fixtures/together-rl/openapi.yaml"
SESSION_PARAM = """        - name: session_id
          in: path
          required: true
          description: ID of the training session.
          schema:
            type: string
"""


def _synced_text(tmp_path: Path) -> str:
    plain = tmp_path / "plain.yaml"
    plain.write_bytes(BEFORE.read_bytes())
    sync_file(UPSTREAM, plain)
    return plain.read_text(encoding="utf-8")


def _in_sync(path: Path) -> bool:
    return drift_files(UPSTREAM, str(path)).in_sync


def test_symlink_is_edited_at_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(BEFORE.read_bytes())
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    assert sync_file(UPSTREAM, link).written
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    assert target.read_text(encoding="utf-8") == _synced_text(tmp_path)


def test_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    published = tmp_path / "ro.yaml"
    published.write_bytes(BEFORE.read_bytes())
    published.chmod(stat.S_IRUSR | stat.S_IRGRP)
    with pytest.raises(SpecwardError, match="read-only"):
        sync_file(UPSTREAM, published)
    assert published.read_bytes() == BEFORE.read_bytes()
    assert sync_file(UPSTREAM, published, check=True).changed  # --check still works


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    published = tmp_path / "crlf.yaml"
    published.write_bytes(BEFORE.read_bytes().replace(b"\n", b"\r\n"))
    assert sync_file(UPSTREAM, published).written
    data = published.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert data.replace(b"\r\n", b"\n").decode() == _synced_text(tmp_path)
    assert not sync_file(UPSTREAM, published).changed
    assert _in_sync(published)


def test_byte_order_mark_is_kept(tmp_path: Path) -> None:
    published = tmp_path / "bom.yaml"
    published.write_bytes(b"\xef\xbb\xbf" + BEFORE.read_bytes())
    assert sync_file(UPSTREAM, published).written
    data = published.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    assert data[3:].decode() == _synced_text(tmp_path)


def test_not_utf8_is_refused_untouched(tmp_path: Path) -> None:
    published = tmp_path / "latin1.yaml"
    raw = BEFORE.read_bytes().replace(b"Together RL API", b"Together RL API \xe9")
    published.write_bytes(raw)
    with pytest.raises(SpecwardError):
        sync_file(UPSTREAM, published)
    assert published.read_bytes() == raw


def test_tab_after_colon_is_refused_untouched(tmp_path: Path) -> None:
    """ruamel.yaml cannot round-trip a tab separator: refuse rather than rewrite the file."""
    published = tmp_path / "tabs.yaml"
    raw = BEFORE.read_bytes().replace(b"title: Together RL API", b"title:\tTogether RL API")
    published.write_bytes(raw)
    with pytest.raises(SpecwardError, match="cannot parse YAML for editing"):
        sync_file(UPSTREAM, published)
    assert published.read_bytes() == raw


def test_tabs_inside_values_and_very_long_lines_survive(tmp_path: Path) -> None:
    long = "word " * 4000
    text = BEFORE.read_text(encoding="utf-8")
    text = text.replace(
        "description: Looks up a single training session by its ID.", f"description: {long}x"
    )
    text = text.replace("name: Together Support", 'name: "Together\\tSupport"')
    published = tmp_path / "odd.yaml"
    published.write_text(text, encoding="utf-8")
    assert sync_file(UPSTREAM, published).written
    out = published.read_text(encoding="utf-8")
    assert f"description: {long}x\n" in out  # not re-wrapped
    assert 'name: "Together\\tSupport"' in out
    assert not sync_file(UPSTREAM, published).changed
    assert _in_sync(published)


def test_anchors_aliases_and_flow_style_survive(tmp_path: Path) -> None:
    text = BEFORE.read_text(encoding="utf-8")
    anchored = SESSION_PARAM.replace(
        "        - name: session_id\n", "        - &sid\n          name: session_id\n"
    )
    text = text.replace(SESSION_PARAM, anchored, 1).replace(SESSION_PARAM, "        - *sid\n")
    text = text.replace(
        "      type: object\n      description: LoRA", "      type: object\n      description: LoRA"
    )
    text = text.replace("schema:\n            type: string\n", "schema: {type: string}\n")
    published = tmp_path / "anchors.yaml"
    published.write_text(text, encoding="utf-8")
    assert sync_file(UPSTREAM, published).written
    out = published.read_text(encoding="utf-8")
    assert "- &sid" in out and out.count("- *sid") == text.count("- *sid") > 0
    assert "schema: {type: string}" in out
    assert not sync_file(UPSTREAM, published).changed
    assert _in_sync(published)


def _immutable(folder: Path, on: bool) -> bool:
    """``chattr +i``: nobody, root included, may create or remove entries in ``folder``."""
    import shutil
    import subprocess

    if shutil.which("chattr") is None:
        return False
    flag = "+i" if on else "-i"
    return subprocess.run(["chattr", flag, str(folder)], capture_output=True).returncode == 0


def test_check_in_a_folder_nobody_may_write_reports_drift_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """`sync --check` where no temporary file can be created: exit 1 (would change), not 2.
    Tests run as root, which ignores permissions, so the folder is made immutable instead."""
    import subprocess
    import sys

    folder = tmp_path / "ro"
    folder.mkdir()
    published = folder / "openapi.yaml"
    published.write_bytes(BEFORE.read_bytes())
    upstream = folder / "api.swagger.yaml"
    upstream.write_bytes(Path(UPSTREAM).read_bytes())
    before = sorted(p.name for p in folder.iterdir())
    if not _immutable(folder, True):
        pytest.skip("chattr +i is not available on this file system")
    try:
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")  # the folder really refuses new files
        command = [sys.executable, "-m", "specward", "sync", "--upstream", str(upstream)]
        command += ["--published", str(published)]
        done = subprocess.run(
            [*command, "--check"], capture_output=True, text=True, timeout=120, check=False
        )
        wrote = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    finally:
        _immutable(folder, False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert wrote.returncode == 2 and wrote.stderr.startswith("specward: error:"), wrote.stderr
    assert len(wrote.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in folder.iterdir()) == before
    assert published.read_bytes() == BEFORE.read_bytes()
