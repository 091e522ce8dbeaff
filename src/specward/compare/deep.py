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

MIN_STACK_BYTES = 16 * 1024 * 1024
"""Below this much room for a stack, the walk runs in the calling thread."""

_lock = threading.Lock()


def stack_bytes() -> int:
    """The walking thread's stack: ``STACK_BYTES``, or under an address-space limit (``ulimit
    -v``, RLIMIT_AS) at most half the room left, so that a large spec already in memory leaves
    the rest for the walk's own allocations."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft == resource.RLIM_INFINITY:
            return STACK_BYTES
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        return STACK_BYTES
    return max(0, min(STACK_BYTES, (soft - used) // 2))


def _release_stacks() -> None:
    """Have the C library unmap the walk's stack now that its thread has ended.

    glibc keeps the stack of an ended thread in a cache and trims that cache only when a
    thread ends later; an ending thread cannot free its own stack. Without this the walk's
    stack (hundreds of MB of address space) stayed mapped until the next deep walk, and under
    an address-space limit a large spec ran out of room after its comparison. A thread with
    a small stack that ends at once trims the cache.
    """
    old = threading.stack_size()
    try:
        threading.stack_size(256 * 1024)
        trimmer = threading.Thread(target=lambda: None, name="specward-stack-trim", daemon=True)
        trimmer.start()
        trimmer.join()
    except (RuntimeError, ValueError, MemoryError):
        pass  # no room even for that: the stack is reused or trimmed later
    finally:
        threading.stack_size(old)


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
            stack = stack_bytes()
            if stack < MIN_STACK_BYTES:
                raise MemoryError  # no room for such a thread
            threading.stack_size(stack)
            thread = threading.Thread(target=target, name="specward-deep-walk", daemon=True)
            room = MAX_DEPTH * stack // STACK_BYTES  # the frames this stack holds
            sys.setrecursionlimit(max(old_limit, min(frames or MAX_DEPTH, room)))
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
                _release_stacks()
        finally:
            sys.setrecursionlimit(old_limit)
    if error:
        if isinstance(error[0], RecursionError):
            raise SpecError(
                f"cannot compare {what}: schemas nest or chain $refs too deeply"
            ) from None
        raise error[0]
    return result[0]
