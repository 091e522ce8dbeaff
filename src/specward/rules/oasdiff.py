"""oasdiff's default levels for the check ids specward shares, and why specward differs where it
does.

The levels are facts read from oasdiff's rule table (checker/rules.go in oasdiff/oasdiff): for
every id below, specward's default level is oasdiff's unless :data:`DIFFERS` gives the reason
this project reports it otherwise. Ids oasdiff does not have are specward's own (marked † in
docs/rules.md).
"""

from __future__ import annotations

from specward.report import Level

E, W, I = "error", "warning", "info"  # noqa: E741

# Schema suffixes by place: request bodies and request properties share their levels, as do
# response bodies and response properties, unless a suffix is listed for one place only.
_REQUEST_SCHEMA: dict[str, Level] = {
    "type-changed": E,
    "type-generalized": I,
    "enum-value-removed": E,
    "became-enum": E,
    "const-added": E,
    "const-removed": I,
    "const-changed": E,
    "became-nullable": I,
    "became-not-nullable": E,
    "default-value-added": I,
    "default-value-removed": I,
    "default-value-changed": I,
    "one-of-added": I,
    "one-of-removed": E,
    "any-of-added": I,
    "any-of-removed": E,
    "all-of-added": E,
    "all-of-removed": I,
    "all-of-added-annotation-only": I,
    "all-of-removed-annotation-only": I,
    "discriminator-added": I,
    "discriminator-removed": I,
    "discriminator-property-name-changed": I,
    "discriminator-mapping-added": I,
    "discriminator-mapping-deleted": I,
    "discriminator-mapping-changed": I,
    "max-decreased": E,
    "max-increased": I,
    "max-set": E,
    "exclusive-max-decreased": E,
    "exclusive-max-increased": I,
    "exclusive-max-set": E,
    "min-increased": E,
    "min-decreased": I,
    "min-set": E,
    "exclusive-min-increased": E,
    "exclusive-min-decreased": I,
    "exclusive-min-set": E,
    "max-length-set": E,
    "max-length-decreased": E,
    "max-length-increased": I,
    "min-length-increased": E,
    "min-length-decreased": I,
    "min-items-increased": E,
    "min-items-set": E,
    "max-items-decreased": E,
    "max-items-increased": I,
    "max-items-set": E,
    "max-properties-decreased": E,
    "max-properties-increased": I,
    "max-properties-set": E,
    "min-properties-increased": E,
    "unique-items-set": E,
    "unique-items-unset": I,
    "multiple-of-set": E,
    "multiple-of-unset": I,
    "multiple-of-changed": E,
    "list-of-types-widened": I,
    "list-of-types-narrowed": E,
    "prefix-items-added": I,
    "prefix-items-removed": E,
    "if-added": E,
    "if-removed": I,
    "then-added": E,
    "then-removed": I,
    "else-added": E,
    "else-removed": I,
    "contains-added": E,
    "contains-removed": I,
    "min-contains-increased": E,
    "min-contains-decreased": I,
    "max-contains-increased": I,
    "max-contains-decreased": E,
    "dependent-required-added": E,
    "dependent-required-removed": I,
    "dependent-required-changed": E,
    "dependent-schema-added": E,
    "dependent-schema-removed": I,
    "pattern-property-added": E,
    "pattern-property-removed": I,
    "property-names-added": E,
    "property-names-removed": I,
    "unevaluated-items-added": E,
    "unevaluated-items-removed": I,
    "unevaluated-properties-added": E,
    "unevaluated-properties-removed": I,
    "content-schema-added": E,
    "content-schema-removed": I,
    "content-media-type-changed": E,
    "content-encoding-changed": E,
}
_REQUEST_PROPERTY_ONLY: dict[str, Level] = {
    "enum-value-added": I,
    "pattern-added": E,
    "pattern-changed": W,
    "pattern-removed": I,
    "x-extensible-enum-value-removed": E,
    "deprecated": I,
    "deprecated-with-sunset": I,
    "deprecated-invalid": E,
    "reactivated": I,
}
_RESPONSE_SCHEMA: dict[str, Level] = {
    "type-changed": E,
    "type-generalized": E,
    "type-specialized": I,
    "const-added": I,
    "const-removed": E,
    "const-changed": E,
    "became-nullable": E,
    "became-not-nullable": I,
    "default-value-added": I,
    "default-value-removed": I,
    "default-value-changed": I,
    "all-of-added": I,
    "all-of-removed": E,
    "all-of-added-annotation-only": I,
    "all-of-removed-annotation-only": I,
    "any-of-added": E,
    "any-of-removed": I,
    "one-of-added": E,
    "one-of-removed": I,
    "discriminator-added": I,
    "discriminator-removed": I,
    "discriminator-property-name-changed": I,
    "discriminator-mapping-added": I,
    "discriminator-mapping-deleted": I,
    "discriminator-mapping-changed": I,
    "max-increased": E,
    "exclusive-max-increased": E,
    "max-length-increased": E,
    "max-length-unset": E,
    "min-decreased": E,
    "exclusive-min-decreased": E,
    "min-items-decreased": E,
    "min-items-unset": E,
    "min-length-decreased": E,
    "max-items-increased": E,
    "max-properties-increased": E,
    "min-properties-decreased": E,
    "unique-items-unset": E,
    "multiple-of-unset": E,
    "multiple-of-changed": E,
    "list-of-types-widened": E,
    "list-of-types-narrowed": I,
    "prefix-items-added": E,
    "prefix-items-removed": I,
    "if-added": I,
    "if-removed": E,
    "then-added": I,
    "then-removed": E,
    "else-added": I,
    "else-removed": E,
    "contains-added": I,
    "contains-removed": E,
    "min-contains-increased": I,
    "min-contains-decreased": E,
    "max-contains-increased": E,
    "max-contains-decreased": I,
    "dependent-required-added": I,
    "dependent-required-removed": E,
    "dependent-required-changed": E,
    "dependent-schema-added": I,
    "dependent-schema-removed": E,
    "pattern-property-added": I,
    "pattern-property-removed": E,
    "property-names-added": I,
    "property-names-removed": E,
    "unevaluated-items-added": I,
    "unevaluated-items-removed": E,
    "unevaluated-properties-added": I,
    "unevaluated-properties-removed": E,
    "content-schema-added": I,
    "content-schema-removed": E,
    "content-media-type-changed": E,
    "content-encoding-changed": E,
}
_RESPONSE_PROPERTY_ONLY: dict[str, Level] = {
    "enum-value-added": W,
    "enum-value-removed": I,
    "pattern-added": I,
    "pattern-changed": W,
    "pattern-removed": E,
    "deprecated": I,
    "deprecated-with-sunset": I,
    "deprecated-invalid": E,
    "reactivated": I,
}
_REQUEST_BODY_ONLY: dict[str, Level] = {"enum-value-added": I}
_PARAMETER: dict[str, Level] = {
    "became-enum": E,
    "became-nullable": I,
    "became-not-nullable": E,
    "default-value-changed": I,
    "default-value-added": I,
    "default-value-removed": I,
    "enum-value-added": I,
    "enum-value-removed": E,
    "max-items-increased": I,
    "max-items-decreased": E,
    "max-length-set": E,
    "max-length-increased": I,
    "max-length-decreased": E,
    "max-set": E,
    "exclusive-max-set": E,
    "max-increased": I,
    "max-decreased": E,
    "exclusive-max-increased": I,
    "exclusive-max-decreased": E,
    "min-items-set": E,
    "min-items-increased": E,
    "min-items-decreased": I,
    "min-length-increased": E,
    "min-length-decreased": I,
    "min-set": E,
    "exclusive-min-set": E,
    "min-increased": E,
    "min-decreased": I,
    "exclusive-min-increased": E,
    "exclusive-min-decreased": I,
    "pattern-added": E,
    "pattern-removed": I,
    "pattern-changed": W,
    "removed": W,
    "removed-with-deprecation": I,
    "sunset-parse": E,
    "became-required": E,
    "became-optional": I,
    "type-changed": E,
    "type-generalized": I,
    "x-extensible-enum-value-removed": E,
    "list-of-types-widened": I,
    "list-of-types-narrowed": E,
    "deprecated": I,
    "reactivated": I,
    "sunset-deleted": E,
    "sunset-date-changed-too-small": E,
}
_RESPONSE_HEADER: dict[str, Level] = {
    "became-optional": E,
    "type-changed": E,
    "type-generalized": E,
    "type-specialized": I,
    "became-nullable": E,
    "became-not-nullable": I,
}

