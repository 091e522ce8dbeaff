"""Spec differ part: an operation's effective security requirements (public or not, alternatives
added or removed, OAuth scopes added or removed)."""

from __future__ import annotations

from specward.compare.differ_state import DifferState
from specward.model import Operation


class SecurityDiff(DifferState):
    """Mixed into the spec differ, which provides ``add`` and the two specs."""

    def security(self, b: Operation, h: Operation, label: str) -> None:
        sb = self.base.effective_security(b)
        sh = self.head.effective_security(h)
        where = f"{label} security"
        public_b = not sb or any(not req for req in sb)
        public_h = not sh or any(not req for req in sh)
        names = lambda req: " + ".join(sorted(req))  # noqa: E731
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
        for key in sorted(alt_b.keys() - alt_h.keys(), key=sorted):
            self.add(
                "security",
                "requirement-removed",
                f"{where}.{names(key)}",
                label,
                h.source,
                old=names(key),
            )
        for key in sorted(alt_h.keys() - alt_b.keys(), key=sorted):
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
