"""Event kinds: the constants the differ emits and the rule catalog claims.

Both ``specward.compare`` (which emits events) and ``specward.rules`` (which classifies them)
import these names; the differ never imports the catalog.
"""

from __future__ import annotations

# --- breaking: schema, parameter, body, response, operation and security events ---

# --- drift: events the upstream/published comparison adds ---
# The kinds of `specward drift` items: the ids of the `drift` rule family (specward.rules.drift)
# and what sync dispatches on.
DRIFT_OPERATION_ADDED = "operation-added"
DRIFT_OPERATION_REMOVED = "operation-removed"
DRIFT_SCHEMA_ADDED = "schema-added"
DRIFT_SCHEMA_REMOVED = "schema-removed"
DRIFT_PUBLISHED_ONLY = "published-only"
DRIFT_PROPERTY_ADDED = "property-added"
DRIFT_PROPERTY_REMOVED = "property-removed"
DRIFT_PROPERTY_RENAMED = "property-renamed"
DRIFT_PROPERTY_TYPE_CHANGED = "property-type-changed"
DRIFT_PROPERTY_REQUIRED_CHANGED = "property-required-changed"
DRIFT_ENUM_VALUE_ADDED = "enum-value-added"
DRIFT_ENUM_VALUE_REMOVED = "enum-value-removed"
DRIFT_PARAMETER_ADDED = "parameter-added"
DRIFT_PARAMETER_REMOVED = "parameter-removed"
DRIFT_PARAMETER_CHANGED = "parameter-changed"
DRIFT_DESCRIPTION_CHANGED = "description-changed"
