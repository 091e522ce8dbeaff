"""Run Schemathesis (its Python engine, every check, stateful phase included) and collect results."""

from __future__ import annotations

import base64
import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from specward.contract.guard import GUARD_HEADER, Guard, check_reachable
from specward.contract.links import has_links, infer_links
from specward.contract.reproduce import curl, received
from specward.contract.settings import PHASES, check_names
from specward.contract.subset import selector, subset
from specward.errors import SpecwardError
from specward.model import Spec, load

MOCK_TOKEN = "specward-mock-token"
RUN_LEVEL = "(run)"


@dataclass
class Failure:
    """One distinct failed check on one operation, with what reproduces it and what came back."""

    check: str
    title: str
    message: str
    curl: str
    phase: str
    status: int | None = None
    received: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "title": self.title,
            "message": self.message,
            "curl": self.curl,
            "phase": self.phase,
            "status": self.status,
            "received": self.received,
        }

    @property
    def cause(self) -> str:
        """What failures of one check share: ``undocumented 401``, else the failure's title."""
        found = re.search(r"Received:\s*(\d{3})", self.message)
        if self.check == "status_code_conformance" and found:
            return f"undocumented {found.group(1)}"
        if self.check == "not_a_server_error" and self.status:
            return f"server error {self.status}"
        return self.title


@dataclass
class OperationResult:
    operation: str
    line: int | None = None
    checks: set[str] = field(default_factory=set)
    cases: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "passed": self.passed,
            "tested": self.cases > 0,
            "cases": self.cases,
            "checks": sorted(self.checks),
            "failures": [f.as_dict() for f in self.failures],
        }


@dataclass
class ContractResult:
    spec: str
    target: str
    options: dict[str, Any]
    operations: dict[str, OperationResult]
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(op.passed for op in self.operations.values())

    @property
    def failures(self) -> int:
        return sum(len(op.failures) for op in self.operations.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "target": self.target,
            "passed": self.passed,
            "options": self.options,
            "summary": {
                "operations": len(self.operations),
                "failed_operations": sum(1 for op in self.operations.values() if not op.passed),
                "untested_operations": sum(1 for op in self.operations.values() if op.cases == 0),
                "failures": self.failures,
            },
            "inferred_links": self.links,
            "operations": [self.operations[k].as_dict() for k in sorted(self.operations)],
            "notes": self.notes,
        }


