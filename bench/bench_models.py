"""Benchmark ``specward models --preview`` on the Together RL spec against what it cannot avoid.

Prints, best of a few runs in the same process: loading the spec (parse with line numbers and
normalize), datamodel-code-generator alone on the same input (no formatting), a fresh Python
interpreter importing the generated models (the build step alone), ``render_models`` (generator
plus ruff) and the whole preview build (generate, build, ruff lint, every example validated and
round-tripped). The floor is generator + build, the parts a preview cannot avoid; target: the
preview at most 2x the floor (build and lint run while the examples are tested).

Run: ``python bench/bench_models.py [--runs 3] [--spec PATH]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from specward.model import load
from specward.models.document import generator_document
from specward.models.generate import render_models, write_models
from specward.models.names import build_name_map
from specward.models.preview import build_step, run_preview
from specward.models.settings import ModelSettings

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "specs" / "together-rl" / "openapi.yaml"
TARGET = 2.0


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_generator(document: dict) -> None:
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from datamodel_code_generator.format import Formatter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generate(
            document,
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            disable_timestamp=True,
            formatters=[Formatter.BUILTIN],
        )


def build_alone(folder: Path) -> None:
    step = build_step(folder)
    assert step.status == "ok", step.detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spec", default=str(SPEC))
    args = parser.parse_args(argv)
    spec = load(args.spec)
    document = generator_document(spec, build_name_map(spec.schemas))
    bare_generator(document)  # warm the imports: they are paid once per process
    settings = ModelSettings()
    folder = Path(tempfile.mkdtemp(prefix="bench-models-"))
    write_models(render_models(spec, settings), folder)
    rows = [
        ("load (parse + normalize)", best(lambda: load(args.spec), args.runs)),
        ("datamodel-code-generator alone", best(lambda: bare_generator(document), args.runs)),
        ("build (fresh interpreter imports them)", best(lambda: build_alone(folder), args.runs)),
        (
            "render_models (generator + ruff)",
            best(lambda: render_models(spec, settings), args.runs),
        ),
    ]
    result = run_preview(spec, settings)
    preview = best(lambda: run_preview(spec, settings), args.runs)
    rows.append(("preview build (4 steps)", preview))
    floor = rows[1][1] + rows[2][1]
    print(f"{Path(args.spec).name}: {len(spec.schemas)} schemas, best of {args.runs}")
    for label, seconds in rows:
        print(f"  {label:<36} {seconds * 1000:8.1f} ms  {seconds / floor:5.2f}x floor")
    print("  steps: " + ", ".join(f"{n} {s.status}" for n, s in result.steps.items()))
    ratio = preview / floor
    verdict = "ok" if ratio <= TARGET and not result.failed else "over target"
    print(f"preview / (generator + build) = {ratio:.2f} (target <= {TARGET}): {verdict}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
