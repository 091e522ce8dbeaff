"""Replace a file atomically: a temporary file beside it, fsync, rename, fsync of the folder.

The file at ``path`` is always either the old content or the new one. The temporary file is
removed when the write fails, when the process is stopped by SIGTERM, SIGINT or SIGHUP, and at
exit; temporary files left by an earlier run that was killed outright (``kill -9``, power loss)
are removed by the next write to the same folder once they are older than ``STALE_SECONDS``.
A full disk or an exceeded quota is a :class:`SpecwardError`, with the original untouched.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from specward.errors import SpecwardError

TEMP_PATTERNS = (".{name}.*.tmp", ".specward-sync-*")
"""Temporary files of ``write_atomic`` (``{name}`` is the target's name) and of older syncs."""

STALE_SECONDS = 60.0
"""A temporary file this old is left over from a run that is gone (a write takes far less)."""

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")

_live: set[str] = set()
_lock = threading.Lock()
_installed = False


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` through a temporary file and a rename.

    Raises :class:`SpecwardError` on a full disk (``path`` keeps its old content); any other
    ``OSError`` propagates for the caller to word.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale(folder, target.name)
    data = text.encode("utf-8")
    with _temporary(folder, target.name) as tmp:
        try:
            _write_synced(tmp, data)
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o777)
        except OSError as exc:
            if exc.errno in _FULL:
                raise SpecwardError(
                    f"{target}: cannot write, the disk is full ({exc.strerror}); "
                    "the file was left untouched"
                ) from None
            raise
        os.replace(tmp, target)
    _sync_folder(folder)


def _write_synced(tmp: str, data: bytes) -> None:
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the rename itself is durable (not possible everywhere: best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _temporary(folder: Path, name: str) -> Iterator[str]:
    """A new temporary file beside ``name``, removed on failure, on signals and at exit."""
    _install_guards()
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    with _lock:
        _live.add(tmp)
    try:
        yield tmp
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        with _lock:
            _live.discard(tmp)


def remove_stale(folder: Path, name: str, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove temporary files of earlier runs beside ``name``; return what was removed."""
    removed: list[Path] = []
    now = time.time()
    for pattern in TEMP_PATTERNS:
        for found in folder.glob(pattern.format(name=name)):
            with contextlib.suppress(OSError):
                if str(found) in _live or not found.is_file() or found.is_symlink():
                    continue
                if now - found.stat().st_mtime >= older_than:
                    found.unlink()
                    removed.append(found)
    return removed


def _cleanup() -> None:
    with _lock:
        for tmp in list(_live):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _live.clear()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _cleanup()
    previous = _previous.get(signum)
    if callable(previous):
        previous(signum, frame)
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


_previous: dict[int, Any] = {}


def _install_guards() -> None:
    """Once per process: atexit cleanup, and signal handlers (main thread only) that chain."""
    global _installed
    if _installed:
        return
    _installed = True
    atexit.register(_cleanup)
    if threading.current_thread() is not threading.main_thread():
        return
    for name in _SIGNALS:
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            current = signal.getsignal(signum)
            if current is signal.SIG_IGN:
                continue
            _previous[signum] = current if current is not signal.SIG_DFL else None
            signal.signal(signum, _on_signal)
