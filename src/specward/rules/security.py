"""Security requirements (the effective ones: an operation's own, else the global ones) and the
security scheme definitions they name (``components.securitySchemes``, Swagger
``securityDefinitions``)."""

from __future__ import annotations

from specward.rules.registry import RuleFactory

FAMILY = "security"


_rule = RuleFactory(FAMILY, "request", "security")


RULES = [
    _rule(
        "api-security-added",
        "error",
        "added",
        "security {new} now required (was public)",
        "A public operation now requires credentials: anonymous clients are rejected.",
    ),
    _rule(
        "api-security-removed",
        "info",
        "removed",
        "security {old} removed (now public)",
        "The operation no longer requires credentials.",
    ),
    _rule(
        "api-security-requirement-removed",
        "error",
        "requirement-removed",
        "security alternative {old} removed",
        "Clients authenticating with the removed alternative are rejected.",
        oasdiff=False,
    ),
    _rule(
        "api-security-requirement-added",
        "info",
        "requirement-added",
        "security alternative {new} added",
        "One more way to authenticate.",
        oasdiff=False,
    ),
    _rule(
        "api-security-scope-added",
        "error",
        "scope-added",
        "security {name}: scope(s) {values} now required",
        "Tokens without the new scope are rejected.",
    ),
    _rule(
        "api-security-scope-removed",
        "info",
        "scope-removed",
        "security {name}: scope(s) {values} no longer required",
        "Fewer scopes are needed.",
    ),
]

_component = RuleFactory(FAMILY, "request", "security-scheme")

RULES += [
    _component(
        "api-security-component-removed",
        "info",
        "removed",
        "security scheme {name} removed",
        "A security scheme definition was removed; operations that required it are reported "
        "by the requirement rules.",
    ),
    _component(
        "api-security-component-added",
        "info",
        "added",
        "security scheme {name} added",
        "A new security scheme definition.",
    ),
    _component(
        "api-security-component-type-changed",
        "error",
        "type-changed",
        "security scheme {name}: type changed from {old} to {new}",
        "Clients authenticate the old way (e.g. an HTTP bearer token where an API key is now "
        "expected) and are rejected.",
    ),
    _component(
        "api-security-component-http-scheme-changed",
        "error",
        "http-scheme-changed",
        "security scheme {name}: HTTP scheme changed from {old} to {new}",
        "The HTTP authentication scheme changed (e.g. basic to bearer): clients send the old "
        "Authorization header and are rejected.",
        oasdiff=False,
    ),
    _component(
        "api-security-component-api-key-location-changed",
        "error",
        "api-key-location-changed",
        "security scheme {name}: API key moved from {old} to {new}",
        "Clients send the API key where it used to be (e.g. a header where a query parameter is "
        "now expected) and are rejected.",
        oasdiff=False,
    ),
    _component(
        "api-security-component-api-key-name-changed",
        "error",
        "api-key-name-changed",
        "security scheme {name}: API key name changed from {old} to {new}",
        "Clients send the API key under the old name and are rejected.",
        oasdiff=False,
    ),
    _component(
        "api-security-component-oauth-flow-removed",
        "error",
        "oauth-flow-removed",
        "security scheme {name}: OAuth flow {flow} removed",
        "Clients obtaining tokens with the removed flow can no longer authenticate.",
        oasdiff=False,
    ),
    _component(
        "api-security-component-oauth-flow-added",
        "info",
        "oauth-flow-added",
        "security scheme {name}: OAuth flow {flow} added",
        "One more way to obtain a token.",
        oasdiff=False,
    ),
    _component(
        "api-security-component-oauth-scope-removed",
        "error",
        "oauth-scope-removed",
        "security scheme {name}: scope(s) {values} removed from the {flow} flow",
        "Clients requesting a removed scope get their token request refused.",
    ),
    _component(
        "api-security-component-oauth-scope-added",
        "info",
        "oauth-scope-added",
        "security scheme {name}: scope(s) {values} added to the {flow} flow",
        "New scopes can be requested.",
    ),
    _component(
        "api-security-component-oauth-token-url-changed",
        "warning",
        "oauth-token-url-changed",
        "security scheme {name}: {flow} token URL changed from {old} to {new}",
        "Clients configured with the old token URL must change it (unless it redirects).",
    ),
    _component(
        "api-security-component-oauth-url-changed",
        "warning",
        "oauth-url-changed",
        "security scheme {name}: {flow} authorization URL changed from {old} to {new}",
        "Clients configured with the old authorization URL must change it (unless it redirects).",
    ),
    _component(
        "api-security-component-openid-connect-url-changed",
        "warning",
        "openid-connect-url-changed",
        "security scheme {name}: OpenID Connect URL changed from {old} to {new}",
        "Clients discover the provider at the old URL.",
        oasdiff=False,
    ),
]
