"""JSON: the command's own stable payload."""

from __future__ import annotations

import json

from specward.report.finding import Report


def render(report: Report) -> str:
    return json.dumps(report.payload, indent=2, ensure_ascii=False) + "\n"