_OTHER: dict[str, Level] = {
    "endpoint-added": I,
    "endpoint-deprecated": I,
    "endpoint-deprecated-with-sunset": I,
    "endpoint-reactivated": I,
    "api-deprecated-sunset-parse": E,
    "api-invalid-stability-level": E,
    "api-stability-decreased": E,
    "api-stability-increased": I,
    "api-path-removed-without-deprecation": E,
    "api-path-removed-with-deprecation": I,
    "api-path-sunset-parse": E,
    "api-path-removed-before-sunset": E,
    "api-removed-without-deprecation": E,
    "api-removed-with-deprecation": I,
    "api-removed-before-sunset": E,
    "sunset-deleted": E,
    "api-sunset-date-changed-too-small": E,
    "api-operation-id-removed": I,
    "api-operation-id-added": I,
    "api-tag-removed": I,
    "api-tag-added": I,
    "api-schema-removed": I,
    "api-security-component-removed": I,
    "api-security-component-added": I,
    "api-security-component-oauth-url-changed": I,
    "api-security-component-type-changed": I,
    "api-security-component-oauth-token-url-changed": I,
    "api-security-component-oauth-scope-added": I,
    "api-security-component-oauth-scope-removed": I,
    "api-security-removed": E,
    "api-security-added": I,
    "api-security-scope-added": E,
    "api-security-scope-removed": I,
    "api-global-security-removed": E,
    "api-global-security-added": I,
    "api-global-security-scope-added": E,
    "api-global-security-scope-removed": I,
    "request-body-removed": E,
    "request-body-became-optional": I,
    "request-body-became-required": E,
    "request-body-media-type-added": I,
    "request-body-media-type-removed": E,
    "request-body-media-type-schema-added": E,
    "request-body-media-type-schema-removed": I,
    "response-body-media-type-schema-added": I,
    "response-body-media-type-schema-removed": E,
    "new-required-request-parameter": E,
    "new-optional-request-parameter": I,
    "new-required-request-header-property": E,
    "request-header-property-became-enum": E,
    "request-header-property-became-required": E,
    "request-property-removed": W,
    "new-required-request-property": E,
    "new-optional-request-property": I,
    "request-property-became-required": E,
    "request-property-became-optional": I,
    "response-required-property-removed": E,
    "response-required-property-added": I,
    "response-optional-property-removed": I,
    "response-optional-property-added": I,
    "response-property-became-optional": E,
    "response-property-became-required": I,
    "response-header-became-optional": E,
    "required-response-header-removed": E,
    "optional-response-header-removed": W,
    "response-media-type-removed": E,
    "response-media-type-added": I,
    "response-success-status-removed": E,
    "response-success-status-added": I,
    "response-non-success-status-removed": I,
    "response-non-success-status-added": I,
}


