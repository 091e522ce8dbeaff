"""The result of ``specward check``: steps per API, as a JSON document and back (for ``--merge``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specward.model.schema import Source
from specward.report import Finding, Level, at_or_above

STEPS = ("validate", "drift", "breaking", "models", "inventory", "contract")
STATUSES = ("pass", "fail", "skip", "error")
SCHEMA_VERSION = 1


@dataclass
class StepResult:
    """One gate of one API: ``pass``, ``fail``, ``skip`` (with the reason) or ``error`` (bad input)."""

    name: str
    status: str
    summary: str
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "summary": self.summary,
            "findings": [f.as_dict() for f in self.findings],
            "data": self.data,
        }


@dataclass
class ApiResult:
    api: str
    contract: str
    steps: list[StepResult]
    commit: str | None = None

    @property
    def failed(self) -> bool:
        return any(s.status in ("fail", "error") for s in self.steps)

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.name == name), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "contract": self.contract,
            "failed": self.failed,
            "commit": self.commit,
            "steps": [s.as_dict() for s in self.steps],
        }


@dataclass
class CheckResult:
    base: str | None
    apis: list[ApiResult]
    fail_on: Level = "error"
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(a.failed for a in self.apis)

    @property
    def errored(self) -> bool:
        return any(s.status == "error" for a in self.apis for s in a.steps)

    @property
    def exit_code(self) -> int:
        return 2 if self.errored else 1 if self.failed else 0

    def blocking(self, finding: Finding) -> bool:
        return at_or_above(finding.level, self.fail_on)

    def payload(self) -> dict[str, Any]:
        return {
            "specward_check": SCHEMA_VERSION,
            "base": self.base,
            "fail_on": self.fail_on,
            "failed": self.failed,
            "notes": self.notes,
            "apis": [a.as_dict() for a in self.apis],
        }


def finding_from_dict(data: dict[str, Any]) -> Finding:
    source = data.get("source")
    return Finding(
        id=str(data["id"]),
        level=data["level"],
        message=str(data.get("message", "")),
        location=str(data.get("location", "")),
        operation=data.get("operation"),
        source=Source(source["file"], source.get("line")) if isinstance(source, dict) else None,
        details=dict(data.get("details") or {}),
    )


def from_payload(data: dict[str, Any]) -> CheckResult:
    """Rebuild a result from its JSON document; KeyError/TypeError/ValueError when it is not one."""
    if data.get("specward_check") != SCHEMA_VERSION:
        raise ValueError("not a `specward check --format json` document")
    apis = []
    for api in data["apis"]:
        steps = [
            StepResult(
                s["name"],
                s["status"] if s["status"] in STATUSES else "error",
                str(s.get("summary", "")),
                [finding_from_dict(f) for f in s.get("findings", [])],
                dict(s.get("data") or {}),
            )
            for s in api["steps"]
        ]
        apis.append(ApiResult(str(api["api"]), str(api["contract"]), steps, api.get("commit")))
    return CheckResult(
        data.get("base"), apis, data.get("fail_on", "error"), list(data.get("notes") or [])
    )


def merge_results(results: list[CheckResult]) -> CheckResult:
    """One result from the per-API results of a matrix: APIs sorted by name, notes kept once."""
    apis = sorted((a for r in results for a in r.apis), key=lambda a: (a.api, a.contract))
    bases = sorted({r.base for r in results if r.base})
    notes = list(dict.fromkeys(n for r in results for n in r.notes))
    fail_on = results[0].fail_on if results else "error"
    return CheckResult(", ".join(bases) or None, apis, fail_on, notes)
