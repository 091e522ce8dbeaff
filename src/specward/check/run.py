"""Run every gate for every contract, APIs in parallel."""

from __future__ import annotations

import glob
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from specward.check.result import STEPS, ApiResult, CheckResult, StepResult
from specward.check.steps import ApiContext, CheckOptions, commit_line, run_step
from specward.contracts import Contract, load_contract
from specward.errors import SpecwardError

DEFAULT_CONTRACTS = ("contracts/*.yaml", "contracts/*.yml")
Progress = Callable[[str, str, StepResult | None], None]  # api, step, result (None: started)


def find_contract_files(patterns: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """Contract files named by paths or glob patterns (default: contracts/*.yaml), sorted, once each."""
    out: dict[str, Path] = {}
    for pattern in patterns or DEFAULT_CONTRACTS:
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern))
            if not matches and patterns:
                raise SpecwardError(f"--contract {pattern}: matches no file")
        else:
            if not os.path.isfile(pattern):
                raise SpecwardError(f"--contract {pattern}: no such contract file")
            matches = [pattern]
        for match in matches:
            out.setdefault(os.path.normpath(os.path.abspath(match)), Path(match))
    return sorted(out.values(), key=lambda p: p.as_posix())


def load_contracts(patterns: tuple[str, ...] | list[str] = ()) -> list[Contract]:
    files = find_contract_files(patterns)
    if not files:
        raise SpecwardError(
            "no contract files (contracts/*.yaml): write one per API, or pass --contract FILE"
        )
    contracts = [load_contract(p) for p in files]
    seen: dict[str, str] = {}
    for c in contracts:
        if c.api in seen:
            raise SpecwardError(f"{c.name}: api {c.api!r} is also the api of {seen[c.api]}")
        seen[c.api] = c.name
    return contracts


def check_api(
    contract: Contract, options: CheckOptions, progress: Progress | None = None
) -> ApiResult:
    ctx = ApiContext(contract, options)
    steps = []
    for name in STEPS:
        if progress:
            progress(contract.api, name, None)
        step = run_step(name, ctx)
        if progress:
            progress(contract.api, name, step)
        steps.append(step)
    commit = None
    if ctx.breaking is not None and ctx.breaking.changes:
        try:
            commit = commit_line(ctx)
        except SpecwardError as exc:
            steps.append(StepResult("commit", "error", str(exc)))
    return ApiResult(contract.api, contract.name, steps, commit)


def _check_file(path: str, options: CheckOptions) -> ApiResult:
    """One API in a worker process (the contract is read again there)."""
    return check_api(load_contract(path), options)


def _in_processes(
    contracts: list[Contract], options: CheckOptions, jobs: int, progress: Progress | None
) -> list[ApiResult]:
    """APIs in worker processes, not threads: real parallelism, and CPython's compiler is not
    thread-safe (two threads generating models or strategies at once fail with
    "AST constructor recursion depth mismatch"). Progress is reported per API as each finishes."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {
            pool.submit(_check_file, str(c.path), options): i for i, c in enumerate(contracts)
        }
        results: dict[int, ApiResult] = {}
        for future in as_completed(futures):
            api = future.result()
            results[futures[future]] = api
            for step in api.steps if progress else ():
                progress(api.api, step.name, step)  # type: ignore[misc]
    return [results[i] for i in range(len(contracts))]


def run_check(
    contracts: list[Contract],
    options: CheckOptions,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> CheckResult:
    """Every API's gates; the result lists the APIs in contract order whatever ``jobs`` is."""
    if jobs < 1:
        raise SpecwardError("-j/--jobs must be at least 1")
    rev = f"`{options.base.rev}`" if options.base.rev else "none"
    notes = [f"base {rev} ({options.base.reason})"]
    if jobs == 1 or len(contracts) < 2:
        apis = [check_api(c, options, progress) for c in contracts]
    else:
        apis = _in_processes(contracts, options, jobs, progress)
    return CheckResult(options.base.rev, apis, options.fail_on, notes)
