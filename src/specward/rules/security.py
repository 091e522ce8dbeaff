"""Security requirements (the effective ones: an operation's own, else the global ones) and the
security scheme definitions they name (``components.securitySchemes``, Swagger
``securityDefinitions``)."""

from __future__ import annotations

from specward.compare import kinds as K
from specward.rules.registry import RuleFactory

FAMILY = "security"


_rule = RuleFactory(FAMILY, "request", K.SECURITY)


RULES = [
    _rule(
        "api-security-added",
        "error",
        K.ADDED,
        "security {new} now required (was public)",
        "A public operation now requires credentials: anonymous clients are rejected.",
    ),
    _rule(
        "api-security-removed",
        "info",
        K.REMOVED,
        "security {old} removed (now public)",
        "The operation no longer requires credentials.",
    ),
    _rule(
        "api-security-requirement-removed",
        "error",
        K.REQUIREMENT_REMOVED,
        "security alternative {old} removed",
        "Clients authenticating with the removed alternative are rejected.",
    ),
    _rule(
        "api-security-requirement-added",
        "info",
        K.REQUIREMENT_ADDED,
        "security alternative {new} added",
        "One more way to authenticate.",
    ),
    _rule(
        "api-security-scope-added",
        "error",
        K.SCOPE_ADDED,
        "security {name}: scope(s) {values} now required",
        "Tokens without the new scope are rejected.",
    ),
    _rule(
        "api-security-scope-removed",
        "info",
        K.SCOPE_REMOVED,
        "security {name}: scope(s) {values} no longer required",
        "Fewer scopes are needed.",
    ),
]

_component = RuleFactory(FAMILY, "request", K.SECURITY_SCHEME)

RULES += [
    _component(
        "api-security-component-removed",
        "info",
        K.REMOVED,
        "security scheme {name} removed",
        "A security scheme definition was removed; operations that required it are reported "
        "by the requirement rules.",
    ),
    _component(
        "api-security-component-added",
        "info",
        K.ADDED,
        "security scheme {name} added",
        "A new security scheme definition.",
    ),
    _component(
        "api-security-component-type-changed",
        "error",
        K.TYPE_CHANGED,
        "security scheme {name}: type changed from {old} to {new}",
        "Clients authenticate the old way (e.g. an HTTP bearer token where an API key is now "
        "expected) and are rejected.",
    ),
    _component(
        "api-security-component-http-scheme-changed",
        "error",
        K.HTTP_SCHEME_CHANGED,
        "security scheme {name}: HTTP scheme changed from {old} to {new}",
        "The HTTP authentication scheme changed (e.g. basic to bearer): clients send the old "
        "Authorization header and are rejected.",
    ),
    _component(
        "api-security-component-api-key-location-changed",
        "error",
        K.API_KEY_LOCATION_CHANGED,
        "security scheme {name}: API key moved from {old} to {new}",
        "Clients send the API key where it used to be (e.g. a header where a query parameter is "
        "now expected) and are rejected.",
    ),
    _component(
        "api-security-component-api-key-name-changed",
        "error",
        K.API_KEY_NAME_CHANGED,
        "security scheme {name}: API key name changed from {old} to {new}",
        "Clients send the API key under the old name and are rejected.",
    ),
    _component(
        "api-security-component-oauth-flow-removed",
        "error",
        K.OAUTH_FLOW_REMOVED,
        "security scheme {name}: OAuth flow {flow} removed",
        "Clients obtaining tokens with the removed flow can no longer authenticate.",
    ),
    _component(
        "api-security-component-oauth-flow-added",
        "info",
        K.OAUTH_FLOW_ADDED,
        "security scheme {name}: OAuth flow {flow} added",
        "One more way to obtain a token.",
    ),
    _component(
        "api-security-component-oauth-scope-removed",
        "error",
        K.OAUTH_SCOPE_REMOVED,
        "security scheme {name}: scope(s) {values} removed from the {flow} flow",
        "Clients requesting a removed scope get their token request refused.",
    ),
    _component(
        "api-security-component-oauth-scope-added",
        "info",
        K.OAUTH_SCOPE_ADDED,
        "security scheme {name}: scope(s) {values} added to the {flow} flow",
        "New scopes can be requested.",
    ),
    _component(
        "api-security-component-oauth-token-url-changed",
        "warning",
        K.OAUTH_TOKEN_URL_CHANGED,
        "security scheme {name}: {flow} token URL changed from {old} to {new}",
        "Clients configured with the old token URL must change it (unless it redirects).",
    ),
    _component(
        "api-security-component-oauth-url-changed",
        "warning",
        K.OAUTH_URL_CHANGED,
        "security scheme {name}: {flow} authorization URL changed from {old} to {new}",
        "Clients configured with the old authorization URL must change it (unless it redirects).",
    ),
    _component(
        "api-security-component-openid-connect-url-changed",
        "warning",
        K.OPENID_CONNECT_URL_CHANGED,
        "security scheme {name}: OpenID Connect URL changed from {old} to {new}",
        "Clients discover the provider at the old URL.",
    ),
]

_global = RuleFactory(FAMILY, "request", K.GLOBAL_SECURITY)

RULES += [
    _global(
        "api-global-security-removed",
        "error",
        K.REQUIREMENT_REMOVED,
        "global security alternative {old} removed",
        "Operations that inherit the global security no longer accept the removed way to "
        "authenticate: clients using it are rejected (the operations are reported too).",
    ),
    _global(
        "api-global-security-added",
        "info",
        K.REQUIREMENT_ADDED,
        "global security alternative {new} added",
        "One more way to authenticate for the operations that inherit the global security.",
    ),
    _global(
        "api-global-security-scope-added",
        "error",
        K.SCOPE_ADDED,
        "global security {name}: scope(s) {values} now required",
        "Tokens without the new scope are rejected by every operation that inherits it.",
    ),
    _global(
        "api-global-security-scope-removed",
        "info",
        K.SCOPE_REMOVED,
        "global security {name}: scope(s) {values} no longer required",
        "Fewer scopes are needed.",
    ),
    _component(
        "api-security-component-type-changed-same-wire",
        "info",
        K.TYPE_CHANGED_SAME_WIRE,
        "security scheme {name}: type changed from {old} to {new}, same header on the wire",
        "An API key sent in the `Authorization` header became HTTP bearer (or the other way): "
        "the same header goes over the wire, so clients keep authenticating.",
    ),
]
