"""Contract files (``contracts/<api>.yaml``): one API's specs, mapping, accepted changes, settings.

One typed schema (:class:`ContractFile`, pydantic models) checks the whole file before any command
runs; the first problem is reported as ``file:line: section.key: message``. Paths in a contract are
relative to the contract file's folder. Keys starting with ``x-`` are free at every level.

The sections stay available as the plain (line-aware) mappings they were written as
(``contract.breaking``, ``.drift``, ``.contract``, ``.models``), for the commands that read them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from specward.contract.settings import CHECKS, PHASES
from specward.errors import SpecError
from specward.load.parse import line_at, line_of, parse_text

# -- the schema ----------------------------------------------------------------------------------

Stability = Literal["draft", "alpha", "beta", "stable"]  # specward.breaking.policy.LEVELS
LevelName = Literal["error", "warning", "info"]
Phase = Literal[PHASES]  # type: ignore[valid-type]
CheckName = Literal[CHECKS]  # type: ignore[valid-type]


def _as_list(value: Any) -> Any:
    """A single string where a list is expected stands for a list of one."""
    return [value] if isinstance(value, str) else value


def _as_list_csv(value: Any) -> Any:
    """``"examples,coverage"`` stands for a list of two."""
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None


def _header_value(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _http_url(value: Any) -> Any:
    if isinstance(value, str) and not value.startswith(("http://", "https://")):
        raise ValueError(f"{value!r} is not an http:// or https:// URL")
    return value


NonEmpty = Annotated[str, Field(min_length=1)]
PathText = Annotated[str, Field(min_length=1)]
DateValue = Annotated[dt.date, BeforeValidator(_as_date)]
StrList = Annotated[list[str], BeforeValidator(_as_list)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PolicySection(_Section):
    path_versions: dict[str, Stability] = {}
    downgrade: list[Stability] = []


class AcceptedChange(_Section):
    id: NonEmpty
    location: NonEmpty
    reason: NonEmpty
    expires: DateValue | None = None
    operation: str | None = None


class BreakingSection(_Section):
    policy: PolicySection | None = None
    accepted: list[AcceptedChange] = []


class DriftSection(_Section):
    path_prefix: str | None = None
    schemas: dict[str, str] = {}
    operations: dict[str, str] = {}
    error_schema: str | None = None
    namespace: str | None = None
    scope: StrList = []
    fail_on_published_only: bool = False
    levels: dict[str, LevelName] = {}
    ignore: list[str] = []
    protos: StrList = []
    baseline_protos: StrList = []
    proto_path: StrList = []
    published_only: StrList = []


class Credentials(_Section):
    bearer: str | None = None
    api_key: str | None = None
    username: str | None = None
    password: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Credentials:
        given = {k for k, v in self.__dict__.items() if v is not None}
        if given not in ({"bearer"}, {"api_key"}, {"username", "password"}):
            raise ValueError("give bearer, api_key, or username and password (strings)")
        return self


class ContractRunSection(_Section):
    """``contract:``: what ``specward contract`` reads (specward.contract.settings)."""

    url: Annotated[str, BeforeValidator(_http_url)] | None = None
    mock: bool | None = None
    max_examples: Annotated[int, Field(ge=1)] | None = None
    phases: Annotated[list[Phase], BeforeValidator(_as_list_csv)] | None = None
    headers: dict[str, Annotated[str, BeforeValidator(_header_value)]] = {}
    seed: Annotated[int, Field(ge=0)] | None = None
    infer_links: bool | None = None
    exclude_checks: list[CheckName] = []
    request_timeout: Annotated[float, Field(gt=0)] | None = None
    auth: dict[str, Credentials] = {}

    @model_validator(mode="after")
    def _one_target(self) -> ContractRunSection:
        if self.url is not None and self.mock:
            raise ValueError("give either url or mock: true, not both")
        return self


class ModelsSection(_Section):
    out: PathText | None = None
    options: dict[str, Any] = {}


class ContractFile(_Section):
    """The whole contract file."""

    api: NonEmpty | None = None
    published: PathText
    upstream: PathText | None = None
    baseline: PathText | None = None
    previous: PathText | None = None
    inventory: PathText | None = None
    breaking: BreakingSection = BreakingSection()
    drift: DriftSection = DriftSection()
    contract: ContractRunSection = ContractRunSection()
    models: ModelsSection = ModelsSection()


SECTIONS = ("breaking", "drift", "contract", "models")
KNOWN = tuple(ContractFile.model_fields)

# -- errors in the project's one-line style ------------------------------------------------------

_MESSAGES = {
    "int_type": "an integer is expected",
    "int_parsing": "an integer is expected",
    "int_from_float": "an integer is expected",
    "bool_type": "true or false is expected",
    "bool_parsing": "true or false is expected",
    "string_type": "a string is expected",
    "float_type": "a number is expected",
    "dict_type": "a mapping is expected",
    "model_type": "a mapping is expected",
    "model_attributes_type": "a mapping is expected",
    "list_type": "a list is expected",
    "string_too_short": "must not be empty",
}


def _strip_free(data: Any) -> Any:
    """``x-`` keys removed, and ``key: null`` for a section read as the section left out."""
    if isinstance(data, dict):
        return {
            k: _strip_free(v)
            for k, v in data.items()
            if not str(k).startswith("x-") and not (k in SECTIONS and v is None)
        }
    if isinstance(data, list):
        return [_strip_free(v) for v in data]
    return data


def _label(loc: tuple[Any, ...]) -> str:
    out = ""
    for token in loc:
        out += f"[{token}]" if isinstance(token, int) else (f".{token}" if out else str(token))
    return out


def _message(error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "extra_forbidden":
        parent = loc[:-1]
        return f"unknown key {loc[-1]!r} (known: {', '.join(_known_keys(parent))})"
    if kind == "missing":
        if loc == ("published",):
            return "a contract needs 'published': the path of the published spec"
        return f"missing required key {loc[-1]!r}"
    if kind == "literal_error":
        return f"{given!r} is not one of {error['ctx']['expected']}"
    if kind in ("greater_than_equal", "greater_than"):
        sign = "at least" if kind == "greater_than_equal" else "more than"
        bound = error["ctx"].get("ge", error["ctx"].get("gt"))
        return f"{sign} {bound} is expected, got {given!r}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    text = _MESSAGES.get(kind, error["msg"])
    return f"{text}, got {given!r}" if kind in _MESSAGES and kind != "string_too_short" else text


def _known_keys(parent: tuple[Any, ...]) -> list[str]:
    model: Any = ContractFile
    for token in parent:
        if isinstance(token, int) or model is None or token not in model.model_fields:
            continue  # a list index or a key of a mapping of models
        model = _model_of(model.model_fields[token].annotation)
    return sorted(model.model_fields) if model else []


def _model_of(annotation: Any) -> Any:
    """The pydantic model inside ``X | None``, ``list[X]`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's union and validator tags (``function-before[...]``) from a location."""
    return tuple(t for t in loc if isinstance(t, int) or ("[" not in t and "-" not in t))


def _schema_error(exc: ValidationError, raw: Any, shown: str) -> SpecError:
    found = []
    for error in exc.errors():
        loc = _clean_loc(tuple(error["loc"]))
        owner = loc[:-1] if error["type"] in ("extra_forbidden", "missing") else loc
        found.append((line_at(raw, loc), _label(owner), _message(error, loc)))
    found.sort(key=lambda f: f[0])
    line, label, message = found[0]
    if message.startswith("a contract needs"):
        text = message
    elif not label and message.startswith("unknown key"):
        text = "unknown contract key " + message[len("unknown key ") :]
    else:
        text = f"{label}: {message}" if label else message
    more = len({(f[0], f[1]) for f in found}) - 1
    if more > 0:
        text += f" (and {more} more problem{'s' if more > 1 else ''})"
    return SpecError(text, shown, line)


# -- loading -------------------------------------------------------------------------------------


@dataclass
class Contract:
    """One API's contract, checked."""

    api: str
    path: Path
    published: Path
    upstream: Path | None = None
    baseline: Path | None = None
    previous: Path | None = None
    inventory: Path | None = None
    breaking: dict[str, Any] = field(default_factory=dict)
    drift: dict[str, Any] = field(default_factory=dict)
    contract: dict[str, Any] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    checked: ContractFile | None = None  # the typed form of the whole file

    @property
    def name(self) -> str:
        return os.path.relpath(self.path)

    def rel(self, path: Path | None) -> str | None:
        """A path of this contract relative to the current folder (for display and CLI use)."""
        return os.path.relpath(path) if path is not None else None


_CACHE: dict[tuple[str, int, int], Contract] = {}


def load_contract(path: str | os.PathLike[str]) -> Contract:
    """Read and check a contract file; raise :class:`SpecError` with ``file:line`` when it is wrong.

    A file is read and checked once per process (while it is unchanged on disk).
    """
    shown = os.fspath(path)  # as the user wrote it
    path = Path(os.path.abspath(path))
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key in _CACHE:
            return _CACHE[key]
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such contract file", shown) from None
    except IsADirectoryError:
        raise SpecError("is a directory, not a contract file", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read contract: {exc}", shown) from None
    data = parse_text(text, shown)
    if not isinstance(data, dict):
        raise SpecError("a contract must be a mapping", shown, line_of(data) or 1)
    try:
        checked = ContractFile.model_validate(_strip_free(data))
    except ValidationError as exc:
        raise _schema_error(exc, data, shown) from None
    _CACHE[key] = contract = _contract(path, data, checked)
    return contract


def _contract(path: Path, data: dict[str, Any], checked: ContractFile) -> Contract:
    def spec_path(value: str | None) -> Path | None:
        return Path(os.path.normpath(path.parent / value)) if value is not None else None

    published = spec_path(checked.published)
    assert published is not None
    return Contract(
        api=checked.api or path.stem,
        path=path,
        published=published,
        upstream=spec_path(checked.upstream),
        baseline=spec_path(checked.baseline),
        previous=spec_path(checked.previous),
        inventory=spec_path(checked.inventory),
        breaking=data.get("breaking") or {},
        drift=data.get("drift") or {},
        contract=data.get("contract") or {},
        models=data.get("models") or {},
        raw=data,
        checked=checked,
    )


def find_contracts(folder: str | os.PathLike[str] = "contracts") -> list[Contract]:
    """Every ``*.yaml``/``*.yml`` contract in ``folder``, sorted by file name."""
    root = Path(folder)
    if not root.is_dir():
        return []
    files = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))
    return [load_contract(p) for p in files]
