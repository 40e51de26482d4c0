"""The audit-readiness report: one self-contained HTML page for top management.

Top to bottom: the title, organisation and date; the verdict with the countdown to
Stage 2 (days left, the three phases' deadlines, the internal-audit milestone); the
severity matrix (gap family × classification, with the certification impact); a
clause-by-clause heat map (clauses 4–10, Annex A groups A.2–A.10); the findings table
with links to the files.

The page needs nothing but itself: inline CSS, no script, no web font, no image, no
external address, so it can be mailed, archived next to the audit evidence and opened
offline. Everything that comes from the repository (paths, messages, owners, the
title) is escaped. Generated with string templates from the standard library: the
page is small and fixed, a template engine would be one more dependency for nothing.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
from pathlib import Path

from aims_lint import __version__
from aims_lint.escape import printable, uri_reference
from aims_lint.findings import Finding, Result
from aims_lint.plan import Plan, critical_path_line
from aims_lint.plan import build as build_plan
from aims_lint.readiness import SCOPE_NOTE

CLASSIFICATIONS = ("major", "minor", "advisory")

# Gap families of the bundled rule pack, by code prefix; another pack's prefix shows as itself.
FAMILIES = {
    "POL": "AI policy",
    "RSK": "AI risk assessment",
    "OBJ": "AI objectives",
    "CMP": "Competence and awareness",
    "SOA": "Statement of Applicability",
    "IMP": "Impact assessment",
    "MRV": "Management review",
    "IAU": "Internal audit",
    "DOC": "Document control",
    "TRC": "Traceability across documents",
    "AIMS": "Mandatory documents and internal audit",
    "SUP": "Suppressions",
}

# Clause and Annex A group IDs with their short titles (headings only).
CLAUSES = {
    "4": "Context of the organization",
    "5": "Leadership",
    "6": "Planning",
    "7": "Support",
    "8": "Operation",
    "9": "Performance evaluation",
    "10": "Improvement",
}
ANNEX_A_GROUPS = {
    "A.2": "Policies related to AI",
    "A.3": "Internal organization",
    "A.4": "Resources for AI systems",
    "A.5": "Assessing impacts of AI systems",
    "A.6": "AI system life cycle",
    "A.7": "Data for AI systems",
    "A.8": "Information for interested parties",
    "A.9": "Use of AI systems",
    "A.10": "Third-party and customer relationships",
}

VERDICT_LABELS = {
    "ready": "Documentation ready for Stage 2",
    "at risk": "Documentation at risk for Stage 2",
    "not ready": "Documentation not ready for Stage 2",
}


def escape(text: str) -> str:
    """``text`` as HTML, control characters shown rather than kept (aims_lint.escape):
    HTML forbids most of them and a lone surrogate cannot be written as UTF-8."""
    return html.escape(printable(text))


def family_of(code: str) -> str:
    match = re.match(r"[A-Za-z]+", code)
    return match.group(0).upper() if match else code


def clause_group(clause: str) -> str | None:
    """'7.5.2' → '7', 'A.5.4' → 'A.5'; None for an ID outside clauses 4–10 and Annex A."""
    clause = clause.strip()
    if clause.upper().startswith("A."):
        parts = clause.split(".")
        group = f"A.{parts[1]}" if len(parts) > 1 else None
        return group if group in ANNEX_A_GROUPS else None
    head = clause.split(".")[0]
    return head if head in CLAUSES else None


def heat_level(counts: dict[str, int]) -> int:
    """0 (nothing) to 4. A major weighs as much as five minors and makes a cell at least
    level 3 (it alone withholds the certificate); advisories barely count. Fixed
    thresholds, not relative to the worst cell, so that two reports compare."""
    score = 5 * counts["major"] + counts["minor"] + 0.25 * counts["advisory"]
    if score == 0:
        return 0
    level = next((level for level, limit in ((1, 3), (2, 8), (3, 15)) if score <= limit), 4)
    return max(level, 3) if counts["major"] else level


def render(
    result: Result, root: Path, output: Path, stage2_date: _dt.date | None, today: _dt.date, title: str,
    planning: dict[str, int] | None = None,
) -> str:
    plan = build_plan(result, stage2_date, today, planning)
    readiness = plan.readiness
    active = sorted(result.active, key=lambda f: (CLASSIFICATIONS.index(f.classification), f.path, f.line, f.column, f.code))
    parts = [
        _header(title, root, today, result),
        _verdict(plan, stage2_date),
        _countdown(plan),
        _matrix(active, readiness),
        _heatmap(active),
        _findings(active, result, root, output),
        _footer(today),
    ]
    return _PAGE.format(title=escape(f"Audit readiness: {title}"), css=_CSS, body="\n".join(parts))


def _header(title: str, root: Path, today: _dt.date, result: Result) -> str:
    name = root.name or str(root)
    repository = "" if name == title else f" · repository <code>{escape(name)}</code>"
    scope = "" if result.whole_repository else '<p class="warn">These results cover the linted files only, not the whole AIMS.</p>'
    return f"""<header>
  <p class="eyebrow">ISO/IEC 42001 AI management system</p>
  <h1>Audit readiness report</h1>
  <p class="meta"><span class="org">{escape(title)}</span>{repository} ·
  {escape(today.strftime("%d %B %Y").lstrip("0"))} · {result.documents_checked} governance documents checked</p>
  {scope}
