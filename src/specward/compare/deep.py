"""Run a recursive walk with room to recurse: a thread with a large stack and a raised limit.

The schema differ recurses once per level of nesting and per ``$ref`` hop. Real specs stay far
below Python's default limit, but a hostile one (a chain of thousands of components, each
referring to the next) would not; rather than rewrite every walk as a loop, the walk runs in a
thread whose C stack fits ``MAX_DEPTH`` Python frames, and anything deeper is reported as bad
input instead of crashing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from specward.errors import SpecError

T = TypeVar("T")

MAX_DEPTH = 50_000
"""Python frames a deep walk may use."""

STACK_BYTES = 512 * 1024 * 1024
"""Stack of the walking thread: address space only, pages are committed as they are touched."""

_lock = threading.Lock()


def run_deep(
    fn: Callable[..., T], *args: Any, what: str = "specs", frames: int = 0, **kwargs: Any
) -> T:
    """``fn(*args, **kwargs)`` with room for ``frames`` (by default ``MAX_DEPTH``) frames.

    Raises :class:`SpecError` when even that is not enough (a structure nested or chained more
    than tens of thousands of levels deep); other exceptions propagate unchanged.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the calling thread, re-raised there
            error.append(exc)

    with _lock:  # the recursion limit is process-wide: one deep walk at a time
        old_limit, old_stack = sys.getrecursionlimit(), threading.stack_size()
        thread: threading.Thread | None = None
        try:
            threading.stack_size(STACK_BYTES)
            thread = threading.Thread(target=target, name="specward-deep-walk", daemon=True)
            sys.setrecursionlimit(max(old_limit, frames or MAX_DEPTH))
            thread.start()
        except (RuntimeError, ValueError, MemoryError):  # no room for such a thread
            sys.setrecursionlimit(old_limit)
            thread = None
        finally:
            threading.stack_size(old_stack)
        try:
            if thread is None:
                target()  # walk here, within the default limit
            else:
                thread.join()
        finally:
            sys.setrecursionlimit(old_limit)
    if error:
        if isinstance(error[0], RecursionError):
            raise SpecError(
                f"cannot compare {what}: schemas nest or chain $refs too deeply"
            ) from None
        raise error[0]
    return result[0]
