"""Hostile but accepted inputs against the time and memory limits of issue 9.

Each probe runs ``specward`` in a subprocess with 1 GiB of address space (as the tests do) and
reports wall time and peak resident memory. Linearity is shown as a ratio measured in the same
run: the probe at full size against the same probe at a tenth of the size (about 10 for linear
work, about 100 for quadratic; start-up makes small sizes look slower, so linear work often
shows less than 10).

Targets: the 5,000-ref chain validates in under 2 s; the 40,000-value enum drifts in under 2 s;
a 31 MB file runs validate, drift, breaking, sync --check and a one-operation contract run
(``--mock --include-operation``) in under 10 s and 1 GiB, and the mock starts (answers a
request) within the same. Both 31 MB shapes are checked: long strings (a small API in a huge
file) and 44k small schemas with 11k operations (the shape of a real large API).

Run: ``python bench/bench_hostile.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.safety import inputs  # noqa: E402 - after the path set-up

GIB = 1024**3
TIMEOUT = 60.0
CHILD = (
    "import resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({GIB}, {GIB}))\n"
    "sys.argv = ['specward', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('specward', run_name='__main__')\n"
    "finally:\n"
    "    use = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    print('MAXRSS', use.ru_maxrss, use.ru_utime + use.ru_stime, file=sys.stderr)\n"
)


def run(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(CPU seconds, peak MiB, exit code, last stderr line) of ``specward ARGS``.

    CPU time, not wall time: the machines this runs on are often shared, and a busy neighbour
    must not make a linear probe look slow (wall time is printed too).
    """
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return TIMEOUT, float("nan"), -1, f"stopped after {TIMEOUT:.0f} s"
    wall = time.perf_counter() - start
    rss = [ln.split() for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS")]
    peak = int(rss[-1][1]) / 1024 if rss else float("nan")
    seconds = float(rss[-1][2]) if rss else wall
    print(f"     wall {wall:6.2f} s: specward {' '.join(args)}")
    other = [ln for ln in proc.stderr.splitlines() if not ln.startswith("MAXRSS")]
    return seconds, peak, proc.returncode, (other[-1] if other else "")


def commands(up: Path, pub: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", pub.name],
        "drift": ["drift", up.name, pub.name],
        "breaking": ["breaking", pub.name, pub.name],
        "sync --check": ["sync", "--upstream", up.name, "--published", pub.name, "--check"],
        "contract": contract_args(pub),
    }


def contract_args(pub: Path) -> list[str]:
    """``specward contract PUB --mock`` on its first operation (one example, no stateful phase):
    what a run of one operation costs on a huge spec."""
    paths = json.loads(pub.read_text(encoding="utf-8")).get("paths") or {}
    path, item = next(iter(paths.items()))
    method = next(m for m in item if m in ("get", "post", "put", "patch", "delete"))
    regex = f"^{method.upper()} {re.escape(path)}$"
    return ["contract", pub.name, "--mock", "--include-operation", regex, "--max-examples", "1"]


def report(name: str, seconds: float, peak: float, code: int, limit_s: float, note: str) -> bool:
    ok = seconds < limit_s and peak < 1024 and code in (0, 1)
    flag = "ok  " if ok else "OVER"
    print(f"{flag} {name:34s} {seconds:6.2f} s CPU (limit {limit_s:4.1f})  {peak:7.1f} MiB  {note}")
    return ok


def probe_scaled(
    name: str, make: Callable[[Path, int], tuple[Path, Path]], size: int, command: str, limit: float
) -> bool:
    with tempfile.TemporaryDirectory() as small_dir, tempfile.TemporaryDirectory() as big_dir:
        small = make(Path(small_dir), max(size // 10, 1))
        big = make(Path(big_dir), size)
        t_small, *_ = run(commands(*small)[command], Path(small_dir))
        seconds, peak, code, last = run(commands(*big)[command], Path(big_dir))
    note = f"ratio to 1/10 size: {seconds / t_small:4.1f}"
    if code not in (0, 1):
        note += f"  [{last}]"
    return report(f"{name} ({command})", seconds, peak, code, limit, note)


def chain(folder: Path, size: int) -> tuple[Path, Path]:
    path = inputs.ref_chain(folder / "chain.json", size)
    return path, path


def probe_big(
    name: str,
    make: Callable[[Path, float], tuple[Path, Path]],
    mb: float,
    checked: tuple[str, ...] = ("validate", "drift", "breaking", "sync --check", "contract"),
) -> bool:
    """Every command on the ``mb`` MB pair; only those in ``checked`` count towards ok."""
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        up, pub = make(Path(folder), mb)
        size = pub.stat().st_size / 2**20
        for command, args in commands(up, pub).items():
            seconds, peak, code, last = run(args, Path(folder))
            note = f"{size:.1f} MiB" + (f"  [{last}]" if code not in (0, 1) else "")
            if command not in checked:
                note += "  (for information)"
            passed = report(f"{name} ({command})", seconds, peak, code, 10.0, note)
            ok &= passed or command not in checked
    return ok


def mock_startup(pub: Path, path: str) -> tuple[float, float, int, str]:
    """(CPU seconds, peak MiB, exit code, note) of ``specward mock PUB`` until it answers
    ``GET path`` (read from /proc before the mock is stopped: it ends on SIGTERM at once)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, "mock", pub.name],
        cwd=pub.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds, peak, code, note = TIMEOUT, float("nan"), 2, "no answer"
    try:
        ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
        url = proc.stdout.readline().strip() if ready and proc.stdout else ""
        if url:
            request = urllib.request.Request(url + path, headers={"Authorization": "Bearer b"})
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                note = f"answered {response.status} after {time.perf_counter() - start:.1f} s wall"
                code = 0
            seconds, peak = _usage(proc.pid)
    except OSError as exc:
        note = f"no answer: {exc}"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    if code and err.strip():
        note += f" [{err.strip().splitlines()[-1]}]"
    return seconds, peak, code, note


def _usage(pid: int) -> tuple[float, float]:
    """(CPU seconds, peak resident MiB) of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime and stime
    hwm = [
        ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines() if ln.startswith("VmHWM")
    ]
    return cpu, int(hwm[0].split()[1]) / 1024 if hwm else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 44k-schema shape")
    opts = parser.parse_args()
    ok = probe_scaled("5,000-ref chain", chain, 5000, "validate", 2.0)
    ok &= probe_scaled("40,000-value enum", inputs.enum_pair, 40_000, "drift", 2.0)
    ok &= probe_scaled("40,000-value enum", inputs.enum_pair, 40_000, "breaking", 2.0)
    ok &= probe_big("31 MB, long strings", inputs.padded_pair, 31)
    if not opts.quick:
        print("-- 31 MB of small schemas and operations")
        ok &= probe_big("31 MB, 44k schemas", inputs.big_pair, 31)
        with tempfile.TemporaryDirectory() as folder:
            _, pub = inputs.big_pair(Path(folder), 31)
            seconds, peak, code, note = mock_startup(pub, "/v1/thing0")
            ok &= report("31 MB, 44k schemas (mock start-up)", seconds, peak, code, 10.0, note)
    print("all within the limits" if ok else "SOME PROBES ARE OVER THEIR LIMIT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
