"""The normalized model of a spec, shared by every command.

Swagger 2.0, OpenAPI 3.0 and 3.1 all normalize to these classes: operations keyed by
(method, path template with parameter names blanked), parameters by (location, name), request
bodies and responses by media type and status, component schemas by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from specward.model.schema import Schema, Source

if TYPE_CHECKING:
    from specward.load.document import Workspace

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAM = re.compile(r"\{[^}/]*\}")

OpKey = tuple[str, str]
ParamKey = tuple[str, str]


def path_key(path: str) -> str:
    """Path template with parameter names blanked, for matching: ``/a/{id}/b`` is ``/a/{}/b``."""
    path = _PARAM.sub("{}", path.strip())
    path = re.sub(r"/+", "/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path or "/"


def path_params(path: str) -> list[str]:
    """Parameter names in a path template, in order."""
    return [m.group(0)[1:-1] for m in _PARAM.finditer(path)]


def param_key(location: str, name: str) -> ParamKey:
    """Parameters are keyed by location and name; header names ignore case."""
    return (location, name.lower() if location == "header" else name)


@dataclass
class Parameter:
    name: str
    location: str  # path, query, header, cookie
    required: bool
    schema: Schema | None
    pointer: str
    source: Source
    raw: dict[str, Any]
    description: str | None = None
    deprecated: bool = False
    style: str | None = None
    explode: bool | None = None

    @property
    def key(self) -> ParamKey:
        return param_key(self.location, self.name)


@dataclass
class MediaType:
    name: str
    schema: Schema | None
    pointer: str
    source: Source
    raw: dict[str, Any]


@dataclass
class RequestBody:
    required: bool
    content: dict[str, MediaType]
    pointer: str
    source: Source
    raw: dict[str, Any]
    description: str | None = None


@dataclass
class Header:
    name: str
    required: bool
    schema: Schema | None
    pointer: str
    source: Source
    raw: dict[str, Any]


@dataclass
class Response:
    status: str  # "200", "4XX", "default"
    description: str | None
    content: dict[str, MediaType]
    headers: dict[str, Header]
    pointer: str
    source: Source
    raw: dict[str, Any]


@dataclass
class Server:
    url: str
    description: str | None = None

    @property
    def base_path(self) -> str:
        """The path part of the URL: ``/v1`` for ``https://api.example.com/v1``."""
        url = self.url
        if "://" in url:
            url = url.split("://", 1)[1]
            url = url[url.find("/") :] if "/" in url else ""
        elif not url.startswith("/"):
            url = url[url.find("/") :] if "/" in url else ""
        return url.rstrip("/")


@dataclass
class Operation:
    method: str  # upper case
    path: str  # the template as written
    operation_id: str | None
    summary: str | None
    description: str | None
    tags: list[str]
    deprecated: bool
    parameters: dict[ParamKey, Parameter]
    request_body: RequestBody | None
    responses: dict[str, Response]
    security: list[dict[str, list[str]]] | None  # None: inherits the spec's
    pointer: str
    source: Source
    raw: dict[str, Any]
    extensions: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> OpKey:
        return (self.method, path_key(self.path))

    @property
    def label(self) -> str:
        """``"POST /rl/training-sessions"``."""
        return f"{self.method} {self.path}"


@dataclass
class Problem:
    """Something the normalizer noticed that a strict validator may not: reported by ``validate``."""

    message: str
    source: Source


@dataclass
class Spec:
    """A whole normalized spec."""

    name: str
    version: str  # "2.0", "3.0", "3.1"
    ws: Workspace
    info: dict[str, Any]
    servers: list[Server]
    operations: dict[OpKey, Operation]
    schemas: dict[str, Schema]
    security: list[dict[str, list[str]]]
    security_schemes: dict[str, dict[str, Any]]
    tags: list[dict[str, Any]]
    extensions: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    @property
    def base_path(self) -> str:
        """Path part of the first server URL (``""`` when none)."""
        return self.servers[0].base_path if self.servers else ""

    def operation(self, method: str, path: str) -> Operation | None:
        """Look an operation up by method and any spelling of its path template."""
        return self.operations.get((method.upper(), path_key(path)))

    def effective_security(self, op: Operation) -> list[dict[str, list[str]]]:
        return self.security if op.security is None else op.security
