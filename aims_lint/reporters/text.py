"""``path:line:col: CODE [classification] message``, then a summary (default format).

A finding that shows at several places says how many others it has, then lists them,
one indented line each (as rustc and Ruff show secondary spans)::

    policy.md:12:5: POL001 [major] 'AI subjects', 'AI at rest' ... (+2 other locations)
        also at policy.md:20:3 ('AI at rest')
        also at policy.md:31:1 ('AI breach')
"""

from __future__ import annotations

from aims_lint.escape import printable, printable_path
from aims_lint.findings import Finding, Result

from . import Report

_COLORS = {"major": "red", "minor": "yellow", "advisory": "cyan"}


def _style(text: str, report: Report, **styles) -> str:
    if not report.color:
        return text
    import click

    return click.style(text, **styles)


def _line(finding: Finding, report: Report) -> str:
    # The document's text is escaped before it is styled: the colours are ours, an
    # escape sequence in the document is shown, not obeyed.
    location = _style(f"{printable_path(finding.path)}:{finding.line}:{finding.column}:", report, bold=True)
    code = _style(printable(finding.code), report, fg=_COLORS[finding.classification], bold=True)
    line = f"{location} {code} [{finding.classification}] {printable(finding.message)}"
    if finding.locations:
        line += f" {location_count(finding)}"
    if finding.suppressed:
        reason = finding.suppression_reason or "no reason given"
        line += _style(f"  (suppressed: {printable(reason)})", report, dim=True)
    elif finding.baselined:
        line += _style("  (accepted by baseline)", report, dim=True)
    return "\n".join([line, *(_style(text, report, dim=True) for text in location_lines(finding))])


MAX_LOCATION_LINES = 20  # past these, one line says how many more (JSON and SARIF list all)


def location_count(finding: Finding) -> str:
    count = len(finding.locations)
    return f"(+{count} other location{'s' if count != 1 else ''})"


def location_lines(finding: Finding, indent: str = "    ") -> list[str]:
    """The finding's other places, one escaped line each: ``also at path:line:col (what)``.
    Never ``path:line:col: message``: an editor reading findings by that pattern
    (``--stdin-filename``, vim's errorformat) must not take a place for a finding."""
    lines = []
    for location in finding.locations[:MAX_LOCATION_LINES]:
        what = f" ({printable(location.message)})" if location.message else ""
        lines.append(f"{indent}also at {printable_path(location.path)}:{location.line}:{location.column}{what}")
    hidden = len(finding.locations) - MAX_LOCATION_LINES
    if hidden > 0:
        lines.append(f"{indent}… and {hidden} more")
    return lines


def render(result: Result, report: Report) -> str:
    shown = result.findings if report.show_suppressed else result.active
    lines = [_line(report.displayed(finding), report) for finding in shown]
    if report.statistics:
        lines.append(statistics(result, report))
    if not report.quiet:
        lines.append(summary(result, report))
    return "\n".join(line for line in lines if line) + ("\n" if lines else "")


def statistics(result: Result, report: Report) -> str:
    counts: dict[str, int] = {}
    for finding in result.active:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = report.rules.get(code)
        name = rule.name if rule else ""
        classification = rule.classification if rule else ""
        rows.append(f"{count:>5}  {code:<7} {name:<32} [{classification}]")
    return "\n".join(rows)


def summary(result: Result, report: Report) -> str:
    counts = result.counts()
    total = len(result.active)
    files = f"{result.files_checked} file{'s' if result.files_checked != 1 else ''}"
    if total == 0:
        text = f"No findings in {files} ({result.documents_checked} governance documents)."
    else:
        parts = ", ".join(f"{counts[level]} {level}" for level in ("major", "minor", "advisory") if counts[level])
        text = f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} ({result.documents_checked} governance documents)."
    if result.suppressed:
        text += f" {len(result.suppressed)} suppressed" + ("." if report.show_suppressed else " (--show-suppressed lists them).")
    if result.baselined:
        text += f" {len(result.baselined)} accepted by baseline."
    if result.comparison is not None:
        compared = result.comparison
        new = len(result.active)
        text = (
            f"{'No new finding' if not new else f'{new} new finding' + ('s' if new != 1 else '')} compared with "
            f"{printable(compared.base)} ({result.files_checked} files linted); {compared.existing} existing "
            f"finding{'s' if compared.existing != 1 else ''} not blamed on this change; {compared.fixed} fixed."
        )
        return _style(text, report, bold=True)
    lines = [_style(text, report, bold=True), *readiness_lines(report.readiness(result), result, report)]
    return "\n".join(lines)