def _table() -> dict[str, Level]:
    out: dict[str, Level] = dict(_OTHER)
    for place in ("request-body", "request-property"):
        out.update({f"{place}-{k}": v for k, v in _REQUEST_SCHEMA.items()})
    for place in ("response-body", "response-property"):
        out.update({f"{place}-{k}": v for k, v in _RESPONSE_SCHEMA.items()})
    out.update({f"request-property-{k}": v for k, v in _REQUEST_PROPERTY_ONLY.items()})
    out.update({f"response-property-{k}": v for k, v in _RESPONSE_PROPERTY_ONLY.items()})
    out.update({f"request-body-{k}": v for k, v in _REQUEST_BODY_ONLY.items()})
    out.update({f"request-parameter-{k}": v for k, v in _PARAMETER.items()})
    out.update({f"response-header-{k}": v for k, v in _RESPONSE_HEADER.items()})
    return out


OASDIFF_LEVELS: dict[str, Level] = _table()

_DISCRIMINATOR_NAME = (
    "Clients pick the variant by the discriminator property: renaming it breaks every sender "
    "and every reader of the polymorphic value, so specward reports an error where oasdiff "
    "only informs."
)
_MAPPING_DELETED = (
    "A request that sends a discriminator value no longer in the mapping is rejected: specward "
    "reports an error where oasdiff only informs."
)
_MAPPING_ADDED = (
    "A response may now carry a discriminator value that clients do not know; clients with an "
    "exhaustive switch fail on it, so specward warns where oasdiff only informs."
)
_SCHEMA_REMOVED = (
    "SDK users import generated models named after component schemas: removing one breaks "
    "their build even when no operation's wire format changed, so specward warns."
)

