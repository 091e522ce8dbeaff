"""Spec differ part: request parameters of one operation pair, matched by location and name
(path parameters by position), renamed, moved to another location, or compared member by member."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from specward.compare.lifecycle import LifecycleDiff
from specward.compare.matcher import renamed_pairs
from specward.compare.schema_diff import compatible
from specward.model import Operation, Parameter, path_params
from specward.model.spec import ParamKey

_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}


def _param_keys(op: Operation) -> dict[ParamKey, Parameter]:
    """Parameters keyed for comparison: path parameters by position (their names do not matter on
    the wire), the others by location and name."""
    order = {name: i for i, name in enumerate(path_params(op.path))}
    out: dict[ParamKey, Parameter] = {}
    for key, param in op.parameters.items():
        if param.location == "path":
            out[("path", str(order.get(param.name, param.name)))] = param
        else:
            out[key] = param
    return out


def _raw(p: Parameter) -> dict[str, Any]:
    """A parameter's schema node with its description, for the matcher."""
    node = dict(p.schema.raw) if p.schema is not None else {}
    return {**node, "description": p.description}


def _same_name(a: str, b: str) -> bool:
    """Parameter names that are the same on the wire in any location (headers ignore case;
    ``X-Request-Id`` and ``x_request_id`` are one name)."""
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


class ParameterDiff(LifecycleDiff):
    """Mixed into the spec differ, which provides ``add``, ``schemas`` and ``schema_events``."""

    def parameters(
        self, b: Operation, h: Operation, label: str, skip: Iterable[tuple[ParamKey, ParamKey]]
    ) -> None:
        pb, ph = _param_keys(b), _param_keys(h)
        skipped = list(skip)
        order_b = {name: str(i) for i, name in enumerate(path_params(b.path))}
        order_h = {name: str(i) for i, name in enumerate(path_params(h.path))}

        def keyed(key: ParamKey, order: dict[str, str]) -> ParamKey:
            return ("path", order.get(key[1], key[1])) if key[0] == "path" else key

        for base_key, head_key in skipped:  # moved parameters: reported with the move
            pb.pop(keyed(base_key, order_b), None)
            ph.pop(keyed(head_key, order_h), None)
        removed = {k: p for k, p in pb.items() if k not in ph}
        added = {k: p for k, p in ph.items() if k not in pb}
        for key in [k for k in pb if k in ph]:
            self.parameter(pb[key], ph[key], label)
        by_location: dict[str, tuple[dict[str, Parameter], dict[str, Parameter]]] = {}
        for p in removed.values():
            by_location.setdefault(p.location, ({}, {}))[0][p.name] = p
        for p in added.values():
            by_location.setdefault(p.location, ({}, {}))[1][p.name] = p
        self.relocated(by_location, label)
        for location in sorted(by_location):
            gone, new = by_location[location]
            for old_name, new_name, why in renamed_pairs(gone, new, self._params_compatible, _raw):
                bp, hp = gone.pop(old_name), new.pop(new_name)
                self.add(
                    "request-parameter",
                    "renamed",
                    f"{label} request.{location}.{new_name}",
                    label,
                    hp.source,
                    location=location,
                    old=old_name,
                    new=new_name,
                    name=new_name,
                    **why.details(),
                )
                self.parameter(bp, hp, label)
            for name, p in sorted(gone.items()):
                kind, sunset = self.parameter_removal(p)
                self.add(
                    "request-parameter",
                    kind,
                    f"{label} request.{location}.{name}",
                    label,
                    p.source,
                    location=location,
                    name=name,
                    **sunset,
                )
            for name, p in sorted(new.items()):
                self.add(
                    "request-parameter",
                    "new-required" if p.required else "new-optional",
                    f"{label} request.{location}.{name}",
                    label,
                    p.source,
                    location=location,
                    name=name,
                )

    def relocated(
        self,
        by_location: dict[str, tuple[dict[str, Parameter], dict[str, Parameter]]],
        label: str,
    ) -> None:
        """A parameter removed from one location and added to another under the same name (header
        names ignore case) with a compatible schema moved: one change. Path parameters are
        compared by position, so they take no part."""
        for old_loc in sorted(by_location):
            if old_loc == "path":
                continue
            gone = by_location[old_loc][0]
            for name in sorted(gone):
                for new_loc in sorted(by_location):
                    if new_loc in (old_loc, "path"):
                        continue
                    new = by_location[new_loc][1]
                    match = next((n for n in sorted(new) if _same_name(n, name)), None)
                    if match is None or not self._params_compatible(gone[name], new[match]):
                        continue
                    bp, hp = gone.pop(name), new.pop(match)
                    self.add(
                        "request-parameter",
                        "location-changed",
                        f"{label} request.{new_loc}.{match}",
                        label,
                        hp.source,
                        location=new_loc,
                        old=old_loc,
                        new=new_loc,
                        name=match,
                        old_name=name if name != match else None,
                    )
                    self.parameter(bp, hp, label)
                    break

    def _params_compatible(self, b: Parameter, h: Parameter) -> bool:
        if b.schema is None or h.schema is None:
            return b.schema is None and h.schema is None
        return compatible(b.schema, h.schema)

    def parameter(self, b: Parameter, h: Parameter, label: str) -> None:
        where = f"{label} request.{h.location}.{h.name}"
        fields = {"location": h.location, "name": h.name}
        if b.required != h.required:
            kind = "became-required" if h.required else "became-optional"
            self.add("request-parameter", kind, where, label, h.source, **fields)
        self.parameter_lifecycle(b, h, where, label)
        style_b = b.style or _DEFAULT_STYLE.get(b.location)
        style_h = h.style or _DEFAULT_STYLE.get(h.location)
        if style_b != style_h and b.location == h.location:
            self.add(
                "request-parameter",
                "style-changed",
                where,
                label,
                h.source,
                old=style_b,
                new=style_h,
                **fields,
            )
        explode_b = b.explode if b.explode is not None else style_b == "form"
        explode_h = h.explode if h.explode is not None else style_h == "form"
        if explode_b != explode_h and style_b == style_h:
            self.add(
                "request-parameter",
                "explode-changed",
                where,
                label,
                h.source,
                old=explode_b,
                new=explode_h,
                **fields,
            )
        subject = f"{h.location} parameter {h.name}"
        self.schema_events(
            self.schemas.diff(b.schema, h.schema, "request"),
            "request-parameter",
            "request-parameter",
            where,
            subject,
            label,
            header=h.location == "header",
        )
