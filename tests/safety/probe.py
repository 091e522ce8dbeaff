"""Run specward in a subprocess under watch: an address-space limit, opened files, connections.

``python -m tests.safety.probe LOG ARGS...`` runs ``specward ARGS`` with an audit hook that
appends the real path of every file opened for reading to LOG (one a line).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.test_bad_input import limit_memory


def _hook(log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)  # before the hook: not logged

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes)):
            os.write(fd, (os.path.realpath(os.fsdecode(args[0])) + "\n").encode())

    sys.addaudithook(audit)


def run_watched(*args: str, cwd: Path, log: Path, timeout: float = 60):
    """``specward ARGS`` in ``cwd`` with the audit hook (writes LOG) and 1 GiB of address space."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("SPECWARD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tests.safety.probe", str(log), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=limit_memory,
    )


def run_limited(*args: str, cwd: Path, timeout: float = 60):
    """``specward ARGS`` in ``cwd`` with 1 GiB of address space."""
    return run_cli(*args, cwd=cwd, timeout=timeout, preexec_fn=limit_memory)


def opened(log: Path) -> set[Path]:
    """Real paths of the files the watched run opened (the log itself excluded)."""
    if not log.exists():
        return set()
    return {Path(p) for p in log.read_text(encoding="utf-8").splitlines()} - {log.resolve()}


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@contextmanager
def listener():
    found = Listener()
    try:
        yield found
    finally:
        found.close()


if __name__ == "__main__":
    _hook(sys.argv[1])
    from specward.cli import main

    main(sys.argv[2:])