</header>"""


def _verdict(plan: Plan, stage2_date: _dt.date | None) -> str:
    readiness = plan.readiness
    counts = readiness.counts
    if readiness.verdict is not None:
        verdict_class = readiness.verdict.replace(" ", "-")
        label = VERDICT_LABELS[readiness.verdict]
        reason = escape(readiness.reason[0].upper() + readiness.reason[1:] + ".")
    else:
        verdict_class, label = "none", "No verdict"
        # Markup of our own, no user text in it: not escaped.
        reason = "No Stage 2 date is configured: set <code>stage2-date</code> to compare the work with the time left."
    if stage2_date is not None:
        days_left = (stage2_date - plan.schedule.today).days
        days = f"{days_left}" if days_left >= 0 else f"{-days_left} days ago"
        days_label = "Days to Stage 2" if days_left >= 0 else "Stage 2 date passed"
        when = f"Stage 2 audit on {_date(stage2_date)}"
    else:
        days, days_label, when = "–", "Days to Stage 2", "Stage 2 date not set"
    blockers = "".join(f"<li>{escape(blocker[0].upper() + blocker[1:])}.</li>" for blocker in readiness.blockers)
    blockers_html = f'<ul class="blockers" id="blockers">{blockers}</ul>' if blockers else ""
    groups = readiness.groups
    group_text = ", ".join(
        f'<span class="{"many" if group.many else ""}">{escape(group.clause)} ({group.count})</span>' for group in groups[:8]
    )
    many = [group.clause for group in groups if group.many]
    groups_html = (
        f'<p class="groups" id="minor-groups">Minor findings by requirement: {group_text}'
        f'{", …" if len(groups) > 8 else ""}.'
        + (
            f" <strong>{readiness.many_minors} or more against one requirement ({escape(', '.join(many))}): together "
            "they may be judged a major nonconformity (ISO/IEC 17021-1).</strong>" if many else ""
        )
        + "</p>"
    ) if groups else ""
    suppressed = "".join(
        f"<li><code>{escape(f.path)}:{f.line}</code> {escape(f.code)} [{escape(f.classification)}] {escape(f.message)}"
        f" <em>(suppressed: {escape(f.suppression_reason or 'no reason given')})</em></li>"
        for f in readiness.suppressed
    )
    suppressed_html = (
        f'<div id="suppressed"><p class="warn">Accepted by suppression: the auditor will still see these '
        f"({len(readiness.suppressed)}).</p><ul>{suppressed}</ul></div>" if suppressed else ""
    )
    baselined = "".join(
        f"<li><code>{escape(f.path)}:{f.line}</code> {escape(f.code)} [{escape(f.classification)}] {escape(f.message)}</li>"
        for f in readiness.baselined
    )
    if baselined:
        suppressed_html += (
            f'<div id="baselined"><p class="warn">Accepted by baseline: the auditor will still see these '
            f"({len(readiness.baselined)}).</p><ul>{baselined}</ul></div>"
        )
    return f"""<section class="verdict {verdict_class}" aria-label="Verdict">
  <div class="verdict-main">
    <p class="eyebrow">{escape(when)}</p>
    <p class="verdict-label" id="verdict">{escape(label)}</p>
    <p class="reason">{reason}</p>
    {blockers_html}
    <p class="impact">{escape(readiness.impact[0].upper() + readiness.impact[1:])}.</p>
    <p class="scope">The verdict is {escape(SCOPE_NOTE)}.</p>
    {groups_html}
    {suppressed_html}
  </div>
  <dl class="figures">
    <div><dt>{escape(days_label)}</dt><dd id="days-left">{escape(days)}</dd></div>
    <div class="major"><dt>Major</dt><dd id="count-major">{counts['major']}</dd></div>
    <div class="minor"><dt>Minor</dt><dd id="count-minor">{counts['minor']}</dd></div>
    <div class="advisory"><dt>Advisory</dt><dd id="count-advisory">{counts['advisory']}</dd></div>
    <div class="wide"><dt>Remediation effort</dt><dd class="small" id="effort">{readiness.total_effort} person-days in total
    (effort, not calendar time) · critical path {plan.schedule.critical_path_days} days</dd></div>
  </dl>
