"""Normalize a loaded Swagger 2.0 / OpenAPI 3.x document into a :class:`Spec`."""

from __future__ import annotations

import os
from typing import Any

from specward.errors import SpecError
from specward.load.document import Document, Workspace, load_spec
from specward.load.parse import Mapping, line_of
from specward.load.pointer import join_pointer
from specward.model.schema import Schema, Source, source_at
from specward.model.spec import (
    HTTP_METHODS,
    Header,
    MediaType,
    Operation,
    Parameter,
    ParamKey,
    Problem,
    RequestBody,
    Response,
    Server,
    Spec,
    param_key,
    path_params,
)

# Swagger 2.0 parameter fields that make up the parameter's schema.
_V2_SCHEMA_FIELDS = (
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
)
_FORM_MEDIA = ("application/x-www-form-urlencoded", "multipart/form-data")


def load(ref: str | os.PathLike[str], *, allow_remote: bool = False, lines: bool = True) -> Spec:
    """Load and normalize a spec from a path or ``REV:path`` (``lines``: see ``load_spec``)."""
    return normalize(load_spec(ref, allow_remote=allow_remote, lines=lines))


def normalize(ws: Workspace) -> Spec:
    """Build the normalized model of an already loaded workspace."""
    return _Builder(ws).build()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _security(value: Any) -> list[dict[str, list[str]]] | None:
    if not isinstance(value, list):
        return None
    out = []
    for req in value:
        if isinstance(req, dict):
            out.append({str(k): [str(s) for s in _list(v)] for k, v in req.items()})
    return out


