"""Contract tests with Schemathesis: ``run_contract(spec, url=... | mock=True)``; links inferred from shapes.

The runner (and Schemathesis with it) is imported on first use, so the light modules of this
package (``settings``) can be read without it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ContractResult", "Failure", "OperationResult", "run_contract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from specward.contract import runner

        return getattr(runner, name)
    raise AttributeError(name)
