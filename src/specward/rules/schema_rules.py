"""Rules for changes inside schemas, generated from one table for every place a schema sits.

A schema change means different things by direction: a request schema that narrows breaks
clients that send the old values; a response schema that widens breaks clients that read it.
Scopes: ``request-parameter``, ``request-body`` (the body's root schema), ``request-property``
(anything nested), ``response-body`` and ``response-property``.
"""

from __future__ import annotations

from specward.report import Level
from specward.rules.registry import Direction, Rule

# kind -> (request level, response level, message, doc); None: not reported in that direction.
_SCHEMA: dict[str, tuple[Level | None, Level | None, str, str]] = {
    "type-changed": (
        "error",
        "error",
        "{subject}: type changed from {old} to {new}",
        "The type or format changed in a way that is not a pure widening (requests) or is a "
        "widening (responses), e.g. `string` to a `oneOf` of `string` and `integer` in a response: "
        "clients built for the old type fail to send or to parse values.",
    ),
    "type-generalized": (
        "info",
        None,
        "{subject}: type widened from {old} to {new}",
        "The request accepts more types or formats than before (e.g. `integer` to `number`); "
        "existing clients keep working.",
    ),
    "type-specialized": (
        None,
        "info",
        "{subject}: type narrowed from {old} to {new}",
        "The response returns fewer types or formats than before; existing clients keep working.",
    ),
    "enum-value-removed": (
        "error",
        "info",
        "{subject}: enum value(s) {values} removed",
        "Requests: clients sending a removed value are rejected. Responses: clients simply stop "
        "seeing the value.",
    ),
    "enum-value-added": (
        "info",
        "warning",
        "{subject}: enum value(s) {values} added",
        "Requests: more values are accepted. Responses: clients with an exhaustive switch or a "
        "strict enum type may fail on the new value, so this is a warning.",
    ),
    "became-enum": (
        "error",
        "info",
        "{subject}: restricted to the enum {values}",
        "Requests: a free value became an enum and clients sending other values are rejected. "
        "Responses: fewer values are returned.",
    ),
    "became-not-enum": (
        "info",
        "warning",
        "{subject}: enum {values} removed, any value allowed",
        "The enum was dropped entirely. Requests: any value is accepted. Responses: clients "
        "with an exhaustive switch or a strict enum type may receive values they do not know.",
    ),
    "const-changed": (
        "error",
        "error",
        "{subject}: const changed from {old} to {new}",
        "The one allowed value changed (`const` outside an enum): clients sending or expecting "
        "the old value fail.",
    ),
    "const-added": (
        "error",
        "info",
        "{subject}: restricted to the const {new}",
        "Requests: only the const value is accepted now. Responses: the value is now fixed.",
    ),
    "const-removed": (
        "info",
        "warning",
        "{subject}: const {old} removed",
        "Requests: any value is accepted. Responses: other values than the const may be returned.",
    ),
    "x-extensible-enum-value-removed": (
        "error",
        "info",
        "{subject}: x-extensible-enum value(s) {values} removed",
        "Requests: clients sending a removed value of the extensible enum are rejected. "
        "Responses: clients of an extensible enum already handle unknown values.",
    ),
    "x-extensible-enum-value-added": (
        "info",
        "info",
        "{subject}: x-extensible-enum value(s) {values} added",
        "An extensible enum (`x-extensible-enum`) promises clients that values may be added: "
        "adding one is safe in both directions.",
    ),
    "became-nullable": (
        "info",
        "error",
        "{subject}: became nullable",
        "Requests: `null` is now accepted. Responses: clients that do not expect `null` crash "
        "on it (OpenAPI 3.0 `nullable`, 3.1 `type: [.., null]`, `anyOf` with `null` and "
        "Swagger `x-nullable` are all understood).",
    ),
    "became-not-nullable": (
        "error",
        "info",
        "{subject}: became not nullable",
        "Requests: clients sending `null` are rejected. Responses: `null` is no longer returned.",
    ),
    "default-value-changed": (
        "info",
        "info",
        "{subject}: default changed from {old} to {new}",
        "Clients that rely on the default get different behaviour without changing a byte. "
        "For request parameters this is an error.",
    ),
    "default-value-added": (
        "info",
        "info",
        "{subject}: default {new} added",
        "A default is now documented; clients that omit the value may get a behaviour they did "
        "not get before. For request parameters this is an error.",
    ),
    "default-value-removed": (
        "info",
        "info",
        "{subject}: default {old} removed",
        "The default is no longer documented; clients that relied on it must now send the value. "
        "For request parameters this is an error.",
    ),
    "pattern-added": (
        "warning",
        None,
        "{subject}: pattern {new} added",
        "Values that do not match the new pattern are rejected; whether old clients send such "
        "values cannot be decided automatically, so this is a warning.",
    ),
    "pattern-changed": (
        "warning",
        None,
        "{subject}: pattern changed from {old} to {new}",
        "The accepted values changed; whether the new pattern is a superset of the old one "
        "cannot be decided automatically, so this is a warning.",
    ),
    "pattern-removed": (
        "info",
        None,
        "{subject}: pattern {old} removed",
        "More values are accepted.",
    ),
    "one-of-removed": (
        "error",
        "info",
        "{subject}: oneOf variant {name} removed",
        "Requests: clients sending the removed variant are rejected. Responses: the variant is "
        "no longer returned.",
    ),
    "one-of-added": (
        "info",
        "error",
        "{subject}: oneOf variant {name} added",
        "Requests: one more variant is accepted. Responses: clients receive a shape they cannot "
        "parse.",
    ),
    "any-of-removed": (
        "error",
        "info",
        "{subject}: anyOf variant {name} removed",
        "Requests: clients sending the removed variant are rejected. Responses: the variant is "
        "no longer returned.",
    ),
    "any-of-added": (
        "info",
        "error",
        "{subject}: anyOf variant {name} added",
        "Requests: one more variant is accepted. Responses: clients receive a shape they cannot "
        "parse.",
    ),
    "discriminator-property-name-changed": (
        "error",
        "error",
        "{subject}: discriminator property changed from {old} to {new}",
        "Clients select the variant by the discriminator property; renaming it breaks both the "
        "senders and the readers of the polymorphic value.",
    ),
    "discriminator-mapping-deleted": (
        "error",
        "info",
        "{subject}: discriminator value(s) {values} removed from the mapping",
        "Requests: clients sending the removed discriminator value are rejected.",
    ),
    "discriminator-mapping-added": (
        "info",
        "warning",
        "{subject}: discriminator value(s) {values} added to the mapping",
        "Responses: clients may receive a discriminator value they do not know.",
    ),
    "multiple-of-set": (
        "warning",
        "info",
        "{subject}: multipleOf {new} set",
        "Requests: values that are not multiples are rejected; a warning because such limits "
        "often document what the server enforced already. Responses only get stricter.",
    ),
    "multiple-of-unset": (
        "info",
        "warning",
        "{subject}: multipleOf {old} removed",
        "Requests accept more; responses may return values that are not multiples.",
    ),
    "multiple-of-tightened": (
        "error",
        "info",
        "{subject}: multipleOf changed from {old} to {new} (stricter)",
        "The new multipleOf is a multiple of the old one: requests with values that were valid "
        "are rejected; responses only get stricter.",
    ),
    "multiple-of-relaxed": (
        "info",
        "warning",
        "{subject}: multipleOf changed from {old} to {new} (looser)",
        "The old multipleOf is a multiple of the new one: requests accept more; responses may "
        "return values clients did not expect.",
    ),
    "multiple-of-changed": (
        "error",
        "warning",
        "{subject}: multipleOf changed from {old} to {new}",
        "Neither value divides the other: some values valid before are rejected now (requests) "
        "or values clients did not expect may be returned (responses).",
    ),
    "unique-items-set": (
        "warning",
        "info",
        "{subject}: uniqueItems set",
        "Requests: arrays with duplicate items are rejected now. Responses only get stricter.",
    ),
    "unique-items-unset": (
        "info",
        "warning",
        "{subject}: uniqueItems removed",
        "Requests accept duplicates; responses may return arrays with duplicates.",
    ),
    "additional-properties-tightened": (
        "warning",
        None,
        "{subject}: additionalProperties tightened from {old} to {new}",
        "Requests: extra keys that were accepted are now rejected or constrained (e.g. a map's "
        "value schema removed or set to `false`).",
    ),
    "additional-properties-relaxed": (
        "info",
        None,
        "{subject}: additionalProperties relaxed from {old} to {new}",
        "Requests: more keys are accepted.",
    ),
}