# id -> why specward's default level differs from oasdiff's (rendered in docs/rules.md).
DIFFERS: dict[str, str] = {
    "request-body-discriminator-property-name-changed": _DISCRIMINATOR_NAME,
    "request-property-discriminator-property-name-changed": _DISCRIMINATOR_NAME,
    "response-body-discriminator-property-name-changed": _DISCRIMINATOR_NAME,
    "response-property-discriminator-property-name-changed": _DISCRIMINATOR_NAME,
    "request-body-discriminator-mapping-deleted": _MAPPING_DELETED,
    "request-property-discriminator-mapping-deleted": _MAPPING_DELETED,
    "response-body-discriminator-mapping-added": _MAPPING_ADDED,
    "response-property-discriminator-mapping-added": _MAPPING_ADDED,
    "api-schema-removed": _SCHEMA_REMOVED,
    "api-operation-id-removed": (
        "Generated SDKs name their methods after the operationId: a changed or removed one "
        "renames the method for every SDK user, so specward warns where oasdiff only informs."
    ),
    "response-optional-property-removed": (
        "Clients that read the optional property never see it again; code that used it "
        "silently loses data, so specward warns where oasdiff only informs."
    ),
    "api-security-added": (
        "Not the same change: oasdiff's id names a new alternative requirement on an operation "
        "that already had some (safe), specward's a public operation that now requires "
        "credentials, which rejects anonymous clients. New alternatives are "
        "`api-security-requirement-added` (info) here."
    ),
    "api-security-removed": (
        "Not the same change: oasdiff's id names a removed requirement alternative, specward's "
        "an operation that became public, which no client notices. Removed alternatives are "
        "`api-security-requirement-removed` (error) here."
    ),
    "api-security-component-type-changed": (
        "A scheme whose type changes (an API key becoming OAuth) makes every client "
        "authenticate the wrong way; only a change whose wire form stays the same (an API key "
        "in the Authorization header becoming HTTP bearer) is harmless, and that one is "
        "`api-security-component-type-changed-same-wire` (info)."
    ),
    "api-security-component-oauth-scope-removed": (
        "Clients that request the removed scope get their token request refused: an error, "
        "where oasdiff only informs about scheme definitions."
    ),
    "api-security-component-oauth-token-url-changed": (
        "Clients configured with the old token URL must change their configuration unless it "
        "redirects: a warning, where oasdiff only informs."
    ),
    "api-security-component-oauth-url-changed": (
        "Clients configured with the old authorization URL must change their configuration "
        "unless it redirects: a warning, where oasdiff only informs."
    ),
}
