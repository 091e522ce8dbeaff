"""Event kinds: the constants the differ emits and the rule catalog claims.

The differ (``specward.compare``, which emits events) and the rule catalog (which classifies
them) both import these names; the differ never imports the catalog.
"""

from __future__ import annotations

# --- breaking: schema, parameter, body, response, operation and security events ---

# Scopes: where an event sits. Schema events take the scope of the place their schema sits.
OPERATION = "operation"
REQUEST_PARAMETER = "request-parameter"
REQUEST_HEADER_PROPERTY = "request-header-property"
REQUEST_BODY = "request-body"
REQUEST_PROPERTY = "request-property"
RESPONSE = "response"
RESPONSE_BODY = "response-body"
RESPONSE_PROPERTY = "response-property"
RESPONSE_HEADER = "response-header"
SECURITY = "security"
GLOBAL_SECURITY = "global-security"
SECURITY_SCHEME = "security-scheme"
SERVERS = "servers"
COMPONENTS = "components"

# Presence and lifecycle (shared by several scopes).
ADDED = "added"
REMOVED = "removed"
RENAMED = "renamed"
MOVED = "moved"
DEPRECATED = "deprecated"
DEPRECATED_WITH_SUNSET = "deprecated-with-sunset"
REACTIVATED = "reactivated"
SUNSET_INVALID = "sunset-invalid"
SUNSET_ADDED = "sunset-added"
SUNSET_REMOVED = "sunset-removed"
SUNSET_EARLIER = "sunset-earlier"
SUNSET_LATER = "sunset-later"
REMOVED_DEPRECATED = "removed-deprecated"
REMOVED_BEFORE_SUNSET = "removed-before-sunset"
REMOVED_SUNSET_INVALID = "removed-sunset-invalid"
PATH_REMOVED = "path-removed"
PATH_REMOVED_DEPRECATED = "path-removed-deprecated"
PATH_REMOVED_BEFORE_SUNSET = "path-removed-before-sunset"
PATH_REMOVED_SUNSET_INVALID = "path-removed-sunset-invalid"
STABILITY_INVALID = "stability-invalid"
STABILITY_DECREASED = "stability-decreased"
STABILITY_INCREASED = "stability-increased"
OPERATION_ID_CHANGED = "operation-id-changed"
OPERATION_ID_ADDED = "operation-id-added"
TAG_ADDED = "tag-added"
TAG_REMOVED = "tag-removed"
TRAILING_SLASH_CHANGED = "trailing-slash-changed"
BASE_PATH_CHANGED = "base-path-changed"

# Requiredness, parameters, bodies and responses.
NEW_REQUIRED = "new-required"
NEW_OPTIONAL = "new-optional"
BECAME_REQUIRED = "became-required"
BECAME_OPTIONAL = "became-optional"
LOCATION_CHANGED = "location-changed"
STYLE_CHANGED = "style-changed"
EXPLODE_CHANGED = "explode-changed"
ADDED_REQUIRED = "added-required"
ADDED_OPTIONAL = "added-optional"
MEDIA_TYPE_ADDED = "media-type-added"
MEDIA_TYPE_REMOVED = "media-type-removed"
MEDIA_TYPE_SCHEMA_ADDED = "media-type-schema-added"
MEDIA_TYPE_SCHEMA_REMOVED = "media-type-schema-removed"
SUCCESS_STATUS_ADDED = "success-status-added"
SUCCESS_STATUS_REMOVED = "success-status-removed"
NON_SUCCESS_STATUS_ADDED = "non-success-status-added"
NON_SUCCESS_STATUS_REMOVED = "non-success-status-removed"
REQUIRED_REMOVED = "required-removed"
OPTIONAL_REMOVED = "optional-removed"
REQUIRED_ADDED = "required-added"
OPTIONAL_ADDED = "optional-added"
BECAME_READ_ONLY = "became-read-only"
BECAME_NOT_READ_ONLY = "became-not-read-only"
BECAME_WRITE_ONLY = "became-write-only"
BECAME_NOT_WRITE_ONLY = "became-not-write-only"