</section>"""


def _countdown(plan: Plan) -> str:
    from aims_lint.plan import PHASES

    schedule = plan.schedule
    cards = []
    for spec in PHASES:
        rows = []
        for milestone in schedule.milestones:
            if milestone.spec.phase != spec.number:
                continue
            if milestone.done:
                state = f"done: {escape(milestone.done)}"
            else:
                state = f"earliest {_date(milestone.earliest)}"
                if milestone.late_by:
                    state += f' · <strong class="late">late by {milestone.late_by} days</strong>'
            majors = sum(f.classification == "major" for f in milestone.findings)
            detail = ""
            if milestone.items:
                count = len(milestone.findings)
                owners = escape(", ".join(milestone.owners) or "no owner named")
                detail = (
                    f'<br><span class="phase-count">{count} finding{"s" if count != 1 else ""}'
                    f'{f", {majors} major" if majors else ""} · {milestone.effort} person-days · owners: {owners}</span>'
                )
            rows.append(
                f'<li data-milestone="{escape(milestone.key)}"><strong>{escape(milestone.name)}</strong><br>'
                f"latest {_date(milestone.latest)} · {state}{detail}</li>"
            )
        cards.append(
            f"""    <li class="phase">
      <p class="phase-days">Phase {spec.number}</p>
      <h3>{escape(spec.name)}</h3>
      <p class="phase-focus">{escape(spec.focus[0].upper() + spec.focus[1:])}</p>
      <ul class="milestones">{"".join(rows)}</ul>
    </li>"""
        )
    notes = "".join(f"<li>{escape(note[0].upper() + note[1:])}.</li>" for note in schedule.notes)
    kind = "assumed" if schedule.stage2_assumed else "configured"
    return f"""<section aria-labelledby="countdown-title">
  <h2 id="countdown-title">Plan to Stage 2</h2>
  <p class="lead">Stage 2 on <strong>{_date(schedule.stage2_date)}</strong> ({kind}). Milestones counted back from it by
  their dependencies; <code>aims-lint plan</code> lists the findings that block each one.</p>
  <p id="critical-path">{escape(critical_path_line(schedule))}</p>
  <ol class="phases">
{chr(10).join(cards)}
  </ol>
  <ul class="notes">{notes}</ul>
</section>"""


def _matrix(active: list[Finding], readiness) -> str:
    rows: dict[str, dict[str, int]] = {prefix: dict.fromkeys(CLASSIFICATIONS, 0) for prefix in FAMILIES}
    for finding in active:
        rows.setdefault(family_of(finding.code), dict.fromkeys(CLASSIFICATIONS, 0))[finding.classification] += 1
    items_by_family: dict[str, list] = {}
    for item in readiness.items:
        items_by_family.setdefault(family_of(item.code), []).append(item)
    body = []
    totals = dict.fromkeys(CLASSIFICATIONS, 0)
    for prefix, counts in rows.items():
        for level in CLASSIFICATIONS:
            totals[level] += counts[level]
        total = sum(counts.values())
        if counts["major"]:
            impact, impact_class = "Certificate withheld", "major"
        elif counts["minor"]:
            impact, impact_class = "Follow-up required", "minor"
        elif counts["advisory"]:
            impact, impact_class = "None (improvement)", "advisory"
        else:
            impact, impact_class = "–", "zero"
        items = items_by_family.get(prefix, [])
        effort = sum(item.effort for item in items)
        remediation = f"{effort} person-days" if effort else "–"
        cells = "".join(
            f'<td class="num {level if counts[level] else "zero"}" data-family="{escape(prefix)}" data-level="{level}">'
            f'{counts[level] or "·"}</td>'
            for level in CLASSIFICATIONS
        )
        body.append(
            f'<tr class="{"" if total else "empty"}"><th scope="row"><span class="prefix">{escape(prefix)}</span> '
            f"{escape(FAMILIES.get(prefix, prefix))}</th>{cells}"
            f'<td class="num total">{total or "·"}</td><td class="impact-{impact_class}">{impact}</td><td>{remediation}</td></tr>'
        )
    total_cells = "".join(f'<td class="num">{totals[level]}</td>' for level in CLASSIFICATIONS)
    return f"""<section aria-labelledby="matrix-title">
  <h2 id="matrix-title">Severity matrix</h2>
  <p class="lead">Findings by gap family and likely audit classification. A major nonconformity withholds the
  certificate until it is closed; minor ones need a corrective-action plan and a follow-up.</p>
  <table class="matrix" id="severity-matrix">
    <thead><tr><th scope="col">Gap family</th><th scope="col" class="num">Major</th><th scope="col" class="num">Minor</th>
    <th scope="col" class="num">Advisory</th><th scope="col" class="num">Total</th><th scope="col">Certification impact</th>
    <th scope="col">Remediation effort</th></tr></thead>
    <tbody>
    {chr(10).join(body)}
    </tbody>
    <tfoot><tr><th scope="row">All families</th>{total_cells}<td class="num total">{sum(totals.values())}</td><td></td><td></td></tr></tfoot>
  </table>