def run_contract(
    spec_path: str,
    *,
    url: str | None = None,
    mock: bool = False,
    max_examples: int = 20,
    phases: tuple[str, ...] | list[str] | None = None,
    headers: dict[str, str] | None = None,
    seed: int = 0,
    infer: bool = True,
    request_timeout: float = 10.0,
    max_failures: int | None = None,
    exclude_checks: tuple[str, ...] | list[str] = (),
    auth: dict[str, dict[str, str]] | None = None,
    checks: tuple[str, ...] | list[str] | None = None,
    workers: int = 1,
    include_operation: str | None = None,
    include_path: str | None = None,
    request_deadline: float = 30.0,
    max_response_bytes: int = 10 * 1024 * 1024,
) -> ContractResult:
    """Test ``spec_path`` against ``url`` (or the built-in mock) with Schemathesis; never raises on failures.

    ``exclude_checks``: Schemathesis checks not to run; ``checks``: the only ones to run.
    ``auth``: credentials per security scheme (``{"ApiKey": {"api_key": "..."}}``,
    ``{"bearer": "..."}``, ``{"username", "password"}``), sent where the spec declares them.
    ``include_operation``/``include_path``: regexes on ``METHOD /path`` and the path. Against a
    ``url``, each request has a whole-request deadline and a response-size cap, and the URL is
    checked for reachability first (one-line :class:`SpecwardError`).
    """
    if (url is None) == (not mock):
        raise SpecwardError("give exactly one of --url URL or --mock")
    if url is not None and not url.startswith(("http://", "https://")):
        raise SpecwardError(f"--url {url!r}: an http:// or https:// URL is expected")
    unknown = sorted(set(phases or ()) - set(PHASES))
    if unknown:
        raise SpecwardError(f"unknown phase(s) {', '.join(unknown)} (known: {', '.join(PHASES)})")
    if max_examples < 1:
        raise SpecwardError("--max-examples must be at least 1")
    try:
        excluded = check_names(list(exclude_checks))
        selected = check_names(list(checks)) if checks else ()
    except ValueError as exc:
        raise SpecwardError(str(exc)) from None
    if workers < 1:
        raise SpecwardError("--workers must be at least 1")
    for flag, pattern in (
        ("--include-operation", include_operation),
        ("--include-path", include_path),
    ):
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise SpecwardError(
                    f"{flag} {pattern!r}: not a regular expression ({exc})"
                ) from None
    if url is not None:
        check_reachable(url)
    spec = load(spec_path)
    if not spec.operations:
        raise SpecwardError(f"{spec.name}: the spec declares no operations")
    if include_operation is not None or include_path is not None:
        # only what the filters select goes to the mock and Schemathesis (see subset.py)
        spec = subset(spec, selector(include_operation, include_path))
    raw, refused = _plain(spec.ws.entry.data)
    links: list[str] = []
    if infer and not has_links(raw):
        raw, links = infer_links(spec, raw)
    headers = dict(headers or {})
    auth = {k: dict(v) for k, v in (auth or {}).items()}
    guard = (request_deadline, max_response_bytes, request_timeout)
    with _target(spec, url, mock, headers, auth, guard) as base_url:
        result = _execute(
            spec,
            raw,
            _EngineOptions(
                base_url,
                headers=headers,
                max_examples=max_examples,
                phases=tuple(phases or PHASES),
                seed=seed,
                request_timeout=request_timeout,
                sanitize=not mock,
                max_failures=max_failures,
                excluded=excluded,
                auth=auth,
                selected=selected,
                workers=workers,
                include_operation=include_operation,
                include_path=include_path,
                shown=(str(url).rstrip("/") if url else base_url),
                secrets=_secret_names(spec, headers),
            ),
        )
    result.target = "mock" if mock else str(url)
    result.links = links
    result.notes.extend(f"remote $ref {ref!r} refused (not fetched)" for ref in refused)
    result.options = {"max_examples": max_examples, "phases": list(phases or PHASES), "seed": seed}
    if excluded:
        result.options["exclude_checks"] = sorted(excluded)
    if selected:
        result.options["checks"] = sorted(selected)
    for key, value in (("include_operation", include_operation), ("include_path", include_path)):
        if value is not None:
            result.options[key] = value
    return result


def _secret_names(spec: Spec, headers: dict[str, str]) -> set[str]:
    """Header and query names that carry credentials (shown as ``$TOKEN`` in curl commands)."""
    out = {"authorization"}
    for scheme in spec.security_schemes.values():
        if str(scheme.get("type", "")).lower() == "apikey" and isinstance(scheme.get("name"), str):
            out.add(scheme["name"].lower())
    out.update(n.lower() for n in headers if re.search(r"auth|token|key|secret|cookie", n, re.I))
    return out


@contextlib.contextmanager
def _target(
    spec: Spec,
    url: str | None,
    mock: bool,
    headers: dict[str, str],
    auth: dict[str, dict[str, str]],
    guard: tuple[float, int, float],
) -> Iterator[str]:
    if not mock:
        from specward.mock.server import BackgroundServer

        parts = urlsplit(str(url))
        deadline, max_bytes, read_timeout = guard
        app = Guard(f"{parts.scheme}://{parts.netloc}", deadline, max_bytes, read_timeout)
        with BackgroundServer(app) as local:
            yield local + parts.path.rstrip("/")
        return
    from specward.mock import create_app
    from specward.mock.server import BackgroundServer

    basic = base64.b64encode(b"specward:" + MOCK_TOKEN.encode()).decode()
    app = create_app(spec, seed=0, tokens=[MOCK_TOKEN, basic])
    for name, scheme in spec.security_schemes.items():
        kind = str(scheme.get("type", "")).lower()
        if kind in ("oauth2", "openidconnect") or (
            kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
        ):
            headers.setdefault("Authorization", f"Bearer {MOCK_TOKEN}")
        elif kind == "basic" or (
            kind == "http" and str(scheme.get("scheme", "")).lower() == "basic"
        ):
            headers.setdefault("Authorization", f"Basic {basic}")
        elif kind == "apikey" and isinstance(scheme.get("name"), str):
            if scheme.get("in") == "header":
                headers.setdefault(scheme["name"], MOCK_TOKEN)
            else:  # query and cookie keys: Schemathesis sends them where the scheme says
                auth.setdefault(name, {"api_key": MOCK_TOKEN})
    with BackgroundServer(app) as base:
        yield base + spec.base_path


