"""The Models API (used by ``specward models`` and by ``check``/``release``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from specward.errors import SpecwardError
from specward.model import Spec
from specward.models.generate import ModelsResult, as_spec, render_models, write_models
from specward.models.settings import ModelSettings, settings_from_contract
from specward.models.stale import StaleResult, compare_output

ContractArg = Any  # a specward.contracts.Contract, a path to one, or None


def _contract(contract: ContractArg) -> Any:
    if contract is None:
        return None
    if isinstance(contract, (str, os.PathLike)):
        from specward.contracts import load_contract

        return load_contract(contract)
    return contract


def resolve(
    spec: Spec | str | os.PathLike[str] | None, contract: ContractArg
) -> tuple[Spec, ModelSettings]:
    """The loaded spec and the settings (the contract's ``models:``, else the defaults)."""
    loaded = _contract(contract)
    settings = settings_from_contract(loaded) if loaded is not None else ModelSettings()
    if spec is None:
        if loaded is None:
            raise SpecwardError("give a SPEC or a contract")
        spec = loaded.rel(loaded.published)
    elif (
        loaded is not None
        and not isinstance(spec, Spec)
        and Path(os.path.abspath(spec)) != loaded.published
    ):
        settings.spec_label = None  # not the contract's spec: name it as given
    return as_spec(spec), settings


def _out_dir(out_dir: str | os.PathLike[str] | None, settings: ModelSettings) -> Path:
    if out_dir is not None:
        return Path(out_dir)
    if settings.out is None:
        raise SpecwardError("no output folder: give --out DIR or set 'models.out' in the contract")
    return settings.out


def generate_models(
    spec: Spec | str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    contract: ContractArg = None,
) -> ModelsResult:
    """Generate the models of ``spec`` into ``out_dir`` (writing only files that change)."""
    loaded, settings = resolve(spec, contract)
    folder = _out_dir(out_dir, settings)
    models = render_models(loaded, settings)
    return ModelsResult(folder, models, write_models(models, folder))


def check_models(
    spec: Spec | str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    contract: ContractArg = None,
) -> StaleResult:
    """Whether ``out_dir`` holds what ``spec`` generates now; never writes."""
    loaded, settings = resolve(spec, contract)
    folder = _out_dir(out_dir, settings)
    return compare_output(render_models(loaded, settings), folder)
