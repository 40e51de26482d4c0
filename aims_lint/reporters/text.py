"""``path:line:col: CODE [classification] message``, then a summary (default format)."""

from __future__ import annotations

from aims_lint.findings import Finding, Result

from . import Report

_COLORS = {"major": "red", "minor": "yellow", "advisory": "cyan"}


def _style(text: str, report: Report, **styles) -> str:
    if not report.color:
        return text
    import click

    return click.style(text, **styles)


def _line(finding: Finding, report: Report) -> str:
    location = _style(f"{finding.path}:{finding.line}:{finding.column}:", report, bold=True)
    code = _style(finding.code, report, fg=_COLORS[finding.classification], bold=True)
    line = f"{location} {code} [{finding.classification}] {finding.message}"
    if finding.suppressed:
        reason = finding.suppression_reason or "no reason given"
        line += _style(f"  (suppressed: {reason})", report, dim=True)
    return line


def render(result: Result, report: Report) -> str:
    shown = result.findings if report.show_suppressed else result.active
    lines = [_line(finding, report) for finding in shown]
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
    if counts["major"]:
        text += f"\n{counts['major']} major nonconformit{'ies' if counts['major'] != 1 else 'y'}: a certification auditor would withhold the certificate until closed."
    return _style(text, report, bold=True)
