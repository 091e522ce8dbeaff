"""The bounds on input, the same in every command; going over one is a one-line exit-2 error."""

from __future__ import annotations

MAX_BYTES = 32 * 1024 * 1024
"""Largest spec file accepted (32 MiB)."""

MAX_NODES = 5_000_000
"""Largest node count of one document, after YAML alias expansion (more is an alias bomb)."""

MAX_REF_CHAIN = 10_000
"""Longest chain of plain ``$ref`` objects (``A: {$ref: B}``, ``B: {$ref: C}``...)."""

MAX_DEPTH = 256
"""Deepest nesting of mappings and lists in one document (a schema 128 levels deep is 256)."""

MAX_SCHEMA_DEPTH = 256
"""Deepest nesting of schemas through ``$ref``s (recursive schemas count each schema once)."""