# Bound keywords: (keyword, name, True when a larger value tightens).
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


def _bound_kinds() -> dict[str, tuple[Level | None, Level | None, str, str]]:
    out: dict[str, tuple[Level | None, Level | None, str, str]] = {}
    for keyword, name, larger_tightens in BOUNDS:
        tighten, relax = (
            ("increased", "decreased") if larger_tightens else ("decreased", "increased")
        )
        out[f"{name}-{tighten}"] = (
            "error",
            "info",
            f"{{subject}}: {keyword} {tighten} from {{old}} to {{new}}",
            f"A tighter `{keyword}`: requests with values that were valid are rejected; "
            "responses only get stricter.",
        )
        out[f"{name}-{relax}"] = (
            "info",
            "warning",
            f"{{subject}}: {keyword} {relax} from {{old}} to {{new}}",
            f"A looser `{keyword}`: requests accept more; responses may return values clients "
            "did not expect (a warning).",
        )
        out[f"{name}-set"] = (
            "warning",
            "info",
            f"{{subject}}: {keyword} set to {{new}}",
            f"A new `{keyword}` on requests may reject values clients send; it is a warning "
            "because such limits are often set to document what the server already enforced.",
        )
        out[f"{name}-unset"] = (
            "info",
            "warning",
            f"{{subject}}: {keyword} {{old}} removed",
            f"Without `{keyword}`, requests accept more; responses may return values clients did "
            "not expect (a warning).",
        )
    return out