</section>"""


def _heatmap(active: list[Finding]) -> str:
    groups = {key: dict.fromkeys(CLASSIFICATIONS, 0) for key in (*CLAUSES, *ANNEX_A_GROUPS)}
    other = dict.fromkeys(CLASSIFICATIONS, 0)
    for finding in active:
        group = clause_group(finding.clause)
        (groups[group] if group else other)[finding.classification] += 1

    def cell(key: str, title: str) -> str:
        counts = groups[key]
        total = sum(counts.values())
        level = heat_level(counts)
        detail = ", ".join(f"{counts[level_]} {level_}" for level_ in CLASSIFICATIONS if counts[level_]) or "no findings"
        label = f"Clause {key}" if not key.startswith("A.") else key
        return (
            f'<li class="cell heat-{level}" data-clause="{escape(key)}" title="{escape(label)}: {escape(detail)}">'
            f'<span class="cell-id">{escape(label)}</span><span class="cell-title">{escape(title)}</span>'
            f'<span class="cell-count">{total}</span><span class="cell-detail">{escape(detail)}</span></li>'
        )

    clauses = "\n".join(cell(key, title) for key, title in CLAUSES.items())
    annex = "\n".join(cell(key, title) for key, title in ANNEX_A_GROUPS.items())
    other_total = sum(other.values())
    other_note = (
        f'<p class="small">{other_total} finding{"s" if other_total != 1 else ""} cite an ID outside clauses 4–10 and Annex A.</p>'
        if other_total else ""
    )
    legend = "".join(f'<span class="swatch heat-{level}"></span>' for level in range(5))
    return f"""<section aria-labelledby="heatmap-title">
  <h2 id="heatmap-title">Clause heat map</h2>
  <p class="lead">Where the findings are, by ISO/IEC 42001 clause and Annex A control group. The darker the cell, the
  more there is to fix: a major finding weighs as much as five minor ones.</p>
  <h3 class="sub">Clauses 4–10</h3>
  <ul class="heatmap" id="heatmap-clauses">
{clauses}
  </ul>
  <h3 class="sub">Annex A control groups</h3>
  <ul class="heatmap" id="heatmap-annex">
{annex}
  </ul>
  {other_note}
  <p class="legend small">None {legend} Most</p>
