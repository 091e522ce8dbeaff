"""Real specs from ../shared/corpus: generation never crashes; a failure is one line.

(ogx-spec.yaml, 667 classes, takes ~10 s to generate and is left to a manual
``specward models ../shared/corpus/ogx-spec.yaml --preview``.)"""

from __future__ import annotations

import pytest
from tests.conftest import CORPUS, corpus_file

from specward.models.api import resolve
from specward.models.generate import GenerateError, render_models

GATEWAY = (
    sorted(p.name for p in (CORPUS / "grpc-gateway").glob("*.json")) if CORPUS.exists() else []
)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["together-openapi.yaml", *(f"grpc-gateway/{n}" for n in GATEWAY)])
def test_corpus_specs_generate(name):
    spec, settings = resolve(str(corpus_file(name)), None)
    try:
        models = render_models(spec, settings)
    except GenerateError as exc:  # allowed, but as one line
        assert "\n" not in str(exc)
        return
    classes = models.classes()
    assert len(classes) >= len(spec.schemas) * 0.9
    assert set(models.names.classes.values()) <= set(classes)
