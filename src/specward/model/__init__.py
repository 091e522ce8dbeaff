"""The normalized in-memory model every command shares."""

from specward.model.build import load, normalize
from specward.model.schema import Schema, Source, component_name
from specward.model.spec import (
    HTTP_METHODS,
    Header,
    MediaType,
    Operation,
    Parameter,
    Problem,
    RequestBody,
    Response,
    Server,
    Spec,
    param_key,
    path_key,
    path_params,
)

__all__ = [
    "HTTP_METHODS",
    "Header",
    "MediaType",
    "Operation",
    "Parameter",
    "Problem",
    "RequestBody",
    "Response",
    "Schema",
    "Server",
    "Source",
    "Spec",
    "component_name",
    "load",
    "normalize",
    "param_key",
    "path_key",
    "path_params",
]