_EXCLUSIVE: dict[str, tuple[Level | None, Level | None, str, str]] = {
    f"{name}-became-{state}": (
        "error" if state == "exclusive" else "info",
        "info" if state == "exclusive" else "warning",
        f"{{subject}}: {keyword} {{old}} became {state}",
        f"The bound value is unchanged but became {state} (OpenAPI 3.0 `exclusive"
        f"{keyword.title()}: true`, or a 3.1 `exclusive{keyword.title()}` of the same value): "
        + (
            "requests with exactly the bound are rejected; responses only get stricter."
            if state == "exclusive"
            else "requests accept the bound itself; responses may return it (a warning)."
        ),
    )
    for keyword, name in (("minimum", "min"), ("maximum", "max"))
    for state in ("exclusive", "inclusive")
}

SCHEMA_KINDS = {**_SCHEMA, **_bound_kinds(), **_EXCLUSIVE}
_PARAMETER_SKIP = ("one-of", "any-of", "discriminator", "additional-properties")
_NOT_OASDIFF = (
    "additional-properties",
    "type-specialized",
    "became-not-enum",
    "const-",
    "multiple-of",
    "unique-items",
    "min-became",
    "max-became",
    "x-extensible-enum-value-added",
)

# Property-level kinds: scope -> kind -> (id, level, message, doc, oasdiff)
_PROPERTY: dict[str, dict[str, tuple[str, Level, str, str, bool]]] = {
    "request-property": {
        "new-required": (
            "new-required-request-property",
            "error",
            "{subject}: new required property {name}",
            "Clients that do not send the new property are rejected.",
            True,
        ),
        "new-optional": (
            "new-optional-request-property",
            "info",
            "{subject}: new optional property {name}",
            "An optional request property was added; existing clients keep working.",
            True,
        ),
        "removed": (
            "request-property-removed",
            "warning",
            "{subject}: property {name} removed",
            "Clients still sending the property have it ignored or rejected (when "
            "additionalProperties is false).",
            True,
        ),
        "renamed": (
            "request-property-renamed",
            "error",
            "{subject}: property {old} renamed to {new}",
            "One property was removed and another with a compatible schema and a related name was "
            "added in the same object: one rename, reported once. Clients sending the old name "
            "lose the value.",
            False,
        ),
        "became-required": (
            "request-property-became-required",
            "error",
            "{subject}: property {name} became required",
            "Clients that omit the property are rejected.",
            True,
        ),
        "became-optional": (
            "request-property-became-optional",
            "info",
            "{subject}: property {name} became optional",
            "Clients may now omit the property.",
            True,
        ),
        "became-read-only": (
            "request-property-became-read-only",
            "warning",
            "{subject}: property {name} became readOnly",
            "The server now ignores the property in requests; clients that set it lose the effect.",
            False,
        ),
        "became-not-read-only": (
            "request-property-became-not-read-only",
            "info",
            "{subject}: property {name} is no longer readOnly",
            "Clients may now send the property.",
            False,
        ),
    },
    "response-property": {
        "required-removed": (
            "response-required-property-removed",
            "error",
            "{subject}: required property {name} removed",
            "Clients that read the property get nothing.",
            True,
        ),
        "optional-removed": (
            "response-optional-property-removed",
            "warning",
            "{subject}: optional property {name} removed",
            "Clients that read the optional property never see it again.",
            True,
        ),
        "renamed": (
            "response-property-renamed",
            "error",
            "{subject}: property {old} renamed to {new}",
            "One property was removed and another with a compatible schema and a related name was "
            "added in the same object: one rename, reported once. Clients reading the old name "
            "get nothing.",
            False,
        ),
        "required-added": (
            "response-required-property-added",
            "info",
            "{subject}: new required property {name}",
            "Responses carry one more property.",
            True,
        ),
        "optional-added": (
            "response-optional-property-added",
            "info",
            "{subject}: new optional property {name}",
            "Responses may carry one more property.",
            True,
        ),
        "became-optional": (
            "response-property-became-optional",
            "error",
            "{subject}: property {name} became optional",
            "Clients that rely on the property being present fail when it is missing.",
            True,
        ),
        "became-required": (
            "response-property-became-required",
            "info",
            "{subject}: property {name} became required",
            "The property is now always present.",
            True,
        ),
        "became-write-only": (
            "response-property-became-write-only",
            "error",
            "{subject}: property {name} became writeOnly",
            "The property is no longer returned; clients reading it get nothing.",
            False,
        ),
        "became-not-write-only": (
            "response-property-became-not-write-only",
            "info",
            "{subject}: property {name} is no longer writeOnly",
            "The property is now returned.",
            False,
        ),
    },
}

