"""SARIF 2.1.0 for code scanning: rules with their docs, results with working-tree locations."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from specward.report.finding import Finding, Report
from specward.report.locations import place

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules(report: Report, used: list[str]) -> list[dict[str, Any]]:
    rules = []
    for rid in used:
        info = report.rules.get(rid)
        rule: dict[str, Any] = {
            "id": rid,
            "shortDescription": {"text": info.summary if info else rid},
        }
        if info:
            if info.doc:
                rule["fullDescription"] = {"text": info.doc}
            rule["defaultConfiguration"] = {"level": _LEVEL[info.level]}
        rules.append(rule)
    return rules


def _result(f: Finding, index: int) -> dict[str, Any]:
    text = f"{f.location}: {f.message}"
    result: dict[str, Any] = {"ruleId": f.id, "ruleIndex": index, "level": _LEVEL[f.level]}
    if f.source:
        at = place(f.source)
        if at.rev is not None:
            text += f" (at {at.rev}: line {at.line} of {f.source.file})"
            result["properties"] = {"revision": at.rev}
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(at.path, safe="/")},
                    "region": {"startLine": at.line},
                }
            }
        ]
    result["message"] = {"text": text}
    return result


def render(report: Report) -> str:
    used = sorted({f.id for f in report.findings})
    index = {rid: i for i, rid in enumerate(used)}
    doc = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "specward",
                        "informationUri": "https://github.com/specward/specward",
                        "rules": _rules(report, used),
                    }
                },
                "automationDetails": {"id": f"specward/{report.tool}/"},
                "results": [_result(f, index[f.id]) for f in report.findings],
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
