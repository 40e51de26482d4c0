import datetime as dt

from aims_lint.dates import parse_date
from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, Related, rule
from ..impact_assessment.common import judged
from ..impact_assessment.predates_system_change import _last_changes


@rule(
    code="CHR001",
    name="assessment-after-change",
    clause="8.4",
    types=("impact-assessment",),
    classification="minor",
    remediation="1 week",
    message=(
        "the impact assessment was approved on {approved}, {days} days after '{system}' changed on {changed} "
        "({scope}): the change went live before its impact was assessed; assess significant changes before "
        "they go live and record the assessment's approval before the release"
    ),
    summary="An impact assessment approved shortly after the change of its AI system went live (not before it).",
    options={"window-days": 90},
)
def check(doc, ctx):
    """IMP007 reports an assessment older than the change; this rule the assessment
    that came after it: within ``window-days`` of the change it is the change's own
    assessment, done late (later still, it is a periodic review)."""
    if not judged(doc):
        return
    system = str(doc.meta.get("ai_system") or "").strip()
    if not system:
        return
    changes = _last_changes(ctx.workspace)
    if system not in changes:
        return
    changed, scope = changes[system]
    approval = metadata(doc).get("approved_on")
    approved = parse_date(approval.value) if approval is not None else None
    if approved is None or approved <= changed:
        return
    days = (approved - changed).days
    if days > int(ctx.options.get("window-days", 90)):
        return
    line = next(
        (index + 1 for index, text in enumerate(scope.text.split("\n")) if "last_significant_change" in text and changed.isoformat() in text),
        1,
    )
    yield Problem(
        approval.line, approval.column, approved=approved.isoformat(), days=days, system=system,
        changed=changed.isoformat(), scope=scope.relpath,
        related=[Related(line, 1, f"'{system}' changed on {changed.isoformat()}", doc=scope)],
    )