_NAME_MAPS = {"properties", "patternProperties", "$defs", "definitions", "schemas", "paths"}
_KEEP_X = {"x-links", "x-example", "x-examples", "x-nullable"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _plain(value: Any) -> tuple[Any, list[str]]:
    """A JSON copy of a parsed document for Schemathesis, and the remote ``$ref``s refused.

    Iterative (any depth). Remote refs (a URI with a scheme) become ``{}``, so nothing connects
    out; extension data (``x-`` mappings and lists, but ``x-links``/``x-example(s)``) is left
    out, so an alias-laden ``x-`` section is never expanded; other scalars become text.
    """
    refused: list[str] = []
    holder: dict[str, Any] = {}
    stack: list[tuple[Any, Any, Any]] = [(value, holder, "v")]
    while stack:
        src, parent, key = stack.pop()
        if isinstance(src, dict):
            ref = src.get("$ref")
            if isinstance(ref, str) and _SCHEME.match(ref):
                refused.append(ref)
                parent[key] = {}
                continue
            out: dict[str, Any] = {}
            parent[key] = out
            names = key in _NAME_MAPS
            for k, v in src.items():
                if names or not (
                    str(k).startswith("x-") and isinstance(v, (dict, list)) and k not in _KEEP_X
                ):
                    out[str(k)] = None
                    stack.append((v, out, str(k)))
        elif isinstance(src, list):
            out_list: list[Any] = [None] * len(src)
            parent[key] = out_list
            stack.extend((v, out_list, i) for i, v in enumerate(src))
        elif src is None or isinstance(src, (str, int, float, bool)):
            parent[key] = src
        else:
            parent[key] = str(src)
    return holder["v"], refused


@dataclass(frozen=True)
class _EngineOptions:
    """What one Schemathesis run is configured with."""

    base_url: str
    headers: dict[str, str]
    max_examples: int
    phases: tuple[str, ...]
    seed: int
    request_timeout: float
    sanitize: bool
    max_failures: int | None
    excluded: tuple[str, ...] = ()
    auth: dict[str, dict[str, str]] | None = None
    selected: tuple[str, ...] = ()
    workers: int = 1
    include_operation: str | None = None
    include_path: str | None = None
    shown: str = ""
    secrets: frozenset[str] | set[str] = frozenset()


def _config(options: _EngineOptions) -> Any:
    import schemathesis

    checks: dict[str, Any] = {"enabled": not options.selected}
    for name in options.selected:
        checks[name] = {"enabled": True}
    for name in options.excluded:
        checks[name] = {"enabled": False}

    data: dict[str, Any] = {
        "base-url": options.base_url,
        "seed": options.seed,
        "workers": options.workers,
        "request-timeout": options.request_timeout,
        "generation": {
            "max-examples": options.max_examples,
            "deterministic": True,
            "database": "none",
        },
        "checks": checks,
        "phases": {name: {"enabled": name in options.phases} for name in PHASES},
        "output": {"sanitization": {"enabled": options.sanitize}},
        "warnings": False,
    }
    if options.headers:
        data["headers"] = options.headers
    if options.max_failures:
        data["max-failures"] = options.max_failures
    if options.auth:
        data["auth"] = {"openapi": options.auth}
    return schemathesis.Config.from_dict(data)


def _execute(
    spec: Spec,
    raw: dict[str, Any],
    options: _EngineOptions,
) -> ContractResult:
    os.environ.setdefault("SCHEMATHESIS_HOOKS", "")
    import schemathesis
    from schemathesis.core.errors import LoaderError
    from schemathesis.engine import events, from_schema

    config = _config(options)
    try:
        schema = schemathesis.openapi.from_dict(raw, config=config)
    except LoaderError as exc:
        raise SpecwardError(
            f"{spec.name}: Schemathesis cannot load the spec: {exc.message}"
        ) from None
    schema.location = spec.ws.entry.path.as_uri()
    if options.include_operation or options.include_path:
        schema = schema.include(
            name_regex=options.include_operation, path_regex=options.include_path
        )
    selected = selector(options.include_operation, options.include_path)
    wanted = [op for op in spec.operations.values() if selected(op)]
    result = ContractResult(
        spec.name,
        options.base_url,
        {},
        {op.label: OperationResult(op.label, op.source.line) for op in wanted},
    )
    seen: set[tuple[str, str, str]] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _collect(
                result,
                event.recorder,
                str(event.phase.value if hasattr(event.phase, "value") else event.phase),
                seen,
                options,
            )
        elif isinstance(event, events.FuzzScenarioFinished):
            _collect(result, event.recorder, "fuzz", seen, options)
        elif isinstance(event, events.NonFatalError):
            label = event.label or RUN_LEVEL
            message = _error_message(event)
            _add(
                result,
                label,
                Failure(
                    "error",
                    "Test could not run",
                    message,
                    "",
                    str(getattr(event.phase, "value", "")) or "-",
                ),
                seen,
            )
        elif isinstance(event, events.FatalError):
            raise SpecwardError(
                f"Schemathesis failed: {type(event.exception).__name__}: {event.exception}"
            )
    return result


def _collect(
    result: ContractResult,
    recorder: Any,
    phase: str,
    seen: set[tuple[str, str, str]],
    options: _EngineOptions,
) -> None:
    for case_id, node in recorder.cases.items():
        label = node.value.operation.label
        op = result.operations.setdefault(label, OperationResult(label))
        op.cases += 1
        for check in recorder.checks.get(case_id, []):
            op.checks.add(check.name)
            info = check.failure_info
            if info is None:
                continue
            failure = info.failure
            message = " ".join(str(failure.message).split())
            title = str(failure.title)
            interaction = recorder.interactions.get(case_id)
            response = interaction.response if interaction is not None else None
            status, body = received(response)
            guarded = _guard_reason(response)
            if guarded:
                title, message = "Guard: " + guarded.split(":", 1)[0], guarded
            command = (
                curl(interaction.request, options.base_url, options.shown, set(options.secrets))
                if interaction is not None
                else _curl(info.code_sample)
            )
            _add(
                result,
                label,
                Failure(check.name, title, message, command, phase, status, body),
                seen,
            )


def _guard_reason(response: Any) -> str:
    if response is None:
        return ""
    headers = getattr(response, "headers", {}) or {}
    for name, value in headers.items():
        if str(name).lower() == GUARD_HEADER:
            return str(value[0] if isinstance(value, list) else value)
    return ""


def _add(
    result: ContractResult, label: str, failure: Failure, seen: set[tuple[str, str, str]]
) -> None:
    key = (label, failure.check, failure.title)
    if key in seen:
        return
    seen.add(key)
    result.operations.setdefault(label, OperationResult(label)).failures.append(failure)


def _error_message(event: Any) -> str:
    """``title: detail`` of a Schemathesis error, on one line."""
    info = getattr(event, "info", None)
    title = str(getattr(info, "title", "") or "").strip()
    detail = str(getattr(info, "message", "") or getattr(event, "value", "") or "").strip()
    detail = " ".join(detail.split())[:500]
    return ": ".join(p for p in (title, detail) if p) or "error"


def _curl(sample: str) -> str:
    sample = (sample or "").strip()
    return sample if sample.startswith("curl") else sample.split("\n")[-1].strip()
