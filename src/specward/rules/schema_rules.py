"""Rules for changes inside schemas, generated from one table for every place a schema sits.

A schema change means different things by direction: a request schema that narrows breaks
clients that send the old values; a response schema that widens breaks clients that read it. Each
kind therefore has a request text and a response text of its own. Scopes: ``request-parameter``,
``request-body`` (the body's root schema), ``request-property`` (anything nested),
``response-body``, ``response-property`` and ``response-header``.
"""

from __future__ import annotations

from collections.abc import Iterator

from specward.compare import kinds as K
from specward.report import Level
from specward.rules.registry import Direction, Rule

# kind -> (request level, response level, message, request doc, response doc); a None level:
# not reported in that direction.
Entry = tuple["Level | None", "Level | None", str, str, str]

_ACCEPTS_MORE = "Requests accept more than before; existing clients keep working."
_RETURNS_LESS = "Responses only get stricter; clients keep parsing what they receive."

_SCHEMA: dict[str, Entry] = {
    K.TYPE_CHANGED: (
        "error",
        "error",
        "{subject}: type changed from {old} to {new}",
        "The type or format changed in a way that is not a pure widening (e.g. `string` to "
        "`integer`): clients keep sending values of the old type and are rejected.",
        "The type or format changed or widened (e.g. `string` to a `oneOf` of `string` and "
        "`integer`): clients built for the old type fail to parse the new values.",
    ),
    K.TYPE_GENERALIZED: (
        "info",
        None,
        "{subject}: type widened from {old} to {new}",
        "The request accepts more types or formats than before (e.g. `integer` to `number`); "
        "existing clients keep working.",
        "",
    ),
    K.TYPE_SPECIALIZED: (
        None,
        "info",
        "{subject}: type narrowed from {old} to {new}",
        "",
        "The response returns fewer types or formats than before (e.g. `number` to "
        "`integer`); existing clients keep working.",
    ),
    K.LIST_OF_TYPES_WIDENED: (
        "info",
        "error",
        "{subject}: types {values} added to the list of types",
        "A `type` list gained members: requests accept values of more types.",
        "A `type` list gained members: clients may receive values of a type they do not parse.",
    ),
    K.LIST_OF_TYPES_NARROWED: (
        "error",
        "info",
        "{subject}: types {values} removed from the list of types",
        "A `type` list lost members: clients sending values of a removed type are rejected.",
        "A `type` list lost members: responses carry fewer types; clients keep working.",
    ),
    K.ENUM_VALUE_REMOVED: (
        "error",
        "info",
        "{subject}: enum value(s) {values} removed",
        "Clients sending a removed value are rejected.",
        "Clients simply stop seeing the value.",
    ),
    K.ENUM_VALUE_ADDED: (
        "info",
        "warning",
        "{subject}: enum value(s) {values} added",
        "More values are accepted; existing clients keep working.",
        "Clients with an exhaustive switch or a strict enum type may fail on the new value.",
    ),
    K.BECAME_ENUM: (
        "error",
        "info",
        "{subject}: restricted to the enum {values}",
        "A free value became an enum: clients sending other values are rejected.",
        "A free value became an enum: fewer values are returned; clients keep working.",
    ),
    K.BECAME_NOT_ENUM: (
        "info",
        "warning",
        "{subject}: enum {values} removed, any value allowed",
        "The enum was dropped entirely: any value is accepted.",
        "The enum was dropped entirely: clients with an exhaustive switch or a strict enum "
        "type may receive values they do not know.",
    ),
    K.CONST_CHANGED: (
        "error",
        "error",
        "{subject}: const changed from {old} to {new}",
        "The one allowed value changed: clients sending the old value are rejected.",
        "The one returned value changed: clients expecting the old value fail.",
    ),
    K.CONST_ADDED: (
        "error",
        "info",
        "{subject}: restricted to the const {new}",
        "Only the const value is accepted now: clients sending anything else are rejected.",
        "The value is now fixed; clients keep working.",
    ),
    K.CONST_REMOVED: (
        "info",
        "error",
        "{subject}: const {old} removed",
        "Any value is accepted now.",
        "Values other than the former const may be returned: clients that relied on the "
        "fixed value break.",
    ),
    K.X_EXTENSIBLE_ENUM_VALUE_REMOVED: (
        "error",
        "info",
        "{subject}: x-extensible-enum value(s) {values} removed",
        "Clients sending a removed value of the extensible enum are rejected.",
        "Clients of an extensible enum already handle values they do not know.",
    ),
    K.X_EXTENSIBLE_ENUM_VALUE_ADDED: (
        "info",
        "info",
        "{subject}: x-extensible-enum value(s) {values} added",
        "An extensible enum (`x-extensible-enum`) may grow: more values are accepted.",
        "An extensible enum (`x-extensible-enum`) promises clients that values may be added.",
    ),
    K.BECAME_NULLABLE: (
        "info",
        "error",
        "{subject}: became nullable",
        "`null` is now accepted (3.0 `nullable`, 3.1 `type: [.., null]`, `anyOf` with `null` "
        "and Swagger `x-nullable` are all understood).",
        "Clients that do not expect `null` crash on it (3.0 `nullable`, 3.1 `type: [.., "
        "null]`, `anyOf` with `null` and Swagger `x-nullable` are all understood).",
    ),
    K.BECAME_NOT_NULLABLE: (
        "error",
        "info",
        "{subject}: became not nullable",
        "Clients sending `null` are rejected.",
        "`null` is no longer returned; clients keep working.",
    ),
    K.DEFAULT_VALUE_CHANGED: (
        "info",
        "info",
        "{subject}: default changed from {old} to {new}",
        "Clients that omit the value get another behaviour without changing a byte: worth a "
        "note in the changelog.",
        "The documented default changed; it describes what the server fills in.",
    ),
    K.DEFAULT_VALUE_ADDED: (
        "info",
        "info",
        "{subject}: default {new} added",
        "A default is now documented; clients that omit the value learn what they get.",
        "A default is now documented for the response value.",
    ),
    K.DEFAULT_VALUE_REMOVED: (
        "info",
        "info",
        "{subject}: default {old} removed",
        "The default is no longer documented; clients that relied on it should send the value.",
        "The response value no longer documents a default.",
    ),
    K.PATTERN_ADDED: (
        "error",
        "info",
        "{subject}: pattern {new} added",
        "Values that do not match the new pattern are rejected.",
        "Responses only get stricter; clients keep parsing what they receive.",
    ),
    K.PATTERN_CHANGED: (
        "warning",
        "warning",
        "{subject}: pattern changed from {old} to {new}",
        "The accepted values changed; whether the new pattern accepts everything the old one "
        "did cannot be decided automatically.",
        "The returned values changed; whether clients validating the old pattern accept "
        "them cannot be decided automatically.",
    ),
    K.PATTERN_REMOVED: (
        "info",
        "error",
        "{subject}: pattern {old} removed",
        _ACCEPTS_MORE,
        "Values of any shape may be returned: clients that validate or parse by the old "
        "pattern fail.",
    ),
    K.ONE_OF_REMOVED: (
        "error",
        "info",
        "{subject}: oneOf variant {name} removed",
        "Clients sending the removed variant are rejected.",
        "The variant is no longer returned; clients keep working.",
    ),
    K.ONE_OF_ADDED: (
        "info",
        "error",
        "{subject}: oneOf variant {name} added",
        "One more variant is accepted.",
        "Clients receive a shape they cannot parse.",
    ),
    K.ANY_OF_REMOVED: (
        "error",
        "info",
        "{subject}: anyOf variant {name} removed",
        "Clients sending the removed variant are rejected.",
        "The variant is no longer returned; clients keep working.",
    ),
    K.ANY_OF_ADDED: (
        "info",
        "error",
        "{subject}: anyOf variant {name} added",
        "One more variant is accepted.",
        "Clients receive a shape they cannot parse.",
    ),
    K.ALL_OF_ADDED: (
        "error",
        "info",
        "{subject}: allOf member {name} added",
        "Every allOf member must hold: a new member adds constraints that requests clients "
        "send today may violate.",
        "A new allOf member only adds constraints to what is returned.",
    ),
    K.ALL_OF_REMOVED: (
        "info",
        "error",
        "{subject}: allOf member {name} removed",
        "One constraint fewer for requests.",
        "What the removed member guaranteed (its properties, its bounds) may no longer hold in "
        "responses.",
    ),
    K.ALL_OF_ADDED_ANNOTATION_ONLY: (
        "info",
        "info",
        "{subject}: allOf member {name} added (annotations only)",
        "The new member only carries annotations (description, title, examples): no value is "
        "rejected.",
        "The new member only carries annotations (description, title, examples).",
    ),
    K.ALL_OF_REMOVED_ANNOTATION_ONLY: (
        "info",
        "info",
        "{subject}: allOf member {name} removed (annotations only)",
        "The removed member only carried annotations: nothing changes on the wire.",
        "The removed member only carried annotations: nothing changes on the wire.",
    ),
    K.DISCRIMINATOR_ADDED: (
        "info",
        "info",
        "{subject}: discriminator {new} added",
        "A discriminator now names the property that selects the variant.",
        "A discriminator now names the property that selects the variant.",
    ),
    K.DISCRIMINATOR_REMOVED: (
        "info",
        "info",
        "{subject}: discriminator {old} removed",
        "The variant is no longer selected by a named property; validators try every variant.",
        "Clients can no longer select the variant by a named property.",
    ),
    K.DISCRIMINATOR_PROPERTY_NAME_CHANGED: (
        "error",
        "error",
        "{subject}: discriminator property changed from {old} to {new}",
        "Senders set the old discriminator property: the server cannot select the variant.",
        "Readers look for the old discriminator property: they cannot select the variant.",
    ),
    K.DISCRIMINATOR_MAPPING_DELETED: (
        "error",
        "info",
        "{subject}: discriminator value(s) {values} removed from the mapping",
        "Clients sending the removed discriminator value are rejected.",
        "The discriminator value is no longer returned.",
    ),
    K.DISCRIMINATOR_MAPPING_ADDED: (
        "info",
        "warning",
        "{subject}: discriminator value(s) {values} added to the mapping",
        "One more discriminator value is accepted.",
        "Clients may receive a discriminator value they do not know.",
    ),
    K.DISCRIMINATOR_MAPPING_CHANGED: (
        "info",
        "info",
        "{subject}: discriminator value(s) {values} now map to another schema",
        "The same discriminator value selects another schema; what it accepts is compared "
        "through the variants.",
        "The same discriminator value selects another schema; what it returns is compared "
        "through the variants.",
    ),
    K.MULTIPLE_OF_SET: (
        "error",
        "info",
        "{subject}: multipleOf {new} set",
        "Values that are not multiples are rejected.",
        _RETURNS_LESS,
    ),
    K.MULTIPLE_OF_UNSET: (
        "info",
        "error",
        "{subject}: multipleOf {old} removed",
        _ACCEPTS_MORE,
        "Values that are not multiples may be returned.",
    ),
    K.MULTIPLE_OF_TIGHTENED: (
        "error",
        "info",
        "{subject}: multipleOf changed from {old} to {new} (stricter)",
        "The new multipleOf is a multiple of the old one: values that were valid are rejected.",
        _RETURNS_LESS,
    ),
    K.MULTIPLE_OF_RELAXED: (
        "info",
        "error",
        "{subject}: multipleOf changed from {old} to {new} (looser)",
        "The old multipleOf is a multiple of the new one: more values are accepted.",
        "The old multipleOf is a multiple of the new one: values clients did not expect may be "
        "returned.",
    ),
    K.MULTIPLE_OF_CHANGED: (
        "error",
        "error",
        "{subject}: multipleOf changed from {old} to {new}",
        "Neither value divides the other: some values valid before are rejected.",
        "Neither value divides the other: values clients did not expect may be returned.",
    ),
    K.UNIQUE_ITEMS_SET: (
        "error",
        "info",
        "{subject}: uniqueItems set",
        "Arrays with duplicate items are rejected now.",
        _RETURNS_LESS,
    ),
    K.UNIQUE_ITEMS_UNSET: (
        "info",
        "error",
        "{subject}: uniqueItems removed",
        "Duplicates are accepted.",
        "Arrays with duplicates may be returned to clients that relied on unique items.",
    ),
    K.ADDITIONAL_PROPERTIES_TIGHTENED: (
        "warning",
        None,
        "{subject}: additionalProperties tightened from {old} to {new}",
        "Extra keys that were accepted are now rejected or constrained (e.g. a map's value "
        "schema removed or set to `false`); whether clients send any cannot be told from the "
        "spec.",
        "",
    ),
    K.ADDITIONAL_PROPERTIES_RELAXED: (
        "info",
        None,
        "{subject}: additionalProperties relaxed from {old} to {new}",
        "More keys are accepted.",
        "",
    ),
}


