"""Pause Python's cyclic garbage collector while a command builds or compares large models.

Loading and comparing a large spec allocate millions of objects that all stay alive (or die by
reference counting): every collection in between walks them and frees nothing. The model keeps
no reference cycles of its own, so pausing is safe for memory; the collector is restored (and
any cycles freed) when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; restore its previous state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
