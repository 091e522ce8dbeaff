"""Benchmark what the matcher (renames and moves) adds to ``specward breaking``.

BASE is an earlier-shaped variant of ../shared/corpus/together-openapi.yaml: every 10th schema
has a property under an older name (some sharing no word with the new one) and one more that
is gone, and every 15th path is written with a custom-method suffix or a singular segment; HEAD
is the corpus file. The same run times ``compare_specs`` and the time spent inside the matcher
(every ``match`` call, moves and renames), and reports matcher / (breaking - matcher) as a ratio.
Target: at most 0.10 (matching adds at most 10 % to ``breaking``). The ogx spec is measured the
same way when present.

Run: ``python bench/bench_matching.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale

from specward.breaking import compare_specs
from specward.compare import matcher

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
FILES = ("together-openapi.yaml", "ogx-spec.yaml")
TARGET = 0.10
_OLD_NAMES = ("legacy_value", "prior", "old_field")


def earlier(doc: dict[str, Any]) -> dict[str, Any]:
    """The corpus spec as it might have been before: renamed and extra properties, old paths."""
    out = copy.deepcopy(doc)
    schemas = (out.get("components") or {}).get("schemas") or {}
    for i, (_, schema) in enumerate(sorted(schemas.items())):
        props = schema.get("properties") if isinstance(schema, dict) else None
        if i % 10 or not isinstance(props, dict) or not props:
            continue
        first = next(iter(props))
        renamed = {(f"{_OLD_NAMES[i % 3]}_{i}" if k == first else k): v for k, v in props.items()}
        renamed[f"dropped_{i}"] = {"type": "string", "description": "Gone since."}
        schema["properties"] = renamed
        if isinstance(schema.get("required"), list):
            schema["required"] = [
                f"{_OLD_NAMES[i % 3]}_{i}" if r == first else r for r in schema["required"]
            ]
    paths = out.get("paths") or {}
    for i, path in enumerate(sorted(paths)):
        if i % 15 or not path.count("/") > 1:
            continue
        head, _, last = path.rpartition("/")
        old = f"{head}:{last}" if "{" in head else f"{head}/{last.rstrip('s')}-old"
        paths[old] = paths.pop(path)
    return out


def _timed_match() -> tuple[list[float], Any]:
    spent = [0.0]
    original = matcher.match

    def match(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    return spent, match


def measure(base: Path, head: Path, runs: int) -> tuple[float, float, int]:
    """(best breaking seconds, matcher seconds in that run, changes)."""
    import specward.compare.moves as moves
    import specward.compare.spec_diff as spec_diff

    users = (matcher, moves, spec_diff)  # the modules that call ``match`` by name
    best: tuple[float, float, int] | None = None
    for _ in range(runs):
        spent, timed = _timed_match()
        saved = [m.match for m in users]
        for m in users:
            m.match = timed  # type: ignore[attr-defined]
        try:
            start = time.perf_counter()
            result = compare_specs(base, head)
            total = time.perf_counter() - start
        finally:
            for m, fn in zip(users, saved, strict=True):
                m.match = fn  # type: ignore[attr-defined]
        if best is None or total < best[0]:
            best = (total, spent[0], len(result.changes))
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="specward-bench-") as tmp:
        for name in FILES:
            path = CORPUS / name
            if not path.exists():
                print(f"skipped: {path} is absent")
                continue
            doc = scale.load(path)
            base = scale.dump(earlier(doc), Path(tmp) / f"earlier-{name}")
            total, spent, changes = measure(base, path, args.runs)
            rows.append((name, changes, total, spent, spent / max(total - spent, 1e-9)))
    if not rows:
        return 0
    print(f"{'spec':<24} {'changes':>8} {'breaking s':>10} {'matcher s':>10} {'ratio':>6}")
    for name, changes, total, spent, ratio in rows:
        print(f"{name:<24} {changes:>8} {total:>10.3f} {spent:>10.4f} {ratio:>6.3f}")
    worst = max(r[-1] for r in rows)
    print(
        f"worst ratio {worst:.3f} (target <= {TARGET}): {'ok' if worst <= TARGET else 'OVER TARGET'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
