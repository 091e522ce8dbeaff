"""What the parts of the spec differ (parameters, bodies, security) read from the differ they are
mixed into: the two specs, the schema differ, and the event sinks."""

from __future__ import annotations

from collections.abc import Callable

from specward.compare.schema_diff import SchemaDiffer
from specward.model import Spec


class DifferState:
    """Declarations only: ``_SpecDiff`` sets these attributes and defines these methods."""

    base: Spec
    head: Spec
    schemas: SchemaDiffer
    add: Callable[..., None]
    schema_events: Callable[..., None]
