"""The ``contract:`` section of a contract file, checked, with ``${VAR}`` expansion in headers.

Explicit command-line options win over these settings; the settings win over the defaults.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from specward.errors import SpecError
from specward.load.parse import line_of

PHASES = ("examples", "coverage", "fuzzing", "stateful")
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "positive_data_acceptance",
    "negative_data_rejection",
    "use_after_free",
    "ensure_resource_availability",
    "missing_required_header",
    "ignored_auth",
    "unsupported_method",
)
KEYS = (
    "url",
    "mock",
    "max_examples",
    "phases",
    "headers",
    "seed",
    "infer_links",
    "exclude_checks",
    "request_timeout",
    "auth",
)
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass
class ContractSettings:
    """Values set in a contract's ``contract:`` section (None: not set)."""

    spec: str | None = None
    url: str | None = None
    mock: bool | None = None
    max_examples: int | None = None
    phases: tuple[str, ...] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    seed: int | None = None
    infer_links: bool | None = None
    exclude_checks: tuple[str, ...] = ()
    request_timeout: float | None = None
    auth: dict[str, dict[str, str]] = field(default_factory=dict)


def parse_phases(value: str | list[Any] | tuple[Any, ...]) -> tuple[str, ...]:
    """``"examples,coverage"`` or a list into a tuple of known phase names."""
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    phases = tuple(p.strip() for p in items if p.strip())
    unknown = sorted(set(phases) - set(PHASES))
    if unknown:
        raise ValueError(f"unknown phase(s) {', '.join(unknown)} (known: {', '.join(PHASES)})")
    if not phases:
        raise ValueError("no phase given")
    return phases


def check_names(values: list[Any] | tuple[Any, ...]) -> tuple[str, ...]:
    """Known Schemathesis check names, or ValueError naming the unknown ones."""
    names = tuple(str(v).strip() for v in values if str(v).strip())
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        raise ValueError(f"unknown check(s) {', '.join(unknown)} (known: {', '.join(CHECKS)})")
    return names


def expand(value: str, environ: dict[str, str] | None = None) -> str:
    """``${NAME}`` replaced by the environment variable; a missing variable is an error."""
    env = os.environ if environ is None else environ

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise ValueError(f"environment variable {name} is not set")
        return env[name]

    return _VAR.sub(sub, value)


def from_contract(path: str, environ: dict[str, str] | None = None) -> ContractSettings:
    """Read ``path``'s ``contract:`` section; :class:`SpecError` with file and line when wrong."""
    from specward.contracts import load_contract

    contract = load_contract(path)
    section = contract.contract
    shown = contract.name
    out = ContractSettings(spec=contract.rel(contract.published))

    def fail(key: str, message: str) -> SpecError:
        line = line_of(section, key) or line_of(contract.raw, "contract")
        return SpecError(f"contract.{key}: {message}", shown, line)

    for key in section:
        if key not in KEYS and not str(key).startswith("x-"):
            raise fail(str(key), f"unknown key (known: {', '.join(KEYS)})")
    for key, value in section.items():
        try:
            _apply(out, str(key), value, environ)
        except ValueError as exc:
            raise fail(str(key), str(exc)) from None
    if out.url is not None and out.mock:
        raise fail("mock", "give either url or mock: true, not both")
    return out


def _apply(out: ContractSettings, key: str, value: Any, environ: dict[str, str] | None) -> None:
    if key == "url":
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// URL is expected")
        out.url = expand(value, environ)
    elif key in ("mock", "infer_links"):
        if not isinstance(value, bool):
            raise ValueError("true or false is expected")
        setattr(out, key, value)
    elif key in ("max_examples", "seed"):
        if not isinstance(value, int) or isinstance(value, bool) or value < (key == "max_examples"):
            raise ValueError(
                "a non-negative integer is expected" if key == "seed" else "at least 1"
            )
        setattr(out, key, value)
    elif key == "phases":
        if not isinstance(value, (str, list)):
            raise ValueError("a list of phases is expected")
        out.phases = parse_phases(value)
    elif key == "headers":
        if not isinstance(value, dict) or not all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in value.values()
        ):
            raise ValueError("a mapping of header names to values is expected")
        out.headers = {str(k): expand(str(v), environ) for k, v in value.items()}
    elif key == "exclude_checks":
        if not isinstance(value, list):
            raise ValueError("a list of check names is expected")
        out.exclude_checks = check_names(value)
    elif key == "request_timeout":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise ValueError("a positive number of seconds is expected")
        out.request_timeout = float(value)
    elif key == "auth":
        out.auth = _auth(value, environ)


def _auth(value: Any, environ: dict[str, str] | None) -> dict[str, dict[str, str]]:
    """``{scheme: {bearer: T} | {api_key: K} | {username: U, password: P}}``."""
    if not isinstance(value, dict):
        raise ValueError("a mapping of security scheme names to credentials is expected")
    out: dict[str, dict[str, str]] = {}
    for scheme, creds in value.items():
        if not isinstance(creds, dict) or set(creds) not in (
            {"bearer"},
            {"api_key"},
            {"username", "password"},
        ):
            raise ValueError(f"{scheme}: give bearer, api_key, or username and password (strings)")
        out[str(scheme)] = {str(k): expand(str(v), environ) for k, v in creds.items()}
    return out
