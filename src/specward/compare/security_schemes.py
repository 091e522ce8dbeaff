"""Security scheme definitions (``components.securitySchemes``, Swagger ``securityDefinitions``)
compared by name, Swagger 2.0 and OpenAPI 3.x alike: type, HTTP scheme, API key location and
name, OAuth flows, their URLs and scopes, OpenID Connect URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from specward.load.parse import line_of
from specward.load.pointer import join_pointer
from specward.model import Source, Spec
from specward.model.schema import source_at

# Swagger 2.0 flow names -> OpenAPI 3 flow names
_FLOWS_V2 = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}

Change = tuple[str, str, Source, dict[str, Any]]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _flows(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """OAuth flows as ``{flow: {authorizationUrl, tokenUrl, scopes}}`` in OpenAPI 3 terms."""
    flows = raw.get("flows")
    if isinstance(flows, dict):
        return {str(k): v for k, v in flows.items() if isinstance(v, dict)}
    flow = _str(raw.get("flow"))
    if flow is None:
        return {}
    return {_FLOWS_V2.get(flow, flow): raw}


def kind_of(raw: dict[str, Any]) -> tuple[str, str | None]:
    """``(type, http scheme)``; Swagger's ``basic`` is HTTP basic."""
    kind = _str(raw.get("type")) or "?"
    if kind == "basic":
        return "http", "basic"
    scheme = _str(raw.get("scheme"))
    return kind, scheme.lower() if kind == "http" and scheme else None


def wire_form(raw: dict[str, Any]) -> str | None:
    """What a scheme puts on the wire when that is one header or parameter: an API key in the
    ``Authorization`` header and HTTP bearer both send ``Authorization`` (None: no simple form)."""
    kind, scheme = kind_of(raw)
    if kind == "http" and scheme == "bearer":
        return "header:authorization"
    if kind == "apiKey":
        where, key = _str(raw.get("in")), _str(raw.get("name"))
        if where and key:
            return f"{where}:{key.lower() if where == 'header' else key}"
    return None


def describe(raw: dict[str, Any]) -> str:
    kind, scheme = kind_of(raw)
    return f"{kind} {scheme}" if scheme else kind


def _source(spec: Spec, name: str) -> Source:
    doc = spec.ws.entry
    data = doc.data if isinstance(doc.data, dict) else {}
    container: Any = data.get("securityDefinitions")
    pointer = "/securityDefinitions"
    if not isinstance(container, dict):
        components = data.get("components")
        container = components.get("securitySchemes") if isinstance(components, dict) else None
        pointer = "/components/securitySchemes"
    if isinstance(container, dict) and name in container:
        return source_at(doc, join_pointer(pointer, name), line_of(container, name))
    return Source(doc.name, line_of(data))


def diff_security_schemes(base: Spec, head: Spec) -> Iterator[Change]:
    """``(kind, scheme name, source, fields)`` for every change of a scheme definition."""
    sb, sh = base.security_schemes, head.security_schemes
    for name in sorted(sb.keys() - sh.keys()):
        yield "removed", name, _source(base, name), {}
    for name in sorted(sh.keys() - sb.keys()):
        yield "added", name, _source(head, name), {}
    for name in sorted(sb.keys() & sh.keys()):
        yield from _scheme(name, sb[name], sh[name], _source(head, name))


def _scheme(name: str, b: dict[str, Any], h: dict[str, Any], source: Source) -> Iterator[Change]:
    (tb, schb), (th, schh) = kind_of(b), kind_of(h)
    if tb != th:
        same = wire_form(b) is not None and wire_form(b) == wire_form(h)
        kind = "type-changed-same-wire" if same else "type-changed"
        yield kind, name, source, {"old": describe(b), "new": describe(h)}
        return
    if tb == "http" and schb != schh:
        yield "http-scheme-changed", name, source, {"old": schb, "new": schh}
    if tb == "apiKey":
        inb, inh = _str(b.get("in")), _str(h.get("in"))
        if inb != inh:
            yield "api-key-location-changed", name, source, {"old": inb, "new": inh}
        nb, nh = _str(b.get("name")), _str(h.get("name"))
        if nb and nh and (nb.lower() != nh.lower() if inh == "header" else nb != nh):
            yield "api-key-name-changed", name, source, {"old": nb, "new": nh}
    if tb == "openIdConnect":
        ub, uh = _str(b.get("openIdConnectUrl")), _str(h.get("openIdConnectUrl"))
        if ub != uh:
            yield "openid-connect-url-changed", name, source, {"old": ub, "new": uh}
    if tb == "oauth2":
        yield from _oauth(name, _flows(b), _flows(h), source)


def _oauth(
    name: str, fb: dict[str, dict[str, Any]], fh: dict[str, dict[str, Any]], source: Source
) -> Iterator[Change]:
    for flow in sorted(fb.keys() - fh.keys()):
        yield "oauth-flow-removed", name, source, {"flow": flow}
    for flow in sorted(fh.keys() - fb.keys()):
        yield "oauth-flow-added", name, source, {"flow": flow}
    for flow in sorted(fb.keys() & fh.keys()):
        b, h = fb[flow], fh[flow]
        for key, kind in (
            ("tokenUrl", "oauth-token-url-changed"),
            ("authorizationUrl", "oauth-url-changed"),
        ):
            ub, uh = _str(b.get(key)), _str(h.get(key))
            if ub != uh and ub is not None:
                yield kind, name, source, {"flow": flow, "old": ub, "new": uh}
        scb = b.get("scopes") if isinstance(b.get("scopes"), dict) else {}
        sch = h.get("scopes") if isinstance(h.get("scopes"), dict) else {}
        removed = sorted(str(s) for s in scb.keys() - sch.keys())
        added = sorted(str(s) for s in sch.keys() - scb.keys())
        if removed:
            yield "oauth-scope-removed", name, source, {"flow": flow, "values": removed}
        if added:
            yield "oauth-scope-added", name, source, {"flow": flow, "values": added}
