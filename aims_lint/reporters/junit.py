"""JUnit XML: one test case per linted file, failing when the file has findings.

XML 1.0 cannot hold most control characters even as character references, nor lone
surrogates: every text from the repository is shown escaped (aims_lint.escape), one
line per finding in a failure's text, then one indented line per other location.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from aims_lint.escape import printable, printable_path
from aims_lint.findings import Finding, Result

from . import Report


def _failure_line(finding: Finding) -> str:
    from .text import location_count, location_lines

    details = f"{finding.code} [{finding.classification}] {finding.message} (clause {finding.clause})"
    if finding.locations:
        details += f" {location_count(finding)}"
    line = f"{printable_path(finding.path)}:{finding.line}:{finding.column}: {printable(details)}"
    return "\n".join([line, *location_lines(finding)])


def render(result: Result, report: Report) -> str:
    by_path: dict[str, list] = {}
    for finding in map(report.displayed, result.active):
        by_path.setdefault(finding.path, []).append(finding)
    suites = ElementTree.Element("testsuites", name="aims-lint")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="aims-lint",
        failures=str(len(by_path)),
        errors=str(len(result.errors)),
    )
    for path, findings in sorted(by_path.items()):
        case = ElementTree.SubElement(suite, "testcase", classname="aims-lint", name=printable(path))
        failure = ElementTree.SubElement(
            case, "failure", message=f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", type="aims-lint"
        )
        failure.text = "\n".join(_failure_line(finding) for finding in findings)
    clean = result.files_checked - len(by_path)
    if clean > 0:
        ElementTree.SubElement(suite, "testcase", classname="aims-lint", name=f"{clean} files without findings")
    for error in result.errors:
        case = ElementTree.SubElement(suite, "testcase", classname="aims-lint", name=printable(error.path))
        ElementTree.SubElement(case, "error", message=printable(error.message))
    suite.set("tests", str(len(suite)))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
