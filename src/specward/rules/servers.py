"""Servers: URLs and the base path every operation sits under."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import RuleFactory

FAMILY = "servers"


_rule = RuleFactory(FAMILY, "none", K.SERVERS)


RULES = [
    _rule(
        "api-server-removed",
        "warning",
        K.REMOVED,
        "server {old} removed",
        "Clients configured with this server URL must change it.",
    ),
    _rule("api-server-added", "info", K.ADDED, "server {new} added", "A new server URL."),
    _rule(
        "api-base-path-changed",
        "error",
        K.BASE_PATH_CHANGED,
        "base path changed from {old} to {new}",
        "Every operation moved: the path part of the server URL (or Swagger `basePath`) "
        "changed. Operations are then compared by their paths below the base path.",
    ),
]
