"""The mock's error answers: which declared response, which status, and a body filled from the failure.

Every error answer carries ``x-specward-violations``: a JSON array of ``{loc, msg, type}``, whatever
the body schema allows. Missing or rejected credentials are always 401 with ``WWW-Authenticate``
(RFC 9110; what clients and Schemathesis expect), shaped by the declared 401 response, else
``4XX``/``default``, else the declared 403's schema.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from specward.mock.envelope import PURPOSES, Failure, Shaper, phrase, token_for
from specward.mock.headers import response_headers
from specward.mock.plan import OpPlan, media_example, pick_media
from specward.mock.responses import encode
from specward.mock.schemas import SchemaSet, deepcopy_json
from specward.mock.synth import Synthesizer, Unsatisfiable
from specward.mock.violations import Violation, header_value
from specward.model import Operation, Response, Spec

Reply = tuple[int, str | None, bytes, list[tuple[bytes, bytes]]]
PROBLEM = "application/problem+json"
VIOLATIONS_HEADER = b"x-specward-violations"

_WANTED = {
    "invalid": ("400", "422"),
    "auth": ("401",),
    "forbidden": ("403",),
    "missing": ("404",),
    "method": ("405",),
    "conflict": ("409",),
    "too_large": ("413",),
    "media": ("415",),
    "rate": ("429",),
    "upstream": ("502",),
}
_FALLBACK = {"media": "invalid", "conflict": "invalid"}


def choose(op: Operation, purpose: str) -> tuple[int, str | None]:
    """The status to answer and the declared response key whose body to use (None: none)."""
    natural = PURPOSES.get(purpose, (400, ""))[0]
    for key in _WANTED.get(purpose, ()):
        if key in op.responses:
            return int(key), key
    for key in ("4XX", "4xx", "default") if natural < 500 else ("5XX", "5xx", "default"):
        if key in op.responses:
            return natural, key
    if purpose in _FALLBACK:
        return choose(op, _FALLBACK[purpose])
    if purpose == "too_large":  # the mock's own limit: 413, in the shape of invalid input
        return 413, choose(op, "invalid")[1]
    if purpose == "auth" and "403" in op.responses:
        return 401, "403"
    return natural, None


def _json(value: Any) -> bytes:
    return encode(value, None)


class ErrorResponder:
    """Error replies for one mock; bases (examples or minimal values) are computed once."""

    def __init__(self, spec: Spec, schemas: SchemaSet, synth: Synthesizer, seed: int) -> None:
        self.spec = spec
        self.schemas = schemas
        self.synth = synth
        self.seed = seed
        self.shaper = Shaper(schemas)
        self._bases: dict[tuple[Any, ...], Any] = {}
        self._headers: dict[tuple[str, str, str], list[tuple[bytes, bytes]]] = {}
        self.common = self._common_response()

    def _common_response(self) -> Response | None:
        """The error response most operations declare (the API's envelope), for route failures."""
        counts: Counter[str] = Counter()
        first: dict[str, Response] = {}
        for op in self.spec.operations.values():
            for status, response in op.responses.items():
                if status[:1] not in ("4", "d"):
                    continue
                media = pick_media(response.content)
                if media is None or media.schema is None:
                    continue
                key = f"{media.schema.doc.path}#{media.schema.pointer}"
                counts[key] += 1
                first.setdefault(key, response)
        if not counts:
            return None
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return first[best]

    # -- replies ---------------------------------------------------------------------------------
    def reply(
        self,
        plan: OpPlan | None,
        purpose: str,
        message: str,
        violations: list[Violation] | None = None,
        status: int | None = None,
        key: str | None = None,
    ) -> Reply:
        """The error answer for ``purpose`` on ``plan``'s operation (None: a route-level failure)."""
        violations = list(violations or [])
        if plan is not None and status is None:
            status, key = choose(plan.op, purpose)
        elif plan is not None and key is None and str(status) in plan.op.responses:
            key = str(status)
        status = status or PURPOSES.get(purpose, (400, ""))[0]
        response = plan.op.responses.get(key) if plan is not None and key else None
        if response is None and (plan is None or key is None):
            response = self.common
        listed = violations if purpose in ("invalid", "upstream") else []  # body lists: validation
        failure = Failure(status, PURPOSES.get(purpose, (status, "error"))[1], message, listed)
        if purpose not in PURPOSES:
            failure.token = token_for(status)
        headers = [
            (VIOLATIONS_HEADER, header_value(violations or [Violation((), message, failure.token)]))
        ]
        if status == 401:
            headers.append((b"www-authenticate", self._challenge(plan)))
        if plan is not None and key is not None and response is not None:
            declared = self._declared_headers(plan, key, response)
            names = {name for name, _ in declared}
            headers = [h for h in headers if h[0] not in names] + declared
        if response is None:
            return status, PROBLEM, _json(self._problem(failure)), headers
        media = pick_media(response.content)
        if media is None:
            return status, None, b"", headers
        node = self.schemas.locate(media.schema)[0] if media.schema is not None else None
        body = self._body(media, node, failure)
        return status, media.name, encode(body, media.name), headers

    def _body(self, media: Any, node: dict[str, Any] | None, failure: Failure) -> Any:
        if node is None:
            return self._problem(failure)
        base = self._base(media, node)
        filled = self.shaper.fill(node, deepcopy_json(base), failure, self._item)
        if self.shaper.roles(node) or not isinstance(filled, dict):
            return filled
        # an open object (a bare ``type: object``): say what was wrong when the schema allows it
        richer = {**filled, **self._problem(failure)}
        return richer if self.schemas.is_valid(node, richer) else filled

    def _base(self, media: Any, node: dict[str, Any]) -> Any:
        key = ("base", id(media), id(node))
        if key not in self._bases:
            has, example = media_example(media, self.spec)
            if has and self.schemas.is_valid(node, example):
                value = example
            else:
                value = self._minimal(node, key)
            self._bases[key] = value
        return self._bases[key]

    def _item(self, node: dict[str, Any]) -> Any:
        key = ("item", id(node))
        if key not in self._bases:
            self._bases[key] = self._minimal(node, key)
        return deepcopy_json(self._bases[key])

    def _minimal(self, node: dict[str, Any], key: tuple[Any, ...]) -> Any:
        rng = random.Random(f"{self.seed}:{key[0]}")
        try:
            return self.synth.value(node, rng, minimal=True)
        except Unsatisfiable:
            return {}

    def _problem(self, failure: Failure) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": failure.token,
            "title": phrase(failure.status),
            "status": failure.status,
            "detail": failure.message,
        }
        if failure.violations:
            body["errors"] = [v.as_dict() for v in failure.violations]
        return body

    def _declared_headers(
        self, plan: OpPlan, key: str, response: Response
    ) -> list[tuple[bytes, bytes]]:
        hkey = (plan.op.method, plan.op.path, key)
        if hkey not in self._headers:
            found, _ = response_headers(
                response, self.schemas, self.synth, f"{self.seed}:{plan.op.label}:{key}"
            )
            self._headers[hkey] = found
        return self._headers[hkey]

    def _challenge(self, plan: OpPlan | None) -> bytes:
        kinds = [kind for req in (plan.security if plan else []) for kind, _, _ in req]
        if kinds and kinds[0] == "basic":
            return b'Basic realm="specward mock"'
        if kinds and kinds[0] == "apikey":
            return b'ApiKey realm="specward mock"'
        return b"Bearer"
