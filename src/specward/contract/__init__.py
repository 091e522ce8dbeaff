"""Contract tests with Schemathesis: ``run_contract(spec, url=... | mock=True)``; links inferred from shapes."""

from specward.contract.runner import ContractResult, Failure, OperationResult, run_contract

__all__ = ["ContractResult", "Failure", "OperationResult", "run_contract"]