def _structural(keyword: str, added: str, removed: str) -> dict[str, Entry]:
    """A keyword whose presence constrains values: adding it narrows, removing it widens."""
    return {
        added: (
            "error",
            "info",
            f"{{subject}}: `{keyword}` added",
            f"A new `{keyword}` constrains what is accepted: requests clients send today may be "
            "rejected.",
            f"A new `{keyword}` only constrains what is returned.",
        ),
        removed: (
            "info",
            "error",
            f"{{subject}}: `{keyword}` removed",
            f"Without `{keyword}`, more requests are accepted.",
            f"What `{keyword}` guaranteed about responses no longer holds: clients relying on "
            "it break.",
        ),
    }


_KEYWORDS: dict[str, Entry] = {
    **_structural("contains", K.CONTAINS_ADDED, K.CONTAINS_REMOVED),
    **_structural("if", K.IF_ADDED, K.IF_REMOVED),
    **_structural("then", K.THEN_ADDED, K.THEN_REMOVED),
    **_structural("else", K.ELSE_ADDED, K.ELSE_REMOVED),
    **_structural("not", K.NOT_ADDED, K.NOT_REMOVED),
    **_structural("propertyNames", K.PROPERTY_NAMES_ADDED, K.PROPERTY_NAMES_REMOVED),
    **_structural("unevaluatedItems", K.UNEVALUATED_ITEMS_ADDED, K.UNEVALUATED_ITEMS_REMOVED),
    **_structural(
        "unevaluatedProperties", K.UNEVALUATED_PROPERTIES_ADDED, K.UNEVALUATED_PROPERTIES_REMOVED
    ),
    **_structural("contentSchema", K.CONTENT_SCHEMA_ADDED, K.CONTENT_SCHEMA_REMOVED),
    K.PREFIX_ITEMS_ADDED: (
        "info",
        "error",
        "{subject}: prefixItems {values} added",
        "New positional item schemas describe the leading items; arrays clients send are "
        "compared item by item.",
        "Responses' leading items now have schemas of their own that clients were not built for.",
    ),
    K.PREFIX_ITEMS_REMOVED: (
        "error",
        "info",
        "{subject}: prefixItems {values} removed",
        "The positional schemas are gone: arrays are validated by `items` alone, which may "
        "reject what clients send in those positions.",
        "Fewer positional schemas in responses; clients keep working.",
    ),
    K.MIN_CONTAINS_INCREASED: (
        "error",
        "info",
        "{subject}: minContains increased from {old} to {new}",
        "Arrays need more matching items: requests with fewer are rejected.",
        _RETURNS_LESS,
    ),
    K.MIN_CONTAINS_DECREASED: (
        "info",
        "error",
        "{subject}: minContains decreased from {old} to {new}",
        _ACCEPTS_MORE,
        "Responses may carry fewer matching items than clients rely on.",
    ),
    K.MAX_CONTAINS_INCREASED: (
        "info",
        "error",
        "{subject}: maxContains increased from {old} to {new}",
        _ACCEPTS_MORE,
        "Responses may carry more matching items than clients expect.",
    ),
    K.MAX_CONTAINS_DECREASED: (
        "error",
        "info",
        "{subject}: maxContains decreased from {old} to {new}",
        "Arrays may hold fewer matching items: requests with more are rejected.",
        _RETURNS_LESS,
    ),
    K.DEPENDENT_REQUIRED_ADDED: (
        "error",
        "info",
        "{subject}: dependentRequired {name} added",
        "Sending the property now requires others: clients that do not send them are rejected.",
        "Responses carry more properties together; clients keep working.",
    ),
    K.DEPENDENT_REQUIRED_REMOVED: (
        "info",
        "error",
        "{subject}: dependentRequired {name} removed",
        _ACCEPTS_MORE,
        "Properties that came together in responses may now come alone.",
    ),
    K.DEPENDENT_REQUIRED_CHANGED: (
        "error",
        "error",
        "{subject}: dependentRequired {name} changed from {old} to {new}",
        "Another set of properties is required together: clients sending the old set are rejected.",
        "Another set of properties comes together in responses than clients rely on.",
    ),
    K.DEPENDENT_SCHEMA_ADDED: (
        "error",
        "info",
        "{subject}: dependentSchemas {name} added",
        "Sending the property now imposes a schema on the whole object.",
        _RETURNS_LESS,
    ),
    K.DEPENDENT_SCHEMA_REMOVED: (
        "info",
        "error",
        "{subject}: dependentSchemas {name} removed",
        _ACCEPTS_MORE,
        "What the dependent schema guaranteed in responses no longer holds.",
    ),
    K.PATTERN_PROPERTY_ADDED: (
        "error",
        "info",
        "{subject}: patternProperties {name} added",
        "Keys matching the pattern must now satisfy a schema: requests may be rejected.",
        _RETURNS_LESS,
    ),
    K.PATTERN_PROPERTY_REMOVED: (
        "info",
        "error",
        "{subject}: patternProperties {name} removed",
        _ACCEPTS_MORE,
        "Keys matching the pattern may now hold any value in responses.",
    ),
    K.CONTENT_MEDIA_TYPE_CHANGED: (
        "error",
        "error",
        "{subject}: contentMediaType changed from {old} to {new}",
        "The string carries another media type: clients encode it the old way.",
        "The string carries another media type: clients decode it the old way.",
    ),
    K.CONTENT_ENCODING_CHANGED: (
        "error",
        "error",
        "{subject}: contentEncoding changed from {old} to {new}",
        "The string is encoded another way (e.g. base64): clients encode it the old way.",
        "The string is encoded another way (e.g. base64): clients decode it the old way.",
    ),
}


