"""Spec differ part: request bodies, responses (statuses, media types, headers) and the schema
events under them, turned into located events."""

from __future__ import annotations

from typing import Any

from specward.compare import kinds as K
from specward.compare.differ_state import DifferState
from specward.compare.events import SchemaEvent, render_path
from specward.model import MediaType, Operation

_HEADER_PROPERTY_KINDS = frozenset({K.BECAME_ENUM, K.BECAME_REQUIRED, K.NEW_REQUIRED})


def _media_key(name: str) -> str:
    return name.split(";", 1)[0].strip().lower()


def _media(content: dict[str, MediaType]) -> dict[str, MediaType]:
    return {_media_key(k): v for k, v in content.items()}


class BodyDiff(DifferState):
    """Mixed into the spec differ, which provides ``add`` and ``schemas``."""

    def request_body(self, b: Operation, h: Operation, label: str) -> None:
        rb, rh = b.request_body, h.request_body
        where = f"{label} request.body"
        if rb is None and rh is None:
            return
        if rb is None:
            assert rh is not None
            self.add(
                "request-body",
                "added-required" if rh.required else "added-optional",
                where,
                label,
                rh.source,
            )
            return
        if rh is None:
            self.add("request-body", "removed", where, label, rb.source)
            return
        if rb.required != rh.required:
            self.add(
                "request-body",
                "became-required" if rh.required else "became-optional",
                where,
                label,
                rh.source,
            )
        self.media_types(
            rb.content,
            rh.content,
            label,
            where,
            "request",
            scope="request-body",
            root_scope="request-body",
            nested_scope="request-property",
            subject="request body",
        )

    def responses(self, b: Operation, h: Operation, label: str) -> None:
        rb = {k.upper(): v for k, v in b.responses.items()}
        rh = {k.upper(): v for k, v in h.responses.items()}
        for status in sorted(rb.keys() - rh.keys()):
            kind = (
                "success-status-removed" if status.startswith("2") else "non-success-status-removed"
            )
            self.add(
                "response",
                kind,
                f"{label} response[{status}]",
                label,
                rb[status].source,
                status=status,
            )
        for status in sorted(rh.keys() - rb.keys()):
            kind = "success-status-added" if status.startswith("2") else "non-success-status-added"
            self.add(
                "response",
                kind,
                f"{label} response[{status}]",
                label,
                rh[status].source,
                status=status,
            )
        for status in sorted(rb.keys() & rh.keys()):
            self.response(rb[status], rh[status], status, label)

    def response(self, b: Any, h: Any, status: str, label: str) -> None:
        where = f"{label} response[{status}]"
        self.media_types(
            b.content,
            h.content,
            label,
            where,
            "response",
            scope="response",
            root_scope="response-body",
            nested_scope="response-property",
            subject=f"response {status} body",
            status=status,
        )
        for key in sorted(b.headers.keys() - h.headers.keys()):
            header = b.headers[key]
            kind = "required-removed" if header.required else "optional-removed"
            self.add(
                "response-header",
                kind,
                f"{where}.header.{header.name}",
                label,
                header.source,
                status=status,
                name=header.name,
            )
        for key in sorted(b.headers.keys() & h.headers.keys()):
            hb, hh = b.headers[key], h.headers[key]
            at = f"{where}.header.{hh.name}"
            if hb.required != hh.required:
                kind = "became-required" if hh.required else "became-optional"
                self.add("response-header", kind, at, label, hh.source, status=status, name=hh.name)
            self.schema_events(
                self.schemas.diff(hb.schema, hh.schema, "response"),
                "response-header",
                "response-header",
                at,
                f"response {status} header {hh.name}",
                label,
            )

    def media_types(
        self,
        base: dict[str, MediaType],
        head: dict[str, MediaType],
        label: str,
        where: str,
        direction: str,
        *,
        scope: str,
        root_scope: str,
        nested_scope: str,
        subject: str,
        **fields: Any,
    ) -> None:
        """Media types of a request body or response removed, added, and their schemas compared
        (``fields`` go before ``name`` on the removed/added events)."""
        mb, mh = _media(base), _media(head)
        for name in sorted(mb.keys() - mh.keys()):
            at = f"{where}[{name}]"
            self.add(scope, "media-type-removed", at, label, mb[name].source, **fields, name=name)
        for name in sorted(mh.keys() - mb.keys()):
            at = f"{where}[{name}]"
            self.add(scope, "media-type-added", at, label, mh[name].source, **fields, name=name)
        for name in sorted(mb.keys() & mh.keys()):
            sb, sh = mb[name].schema, mh[name].schema
            if (sb is None) != (sh is None):
                kind = K.MEDIA_TYPE_SCHEMA_ADDED if sb is None else K.MEDIA_TYPE_SCHEMA_REMOVED
                source = (mh[name] if sb is None else mb[name]).source
                self.add(root_scope, kind, f"{where}[{name}]", label, source, **fields, name=name)
                continue
            events = self.schemas.diff(sb, sh, direction)
            self.schema_events(events, root_scope, nested_scope, f"{where}[{name}]", subject, label)

    def schema_events(
        self,
        events: list[SchemaEvent],
        root_scope: str,
        nested_scope: str,
        where: str,
        subject: str,
        label: str,
        *,
        header: bool = False,
    ) -> None:
        """Turn schema events into events at ``where`` (a location prefix).

        ``subject`` names the schema's root in messages ("request body", "response 200 body",
        "query parameter limit"); nested places read "request property a.b". In an
        object-valued request ``header``, a nested property that became an enum or required, or
        a new required one, is a header property change.
        """
        for event in events:
            path = render_path(event.path)
            location = f"{where}.{path}" if path else where
            container = render_path(event.path[:-1] if event.on_property else event.path)
            if root_scope in ("request-parameter", "response-header"):
                scope = root_scope
                if header and event.path and event.kind in _HEADER_PROPERTY_KINDS:
                    scope = K.REQUEST_HEADER_PROPERTY
                shown = f"{subject} {container}" if container else subject
            else:
                scope = nested_scope if event.on_property or event.path else root_scope
                shown = (
                    f"{subject.removesuffix(' body')} property {container}"
                    if container
                    else subject
                )
            self.add(
                scope, event.kind, location, label, event.source(), subject=shown, **event.fields
            )