_VERDICT_COLORS = {"ready": "green", "at risk": "yellow", "not ready": "red"}


SHOWN_GROUPS = 5
SHOWN_SUPPRESSED = 10


def readiness_lines(readiness, result: Result, report: Report) -> list[str]:
    """The readiness part of the summary: certification impact, effort, minors grouped by
    requirement, what is accepted by suppression, the critical path and the verdict.
    The same model as ``aims-lint plan``, the JSON summary and the HTML report."""
    from aims_lint.plan import critical_path_line
    from aims_lint.readiness import SCOPE_NOTE

    lines = []
    counts = readiness.counts
    if counts["major"] or counts["minor"]:
        lines.append(readiness.impact[0].upper() + readiness.impact[1:] + ".")
        count = len(readiness.items)
        lines.append(
            f"Remediation effort: {readiness.total_effort} person-days in total ({count} work "
            f"item{'s' if count != 1 else ''}, one per rule and milestone): effort shared among owners, not calendar time."
        )
    groups = readiness.groups
    if groups:
        parts = [f"{group.clause} ({group.count})" for group in groups[:SHOWN_GROUPS]]
        more = f", and {len(groups) - SHOWN_GROUPS} more clauses" if len(groups) > SHOWN_GROUPS else ""
        lines.append(f"Minor findings by requirement: {', '.join(parts)}{more}.")
        many = [group.clause for group in groups if group.many]
        if many:
            lines.append(
                f"{readiness.many_minors} or more minors against one requirement ({', '.join(many)}): together they may be "
                "judged a major nonconformity (ISO/IEC 17021-1)."
            )
    if readiness.suppressed:
        lines.append(
            f"Accepted by suppression: the auditor will still see these ({len(readiness.suppressed)}):"
        )
        for finding in readiness.suppressed[:SHOWN_SUPPRESSED]:
            reason = finding.suppression_reason or "no reason given"
            lines.append(
                f"  {printable_path(finding.path)}:{finding.line} {printable(finding.code)} [{finding.classification}] "
                f"{printable(finding.message)} (suppressed: {printable(reason)})"
            )
        if len(readiness.suppressed) > SHOWN_SUPPRESSED:
            lines.append(f"  and {len(readiness.suppressed) - SHOWN_SUPPRESSED} more (--show-suppressed lists them)")
    if readiness.baselined:
        accepted = readiness.baselined
        lines.append(f"Accepted by baseline: the auditor will still see these ({len(accepted)}):")
        for finding in accepted[:SHOWN_SUPPRESSED]:
            lines.append(
                f"  {printable_path(finding.path)}:{finding.line} {printable(finding.code)} [{finding.classification}] "
                f"{printable(finding.message)}"
            )
        if len(accepted) > SHOWN_SUPPRESSED:
            lines.append(f"  and {len(accepted) - SHOWN_SUPPRESSED} more (--show-suppressed lists them)")
    scope = "" if result.whole_repository else " (linted files only)"
    if readiness.evidence_known and readiness.stage2_date is not None and (counts["major"] or counts["minor"]):
        lines.append(critical_path_line(readiness.schedule))
    if readiness.verdict is None:
        lines.append(f"Readiness{scope}: no verdict: set stage2-date in the configuration to compare with your audit date.")
    else:
        verdict = _style(readiness.label.upper(), report, fg=_VERDICT_COLORS[readiness.verdict], bold=True)
        days_left = readiness.days_left
        if days_left is None:
            when = ""
        else:
            left = f"{days_left} day{'s' if days_left != 1 else ''} left" if days_left >= 0 else f"{-days_left} days ago"
            when = f" on {readiness.stage2_date.isoformat()} ({left})"
        lines.append(f"Readiness{scope}: {verdict}{when}: {printable(readiness.reason)}.")
        lines.append(f"The verdict is {SCOPE_NOTE}.")
    return lines
