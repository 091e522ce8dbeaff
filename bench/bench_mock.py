"""Requests per second of ``specward mock`` next to Stoplight Prism's mock, same spec, same run,
then a soak of the mock: 10,000 mixed requests (valid, invalid, malformed JSON, bodies of a few MB,
one over the body limit now and then) at concurrency 50, reporting the 5xx count (must be 0) and
the growth of the mock's resident memory.

    .venv/bin/python bench/bench_mock.py [--seconds 10] [--rounds 4] [--concurrency 50] [--soak 10000]

The two servers run side by side and are measured in alternating slices (``--rounds``), so load
from other processes that changes during the run weighs on both alike.

Drives each server with a bounded asyncio httpx load (N workers, fixed duration) for a GET and a
validated POST. Prism is installed with npm into bench/.node/ (git-ignored); when that fails the
mock's numbers are printed alone. Reports ratios, never absolute thresholds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "bench" / ".node"
PACKAGE = ROOT / "bench" / "mock" / "package.json"
AUTH = {"Authorization": "Bearer bench"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


async def load(
    url: str, method: str, body: dict | None, seconds: float, concurrency: int
) -> tuple[float, int]:
    """Bounded closed-loop load: ``concurrency`` keep-alive connections, each one request at a time.

    A minimal raw HTTP/1.1 client (asyncio streams): httpx itself saturates first on small machines.
    """
    parsed = httpx.URL(url)
    payload = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {parsed.raw_path.decode()} HTTP/1.1\r\nHost: {parsed.host}:{parsed.port}\r\nAuthorization: {AUTH['Authorization']}\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    request = head.encode() + b"\r\n" + payload
    done = errors = 0
    stop = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done, errors
        reader, writer = await asyncio.open_connection(parsed.host, parsed.port)
        try:
            while time.monotonic() < stop:
                writer.write(request)
                status_line = await reader.readline()
                length = 0
                chunked = False
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "transfer-encoding" and "chunked" in value:
                        chunked = True
                if chunked:
                    while True:
                        size = int((await reader.readline()).strip() or b"0", 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                elif length:
                    await reader.readexactly(length)
                if int(status_line.split()[1]) >= 400:
                    errors += 1
                done += 1
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.monotonic() - started), errors


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def soak_requests(count: int) -> list[tuple[str, str, bytes]]:
    """``count`` (method, path, body) mixing every kind of request, deterministic."""
    big = json.dumps({"name": "x" * (3 * 1024 * 1024), "size": 1}).encode()  # 3 MB, invalid
    huge = b'{"name": "' + b"y" * (11 * 1024 * 1024) + b'"}'  # over the 10 MiB limit: 413
    kinds = [
        ("POST", "/api/items", b'{"name": "soak", "size": 3}'),
        ("POST", "/api/items", b'{"name": "soak", "size": "three"}'),
        ("POST", "/api/items", b'{"name": '),
        ("GET", "/api/items", b""),
        ("GET", "/api/items/none", b""),
        ("POST", "/api/items", b'{"name": "' + b"z" * 30 + b'", "size": 100}'),
    ]
    out = []
    for i in range(count):
        if i % 1000 == 999:
            out.append(("POST", "/api/items", huge))
        elif i % 100 == 50:
            out.append(("POST", "/api/items", big))
        else:
            out.append(kinds[i % len(kinds)])
    return out


async def soak(base: str, count: int, concurrency: int) -> dict[str, int]:
    """Send the mixed requests; count answers by status class."""
    todo = soak_requests(count)
    counts = {"2xx": 0, "4xx": 0, "5xx": 0, "other": 0, "errors": 0}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        queue = iter(todo)

        async def worker() -> None:
            for method, path, body in queue:
                headers = {**AUTH, "Content-Type": "application/json"} if body else AUTH
                try:
                    response = await client.request(method, path, content=body, headers=headers)
                except httpx.HTTPError:
                    counts["errors"] += 1
                    continue
                key = f"{response.status_code // 100}xx"
                counts[key if key in counts else "other"] += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return counts


def install_prism() -> Path | None:
    binary = NODE / "node_modules" / ".bin" / "prism"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    NODE.mkdir(parents=True, exist_ok=True)
    shutil.copy(PACKAGE, NODE / "package.json")
    proc = subprocess.run(
        ["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
    )
    return binary if proc.returncode == 0 and binary.exists() else None


def interleaved(
    targets: dict[str, dict[str, tuple[Any, str, dict | None]]],
    seconds: float,
    concurrency: int,
    rounds: int,
) -> dict[str, dict[str, tuple[float, int]]]:
    """Alternate short slices of every (server, method) ``rounds`` times, so a machine whose
    load changes during the run weighs on both servers alike; rps summed over the slices."""
    done: dict[str, dict[str, list[float]]] = {n: {} for n in targets}
    for _ in range(rounds):
        for name, methods in targets.items():
            for method, (url, verb, body) in methods.items():
                url = url() if callable(url) else url  # e.g. a resource created just now
                started = time.monotonic()
                rps, errors = asyncio.run(load(url, verb, body, seconds / rounds, concurrency))
                spent = time.monotonic() - started
                acc = done[name].setdefault(method, [0.0, 0.0, 0])
                acc[0] += rps * spent
                acc[1] += spent
                acc[2] += errors
    return {
        name: {m: (acc[0] / acc[1], int(acc[2])) for m, acc in methods.items()}
        for name, methods in done.items()
    }


def start_prism(spec: str) -> tuple[subprocess.Popen | None, str]:
    prism = install_prism()
    if prism is None:
        return None, ""
    port = free_port()
    proc = subprocess.Popen(
        [str(prism), "mock", "-h", "127.0.0.1", "-p", str(port), spec],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/")
    return proc, base


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", default=str(ROOT / "tests" / "contract" / "items.yaml"))
    parser.add_argument("--post", default="/api/items")
    parser.add_argument("--body", default='{"name": "bench", "size": 3}')
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=4, help="alternations of the servers")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--soak", type=int, default=10_000, help="soak requests (0: none)")
    args = parser.parse_args()
    soaked: dict[str, int] = {}
    body = json.loads(args.body)

    port = free_port()
    mock = subprocess.Popen(
        [sys.executable, "-m", "specward", "mock", args.spec, "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    prism: subprocess.Popen | None = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")

        def fresh() -> str:
            """A member created now: the store's bound evicts old ones under the POST load."""
            created = httpx.post(base + args.post, json=body, headers=AUTH).json()
            return f"{base}{args.post}/{created['id']}"

        targets: dict[str, dict[str, tuple[Any, str, dict | None]]] = {
            "specward mock": {
                "GET": (fresh, "GET", None),
                "POST": (base + args.post, "POST", body),
            }
        }
        prism, prism_base = start_prism(args.spec)
        if prism is None:
            print("Prism could not be installed (npm unavailable or offline): mock numbers only")
        else:
            path = args.post.replace("/api", "", 1)
            targets["prism mock"] = {
                "GET": (f"{prism_base}{path}/1", "GET", None),
                "POST": (prism_base + path, "POST", body),
            }
        results = interleaved(targets, args.seconds, args.concurrency, args.rounds)
        if prism is not None:
            prism.terminate()
            prism.wait(timeout=10)
            prism = None
        if args.soak:
            before = rss_kib(mock.pid)
            started = time.monotonic()
            soaked = asyncio.run(soak(base, args.soak, args.concurrency))
            soaked["seconds"] = round(time.monotonic() - started)
            soaked["rss_before_mib"] = before // 1024
            soaked["rss_after_mib"] = rss_kib(mock.pid) // 1024
    finally:
        for proc in (mock, prism):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)

    print(
        f"{'server':<16}{'GET req/s':>12}{'POST req/s':>12}   (errors GET/POST)  "
        f"c={args.concurrency} t={args.seconds}s in {args.rounds} alternating rounds"
    )
    for name, row in results.items():
        print(
            f"{name:<16}{row['GET'][0]:>12.0f}{row['POST'][0]:>12.0f}   ({row['GET'][1]}/{row['POST'][1]})"
        )
    if len(results) == 2:
        ours, theirs = results["specward mock"], results["prism mock"]
        print(
            f"{'ratio':<16}{ours['GET'][0] / theirs['GET'][0]:>11.1f}x{ours['POST'][0] / theirs['POST'][0]:>11.1f}x"
        )
    if soaked:
        growth = soaked["rss_after_mib"] - soaked["rss_before_mib"]
        print(
            f"soak: {args.soak} mixed requests at c={args.concurrency} in {soaked['seconds']}s: "
            f"2xx {soaked['2xx']}, 4xx {soaked['4xx']}, 5xx {soaked['5xx']} (must be 0), "
            f"client errors {soaked['errors']}; resident memory {soaked['rss_before_mib']} -> "
            f"{soaked['rss_after_mib']} MiB ({growth:+d} MiB)"
        )
        return 1 if soaked["5xx"] else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