# Schema keywords.
TYPE_CHANGED = "type-changed"
TYPE_GENERALIZED = "type-generalized"
TYPE_SPECIALIZED = "type-specialized"
LIST_OF_TYPES_WIDENED = "list-of-types-widened"
LIST_OF_TYPES_NARROWED = "list-of-types-narrowed"
ENUM_VALUE_ADDED = "enum-value-added"
ENUM_VALUE_REMOVED = "enum-value-removed"
BECAME_ENUM = "became-enum"
BECAME_NOT_ENUM = "became-not-enum"
CONST_ADDED = "const-added"
CONST_REMOVED = "const-removed"
CONST_CHANGED = "const-changed"
X_EXTENSIBLE_ENUM_VALUE_ADDED = "x-extensible-enum-value-added"
X_EXTENSIBLE_ENUM_VALUE_REMOVED = "x-extensible-enum-value-removed"
BECAME_NULLABLE = "became-nullable"
BECAME_NOT_NULLABLE = "became-not-nullable"
DEFAULT_VALUE_ADDED = "default-value-added"
DEFAULT_VALUE_REMOVED = "default-value-removed"
DEFAULT_VALUE_CHANGED = "default-value-changed"
PATTERN_ADDED = "pattern-added"
PATTERN_REMOVED = "pattern-removed"
PATTERN_CHANGED = "pattern-changed"
ONE_OF_ADDED = "one-of-added"
ONE_OF_REMOVED = "one-of-removed"
ANY_OF_ADDED = "any-of-added"
ANY_OF_REMOVED = "any-of-removed"
ALL_OF_ADDED = "all-of-added"
ALL_OF_REMOVED = "all-of-removed"
ALL_OF_ADDED_ANNOTATION_ONLY = "all-of-added-annotation-only"
ALL_OF_REMOVED_ANNOTATION_ONLY = "all-of-removed-annotation-only"
DISCRIMINATOR_ADDED = "discriminator-added"
DISCRIMINATOR_REMOVED = "discriminator-removed"
DISCRIMINATOR_PROPERTY_NAME_CHANGED = "discriminator-property-name-changed"
DISCRIMINATOR_MAPPING_ADDED = "discriminator-mapping-added"
DISCRIMINATOR_MAPPING_DELETED = "discriminator-mapping-deleted"
DISCRIMINATOR_MAPPING_CHANGED = "discriminator-mapping-changed"
MULTIPLE_OF_SET = "multiple-of-set"
MULTIPLE_OF_UNSET = "multiple-of-unset"
MULTIPLE_OF_TIGHTENED = "multiple-of-tightened"
MULTIPLE_OF_RELAXED = "multiple-of-relaxed"
MULTIPLE_OF_CHANGED = "multiple-of-changed"
UNIQUE_ITEMS_SET = "unique-items-set"
UNIQUE_ITEMS_UNSET = "unique-items-unset"
ADDITIONAL_PROPERTIES_TIGHTENED = "additional-properties-tightened"
ADDITIONAL_PROPERTIES_RELAXED = "additional-properties-relaxed"
MIN_BECAME_EXCLUSIVE = "min-became-exclusive"
MIN_BECAME_INCLUSIVE = "min-became-inclusive"
MAX_BECAME_EXCLUSIVE = "max-became-exclusive"
MAX_BECAME_INCLUSIVE = "max-became-inclusive"

