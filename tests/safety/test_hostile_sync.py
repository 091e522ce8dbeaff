"""sync writes: ``--check`` writes nothing, temporary files never outlive a run, a full disk is
one line and exit 2 with the published file untouched."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import REPO, run_cli
from tests.test_bad_input import check_one_line_error

from specward.atomic import remove_stale, write_atomic

UPSTREAM = REPO / "specs/together-rl/upstream/api.swagger.yaml"
BEFORE = REPO / "tests/fixtures/together-rl/openapi.yaml"  # out of sync with UPSTREAM


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


@pytest.fixture
def published(tmp_path: Path) -> Path:
    folder = tmp_path / "pub"
    folder.mkdir()
    path = folder / "openapi.yaml"
    path.write_bytes(BEFORE.read_bytes())
    return path


def sync_args(path: Path, *more: str) -> tuple[str, ...]:
    return ("sync", "--upstream", str(UPSTREAM), "--published", path.name, *more)


def test_check_writes_nothing_anywhere(published):
    before = snapshot(published.parent)
    proc = run_cli(*sync_args(published, "--check"), cwd=published.parent)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "would change" in proc.stdout
    assert snapshot(published.parent) == before


def test_dry_run_writes_nothing_anywhere(published):
    before = snapshot(published.parent)
    proc = run_cli(*sync_args(published, "--dry-run"), cwd=published.parent)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert snapshot(published.parent) == before


def _no_bigger_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG, as on a full disk
    limit = BEFORE.stat().st_size // 2
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_is_one_line_and_the_file_is_untouched(published):
    original = published.read_bytes()
    proc = run_cli(*sync_args(published), cwd=published.parent, preexec_fn=_no_bigger_files)
    check_one_line_error(proc, "the disk is full")
    assert "left untouched" in proc.stderr
    assert published.read_bytes() == original
    assert sorted(p.name for p in published.parent.iterdir()) == [published.name]


def test_sync_removes_stale_temporary_files(published):
    folder = published.parent
    old = time.time() - 3600
    stale = [folder / f".{published.name}.x1y2.tmp", folder / ".specward-sync-abc.yaml"]
    for path in stale:
        path.write_text("half a spec")
        os.utime(path, (old, old))
    fresh = folder / f".{published.name}.now.tmp"  # perhaps another run writing right now
    fresh.write_text("in progress")
    proc = run_cli(*sync_args(published), cwd=folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not any(p.exists() for p in stale)
    assert fresh.exists()
    assert published.read_bytes() != BEFORE.read_bytes()


def test_remove_stale_keeps_other_files(tmp_path):
    keep = [tmp_path / "a.yaml", tmp_path / ".a.yaml.swp", tmp_path / ".b.yaml.x.tmp"]
    for path in keep:
        path.write_text("x")
        os.utime(path, (0, 0))
    assert remove_stale(tmp_path, "a.yaml") == []
    assert all(p.exists() for p in keep)


KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from specward import atomic

folder, signame = Path(sys.argv[1]), sys.argv[2]
with atomic._temporary(folder, "spec.yaml") as tmp:
    Path(tmp).write_text("half")
    print(tmp, flush=True)
    os.kill(os.getpid(), getattr(signal, signame))
    signal.pause()
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_temporary_file_is_removed_on_signal(tmp_path, signame):
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_WRITING, str(tmp_path), signame],
        capture_output=True,
        text=True,
        timeout=30,
    )
    tmp = Path(proc.stdout.strip())
    assert tmp.parent == tmp_path and tmp.name.startswith(".spec.yaml.")
    assert proc.returncode != 0
    assert not tmp.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "spec.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [target]