</section>"""


def _findings(active: list[Finding], result: Result, root: Path, output: Path) -> str:
    rows = []
    for finding in active:
        href = _href(root, finding.path, output)
        where = f"{finding.path} (repository)" if finding.repository else f"{finding.path}:{finding.line}"
        owner = None if finding.repository else result.owners.get(finding.path)
        owner_html = escape(owner) if owner else '<span class="muted">–</span>'
        rows.append(
            f'<tr class="{finding.classification}"><td class="loc"><a href="{escape(href)}">{escape(where)}</a></td>'
            f"<td><code>{escape(finding.code)}</code></td><td>{escape(finding.clause)}</td>"
            f'<td><span class="badge {finding.classification}">{escape(finding.classification)}</span></td>'
            f"<td>{escape(finding.message)}{_locations(finding, root, output)}</td><td>{owner_html}</td></tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="6" class="muted">No open findings.</td></tr>')
    return f"""<section aria-labelledby="findings-title">
  <h2 id="findings-title">Findings</h2>
  <p class="lead">{len(active)} open finding{"s" if len(active) != 1 else ""}, most severe first. Suppressed findings
  (accepted risks with a recorded reason) are not listed.</p>
  <table class="findings" id="findings">
    <colgroup><col class="c-loc"><col class="c-code"><col class="c-clause"><col class="c-class"><col><col class="c-owner"></colgroup>
    <thead><tr><th scope="col">File</th><th scope="col">Rule</th><th scope="col">Clause</th><th scope="col">Classification</th>
    <th scope="col">Finding</th><th scope="col">Owner</th></tr></thead>
    <tbody>
    {chr(10).join(rows)}
    </tbody>
  </table>
</section>"""


def _locations(finding: Finding, root: Path, output: Path) -> str:
    """The other places of a finding's gap, folded under a count."""
    if not finding.locations:
        return ""
    items = []
    for location in finding.locations:
        href = _href(root, location.path, output)
        where = f"{location.path}:{location.line}" if location.path != finding.path else f"line {location.line}"
        text = f" {escape(location.message)}" if location.message else ""
        items.append(f'<li><a href="{escape(href)}">{escape(where)}</a>{text}</li>')
    count = len(finding.locations)
    return (
        f'<details class="also"><summary>+{count} other location{"s" if count != 1 else ""}</summary>'
        f'<ul>{"".join(items)}</ul></details>'
    )


def _footer(today: _dt.date) -> str:
    return f"""<footer>
  <p>Generated by aims-lint {escape(__version__)} on {_date(today)}. Classifications are the likely audit classification;
  remediation times are the rule pack's typical times, one work item per rule. This report reads the documents as an
  auditor would; it does not replace the certification body's judgement.</p>
</footer>"""


def _href(root: Path, relpath: str, output: Path) -> str:
    """A link from the report's folder to a repository file, relative when possible."""
    target = root if relpath == "." else root / relpath
    try:
        relative = os.path.relpath(target, output.parent)
    except ValueError:  # another drive (Windows): an absolute file address
        return target.resolve().as_uri()
    return uri_reference(Path(relative).as_posix() + ("/" if relpath == "." else ""))


def _date(value: _dt.date) -> str:
    return value.isoformat()


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aims-lint">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""

