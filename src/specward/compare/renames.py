"""Rename pairing shared by ``breaking`` and ``drift``: one removed name and one added name in the
same place, with compatible schemas and related names, are one rename, not two changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeVar

T = TypeVar("T")

_SPLIT = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
MIN_SIMILARITY = 0.7


def tokens(name: str) -> list[str]:
    """Lower-case words of a name in any case style, plural ``s`` dropped: ``jobUUIDs`` is [job, uuid]."""
    out = []
    for word in _SPLIT.findall(name):
        word = word.lower()
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def name_similarity(a: str, b: str) -> float:
    """0..1: how likely ``b`` is a new name for ``a``.

    Word containment counts most (``checkpoint_id`` in ``resume_from_checkpoint_id`` is 1.0);
    otherwise the character similarity of the joined words.
    """
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    containment = sum(1 for t in shorter if t in longer) / len(shorter)
    from difflib import SequenceMatcher  # on first use: most runs never compare names

    chars = SequenceMatcher(None, "".join(ta), "".join(tb)).ratio()
    return max(containment if containment == 1.0 else containment * 0.8, chars)


def pair_renames(
    removed: Mapping[str, T],
    added: Mapping[str, T],
    compatible: Callable[[T, T], bool],
    *,
    min_similarity: float = MIN_SIMILARITY,
) -> list[tuple[str, str]]:
    """Pairs (old, new) of removed and added names that are renames, best matches first.

    A pair needs compatible values and a name similarity of at least ``min_similarity``; each name
    is used once, and the result is sorted by old name for stable output.
    """
    candidates = []
    for old, old_value in removed.items():
        for new, new_value in added.items():
            score = name_similarity(old, new)
            if score >= min_similarity and compatible(old_value, new_value):
                candidates.append((-score, old, new))
    candidates.sort()
    used_old: set[str] = set()
    used_new: set[str] = set()
    pairs = []
    for _, old, new in candidates:
        if old in used_old or new in used_new:
            continue
        used_old.add(old)
        used_new.add(new)
        pairs.append((old, new))
    return sorted(pairs)
