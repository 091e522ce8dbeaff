"""Spec differ part: an operation's effective security requirements (public or not, alternatives
added or removed, OAuth scopes added or removed)."""

from __future__ import annotations

from typing import Any

from specward.compare import kinds as K
from specward.compare.differ_state import DifferState
from specward.compare.security_schemes import wire_form
from specward.model import Operation, Spec

Requirement = dict[str, list[str]]


def _names(req: Any) -> str:
    return " + ".join(sorted(req))


def _wire(spec: Spec, req: Any) -> frozenset[str]:
    """What an alternative puts on the wire: the header or parameter each scheme fills (schemes
    with no simple wire form stand for themselves)."""
    schemes = spec.security_schemes
    return frozenset(wire_form(schemes.get(name, {})) or f"scheme:{name}" for name in req)


class SecurityDiff(DifferState):
    """Mixed into the spec differ, which provides ``add`` and the two specs."""

    def security(self, b: Operation, h: Operation, label: str) -> None:
        sb = self.base.effective_security(b)
        sh = self.head.effective_security(h)
        where = f"{label} security"
        public_b = not sb or any(not req for req in sb)
        public_h = not sh or any(not req for req in sh)
        names = _names
        if public_b and not public_h:
            self.add("security", "added", where, label, h.source, new=[names(r) for r in sh])
            return
        if public_h and not public_b:
            self.add("security", "removed", where, label, h.source, old=[names(r) for r in sb])
            return
        if public_b:
            return
        alt_b = {frozenset(r): r for r in sb}
        alt_h = {frozenset(r): r for r in sh}
        gone = self.wire_unchanged(alt_b.keys() - alt_h.keys(), alt_h.keys() - alt_b.keys())
        for key in sorted(alt_b.keys() - alt_h.keys() - gone, key=sorted):
            self.add(
                "security",
                "requirement-removed",
                f"{where}.{names(key)}",
                label,
                h.source,
                old=names(key),
            )
        for key in sorted(alt_h.keys() - alt_b.keys() - gone, key=sorted):
            self.add(
                "security",
                "requirement-added",
                f"{where}.{names(key)}",
                label,
                h.source,
                new=names(key),
            )
        for key in sorted(alt_b.keys() & alt_h.keys(), key=sorted):
            for scheme in sorted(key):
                scopes_b, scopes_h = set(alt_b[key][scheme]), set(alt_h[key][scheme])
                for kind, values in (
                    ("scope-added", scopes_h - scopes_b),
                    ("scope-removed", scopes_b - scopes_h),
                ):
                    if values:
                        self.add(
                            "security",
                            kind,
                            f"{where}.{scheme}",
                            label,
                            h.source,
                            name=scheme,
                            values=sorted(values),
                        )

    def wire_unchanged(
        self, removed: set[frozenset[str]], added: set[frozenset[str]]
    ) -> set[frozenset[str]]:
        """Removed and added alternatives that send the same thing over the wire (an API key in
        the Authorization header replaced by HTTP bearer): not a change for clients."""
        out: set[frozenset[str]] = set()
        wires = {key: _wire(self.head, key) for key in added}
        for key in removed:
            wire = _wire(self.base, key)
            match = next((k for k in sorted(added, key=sorted) if wires[k] == wire), None)
            if match is not None and match not in out:
                out |= {key, match}
        return out

    def global_security(self) -> None:
        """The spec-level ``security`` list: alternatives and their scopes."""
        gb = {frozenset(r): r for r in self.base.security}
        gh = {frozenset(r): r for r in self.head.security}
        where, source = "security", None
        gone = self.wire_unchanged(gb.keys() - gh.keys(), gh.keys() - gb.keys())
        for key in sorted(gb.keys() - gh.keys() - gone, key=sorted):
            if key:
                self.add(
                    K.GLOBAL_SECURITY, K.REQUIREMENT_REMOVED, where, None, source, old=_names(key)
                )
        for key in sorted(gh.keys() - gb.keys() - gone, key=sorted):
            if key:
                self.add(
                    K.GLOBAL_SECURITY, K.REQUIREMENT_ADDED, where, None, source, new=_names(key)
                )
        for key in sorted(gb.keys() & gh.keys(), key=sorted):
            for scheme in sorted(key):
                scopes_b, scopes_h = set(gb[key][scheme]), set(gh[key][scheme])
                for kind, values in (
                    (K.SCOPE_ADDED, scopes_h - scopes_b),
                    (K.SCOPE_REMOVED, scopes_b - scopes_h),
                ):
                    if values:
                        at = f"{where}.{scheme}"
                        self.add(
                            K.GLOBAL_SECURITY,
                            kind,
                            at,
                            None,
                            source,
                            name=scheme,
                            values=sorted(values),
                        )