def _bound_kinds() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for keyword, stem, larger_tightens in K.BOUNDS:
        tighten, relax = (
            ("increased", "decreased") if larger_tightens else ("decreased", "increased")
        )
        out[K.bound_kind(stem, tighten)] = (
            "error",
            "info",
            f"{{subject}}: {keyword} {tighten} from {{old}} to {{new}}",
            f"A tighter `{keyword}`: requests with values that were valid are rejected.",
            f"A tighter `{keyword}`: responses only get stricter; clients keep working.",
        )
        out[K.bound_kind(stem, relax)] = (
            "info",
            "error",
            f"{{subject}}: {keyword} {relax} from {{old}} to {{new}}",
            f"A looser `{keyword}`: requests accept more; existing clients keep working.",
            f"A looser `{keyword}`: responses may carry values outside the bound clients were "
            "built for (buffers sized by `maxLength`, loops by `minItems`).",
        )
        out[K.bound_kind(stem, "set")] = (
            "error",
            "info",
            f"{{subject}}: {keyword} set to {{new}}",
            f"A new `{keyword}`: requests outside the bound are rejected.",
            f"A new `{keyword}`: responses only get stricter; clients keep working.",
        )
        out[K.bound_kind(stem, "unset")] = (
            "info",
            "error",
            f"{{subject}}: {keyword} {{old}} removed",
            f"Without `{keyword}`, requests accept more; existing clients keep working.",
            f"Without `{keyword}`, responses may carry values outside the bound clients were "
            "built for.",
        )
    return out