class _Builder:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.doc = ws.entry
        self.data: dict[str, Any] = ws.entry.data
        self.version = ws.version
        self.v2 = self.version == "2.0"
        self.problems: list[Problem] = []

    # -- helpers ---------------------------------------------------------------------------
    def src(self, doc: Document, pointer: str, container: Any, key: Any = None) -> Source:
        """Where ``container[key]`` (or ``container``), at ``pointer``, is written."""
        line = line_of(container, key) if key is not None else line_of(container)
        return source_at(doc, pointer, line)

    def deref(self, node: Any, doc: Document, pointer: str) -> tuple[Any, Document, str]:
        try:
            return self.ws.deref(node, doc, pointer)
        except SpecError as exc:
            self.problems.append(Problem(exc.message, Source(exc.file or doc.name, exc.line)))
            return {}, doc, pointer

    def schema(
        self, node: Any, doc: Document, pointer: str, line: int | None = None
    ) -> Schema | None:
        if not isinstance(node, dict):
            return None
        return Schema(self.ws, doc, node, pointer, line)

    # -- top level -------------------------------------------------------------------------
    def build(self) -> Spec:
        data = self.data
        if self.v2:
            raw_schemas = _dict(data.get("definitions"))
            schemas_ptr = "/definitions"
            schemes = _dict(data.get("securityDefinitions"))
        else:
            components = _dict(data.get("components"))
            raw_schemas = _dict(components.get("schemas"))
            schemas_ptr = "/components/schemas"
            schemes = _dict(components.get("securitySchemes"))
        schemas = {
            str(name): Schema(
                self.ws, self.doc, node, join_pointer(schemas_ptr, name), line_of(raw_schemas, name)
            )
            for name, node in raw_schemas.items()
        }
        spec = Spec(
            name=self.doc.name,
            version=self.version,
            ws=self.ws,
            info=_dict(data.get("info")),
            servers=self.servers(),
            operations={},
            schemas=schemas,
            security=_security(data.get("security")) or [],
            security_schemes={str(k): _dict(v) for k, v in schemes.items()},
            tags=[t for t in _list(data.get("tags")) if isinstance(t, dict)],
            extensions={k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")},
        )
        self.operations(spec)
        spec.problems = self.problems
        return spec

    def servers(self) -> list[Server]:
        data = self.data
        if self.v2:
            base = _str(data.get("basePath")) or ""
            host = _str(data.get("host"))
            if not host:
                return [Server(url=base)] if base else []
            schemes = [s for s in _list(data.get("schemes")) if isinstance(s, str)] or ["https"]
            return [Server(url=f"{s}://{host}{base}") for s in schemes]
        out = []
        for server in _list(data.get("servers")):
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                continue
            url = server["url"]
            for var, spec in _dict(server.get("variables")).items():
                default = _dict(spec).get("default")
                if default is not None:
                    url = url.replace("{" + str(var) + "}", str(default))
            out.append(Server(url=url, description=_str(server.get("description"))))
        return out

    # -- operations ------------------------------------------------------------------------
    def operations(self, spec: Spec) -> None:
        paths = _dict(self.data.get("paths"))
        op_ids: dict[str, Operation] = {}
        for path, item in paths.items():
            path = str(path)
            item_ptr = join_pointer("/paths", path)
            item, item_doc, item_ptr = self.deref(item, self.doc, item_ptr)
            if not isinstance(item, dict):
                continue
            shared = self.parameters(
                _list(item.get("parameters")), item_doc, join_pointer(item_ptr, "parameters")
            )
            for method in HTTP_METHODS:
                raw = item.get(method)
                if not isinstance(raw, dict):
                    continue
                op = self.operation(
                    path, method, raw, item_doc, join_pointer(item_ptr, method), shared, item
                )
                if op.key in spec.operations:
                    other = spec.operations[op.key]
                    self.problems.append(
                        Problem(f"{op.label} duplicates {other.label} (same path shape)", op.source)
                    )
                    continue
                spec.operations[op.key] = op
                if op.operation_id:
                    if op.operation_id in op_ids:
                        first = op_ids[op.operation_id]
                        self.problems.append(
                            Problem(
                                f"duplicate operationId {op.operation_id!r} (also {first.label})",
                                op.source,
                            )
                        )
                    else:
                        op_ids[op.operation_id] = op

    def operation(
        self,
        path: str,
        method: str,
        raw: dict[str, Any],
        doc: Document,
        pointer: str,
        shared: dict[ParamKey, Parameter],
        item: dict[str, Any],
    ) -> Operation:
        source = self.src(doc, pointer, item, method)
        own = self.parameters(
            _list(raw.get("parameters")), doc, join_pointer(pointer, "parameters")
        )
        params = {**shared, **own}
        body: RequestBody | None = None
        consumes = (
            _list(raw.get("consumes")) or _list(self.data.get("consumes")) or ["application/json"]
        )
        if self.v2:
            body = self.v2_body(raw, doc, pointer, consumes, shared)
            params = {
                k: p
                for k, p in params.items()
                if p.location in ("path", "query", "header", "cookie")
            }
        elif "requestBody" in raw:
            body = self.request_body(
                raw["requestBody"],
                doc,
                join_pointer(pointer, "requestBody"),
                self.src(doc, join_pointer(pointer, "requestBody"), raw, "requestBody"),
            )
        op = Operation(
            method=method.upper(),
            path=path,
            operation_id=_str(raw.get("operationId")),
            summary=_str(raw.get("summary")),
            description=_str(raw.get("description")),
            tags=[str(t) for t in _list(raw.get("tags"))],
            deprecated=raw.get("deprecated") is True,
            parameters=params,
            request_body=body,
            responses=self.responses(raw, doc, pointer),
            security=_security(raw.get("security")),
            pointer=pointer,
            source=source,
            raw=raw,
            extensions={k: v for k, v in raw.items() if isinstance(k, str) and k.startswith("x-")},
        )
        self.check_path_params(op)
        return op

    def check_path_params(self, op: Operation) -> None:
        declared = {p.name for p in op.parameters.values() if p.location == "path"}
        in_template = path_params(op.path)
        for name in in_template:
            if name not in declared:
                self.problems.append(
                    Problem(
                        f"{op.label}: path parameter {name!r} is in the template but not declared",
                        op.source,
                    )
                )
        for name in sorted(declared - set(in_template)):
            param = op.parameters[("path", name)]
            self.problems.append(
                Problem(
                    f"{op.label}: path parameter {name!r} is declared but not in the template",
                    param.source,
                )
            )

    # -- parameters ------------------------------------------------------------------------
    def parameters(
        self, raw_list: list[Any], doc: Document, pointer: str
    ) -> dict[ParamKey, Parameter]:
        out: dict[ParamKey, Parameter] = {}
        for index, node in enumerate(raw_list):
            src = self.src(doc, join_pointer(pointer, index), raw_list, index)
            node, pdoc, pptr = self.deref(node, doc, join_pointer(pointer, index))
            if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                continue
            location = str(node.get("in", ""))
            name = node["name"]
            if self.v2 and location not in ("body",):
                schema_node = Mapping((k, node[k]) for k in _V2_SCHEMA_FIELDS if k in node)
                schema_node.line = line_of(node)
                schema_node.lines = {
                    k: v for k, v in getattr(node, "lines", {}).items() if k in schema_node
                }
                schema = self.schema(schema_node, pdoc, pptr, src.line)
            elif "schema" in node:
                schema = self.schema(
                    node["schema"], pdoc, join_pointer(pptr, "schema"), line_of(node, "schema")
                )
            else:
                content = _dict(node.get("content"))
                first = next(iter(content.items()), None)
                schema = None
                if first:
                    schema = self.schema(
                        _dict(first[1]).get("schema"),
                        pdoc,
                        join_pointer(pptr, "content", first[0], "schema"),
                    )
            param = Parameter(
                name=name,
                location=location,
                required=node.get("required") is True or location == "path",
                schema=schema,
                pointer=pptr,
                source=src if pdoc is doc else self.src(pdoc, pptr, node),
                raw=node,
                description=_str(node.get("description")),
                deprecated=node.get("deprecated") is True,
                style=_str(node.get("style")) or _str(node.get("collectionFormat")),
                explode=node.get("explode") if isinstance(node.get("explode"), bool) else None,
            )
            out[param_key(location, name)] = param
        return out

    # -- bodies ----------------------------------------------------------------------------
    def v2_body(
        self,
        raw: dict[str, Any],
        doc: Document,
        pointer: str,
        consumes: list[Any],
        shared: dict[ParamKey, Parameter],
    ) -> RequestBody | None:
        params = list(shared.values())
        own = self.parameters(
            _list(raw.get("parameters")), doc, join_pointer(pointer, "parameters")
        )
        params = [p for p in params if p.key not in own] + list(own.values())
        body = next((p for p in params if p.location == "body"), None)
        if body is not None:
            media = [str(m) for m in consumes if str(m) not in _FORM_MEDIA] or ["application/json"]
            schema = self.schema(
                body.raw.get("schema"),
                doc,
                join_pointer(body.pointer, "schema"),
                line_of(body.raw, "schema"),
            )
            content = {m: MediaType(m, schema, body.pointer, body.source, body.raw) for m in media}
            return RequestBody(
                body.required, content, body.pointer, body.source, body.raw, body.description
            )
        form = [p for p in params if p.location == "formData"]
        if not form:
            return None
        props = Mapping()
        required = []
        for p in form:
            props[p.name] = p.schema.node if p.schema else {}
            props.lines[p.name] = p.source.line or 0
            if p.required:
                required.append(p.name)
        node = Mapping(type="object", properties=props)
        if required:
            node["required"] = required
        node.line = form[0].source.line
        has_file = any(p.raw.get("type") == "file" for p in form)
        media = [str(m) for m in consumes if str(m) in _FORM_MEDIA] or (
            ["multipart/form-data"] if has_file else ["application/x-www-form-urlencoded"]
        )
        schema = Schema(
            self.ws, doc, node, join_pointer(pointer, "parameters"), form[0].source.line
        )
        content = {m: MediaType(m, schema, schema.pointer, form[0].source, node) for m in media}
        return RequestBody(bool(required), content, schema.pointer, form[0].source, node)

    def request_body(
        self, node: Any, doc: Document, pointer: str, source: Source
    ) -> RequestBody | None:
        node, bdoc, bptr = self.deref(node, doc, pointer)
        if not isinstance(node, dict):
            return None
        return RequestBody(
            required=node.get("required") is True,
            content=self.content(node, bdoc, bptr),
            pointer=bptr,
            source=source,
            raw=node,
            description=_str(node.get("description")),
        )

    def content(self, node: dict[str, Any], doc: Document, pointer: str) -> dict[str, MediaType]:
        content = _dict(node.get("content"))
        out = {}
        for media, mnode in content.items():
            mnode = _dict(mnode)
            mptr = join_pointer(pointer, "content", media)
            schema = self.schema(
                mnode.get("schema"), doc, join_pointer(mptr, "schema"), line_of(mnode, "schema")
            )
            out[str(media)] = MediaType(
                str(media), schema, mptr, self.src(doc, mptr, content, media), mnode
            )
        return out

    # -- responses -------------------------------------------------------------------------
    def responses(self, raw: dict[str, Any], doc: Document, pointer: str) -> dict[str, Response]:
        responses = _dict(raw.get("responses"))
        produces = (
            _list(raw.get("produces")) or _list(self.data.get("produces")) or ["application/json"]
        )
        out = {}
        for status, node in responses.items():
            status = str(status)
            if status.startswith("x-"):
                continue
            rptr = join_pointer(pointer, "responses", status)
            source = self.src(doc, rptr, responses, status)
            node, rdoc, rptr = self.deref(node, doc, rptr)
            if not isinstance(node, dict):
                continue
            if self.v2:
                schema = self.schema(
                    node.get("schema"), rdoc, join_pointer(rptr, "schema"), line_of(node, "schema")
                )
                content = (
                    {str(m): MediaType(str(m), schema, rptr, source, node) for m in produces}
                    if schema
                    else {}
                )
            else:
                content = self.content(node, rdoc, rptr)
            out[status] = Response(
                status=status,
                description=_str(node.get("description")),
                content=content,
                headers=self.headers(
                    _dict(node.get("headers")), rdoc, join_pointer(rptr, "headers")
                ),
                pointer=rptr,
                source=source,
                raw=node,
            )
        return out

    def headers(self, headers: dict[str, Any], doc: Document, pointer: str) -> dict[str, Header]:
        out = {}
        for name, node in headers.items():
            hptr = join_pointer(pointer, name)
            source = self.src(doc, hptr, headers, name)
            node, hdoc, hptr = self.deref(node, doc, hptr)
            if not isinstance(node, dict):
                continue
            if self.v2:
                schema = self.schema(node, hdoc, hptr)
            else:
                schema = self.schema(
                    node.get("schema"), hdoc, join_pointer(hptr, "schema"), line_of(node, "schema")
                )
            key = str(name).lower()
            out[key] = Header(str(name), node.get("required") is True, schema, hptr, source, node)
        return out
