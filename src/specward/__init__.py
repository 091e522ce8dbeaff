"""specward: keep a published OpenAPI spec honest."""

from specward.errors import SpecError, SpecwardError

__version__ = "0.1.0"

__all__ = ["SpecError", "SpecwardError", "__version__"]
