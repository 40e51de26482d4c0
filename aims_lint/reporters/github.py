"""GitHub Actions workflow commands: one annotation per finding on the pull request.

A finding that shows at several places is one annotation, at its primary place; its
message names the others ("also at lines 20, 31; other.md:7"), so that the pull request
does not show one gap as many.

Escaping follows the workflow-command rules: in the message ``%``, CR and LF are
percent-encoded; in property values (file, title) ``:`` and ``,`` are too. Line breaks
keep that encoding (GitHub decodes it, so a file name with a newline still names the
file); every other control character is shown escaped (aims_lint.escape), since the log
viewer obeys ANSI sequences.
"""

from __future__ import annotations

import os
from pathlib import Path

from aims_lint.escape import printable
from aims_lint.findings import Result

from . import Report

_LEVELS = {"major": "error", "minor": "warning", "advisory": "notice"}


def escape_data(text: str) -> str:
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(relpath: str, report: Report) -> str:
    """The path as GitHub knows it: relative to the checked-out workspace."""
    base = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    absolute = report.root / relpath
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:
        return absolute.as_posix()


MAX_NAMED = 20  # places named in one annotation; past these, how many more


def _elsewhere(finding) -> str:
    """" (also at lines 20, 31; other.md:7)" for a finding with other locations."""
    if not finding.locations:
        return ""
    here = [str(item.line) for item in finding.locations[:MAX_NAMED] if item.path == finding.path]
    there = [f"{item.path}:{item.line}" for item in finding.locations[:MAX_NAMED] if item.path != finding.path]
    parts = ([f"line{'s' if len(here) > 1 else ''} {', '.join(here)}"] if here else []) + there
    hidden = len(finding.locations) - MAX_NAMED
    more = f" and {hidden} more" if hidden > 0 else ""
    return f" (also at {'; '.join(parts)}{more})"


def render(result: Result, report: Report) -> str:
    lines = []
    for finding in result.active:
        properties = {
            "file": _path(finding.path, report),
            "line": str(finding.line),
            "col": str(finding.column),
            "title": f"{finding.code} {finding.name} ({finding.clause}, {finding.classification})",
        }
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        lines.append(f"::{_LEVELS[finding.classification]} {rendered}::{escape_data(finding.message + _elsewhere(finding))}")
    counts = result.counts()
    line = (
        f"aims-lint: {len(result.active)} findings ({counts['major']} major, {counts['minor']} minor, "
        f"{counts['advisory']} advisory) in {result.files_checked} files"
    )
    readiness = report.readiness(result)
    if result.comparison is not None:
        compared = result.comparison
        line = (
            f"aims-lint: {len(result.active)} new findings ({counts['major']} major, {counts['minor']} minor, "
            f"{counts['advisory']} advisory) compared with {compared.base}; {compared.existing} existing not blamed "
            f"on this change; {compared.fixed} fixed"
        )
    elif readiness.verdict is not None:
        when = f" on {readiness.stage2_date.isoformat()}" if readiness.stage2_date else ""
        line += f"; readiness for Stage 2{when}: {readiness.label} ({readiness.reason})"
    lines.append(line)
    return "\n".join(lines) + "\n"
