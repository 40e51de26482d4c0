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


def render(result: Result, report: Report) -> str:
    rules = sorted({finding.code for finding in result.findings} | {rule.code for rule in report.enabled})
    index = {code: position for position, code in enumerate(rules)}
    results = []
    for finding in result.findings if report.show_suppressed else result.active:
        location = {"artifactLocation": {"uri": uri_reference(finding.path), "uriBaseId": "SRCROOT"}}
        if finding.path != ".":
            location["region"] = {"startLine": finding.line, "startColumn": finding.column}
        entry = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _LEVELS[finding.classification],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
            "properties": {"clause": finding.clause, "classification": finding.classification},
        }
        if finding.suppressed:
            entry["suppressions"] = [{"kind": "inSource", "justification": finding.suppression_reason or ""}]
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
