"""Benchmark ``specward breaking`` against merely parsing both files with libyaml.

First, as whole processes (start-up included): ``python -m specward breaking BASE HEAD --format
json`` on the Together spec against an earlier-revision-shaped copy of it, versus a bare Python
process that parses both files with libyaml's CSafeLoader; best of a few interleaved runs, target
ratio at most 1.3 (in wall time). The ``specward`` console script is timed alongside (it skips
``runpy``), and the CPU times are printed too: a busy machine stretches wall time more.

Then, in process, for ../shared/corpus/together-openapi.yaml and copies scaled 10x and 50x (HEAD
is a lightly changed copy of BASE), prints size, parse time (libyaml CSafeLoader, both files),
breaking time (``compare_specs``: load with line numbers, normalize, diff, classify) and their
ratio, measured in the same run (best of a few runs). Target: ratio at most 1.5, flat as size
grows. Then it replays a history of small revisions to show that hundreds of pairs stay practical.

Run: ``python bench/bench_breaking.py [--sizes 1,10,50] [--history 200]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale

from specward.breaking import compare_specs

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "together-openapi.yaml"
TARGET = 1.5
WHOLE_TARGET = 1.3
_PARSE_BOTH = (
    "import sys, yaml\n"
    "for p in sys.argv[1:]:\n"
    "    yaml.load(open(p, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n"
)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def whole_process(base: Path, head: Path, runs: int, cache: Path) -> dict[str, tuple[float, float]]:
    """Best wall and CPU times of a bare parse of both files (``parse``), of ``python -m
    specward breaking`` (``module``) and of the ``specward`` console script (``script``, when it
    is installed beside this interpreter), interleaved so that load on the machine hits all alike.

    All run with a bytecode cache (in ``cache``, so the source tree stays clean), as an
    installed specward does: ``PYTHONDONTWRITEBYTECODE`` would make every run compile every
    module from source and measure the compiler instead of the start-up.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    args = ["breaking", str(base), str(head), "--format", "json"]
    commands = {
        "parse": [sys.executable, "-c", _PARSE_BOTH, str(base), str(head)],
        "module": [sys.executable, "-m", "specward", *args],
    }
    script = Path(sys.executable).with_name("specward")
    if script.exists():
        commands["script"] = [str(script), *args]
    for argv in commands.values():  # warm the file cache and the bytecode
        run_once(argv, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(run_once(argv, env))
    return {name: (min(w for w, _ in t), min(c for _, c in t)) for name, t in times.items()}


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_without_gc(*paths: Path) -> None:
    gc.disable()
    try:
        for path in paths:
            scale.load(path)
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument(
        "--history", type=int, default=200, help="revision pairs to replay (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole-runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    original = scale.load(CORPUS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="specward-bench-") as tmp:
        folder = Path(tmp)
        earlier = scale.dump(scale.modify(original, every=20), folder / "earlier.yaml")
        whole = whole_process(earlier, CORPUS, args.whole_runs, folder / "pycache")
        (whole_b, cpu_b), (whole_p, cpu_p) = whole["module"], whole["parse"]
        ratio = whole_b / whole_p
        print(
            f"whole process: python -m specward breaking {whole_b:.3f} s, bare parse of both "
            f"files {whole_p:.3f} s, ratio {ratio:.2f} (target <= {WHOLE_TARGET}): "
            f"{'ok' if ratio <= WHOLE_TARGET else 'OVER TARGET'}"
        )
        if "script" in whole:  # how users run it; -m also pays for runpy
            print(
                f"  the console script: specward breaking {whole['script'][0]:.3f} s, "
                f"ratio {whole['script'][0] / whole_p:.2f}"
            )
        print(  # a busy machine stretches wall time more than CPU time
            f"  CPU time (user + system): breaking {cpu_b:.3f} s, bare parse {cpu_p:.3f} s, "
            f"ratio {cpu_b / cpu_p:.2f}"
        )
        for factor in (int(s) for s in args.sizes.split(",")):
            doc = scale.scale(original, factor)
            base = scale.dump(doc, folder / f"base{factor}.yaml")
            head = scale.dump(scale.modify(doc), folder / f"head{factor}.yaml")
            runs = args.runs if factor < 50 else max(1, args.runs - 1)
            parse = best(lambda b=base, h=head: (scale.load(b), scale.load(h)), runs)
            parse_nogc = best(lambda b=base, h=head: parse_without_gc(b, h), runs)
            result = compare_specs(base, head)
            breaking = best(lambda b=base, h=head: compare_specs(b, h), runs)
            size = base.stat().st_size + head.stat().st_size
            rows.append(
                (
                    factor,
                    size,
                    len(result.changes),
                    parse,
                    parse_nogc,
                    breaking,
                    breaking / parse_nogc,
                    breaking / parse,
                )
            )
        print(
            "parse: yaml.load(CSafeLoader) of both files; 'no gc': the same with the garbage "
            "collector paused, as compare_specs does while loading"
        )
        print(
            f"{'size':>5} {'MB (both)':>9} {'changes':>8} {'parse s':>8} {'no gc s':>8} {'breaking s':>10} "
            f"{'ratio/no gc':>11} {'ratio':>6}"
        )
        for factor, size, changes, parse, parse_nogc, breaking, ratio_nogc, ratio in rows:
            print(
                f"{factor:>4}x {size / 1e6:>9.1f} {changes:>8} {parse:>8.3f} {parse_nogc:>8.3f} {breaking:>10.3f} "
                f"{ratio_nogc:>11.2f} {ratio:>6.2f}"
            )
        worst = max(r[-1] for r in rows)
        print(
            f"worst ratio {worst:.2f} (target <= {TARGET}): {'ok' if worst <= TARGET else 'OVER TARGET'}"
        )
        if args.history:
            revisions = [scale.dump(original, folder / "rev0.yaml")]
            doc = original
            for i in range(1, 6):
                doc = scale.modify(doc, every=20 + i)
                revisions.append(scale.dump(doc, folder / f"rev{i}.yaml"))
            start = time.perf_counter()
            for i in range(args.history):  # every pair read from disk, as a CI replay would
                compare_specs(revisions[i % 5], revisions[i % 5 + 1])
            elapsed = time.perf_counter() - start
            print(
                f"history: {args.history} revision pairs in {elapsed:.1f} s ({elapsed / args.history * 1000:.0f} ms a pair)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
