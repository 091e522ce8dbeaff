"""Write an edited JSON document back into its text, changing only what the edit changed.

A sync changes a handful of values in a published spec. Dumping the whole tree again would
re-indent every line a person formatted by hand (compact arrays, ``"a" : 1``, a second style
pasted in) and, with an indent, run ``json``'s pure-Python encoder over the whole file. Here
the old and new trees are compared from the root down and only the values that differ are
written anew, at the indentation of the line they start on. Every other byte of the text is
kept, and the text is read only as far as the last change (each value before it is skipped
by the C decoder).

Values are compared as Python compares them, with the types checked where a value is
replaced: ``1`` becoming ``true`` is written, but inside a list or an object that compares
equal it is not (``[0, 1] == [False, True]``). A sync never makes such an edit.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from specward.load.parse import json_members, json_value_end

_WS = " \t\r\n"

_Edit = tuple[int, int, str]
"""Replace ``text[start:end]`` with the string."""

_Member = tuple[str, int, int, int]
"""(token, start, value start, value end) of a member of a container."""

_Piece = tuple["int | None", str]
"""A member written again: the index of the old member it comes from (None: new), its text."""


def splice(text: str, old: Any, new: Any, indent: int | None) -> str:
    """``text`` (the JSON document ``old``) rewritten to hold ``new``.

    Each changed value is written with ``indent`` spaces a level (on one line when None).
    Raises ValueError when the text is not the plain JSON of ``old``.
    """
    start = len(text) - len(text.lstrip(_WS))
    return _apply(text, _Splicer(text, indent).value(start, old, new), 0, len(text))


def _apply(text: str, edits: list[_Edit], start: int, end: int) -> str:
    """``text[start:end]`` with ``edits`` (in text order, inside that span) made."""
    out, cursor = [], start
    for s, e, written in edits:
        out += [text[cursor:s], written]
        cursor = e
    out.append(text[cursor:end])
    return "".join(out)


class _Splicer:
    def __init__(self, text: str, indent: int | None) -> None:
        self.text = text
        self.indent = indent
        self.one_line = "\n" not in text.strip(_WS)

    def value(self, start: int, old: Any, new: Any) -> list[_Edit]:
        """The edits that turn the value written at ``start`` from ``old`` into ``new``."""
        if _same(old, new):
            return []
        opener = self.text[start]
        if isinstance(old, dict) and isinstance(new, dict) and opener == "{":
            if list(old) == list(new):
                return self._in_place(start, list(old), old, new)
            return [self._object(start, old, new)]
        if isinstance(old, list) and isinstance(new, list) and opener == "[":
            if len(old) == len(new):
                return self._in_place(start, list(range(len(old))), old, new)
            return [self._array(start, old, new)]
        end = json_value_end(self.text, start)
        return [(start, end, self.render(new, self.line_indent(start)))]

    # -- containers ---------------------------------------------------------------------------
    def _in_place(self, start: int, keys: list[Any], old: Any, new: Any) -> list[_Edit]:
        """The edits inside a container whose keys stay as they are: the text is read up to
        the last changed value only."""
        changed = {i for i, key in enumerate(keys) if not _same(old[key], new[key])}
        edits: list[_Edit] = []
        for i, (token, _, v) in enumerate(json_members(self.text, start)):
            if i >= len(keys) or token != str(keys[i]):
                raise ValueError("the text is not the document")
            if i in changed:
                edits += self.value(v, old[keys[i]], new[keys[i]])
                changed.discard(i)
                if not changed:
                    return edits
        raise ValueError("the text is not the document")

    def _members(self, start: int) -> tuple[list[_Member], int]:
        """Every member of the container at ``start``, and where the container ends."""
        found: list[tuple[str, int, int]] = []
        walk = json_members(self.text, start)
        try:
            while True:
                found.append(next(walk))
        except StopIteration as stop:
            close: int = stop.value
        ends = [self._back(s) for _, s, _ in found[1:]]
        if found:
            ends.append(self._trim(close))
        members = [(t, s, v, e) for (t, s, v), e in zip(found, ends, strict=True)]
        return members, close + 1

    def _object(self, start: int, old: dict[str, Any], new: dict[str, Any]) -> _Edit:
        """The object written again: kept members as written (their changes made), the rest
        written anew."""
        members, end = self._members(start)
        if [m[0] for m in members] != list(old):  # a duplicate key, or not this document
            raise ValueError("the text is not the document")
        index = {m[0]: i for i, m in enumerate(members)}
        at, colon = self._member_indent(start, members), self._colon(members)
        pieces: list[_Piece] = []
        for key, value in new.items():
            if key in old:
                _, s, v, e = members[index[key]]
                pieces.append((index[key], _apply(self.text, self.value(v, old[key], value), s, e)))
            else:
                name = json.dumps(key, ensure_ascii=False)
                pieces.append((None, name + colon + self.render(value, at)))
        return start, end, self._checked(self._rebuild(start, end, members, pieces), new)

    def _array(self, start: int, old: list[Any], new: list[Any]) -> _Edit:
        """The list written again: old items kept as written, in their order, where they
        still are; the rest written anew."""
        members, end = self._members(start)
        if len(members) != len(old):
            raise ValueError("the text is not the document")
        at = self._member_indent(start, members)
        pieces: list[_Piece] = []
        cursor = 0
        for value in new:
            found = next((i for i in range(cursor, len(old)) if _same(old[i], value)), None)
            if found is None:
                pieces.append((None, self.render(value, at)))
            else:
                _, s, _, e = members[found]
                pieces.append((found, self.text[s:e]))
                cursor = found + 1
        return start, end, self._checked(self._rebuild(start, end, members, pieces), new)

    def _rebuild(self, start: int, end: int, members: list[_Member], pieces: list[_Piece]) -> str:
        """The container at ``text[start:end]`` written from ``pieces`` with the blanks of the
        original: a kept member keeps the separator before it, a new one takes that of the
        member it follows."""
        text = self.text
        if not pieces:
            return text[start] + text[end - 1]
        lead, trail = self._lead(start, members), self._trail(start, end, members)
        before: list[str | None] = [None]
        before += [text[a[3] : b[1]] for a, b in itertools.pairwise(members)]
        usual = before[1] if len(before) > 1 else "," + (lead if "\n" in lead else " ")
        out = [lead, pieces[0][1]]
        for (prev, _), (origin, written) in itertools.pairwise(pieces):
            sep = before[origin] if origin is not None else None
            if sep is None and prev is not None:
                sep = before[prev]
            out += [sep or usual, written]
        return text[start] + "".join(out) + trail + text[end - 1]

    def _lead(self, start: int, members: list[_Member]) -> str:
        """The blanks after the opening bracket (as the indent lays them out when empty)."""
        if members:
            return self.text[start + 1 : members[0][1]]
        if self.indent is None:
            return ""
        return "\n" + (self.line_indent(start) or "") + " " * self.indent

    def _trail(self, start: int, end: int, members: list[_Member]) -> str:
        """The blanks before the closing bracket."""
        if members:
            return self.text[members[-1][3] : end - 1]
        return "" if self.indent is None else "\n" + (self.line_indent(start) or "")

    def _member_indent(self, start: int, members: list[_Member]) -> str | None:
        """Where a member's continuation lines start; None for a container on one line."""
        lead = self._lead(start, members)
        return lead[lead.rfind("\n") + 1 :] if "\n" in lead else None

    def _colon(self, members: list[_Member]) -> str:
        """The blanks and colon between a key and its value, as the first member has them."""
        if not members:
            return ": "
        key_text = self.text[members[0][1] : members[0][2]]
        return key_text[len(key_text[: key_text.rindex(":")].rstrip(_WS)) :]

    @staticmethod
    def _checked(written: str, new: Any) -> str:
        """``written``, once it is seen to decode to ``new`` (a container written again is the
        one place where separators are put together; values in place are whole values)."""
        if not _same(json.loads(written), new):
            raise ValueError("the container was not written back faithfully")
        return written

    # -- text helpers ---------------------------------------------------------------------------
    def render(self, value: Any, at: str | None) -> str:
        """``value`` as JSON whose continuation lines start with ``at`` (one line when None)."""
        if self.indent is None or at is None:
            return json.dumps(value, ensure_ascii=False)
        out = json.dumps(value, ensure_ascii=False, indent=self.indent)
        return out.replace("\n", "\n" + at)  # JSON strings hold no raw newline

    def line_indent(self, pos: int) -> str | None:
        """The blanks that start the line ``pos`` is on; None when the text is one line."""
        if self.one_line:
            return None
        begin = self.text.rfind("\n", 0, pos) + 1
        line = self.text[begin:pos]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def _trim(self, pos: int) -> int:
        """``pos`` moved back over blanks."""
        while pos > 0 and self.text[pos - 1] in _WS:
            pos -= 1
        return pos

    def _back(self, member_start: int) -> int:
        """Where the value before the member at ``member_start`` ends (blanks, a comma)."""
        pos = self._trim(member_start)
        if self.text[pos - 1] != ",":
            raise ValueError("no comma between members")
        return self._trim(pos - 1)


def _same(old: Any, new: Any) -> bool:
    """Equal as decoded JSON, the kinds compared at this level (``1`` is not ``true``; a
    ``dict`` subclass is an object)."""
    return _kind(old) is _kind(new) and bool(old == new)


def _kind(value: Any) -> type:
    if isinstance(value, dict):
        return dict
    return list if isinstance(value, list) else type(value)
