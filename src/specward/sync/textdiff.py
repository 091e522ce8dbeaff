"""The unified diff of a sync, in time and memory linear in the size of a large file.

``difflib``'s matcher takes time quadratic in the length of a long file (two minutes for a 30 MB
spec with one line changed), and splitting both texts into lines takes several times their
size. Above ``TRIM_LINES`` lines the text both versions start and end with is therefore set
aside first, but for some context, at line ends; only the rest is split and diffed, and the
hunks are renumbered. The output is difflib's, except that an edit difflib could place in more
than one way (a blank line added next to another) may be shown at the other place. Smaller
texts go to difflib whole.
"""

from __future__ import annotations

import difflib
import re

TRIM_LINES = 20_000
"""Texts of more lines than this (both together) are trimmed before diffing."""

_BLOCK = 1 << 16
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines() line ends besides "\n"


def unified_diff(old: str, new: str, fromfile: str, tofile: str, context: int = 3) -> str:
    """``difflib.unified_diff`` of the two texts' lines (ends kept), as one string."""
    start, old_end, new_end = 0, len(old), len(new)
    if old.count("\n") + new.count("\n") > TRIM_LINES:
        start = _line_start_before(old, _common_prefix(old, new), context + 1)
        tail = _common_suffix(old, new, min(old_end, new_end) - start)
        cut = _line_end_after(old, old_end - tail, context)
        old_end, new_end = cut, new_end - (old_end - cut)
    a = old[start:old_end].splitlines(keepends=True)
    b = new[start:new_end].splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=fromfile, tofile=tofile, n=context)
    skip = _line_count(old, start)
    if not skip:
        return "".join(lines)
    return "".join(
        _HUNK.sub(lambda m: _shifted(m, skip), ln) if ln[:2] == "@@" else ln for ln in lines
    )


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` start with in common."""
    return _common_run(a, b, min(len(a), len(b)), from_end=False)


def _common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters (at most ``limit``) ``a`` and ``b`` end with in common."""
    return _common_run(a, b, limit, from_end=True)


def _common_run(a: str, b: str, limit: int, *, from_end: bool) -> int:
    """The length of the common start (or end) of ``a`` and ``b``, up to ``limit``: compared
    in blocks, then by halves inside the first block that differs."""
    n, m = len(a), len(b)

    def same(i: int, j: int) -> bool:  # characters i..j from the start (or the end) agree
        return a[n - j : n - i] == b[m - j : m - i] if from_end else a[i:j] == b[i:j]

    i = 0
    while i < limit:
        j = min(i + _BLOCK, limit)
        if same(i, j):
            i = j
            continue
        while j - i > 1:  # the first i agree; they differ before j
            mid = (i + j) // 2
            if same(i, mid):
                i = mid
            else:
                j = mid
        return i
    return limit


def _line_start_before(text: str, pos: int, lines: int) -> int:
    """The start of the line ``lines`` lines above the one holding ``pos`` (a "\\n" ends it)."""
    for _ in range(lines):
        if pos <= 0:
            return 0
        pos = text.rfind("\n", 0, pos - 1) + 1
    return max(pos, 0)


def _line_end_after(text: str, pos: int, lines: int) -> int:
    """The end of the line ``lines`` lines below the one holding ``pos`` (after its "\\n")."""
    for _ in range(lines + 1):
        found = text.find("\n", pos)
        if found < 0:
            return len(text)
        pos = found + 1
    return pos


def _line_count(text: str, end: int) -> int:
    """Lines (as ``str.splitlines`` counts them) in ``text[:end]``, which ends a line."""
    if not end:
        return 0
    count = text.count("\n", 0, end) - text.count("\r\n", 0, end)
    return count + sum(text.count(ch, 0, end) for ch in _BREAKS)


def _shifted(match: re.Match[str], skip: int) -> str:
    old, old_len, new, new_len = match.groups()
    return f"@@ -{int(old) + skip}{old_len or ''} +{int(new) + skip}{new_len or ''} @@"
