"""Real public specs from ../shared/corpus load, validate and normalize without error."""

from __future__ import annotations

import pytest
from tests.conftest import CORPUS, corpus_file

from specward.model import load
from specward.validate import validate_spec

NAMES = (
    ["together-openapi.yaml", "ogx-spec.yaml"]
    + [f"grpc-gateway/{p.name}" for p in sorted((CORPUS / "grpc-gateway").glob("*.json"))]
    if CORPUS.exists()
    else ["together-openapi.yaml"]
)


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_corpus_spec_loads_and_normalizes(name):
    spec = load(corpus_file(name))
    assert spec.operations, "every corpus spec has operations"
    for op in spec.operations.values():
        assert op.source.line, op.label
        for response in op.responses.values():
            for media in response.content.values():
                if media.schema is not None:
                    media.schema.resolve()
    for schema in spec.schemas.values():
        for prop in schema.flattened_properties().values():
            prop.resolve().types  # noqa: B018 - resolving must not raise or recurse forever


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_corpus_spec_validates_without_crashing(name):
    problems = validate_spec(corpus_file(name))
    for problem in problems:
        assert problem.line >= 1 and problem.message
        assert problem.file.endswith(name.split("/")[-1])
