"""Strings that match a regular expression, generated from its parse tree (deterministic for an rng)."""

from __future__ import annotations

import random
import re
import string
from typing import Any

try:  # Python 3.11+
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MAX_REPEAT = 4
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: string.digits,
    sre_constants.CATEGORY_NOT_DIGIT: string.ascii_letters,
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: string.ascii_letters + string.digits,
    sre_constants.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
    sre_constants.CATEGORY_NOT_WORD: "-.",
}
_ANY = string.ascii_letters + string.digits


def from_pattern(
    pattern: str, rng: random.Random, min_length: int = 0, max_length: int | None = None
) -> str | None:
    """A string that ``re.search(pattern)`` matches within the length bounds, or None."""
    try:
        parsed = sre_parse.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return None
    for attempt in range(8):
        try:
            text = _emit(parsed, rng, {}, attempt)
        except (ValueError, RecursionError):
            return None
        if len(text) < min_length and not _anchored_end(pattern):
            text = text + "a" * (min_length - len(text))
        if (
            compiled.search(text)
            and len(text) >= min_length
            and (max_length is None or len(text) <= max_length)
        ):
            return text
    return None


def _anchored_end(pattern: str) -> bool:
    return pattern.endswith("$") or pattern.endswith("\\Z")


def _emit(parsed: Any, rng: random.Random, groups: dict[int, str], attempt: int) -> str:
    out = []
    for op, arg in parsed:
        out.append(_one(op, arg, rng, groups, attempt))
    return "".join(out)


def _one(op: Any, arg: Any, rng: random.Random, groups: dict[int, str], attempt: int) -> str:
    c = sre_constants
    if op is c.LITERAL:
        return chr(arg)
    if op is c.NOT_LITERAL:
        return next(ch for ch in _ANY if ord(ch) != arg)
    if op is c.ANY:
        return rng.choice(_ANY)
    if op is c.IN:
        return _in(arg, rng)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg
        high = min(high, low + _MAX_REPEAT) if high != c.MAXREPEAT else low + _MAX_REPEAT
        count = rng.randint(low, max(low, min(high, low + 1 + attempt)))
        return "".join(_emit(sub, rng, groups, attempt) for _ in range(count))
    if op is c.SUBPATTERN:
        group, _, _, sub = arg
        text = _emit(sub, rng, groups, attempt)
        if group:
            groups[group] = text
        return text
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _emit(arg, rng, groups, attempt)
    if op is c.BRANCH:
        _, branches = arg
        return _emit(rng.choice(branches), rng, groups, attempt)
    if op is c.GROUPREF:
        return groups.get(arg, "")
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return ""
    if op is c.CATEGORY:
        return rng.choice(_CATEGORIES.get(arg, _ANY))
    raise ValueError(f"unsupported regex construct {op}")


def _in(items: list[Any], rng: random.Random) -> str:
    c = sre_constants
    negate = bool(items) and items[0][0] is c.NEGATE
    chars: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            chars.append(chr(arg))
        elif op is c.RANGE:
            low, high = arg
            chars.extend(chr(x) for x in range(low, min(high, low + 200) + 1))
        elif op is c.CATEGORY:
            chars.extend(_CATEGORIES.get(arg, _ANY))
    if negate:
        banned = set(chars)
        options = [ch for ch in _ANY + "-_." if ch not in banned]
        return rng.choice(options) if options else "~"
    if not chars:
        raise ValueError("empty character class")
    return rng.choice(chars)
