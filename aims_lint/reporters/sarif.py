"""SARIF 2.1.0 for code-scanning dashboards (github/codeql-action/upload-sarif and others)."""

from __future__ import annotations

from aims_lint import __version__
from aims_lint.escape import to_json, uri_reference
from aims_lint.findings import Result

from . import Report

_LEVELS = {"major": "error", "minor": "warning", "advisory": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_descriptor(rule) -> dict:
    documentation = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": rule.summary or rule.name},
        "help": {"text": documentation or rule.summary, "markdown": documentation or rule.summary},
        "defaultConfiguration": {"level": _LEVELS[rule.classification]},
        "properties": {
            "clause": rule.clause,
            "classification": rule.classification,
            "remediation": rule.remediation,
            "tags": ["iso42001", f"clause-{rule.clause}", rule.classification],
        },
    }


def _physical(path: str, line: int, column: int) -> dict:
    location = {"artifactLocation": {"uri": uri_reference(path), "uriBaseId": "SRCROOT"}}
    if path != ".":
        location["region"] = {"startLine": line, "startColumn": column}
    return location


def _related(finding) -> list[dict]:
    """SARIF's relatedLocations: the other places of the same gap, each with an id
    (unique in its result) and what is there."""
    return [
        {
            "id": number,
            "physicalLocation": _physical(location.path, location.line, location.column),
            "message": {"text": location.message or finding.message},
        }
        for number, location in enumerate(finding.locations, start=1)
    ]


def render(result: Result, report: Report) -> str:
    rules = sorted({finding.code for finding in result.findings} | {rule.code for rule in report.enabled})
    index = {code: position for position, code in enumerate(rules)}
    results = []
    for finding in result.findings if report.show_suppressed else result.active:
        location = _physical(finding.path, finding.line, finding.column)
        entry = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _LEVELS[finding.classification],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
            "properties": {"clause": finding.clause, "classification": finding.classification},
        }
        if finding.locations:
            entry["relatedLocations"] = _related(finding)
        if finding.suppressed:
            entry["suppressions"] = [{"kind": "inSource", "justification": finding.suppression_reason or ""}]
        elif finding.baselined:
            entry["suppressions"] = [{"kind": "external", "justification": "accepted by baseline"}]
        results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aims-lint",
                        "version": __version__,
                        "rules": [_rule_descriptor(report.rules[code]) for code in rules if code in report.rules],
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": report.root.as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return to_json(log) + "\n"
