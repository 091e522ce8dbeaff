"""Per-API model settings: the ``models:`` section of a contract (``out``, ``options``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specward.errors import SpecError
from specward.load.parse import line_of

if TYPE_CHECKING:
    from specward.contracts import Contract

# Options specward sets itself: the output must stay one deterministic, importable module.
FIXED_OPTIONS = frozenset(
    {
        "input_file_type",
        "output",
        "output_model_type",
        "disable_timestamp",
        "custom_file_header",
        "custom_file_header_path",
        "formatters",
        "treat_dot_as_module",
        "custom_class_name_generator",
        "enable_version_header",
        "enable_command_header",
        "generate_server",
        "generate_client",
        "allow_remote_refs",
        "settings_path",
        "builtin_format_line_length",
    }
)


@dataclass
class ModelSettings:
    """Where one API's models go and the generator options on top of specward's defaults."""

    out: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)
    spec_label: str | None = None  # the spec as named in the header


def settings_from_contract(contract: Contract) -> ModelSettings:
    """The ``models:`` settings of a contract; an option specward sets itself is an error at the
    contract's ``file:line``."""
    section = contract.models  # shape checked by the contract schema (specward.contracts)
    raw = section.get("options")
    options = raw if isinstance(raw, dict) else {}
    out = section.get("out")
    for key in options:
        if key in FIXED_OPTIONS:
            raise SpecError(
                f"generator option {key!r} is set by specward and cannot be changed",
                contract.name,
                line_of(options, key),
            )
    root = contract.path.parent
    label = os.path.relpath(contract.published, root.parent).replace(os.sep, "/")
    return ModelSettings(
        out=Path(os.path.normpath(root / out)) if out else None,
        options={str(k): v for k, v in options.items()},
        spec_label=label,
    )