_CSS = """
:root {
  --ink: #1d2433; --muted: #5b6475; --line: #dfe3ea; --paper: #ffffff; --wash: #f5f7fa;
  --major: #b42318; --major-bg: #fde8e6; --minor: #a15c00; --minor-bg: #fff3dc;
  --advisory: #1f5fa8; --advisory-bg: #e6f0fb; --ready: #127a43; --ready-bg: #e3f5ea;
}
* { box-sizing: border-box; }
html { background: var(--wash); }
body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 28px 48px; background: var(--paper); }
h1 { font-size: 30px; margin: 2px 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 0 0 6px; }
h3 { font-size: 16px; margin: 2px 0 4px; }
h3.sub { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 18px 0 8px; }
section { margin-top: 36px; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.eyebrow { margin: 0; font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.meta { margin: 0; color: var(--muted); }
.meta .org { color: var(--ink); font-weight: 600; }
.lead { margin: 0 0 14px; color: var(--muted); max-width: 80ch; }
.small { font-size: 13px; }
.also { font-size: 13px; margin-top: 4px; }
.also ul { margin: 4px 0 0; padding-left: 18px; }
.muted { color: var(--muted); }
.warn { background: var(--minor-bg); color: var(--minor); padding: 6px 10px; border-radius: 6px; display: inline-block; }

.verdict { display: grid; grid-template-columns: 1.3fr 1fr; gap: 24px; margin-top: 24px; padding: 24px;
  border-radius: 12px; border: 1px solid var(--line); border-left: 10px solid var(--muted); background: var(--wash); }
.verdict.ready { border-left-color: var(--ready); background: var(--ready-bg); }
.verdict.at-risk { border-left-color: var(--minor); background: var(--minor-bg); }
.verdict.not-ready { border-left-color: var(--major); background: var(--major-bg); }
.verdict-label { margin: 4px 0 8px; font-size: 40px; font-weight: 800; line-height: 1.1; }
.verdict.ready .verdict-label { color: var(--ready); }
.verdict.at-risk .verdict-label { color: var(--minor); }
.verdict.not-ready .verdict-label { color: var(--major); }
.reason { margin: 0 0 8px; font-size: 16px; }
.impact { margin: 0; font-weight: 600; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 0; align-content: start; }
.figures div { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.figures .wide { grid-column: 1 / -1; }
.figures dt { font-size: 12px; color: var(--muted); }
.figures dd { margin: 0; font-size: 28px; font-weight: 700; }
.figures dd.small { font-size: 14px; font-weight: 600; }
.figures .major dd { color: var(--major); }
.figures .minor dd { color: var(--minor); }
.figures .advisory dd { color: var(--advisory); }

.phases { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; counter-reset: phase; }
.phase { border: 1px solid var(--line); border-top: 4px solid var(--advisory); border-radius: 8px; padding: 12px 14px; }
.phase-days { margin: 0; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.phase-focus { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
.phase-dates, .phase-count { margin: 0; }
.milestones { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; font-size: 13px; }
.late { color: var(--major); }
.blockers { margin: 4px 0 8px; padding-left: 18px; }
.groups .many { font-weight: 600; }
.scope { color: var(--muted); font-size: 13px; }
.notes { margin: 12px 0 0; padding-left: 18px; color: var(--muted); }

table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border-bottom: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.matrix td.num { font-weight: 700; width: 80px; }
.matrix td.major { color: var(--major); background: var(--major-bg); }
.matrix td.minor { color: var(--minor); background: var(--minor-bg); }
.matrix td.advisory { color: var(--advisory); background: var(--advisory-bg); }
.matrix td.zero, .matrix tr.empty th { color: #a3aab8; font-weight: 400; }
.matrix tfoot th, .matrix tfoot td { border-top: 2px solid var(--line); border-bottom: 0; font-weight: 700; }
.matrix .prefix { display: inline-block; min-width: 3.2em; font: 600 12px ui-monospace, Menlo, Consolas, monospace; color: var(--muted); }
.impact-major { color: var(--major); font-weight: 600; }
.impact-minor { color: var(--minor); font-weight: 600; }
.impact-advisory, .impact-zero { color: var(--muted); }

.heatmap { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(7, 1fr); gap: 8px; }
#heatmap-annex { grid-template-columns: repeat(9, 1fr); gap: 6px; }
#heatmap-annex .cell { padding: 8px; }
.cell { border-radius: 8px; padding: 10px 12px; min-height: 104px; display: flex; flex-direction: column; border: 1px solid var(--line); }
.cell-id { font-weight: 700; font-size: 13px; }
.cell-title { font-size: 12px; line-height: 1.3; flex: 1; }
.cell-count { font-size: 26px; font-weight: 800; line-height: 1.1; }
.cell-detail { font-size: 11px; }
.heat-0 { background: #f3f5f8; color: #7a8293; }
.heat-1 { background: #fdeee0; color: #7a3b00; }
.heat-2 { background: #f9c9a0; color: #6b2a00; }
.heat-3 { background: #ef8a5c; color: #3d0d00; }
.heat-4 { background: #b42318; color: #ffffff; border-color: #b42318; }
.legend { display: flex; align-items: center; gap: 4px; color: var(--muted); margin-top: 10px; }
.swatch { display: inline-block; width: 22px; height: 12px; border-radius: 3px; border: 1px solid var(--line); }

.findings { table-layout: fixed; }
.findings td { font-size: 14px; }
.findings .loc { overflow-wrap: anywhere; font: 13px ui-monospace, Menlo, Consolas, monospace; }
.findings col.c-loc { width: 22%; } .findings col.c-code { width: 8%; } .findings col.c-clause { width: 7%; }
.findings col.c-class { width: 13%; } .findings col.c-owner { width: 14%; }
.findings a { color: var(--advisory); text-decoration: none; }
.findings a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.major { background: var(--major-bg); color: var(--major); }
.badge.minor { background: var(--minor-bg); color: var(--minor); }
.badge.advisory { background: var(--advisory-bg); color: var(--advisory); }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

@media (max-width: 760px) {
  .verdict, .phases { grid-template-columns: 1fr; }
  .heatmap, #heatmap-annex { grid-template-columns: repeat(3, 1fr); }
  .findings { table-layout: auto; }
}
@media print {
  html, main { background: #fff; }
  main { max-width: none; padding: 0; }
  section { break-inside: avoid; }
  .findings tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
