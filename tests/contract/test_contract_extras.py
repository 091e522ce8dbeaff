"""``contract --mock`` on a spec with required response headers, referenced responses, query and
cookie API keys, multipart and form bodies; and a server dropping a header is caught."""

from __future__ import annotations

from pathlib import Path

from specward.contract import run_contract
from specward.mock import create_app
from specward.mock.server import BackgroundServer

EXTRAS = str(Path(__file__).resolve().parent / "extras.yaml")


def _failures(result):
    return [
        (op.operation, f.check, f.message, f.curl)
        for op in result.operations.values()
        for f in op.failures
    ]


def test_mock_passes_with_headers_forms_and_api_keys():
    result = run_contract(EXTRAS, mock=True, max_examples=6, seed=0)
    assert result.passed, _failures(result)
    assert all(op.cases > 0 for op in result.operations.values())
    checks = set().union(*(op.checks for op in result.operations.values()))
    assert {"response_headers_conformance", "ignored_auth", "negative_data_rejection"} <= checks
    # the create response is a $ref to components/responses: links are still inferred
    assert "POST /notes (201) -> GET /notes/{note_id}" in result.links


class _DropHeader:
    """A deliberately broken server: the mock without its X-Request-Id response header."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def strip(message):
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [h for h in message["headers"] if h[0] != b"x-request-id"],
                }
            await send(message)

        await self.app(scope, receive, strip)


def _served(app, **kwargs):
    with BackgroundServer(app) as url:
        return run_contract(
            EXTRAS,
            url=url + "/v2",
            max_examples=3,
            phases=["examples", "coverage"],
            auth={"queryKey": {"api_key": "k"}, "cookieKey": {"api_key": "k"}},
            **kwargs,
        )


def test_missing_required_response_header_is_caught():
    result = _served(_DropHeader(create_app(EXTRAS, tokens=["k"])))
    failed = {(op.operation, f.check) for op in result.operations.values() for f in op.failures}
    assert ("GET /notes", "response_headers_conformance") in failed
    assert all(f.curl.startswith("curl ") for op in result.operations.values() for f in op.failures)


def test_query_key_from_auth_setting_reaches_the_server():
    result = _served(create_app(EXTRAS, tokens=["k"]))
    assert result.passed, _failures(result)


def test_excluded_checks_are_not_run():
    result = _served(
        _DropHeader(create_app(EXTRAS, tokens=["k"])),
        exclude_checks=["response_headers_conformance"],
    )
    assert result.passed, _failures(result)
    assert all("response_headers_conformance" not in op.checks for op in result.operations.values())
    assert result.options["exclude_checks"] == ["response_headers_conformance"]
