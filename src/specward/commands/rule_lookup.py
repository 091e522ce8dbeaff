"""``specward rules ID``: one rule with its doc, an example finding and how to accept one."""

from __future__ import annotations

import difflib
import json
import string
from typing import Any

from specward.errors import SpecwardError

# scope -> (example location, example subject) of a change that rule reports
_EXAMPLES: dict[str, tuple[str, str]] = {
    "request-property": ("POST /items request.body[application/json].color", "request body"),
    "request-body": ("POST /items request.body[application/json]", "request body"),
    "request-parameter": ("GET /items request.parameters.query.limit", "query parameter limit"),
    "response-property": ("GET /items response[200][application/json].color", "response 200 body"),
    "response-body": ("GET /items response[200][application/json]", "response 200 body"),
    "response-header": ("GET /items response[200].headers.X-Rate-Limit", "response 200 header"),
    "response": ("GET /items response[200]", "GET /items"),
    "operation": ("GET /items", "GET /items"),
    "security": ("GET /items security", "GET /items"),
    "security-scheme": ("components.securitySchemes.oauth", "security scheme oauth"),
    "servers": ("servers", "servers"),
    "components": ("components.schemas.Item", "schema Item"),
}
_FIELDS = {
    "name": "color",
    "old": "<old>",
    "new": "<new>",
    "values": "'red'",
    "location": "query",
    "status": "200",
    "flow": "clientCredentials",
    "path": "/items",
    "sunset": "2026-12-31",
    "moved": "GET /v1/items",
}


def _rule(rule_id: str) -> Any:
    from specward.rules import REGISTRY

    rule = REGISTRY.get(rule_id) or REGISTRY.get(rule_id.strip().lower())
    if rule is None:
        ids = [r.id for r in REGISTRY.all()]
        close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `specward rules` lists them"
        raise SpecwardError(f"unknown rule {rule_id!r}{hint}")
    return rule


def example(rule: Any) -> dict[str, Any]:
    """An illustrative finding of ``rule`` and the contract entry that would accept it."""
    location, subject = _EXAMPLES.get(rule.scope, ("GET /items", "GET /items"))
    names = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
    fields = {name: f"<{name}>" for name in names}
    message = rule.render({**fields, **_FIELDS, "subject": subject})
    operation = location.split(" request")[0].split(" response")[0].split(" security")[0]
    pattern = location if location == operation or " " not in location else f"{operation} *"
    return {
        "finding": {"id": rule.id, "level": rule.level, "location": location, "message": message},
        "accept": {
            "id": rule.id,
            "location": pattern,
            "reason": "why this change is fine",
            "expires": "2026-12-31",
        },
    }


def render_rule(rule_id: str, fmt: str = "text") -> str:
    rule = _rule(rule_id)
    ex = example(rule)
    if fmt == "json":
        return json.dumps({**rule.as_dict(), "bump": rule.bump, "example": ex}, indent=2) + "\n"
    origin = "oasdiff's id" if rule.oasdiff else "specward's own id"
    finding, accept = ex["finding"], ex["accept"]
    line = f"{rule.level.upper():<7} [{rule.id}] {finding['location']}: {finding['message']}"
    snippet = [
        "breaking:",
        "  accepted:",
        f"    - id: {accept['id']}",
        f'      location: "{accept["location"]}"',
        f"      reason: {accept['reason']}",
        f"      expires: {accept['expires']}",
    ]
    if fmt == "markdown":
        return (
            "\n".join(
                [
                    f"### `{rule.id}`",
                    "",
                    f"**{rule.level}** · {rule.direction} · {rule.family} · {origin} · "
                    f"semver {rule.bump}",
                    "",
                    rule.doc,
                    "",
                    "Example finding:",
                    "",
                    f"    {line}",
                    "",
                    "Accept one in a contract file:",
                    "",
                    *[f"    {s}" for s in snippet],
                ]
            )
            + "\n"
        )
    return (
        "\n".join(
            [
                f"{rule.id}  ({rule.level}; {rule.direction}; family {rule.family}; {origin}; "
                f"semver {rule.bump})",
                f"  {rule.summary}",
                f"  {rule.doc}",
                "",
                "Example finding:",
                f"  {line}",
                "",
                "Accept one in a contract file:",
                *[f"  {s}" for s in snippet],
            ]
        )
        + "\n"
    )