def _exclusive() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for keyword, stem in (("minimum", "min"), ("maximum", "max")):
        what = (
            f"The bound is unchanged but became %s (OpenAPI 3.0 `exclusive{keyword.title()}: "
            f"true`, or a 3.1 `exclusive{keyword.title()}` of the same value)"
        )
        out[f"{stem}-became-exclusive"] = (
            "error",
            "info",
            f"{{subject}}: {keyword} {{old}} became exclusive",
            what % "exclusive" + ": requests with exactly the bound are rejected.",
            what % "exclusive" + ": responses only get stricter.",
        )
        out[f"{stem}-became-inclusive"] = (
            "info",
            "warning",
            f"{{subject}}: {keyword} {{old}} became inclusive",
            what % "inclusive" + ": requests may carry the bound itself.",
            what % "inclusive" + ": responses may carry the bound itself, which clients that "
            "validate strictly reject.",
        )
    return out


SCHEMA_KINDS: dict[str, Entry] = {**_SCHEMA, **_KEYWORDS, **_bound_kinds(), **_exclusive()}
# Kinds that make no sense for a parameter or a header (their schemas are scalars or simple
# arrays); NOT_REPORTED lists them for those scopes.
PARAMETER_SKIP = ("one-of", "any-of", "all-of", "discriminator", "additional-properties")
OBJECT_ONLY = tuple(_KEYWORDS)

