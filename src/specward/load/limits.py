"""The bounds on input, the same in every command; going over one is a one-line exit-2 error."""

from __future__ import annotations

MAX_BYTES = 32 * 1024 * 1024
"""Largest spec file accepted (32 MiB)."""

MAX_NODES = 5_000_000
"""Largest node count of one document, after YAML alias expansion (more is an alias bomb)."""

MAX_REF_CHAIN = 10_000
"""Longest chain of plain ``$ref`` objects (``A: {$ref: B}``, ``B: {$ref: C}``...)."""

MAX_DEPTH = 512
"""Deepest nesting of mappings and lists in one document (``properties: {a: ...}`` is two a
level, so a schema about 250 levels deep). Schemas nested further through references are
walked without this bound (the walks that follow them guard their own depth)."""
