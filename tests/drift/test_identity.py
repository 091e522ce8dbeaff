"""Any spec compared with itself has no drift: nothing in the inference invents differences."""

from __future__ import annotations

import re

import pytest
from tests.conftest import CORPUS, SPECS

from specward import model
from specward.drift import compare

SPECS_UNDER_TEST = [  # specs only, not the inventory files beside them
    p
    for p in sorted(SPECS.glob("*/*.yaml")) + sorted(SPECS.glob("*/upstream/*.yaml"))
    if re.search(r"^(openapi|swagger):", p.read_text(encoding="utf-8"), re.M)
]
BIG = ["together-openapi.yaml", "ogx-spec.yaml"]


@pytest.mark.parametrize("path", SPECS_UNDER_TEST, ids=lambda p: str(p.relative_to(SPECS)))
def test_repo_spec_against_itself(path) -> None:
    spec = model.load(path)
    result = compare(spec, spec)
    assert result.items == [] and result.in_sync
    assert len(result.mapping.operations) == len(spec.operations)


@pytest.mark.corpus
@pytest.mark.parametrize("name", BIG)
def test_large_public_spec_against_itself(name) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus file {name} is absent")
    spec = model.load(path)
    result = compare(spec, spec)
    assert result.items == []