_SUMMARY = {
    "request-parameter": "request parameter",
    "request-body": "request body",
    "request-property": "request property",
    "response-body": "response body",
    "response-property": "response property",
    "response-header": "response header",
}


def schema_rules(scope: str, family: str) -> list[Rule]:
    """Every schema rule of one scope."""
    direction: Direction = "request" if scope.startswith("request") else "response"
    out = []
    for kind, (req, resp, message, doc) in SCHEMA_KINDS.items():
        level = req if direction == "request" else resp
        if level is None:
            continue
        if scope in ("request-parameter", "response-header") and kind.startswith(_PARAMETER_SKIP):
            continue
        if scope == "request-parameter" and kind.startswith("default-value-"):
            level = "error"
            doc = doc.replace(" For request parameters this is an error.", "")
        out.append(
            Rule(
                id=f"{scope}-{kind}",
                level=level,
                direction=direction,
                family=family,
                scope=scope,
                kind=kind,
                summary=f"{_SUMMARY[scope]} {kind.replace('-', ' ')}",
                message=message,
                doc=doc,
                oasdiff=not kind.startswith(_NOT_OASDIFF),
            )
        )
    for kind, (rule_id, level, message, doc, oasdiff) in _PROPERTY.get(scope, {}).items():
        out.append(
            Rule(
                id=rule_id,
                level=level,
                direction=direction,
                family=family,
                scope=scope,
                kind=kind,
                summary=rule_id.replace("-", " "),
                message=message,
                doc=doc,
                oasdiff=oasdiff,
            )
        )
    return out
