import re

from aims_lint.dates import ISO_DATE, parse_date, prose_date
from aims_lint.patterns import lazy
from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, Related, rule

_ACCEPT_HEADER = lazy(r"\baccept(?:ed|ance)\b", re.I)
# "residual ratings ... were accepted by the Chief Risk Officer on 2026-09-18"; "risk
# acceptance: 18 September 2026". The date follows the word within the sentence.
_ACCEPTED = lazy(r"\b(?:accepted|acceptance|signed off)\b[^.;]{0,80}?(?:\bon|\bdated?|:)\s++([^.;\n]{6,30})", re.I)
_RESIDUAL = lazy(r"\bresidual\b|\brisk acceptance\b|\baccepted risks?\b", re.I)


def _date(text: str):
    match = ISO_DATE.search(text)
    return parse_date(match.group(0)) if match else prose_date(text, late=False)


def acceptances(doc):
    """(date, line, column) of each residual-risk acceptance the document records: a
    date in an acceptance column of a table, or "accepted ... on <date>" in a section or
    sentence about residual risk."""
    for table in doc.tables:
        columns = [index for index, cell in enumerate(table.header) if _ACCEPT_HEADER.search(cell.text)]
        for row in table.rows:
            for index in columns:
                if index < len(row.cells):
                    found = _date(row.cells[index].text)
                    if found is not None:
                        yield found, row.line, row.cells[index].column
    for block in doc.blocks:
        if block.kind == "table":
            continue
        about = _RESIDUAL.search(block.text) or (block.section is not None and _RESIDUAL.search(block.section.title))
        if not about:
            continue
        for match in _ACCEPTED.finditer(block.text):
            found = _date(match.group(1))
            if found is not None:
                yield found, block.line_of(match.start()), 1


@rule(
    code="CHR002",
    name="residual-accepted-before-approval",
    clause="6.1.3",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 day",
    message=(
        "residual risk accepted on {accepted}, {days} days before this risk assessment was approved on {approved}: "
        "the acceptance cannot rest on the approved assessment; have the risk owners accept the residual risk "
        "of the approved version and record the date"
    ),
    summary="Residual risk accepted before the risk assessment it rests on was approved.",
    options={"window-days": 90},
)
def check(doc, ctx):
    """Acceptances more than ``window-days`` before the approval are of an earlier
    cycle (a register re-approved each year keeps its older acceptances)."""
    approval = metadata(doc).get("approved_on")
    approved = parse_date(approval.value) if approval is not None else None
    if approved is None:
        return
    window = int(ctx.options.get("window-days", 90))
    for accepted, line, column in acceptances(doc):
        days = (approved - accepted).days
        if 0 < days <= window:
            yield Problem(
                line, column, accepted=accepted.isoformat(), days=days, approved=approved.isoformat(),
                related=[Related(approval.line, approval.column, f"approved on {approved.isoformat()}")],
            )
