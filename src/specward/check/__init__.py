"""``specward check``: every gate for every contract, one summary (and the PR comment)."""

from specward.check.gitbase import Base, resolve_base
from specward.check.render import FORMATS, MARKER, render_check
from specward.check.result import ApiResult, CheckResult, StepResult, from_payload, merge_results
from specward.check.run import find_contract_files, load_contracts, run_check
from specward.check.steps import CheckOptions

__all__ = [
    "FORMATS",
    "MARKER",
    "ApiResult",
    "Base",
    "CheckOptions",
    "CheckResult",
    "StepResult",
    "find_contract_files",
    "from_payload",
    "load_contracts",
    "merge_results",
    "render_check",
    "resolve_base",
    "run_check",
]
