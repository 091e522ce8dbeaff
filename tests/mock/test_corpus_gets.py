"""Every GET operation of every corpus spec, once, in process: the mock never answers 5xx.

Requests carry every declared parameter with a synthesized valid value and credentials for every
scheme, so the answer must be a success or a 404 for a resource never created. Skipped when
../shared/corpus is absent.
"""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from specward.mock import create_app
from specward.mock.headers import serialize

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
SPECS = [
    "together-openapi.yaml",
    "ogx-spec.yaml",
    *(
        f"grpc-gateway/{p.name}"
        for p in sorted((CORPUS / "grpc-gateway").glob("*.swagger.json"))
        if CORPUS.is_dir()
    ),
]


def _request(app, op):
    path, query, headers, cookies = op.path, [], [(b"authorization", b"Bearer t")], []
    for param in op.parameters.values():
        node = app.schemas.locate(param.schema)[0] if param.schema is not None else None
        value = app.synth.value(node, random.Random(param.name)) if node is not None else "x"
        if value is None and param.location != "path":
            continue  # a null is sent by leaving the parameter out
        text = serialize(value)
        if param.location == "path":
            path = path.replace("{" + param.name + "}", quote(text or "x", safe=""))
        elif param.location == "query":
            items = value if isinstance(value, list) else [value]
            query.extend((param.name, serialize(v)) for v in items)
        elif param.location == "header":
            headers.append((param.name.lower().encode(), text.encode("latin-1", "replace")))
        elif param.location == "cookie":
            cookies.append(f"{param.name}={text}")
    for scheme in app.spec.security_schemes.values():
        if str(scheme.get("type", "")).lower() != "apikey":
            continue
        where, name = scheme.get("in"), str(scheme.get("name"))
        if where == "query":
            query.append((name, "t"))
        elif where == "cookie":
            cookies.append(f"{name}=t")
        else:
            headers.append((name.lower().encode(), b"t"))
    if cookies:
        headers.append((b"cookie", "; ".join(cookies).encode()))
    return app.spec.base_path + path, urlencode(query), headers


@pytest.mark.parametrize("name", SPECS)
def test_every_get_answers_without_server_error(name):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("corpus not present")
    app = create_app(path, seed=1)
    gets = [op for (method, _), op in sorted(app.spec.operations.items()) if method == "GET"]
    answers = {}
    for op in gets:
        url, query, headers = _request(app, op)
        status, _media, body, _ = app.handle("GET", url, query, headers, b"")
        answers[op.label] = (status, body[:300])
    errors = {k: v for k, v in answers.items() if v[0] >= 500}
    assert not errors
    rejected = {k: v for k, v in answers.items() if v[0] >= 400 and v[0] != 404}
    assert not rejected  # valid requests are accepted
