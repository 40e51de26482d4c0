"""One JSON object: ``{"version", "findings": [...], "summary": {...}}``."""

from __future__ import annotations

from aims_lint import __version__
from aims_lint.escape import to_json
from aims_lint.findings import Result

from . import Report


def render(result: Result, report: Report) -> str:
    shown = result.findings if report.show_suppressed else result.active
    summary = result.summary()
    summary["readiness"] = {**report.readiness(result).as_json(), "whole_repository": result.whole_repository}
    if result.comparison is not None:
        compared = result.comparison
        summary["comparison"] = {"base": compared.base, "new": len(result.active), "existing": compared.existing, "fixed": compared.fixed}
    document = {
        "version": __version__,
        "findings": [report.displayed(finding).as_json() for finding in shown],
        "summary": summary,
    }
    return to_json(document) + "\n"