# JSON Schema 2020-12 keywords.
PREFIX_ITEMS_ADDED = "prefix-items-added"
PREFIX_ITEMS_REMOVED = "prefix-items-removed"
CONTAINS_ADDED = "contains-added"
CONTAINS_REMOVED = "contains-removed"
MIN_CONTAINS_INCREASED = "min-contains-increased"
MIN_CONTAINS_DECREASED = "min-contains-decreased"
MAX_CONTAINS_INCREASED = "max-contains-increased"
MAX_CONTAINS_DECREASED = "max-contains-decreased"
DEPENDENT_REQUIRED_ADDED = "dependent-required-added"
DEPENDENT_REQUIRED_REMOVED = "dependent-required-removed"
DEPENDENT_REQUIRED_CHANGED = "dependent-required-changed"
DEPENDENT_SCHEMA_ADDED = "dependent-schema-added"
DEPENDENT_SCHEMA_REMOVED = "dependent-schema-removed"
IF_ADDED = "if-added"
IF_REMOVED = "if-removed"
THEN_ADDED = "then-added"
THEN_REMOVED = "then-removed"
ELSE_ADDED = "else-added"
ELSE_REMOVED = "else-removed"
NOT_ADDED = "not-added"
NOT_REMOVED = "not-removed"
PATTERN_PROPERTY_ADDED = "pattern-property-added"
PATTERN_PROPERTY_REMOVED = "pattern-property-removed"
PROPERTY_NAMES_ADDED = "property-names-added"
PROPERTY_NAMES_REMOVED = "property-names-removed"
UNEVALUATED_ITEMS_ADDED = "unevaluated-items-added"
UNEVALUATED_ITEMS_REMOVED = "unevaluated-items-removed"
UNEVALUATED_PROPERTIES_ADDED = "unevaluated-properties-added"
UNEVALUATED_PROPERTIES_REMOVED = "unevaluated-properties-removed"
CONTENT_SCHEMA_ADDED = "content-schema-added"
CONTENT_SCHEMA_REMOVED = "content-schema-removed"
CONTENT_MEDIA_TYPE_CHANGED = "content-media-type-changed"
CONTENT_ENCODING_CHANGED = "content-encoding-changed"

# Security.
REQUIREMENT_ADDED = "requirement-added"
REQUIREMENT_REMOVED = "requirement-removed"
SCOPE_ADDED = "scope-added"
SCOPE_REMOVED = "scope-removed"
TYPE_CHANGED_SAME_WIRE = "type-changed-same-wire"
HTTP_SCHEME_CHANGED = "http-scheme-changed"
API_KEY_LOCATION_CHANGED = "api-key-location-changed"
API_KEY_NAME_CHANGED = "api-key-name-changed"
OPENID_CONNECT_URL_CHANGED = "openid-connect-url-changed"
OAUTH_FLOW_ADDED = "oauth-flow-added"
OAUTH_FLOW_REMOVED = "oauth-flow-removed"
OAUTH_SCOPE_ADDED = "oauth-scope-added"
OAUTH_SCOPE_REMOVED = "oauth-scope-removed"
OAUTH_TOKEN_URL_CHANGED = "oauth-token-url-changed"
OAUTH_URL_CHANGED = "oauth-url-changed"

# Bound keywords: (keyword, kind stem, True when a larger value tightens). Each yields the kinds
# ``{stem}-increased``, ``{stem}-decreased``, ``{stem}-set`` and ``{stem}-unset``.
BOUNDS = (
    ("minimum", "min", True),
    ("maximum", "max", False),
    ("exclusiveMinimum", "exclusive-min", True),
    ("exclusiveMaximum", "exclusive-max", False),
    ("minLength", "min-length", True),
    ("maxLength", "max-length", False),
    ("minItems", "min-items", True),
    ("maxItems", "max-items", False),
    ("minProperties", "min-properties", True),
    ("maxProperties", "max-properties", False),
)
BOUND_CHANGES = ("increased", "decreased", "set", "unset")


def bound_kind(stem: str, change: str) -> str:
    """``bound_kind("min-length", "increased")`` is ``min-length-increased``."""
    return f"{stem}-{change}"


BREAKING_KINDS = frozenset(
    [v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)]
    + [bound_kind(stem, change) for _, stem, _ in BOUNDS for change in BOUND_CHANGES]
)
"""Every breaking event kind (scope names included: they share the namespace harmlessly)."""

# --- drift: events the upstream/published comparison adds ---
# A reference that the correspondence pairs with another component than the other side names
# (only a correspondence other than the identity emits it).
REFERENCE_CHANGED = "reference-changed"

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

DRIFT_KINDS = frozenset(v for k, v in dict(globals()).items() if k.startswith("DRIFT_"))
"""Every drift item kind."""
