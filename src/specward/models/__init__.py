"""``specward models``: pydantic v2 models generated from a spec, a stale-model gate, a preview
build (generate, build, lint, test the examples) and a model-level diff.

Importing this package is light: datamodel-code-generator is imported only when models are
generated.
"""

from __future__ import annotations

from specward.models.api import check_models, generate_models
from specward.models.commit import suggest_commit
from specward.models.diff import ModelDiffResult, diff_models
from specward.models.generate import GenerateError, ModelsResult
from specward.models.names import NameMap, build_name_map, class_name
from specward.models.preview import PreviewResult, preview_build
from specward.models.stale import StaleResult

__all__ = [
    "GenerateError",
    "ModelDiffResult",
    "ModelsResult",
    "NameMap",
    "PreviewResult",
    "StaleResult",
    "build_name_map",
    "check_models",
    "class_name",
    "diff_models",
    "generate_models",
    "preview_build",
    "suggest_commit",
]
