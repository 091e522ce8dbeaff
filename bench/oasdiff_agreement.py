"""How far ``specward breaking`` agrees with oasdiff on oasdiff-style scenarios.

The scenarios are the rule cases in tests/cases whose rule id is one of oasdiff's checks: each
positive case is a base/head pair in which oasdiff's checker reports that id at the level
oasdiff's rule table gives it (rules/oasdiff.py). For each case the script asks whether
specward reports the same id, and whether its error verdict (any error at all) matches
oasdiff's (the expected level is error or not). It prints:

- balanced agreement on the error verdict: the mean of the agreement on error cases and on
  non-error cases;
- the share of error-level cases caught (specward reports an error);
- the share of expected rule ids reported.

Run ``python bench/oasdiff_agreement.py`` for the working tree; set ``PYTHONPATH`` to another
checkout's ``src`` to score that one on the same scenarios (the before/after numbers in the
closing note of issue 10 were made this way).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
TODAY = dt.date(2026, 6, 1)


def oasdiff_levels() -> dict[str, str]:
    """oasdiff's levels, read from this checkout whatever specward is imported."""
    path = REPO / "src" / "specward" / "rules" / "oasdiff.py"
    spec = importlib.util.spec_from_file_location("_oasdiff_levels", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.OASDIFF_LEVELS)


def main() -> int:
    from specward.breaking import compare_specs

    levels = oasdiff_levels()
    hits = {"error": [0, 0], "other": [0, 0]}  # verdict agrees, cases
    ids_found = ids_total = 0
    with tempfile.TemporaryDirectory(prefix="specward-agreement-") as tmp:
        folder = Path(tmp)
        for path in sorted(CASES.glob("*/positive.yaml")):
            rule_id = path.parent.name
            if rule_id not in levels:
                continue
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            files = []
            for side in ("base", "head"):
                target = folder / f"{side}.yaml"
                target.write_text(yaml.safe_dump(case[side], sort_keys=False), encoding="utf-8")
                files.append(target)
            try:
                result = compare_specs(files[0], files[1], today=TODAY)
            except Exception:  # an older checkout may fail on a scenario: it then agrees on nothing
                found, error = set(), False
            else:
                found = {c.id for c in result.changes}
                error = any(c.level == "error" for c in result.changes)
            expected_error = levels[rule_id] == "error"
            bucket = hits["error" if expected_error else "other"]
            bucket[0] += error == expected_error
            bucket[1] += 1
            ids_found += rule_id in found
            ids_total += 1
    err, other = (hits[k][0] / max(hits[k][1], 1) for k in ("error", "other"))
    print(f"scenarios: {ids_total} ({hits['error'][1]} error-level, {hits['other'][1]} other)")
    print(f"balanced agreement on the error verdict: {(err + other) / 2:.0%}")
    print(f"error-level cases caught: {err:.0%}")
    print(f"expected rule ids reported: {ids_found / max(ids_total, 1):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