# Property-level kinds: scope -> kind -> (id, level, message, doc)
_PROPERTY: dict[str, dict[str, tuple[str, Level, str, str]]] = {
    K.REQUEST_PROPERTY: {
        K.NEW_REQUIRED: (
            "new-required-request-property",
            "error",
            "{subject}: new required property {name}",
            "Clients that do not send the new property are rejected.",
        ),
        K.NEW_OPTIONAL: (
            "new-optional-request-property",
            "info",
            "{subject}: new optional property {name}",
            "An optional request property was added; existing clients keep working.",
        ),
        K.REMOVED: (
            "request-property-removed",
            "warning",
            "{subject}: property {name} removed",
            "Clients still sending the property have it ignored, or rejected when "
            "additionalProperties is false.",
        ),
        K.RENAMED: (
            "request-property-renamed",
            "error",
            "{subject}: property {old} renamed to {new}",
            "One property was removed and another with a compatible schema and a related name was "
            "added in the same object: one rename, reported once. Clients sending the old name "
            "lose the value.",
        ),
        K.BECAME_REQUIRED: (
            "request-property-became-required",
            "error",
            "{subject}: property {name} became required",
            "Clients that omit the property are rejected.",
        ),
        K.BECAME_OPTIONAL: (
            "request-property-became-optional",
            "info",
            "{subject}: property {name} became optional",
            "Clients may now omit the property.",
        ),
        K.BECAME_READ_ONLY: (
            "request-property-became-read-only",
            "warning",
            "{subject}: property {name} became readOnly",
            "The server now ignores the property in requests; clients that set it lose the effect.",
        ),
        K.BECAME_NOT_READ_ONLY: (
            "request-property-became-not-read-only",
            "info",
            "{subject}: property {name} is no longer readOnly",
            "Clients may now send the property.",
        ),
        K.DEPRECATED: (
            "request-property-deprecated",
            "info",
            "{subject}: property {name} deprecated",
            "Clients should stop sending the property; plan its removal.",
        ),
        K.DEPRECATED_WITH_SUNSET: (
            "request-property-deprecated-with-sunset",
            "info",
            "{subject}: property {name} deprecated, sunset {sunset}",
            "Clients should stop sending the property before the announced date.",
        ),
        K.SUNSET_INVALID: (
            "request-property-deprecated-invalid",
            "error",
            "{subject}: property {name}: sunset {sunset} is not an RFC 3339 date",
            "Nobody can plan a migration for a date that does not parse (`2026-12-31` or "
            "`2026-12-31T00:00:00Z`).",
        ),
        K.REACTIVATED: (
            "request-property-reactivated",
            "info",
            "{subject}: property {name} no longer deprecated",
            "The property's deprecation was withdrawn.",
        ),
    },
    K.RESPONSE_PROPERTY: {
        K.REQUIRED_REMOVED: (
            "response-required-property-removed",
            "error",
            "{subject}: required property {name} removed",
            "Clients that read the property get nothing.",
        ),
        K.OPTIONAL_REMOVED: (
            "response-optional-property-removed",
            "warning",
            "{subject}: optional property {name} removed",
            "Clients that read the optional property never see it again.",
        ),
        K.RENAMED: (
            "response-property-renamed",
            "error",
            "{subject}: property {old} renamed to {new}",
            "One property was removed and another with a compatible schema and a related name was "
            "added in the same object: one rename, reported once. Clients reading the old name "
            "get nothing.",
        ),
        K.REQUIRED_ADDED: (
            "response-required-property-added",
            "info",
            "{subject}: new required property {name}",
            "Responses carry one more property.",
        ),
        K.OPTIONAL_ADDED: (
            "response-optional-property-added",
            "info",
            "{subject}: new optional property {name}",
            "Responses may carry one more property.",
        ),
        K.BECAME_OPTIONAL: (
            "response-property-became-optional",
            "error",
            "{subject}: property {name} became optional",
            "Clients that rely on the property being present fail when it is missing.",
        ),
        K.BECAME_REQUIRED: (
            "response-property-became-required",
            "info",
            "{subject}: property {name} became required",
            "The property is now always present.",
        ),
        K.BECAME_WRITE_ONLY: (
            "response-property-became-write-only",
            "error",
            "{subject}: property {name} became writeOnly",
            "The property is no longer returned; clients reading it get nothing.",
        ),
        K.BECAME_NOT_WRITE_ONLY: (
            "response-property-became-not-write-only",
            "info",
            "{subject}: property {name} is no longer writeOnly",
            "The property is now returned.",
        ),
        K.DEPRECATED: (
            "response-property-deprecated",
            "info",
            "{subject}: property {name} deprecated",
            "Clients should stop reading the property; plan for its removal.",
        ),
        K.DEPRECATED_WITH_SUNSET: (
            "response-property-deprecated-with-sunset",
            "info",
            "{subject}: property {name} deprecated, sunset {sunset}",
            "Clients should stop reading the property before the announced date.",
        ),
        K.SUNSET_INVALID: (
            "response-property-deprecated-invalid",
            "error",
            "{subject}: property {name}: sunset {sunset} is not an RFC 3339 date",
            "Nobody can plan a migration for a date that does not parse (`2026-12-31` or "
            "`2026-12-31T00:00:00Z`).",
        ),
        K.REACTIVATED: (
            "response-property-reactivated",
            "info",
            "{subject}: property {name} no longer deprecated",
            "The property's deprecation was withdrawn.",
        ),
    },
}

