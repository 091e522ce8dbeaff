"""The ``drift`` family: what ``specward drift`` reports between an upstream (grpc-gateway)
spec and the published one, and what ``specward sync`` applies. The rule id is the drift item's
``kind`` in ``drift --format json``."""

from __future__ import annotations

from specward.compare import kinds as k
from specward.rules.registry import Rule, RuleFactory

FAMILY = "drift"

_rule = RuleFactory(FAMILY, "none", "drift")


def _drift(rule_id: str, level: str, doc: str) -> Rule:
    """A drift rule; its message is the first sentence of its doc (drift items carry their own)."""
    return _rule(rule_id, level, rule_id, doc.split(". ")[0].split(": ")[0].rstrip("."), doc)


RULES = [
    _drift(
        k.DRIFT_OPERATION_ADDED,
        "error",
        "An upstream operation is missing from the published spec. sync adds it in the "
        "published style (naming, tags, security and error responses of its neighbours).",
    ),
    _drift(
        k.DRIFT_OPERATION_REMOVED,
        "error",
        "An operation the baseline had is gone upstream but still published (needs --baseline "
        "or the contract's baseline:). Without a baseline this is `published-only`.",
    ),
    _drift(
        k.DRIFT_SCHEMA_ADDED,
        "error",
        "An upstream schema is missing from the published spec. sync adds it under the "
        "published naming.",
    ),
    _drift(
        k.DRIFT_SCHEMA_REMOVED,
        "error",
        "A schema the baseline had is gone upstream but still published (needs a baseline).",
    ),
    _drift(
        k.DRIFT_PUBLISHED_ONLY,
        "info",
        "An operation or schema exists only in the published spec (curated endpoints served "
        "by other services): never upstream, so not a removal. sync keeps it; the contract's "
        "`drift: published_only:` list silences it.",
    ),
    _drift(
        k.DRIFT_PROPERTY_ADDED,
        "error",
        "An upstream property is missing from the published schema. sync adds it next to its "
        "upstream neighbours.",
    ),
    _drift(
        k.DRIFT_PROPERTY_REMOVED,
        "error",
        "A published property no longer exists upstream. sync removes it (and its `required` "
        "entry).",
    ),
    _drift(
        k.DRIFT_PROPERTY_RENAMED,
        "error",
        "A published property was renamed upstream: found by the proto field number "
        "(--protos), by the baseline (same text and position, new name) or by the matcher's "
        "signals; `details` has the evidence. sync renames the key in place, keeping its "
        "curated description, constraints, examples, `x-` extensions and comments.",
    ),
    _drift(
        k.DRIFT_PROPERTY_TYPE_CHANGED,
        "error",
        "Type, format or array-ness differs from upstream (int64-as-string, well-known types "
        "and nullability are representation, not drift).",
    ),
    _drift(
        k.DRIFT_PROPERTY_REQUIRED_CHANGED,
        "warning",
        "Upstream requires a property the published spec leaves optional (or, three-way, "
        "dropped a requirement the published spec still states).",
    ),
    _drift(
        k.DRIFT_ENUM_VALUE_ADDED,
        "error",
        "An upstream enum value is missing from the published enum (the proto3 `*_UNSPECIFIED` "
        "zero value aside).",
    ),
    _drift(
        k.DRIFT_ENUM_VALUE_REMOVED,
        "error",
        "A published enum value no longer exists upstream.",
    ),
    _drift(
        k.DRIFT_PARAMETER_ADDED,
        "error",
        "An upstream parameter (or request body) is missing from the published operation.",
    ),
    _drift(
        k.DRIFT_PARAMETER_REMOVED,
        "warning",
        "A published parameter (or request body) no longer exists upstream.",
    ),
    _drift(
        k.DRIFT_PARAMETER_CHANGED,
        "error",
        "A parameter's type or requiredness differs from upstream.",
    ),
    _drift(
        k.DRIFT_DESCRIPTION_CHANGED,
        "info",
        "Upstream wording changed since the baseline and differs from the published text "
        "(three-way: curated wording is never reported).",
    ),
]
