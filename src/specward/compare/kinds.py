"""Event kinds: the constants the differ emits and the rule catalog claims.

Both ``specward.compare`` (which emits events) and ``specward.rules`` (which classifies them)
import these names; the differ never imports the catalog.
"""

from __future__ import annotations

# --- breaking: schema, parameter, body, response, operation and security events ---

# --- drift: events the upstream/published comparison adds ---