_SUMMARY = {
    K.REQUEST_PARAMETER: "request parameter",
    K.REQUEST_BODY: "request body",
    K.REQUEST_PROPERTY: "request property",
    K.RESPONSE_BODY: "response body",
    K.RESPONSE_PROPERTY: "response property",
    K.RESPONSE_HEADER: "response header",
}


def skipped(scope: str, kind: str) -> bool:
    """Schema kinds a scope does not report (see NOT_REPORTED in the catalog)."""
    if scope in (K.REQUEST_PARAMETER, K.RESPONSE_HEADER):
        return kind.startswith(PARAMETER_SKIP) or kind in OBJECT_ONLY
    return False


class SchemaRules:
    """Every schema rule of one scope, as a :class:`~specward.rules.registry.RuleSource`: the
    registry indexes them by event and builds each one when it is first asked for."""

    def __init__(self, scope: str, family: str) -> None:
        self.scope = scope
        self.family = family
        self.direction: Direction = "request" if scope.startswith("request") else "response"

    def events(self) -> Iterator[tuple[tuple[str, str], str]]:
        scope, at = self.scope, 0 if self.direction == "request" else 1
        for kind, entry in SCHEMA_KINDS.items():
            if entry[at] is not None and not skipped(scope, kind):
                yield (scope, kind), f"{scope}-{kind}"
        for kind, (rule_id, *_) in _PROPERTY.get(scope, {}).items():
            yield (scope, kind), rule_id

    def build(self, scope: str, kind: str) -> Rule:
        prop = _PROPERTY.get(scope, {}).get(kind)
        if prop is not None:
            rule_id, level, message, doc = prop
            summary = rule_id.replace("-", " ")
        else:
            req, resp, message, req_doc, resp_doc = SCHEMA_KINDS[kind]
            request = self.direction == "request"
            rule_id, level = f"{scope}-{kind}", req if request else resp
            doc = req_doc if request else resp_doc
            summary = f"{_SUMMARY[scope]} {kind.replace('-', ' ')}"
        return Rule(
            id=rule_id,
            level=level,
            direction=self.direction,
            family=self.family,
            scope=scope,
            kind=kind,
            summary=summary,
            message=message,
            doc=doc,
        )


def not_reported() -> frozenset[tuple[str, str]]:
    """(scope, kind) pairs of schema events that no rule reports, on purpose."""
    out = set()
    for scope in (K.REQUEST_PARAMETER, K.RESPONSE_HEADER):
        out |= {(scope, kind) for kind in SCHEMA_KINDS if skipped(scope, kind)}
    for scope in (K.RESPONSE_BODY, K.RESPONSE_PROPERTY, K.RESPONSE_HEADER):
        out |= {(scope, kind) for kind, entry in SCHEMA_KINDS.items() if entry[1] is None}
    for scope in (K.REQUEST_PARAMETER, K.REQUEST_BODY, K.REQUEST_PROPERTY):
        out |= {(scope, kind) for kind, entry in SCHEMA_KINDS.items() if entry[0] is None}
    return frozenset(out)
