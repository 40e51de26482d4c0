import datetime as dt

from aims_lint.dates import parse_date
from aims_lint.rule import Problem, rule

# Before Stage 2 the auditor wants a completed internal audit cycle, with time left to
# act on its findings: 60 days is the usual expectation of certification bodies, a
# convention (planning: internal-audit-lead-days in the configuration), not a requirement.
LEAD_DAYS = 60


def lead_days(config) -> int:
    return (getattr(config, "planning", None) or {}).get("internal-audit-lead-days", LEAD_DAYS)
NOT_HELD = frozenset({"draft", "planned", "scheduled", "in progress", "in-progress", "not started", "open"})


def _held_on(doc):
    # A report is approved after the audit: approved_on is a late bound, never too early.
    for key in ("date", "audit_date", "completed_on", "approved_on"):
        value = parse_date(doc.meta.get(key))
        if value is not None:
            return value, key
    return None, None


def _why_not(doc, deadline: dt.date, stage2: dt.date, today: dt.date, lead: int = LEAD_DAYS) -> str | None:
    status = str(doc.meta.get("status") or "").strip().lower()
    held, _ = _held_on(doc)
    if status in NOT_HELD:
        return f"'{doc.relpath}' has status '{status}': it is not a completed audit"
    if held is None:
        return f"'{doc.relpath}' has no date: it does not show when the audit was held"
    if held > today:
        return f"'{doc.relpath}' is dated {held.isoformat()}, which has not come yet"
    if held > deadline:
        return f"'{doc.relpath}' is dated {held.isoformat()}, less than {lead} days before Stage 2"
    return None


@rule(
    code="AIMS002",
    name="internal-audit-not-in-time",
    clause="9.2",
    types=("internal-audit",),
    classification="advisory",
    remediation="2-4 weeks",
    message="no completed internal audit on record by {deadline}, {days} days before the Stage 2 audit on {stage2}: {reason}",
    summary="Planning: with a stage2-date configured, no completed internal audit dated at least internal-audit-lead-days (60) before Stage 2.",
    scope="workspace",
)
def check(workspace, ctx):
    stage2 = ctx.config.stage2_date
    if stage2 is None or not workspace.types():
        return
    lead = lead_days(ctx.config)
    deadline = stage2 - dt.timedelta(days=lead)
    audits = workspace.documents_of_type("internal-audit")
    reasons = []
    for doc in audits:
        reason = _why_not(doc, deadline, stage2, ctx.today, lead)
        if reason is None:
            return  # one completed audit in time is enough
        reasons.append((doc, reason))
    args = dict(deadline=deadline.isoformat(), days=lead, stage2=stage2.isoformat())
    if not reasons:
        yield Problem(1, 1, reason="the repository has no internal-audit document", **args)
        return
    # Reported on the latest audit, where it is fixed.
    doc, reason = max(reasons, key=lambda item: _held_on(item[0])[0] or dt.date.min)
    _, key = _held_on(doc)
    line, column = doc.value_position(key) if key else (1, 1)
    yield Problem(line, column, doc=doc, reason=reason, **args)
