"""Audit readiness: what a run's findings and the repository's records mean for a Stage 2
certification audit. One model (:class:`Readiness`, with its plan to Stage 2,
``aims_lint.plan``) that the text summary, JSON, ``aims-lint plan`` and the HTML report
render; nothing here re-reads a document: the facts come from the run's findings and
from the workspace's evidence (``aims_lint.evidence``: mandatory documents on record,
what the internal-audit and management-review records hold).

The verdict is about **documented information**: "documentation ready for Stage 2" says
that nothing in the documents stands in the way, not that the AIMS operates effectively
(that is what the auditor samples at Stage 2).

It is never *ready* while any of these holds (each is named in the reason):

- no governance document at all;
- a mandatory record (rules/mandatory.py) missing, or present only as an unfilled
  template; for the management review, only a procedure or agenda and no minutes;
- the internal-audit record has no content (no findings, or neither scope nor criteria)
  or the management-review minutes none (neither inputs nor decisions);
- the latest management review predates the latest internal audit, or does not speak of
  the audit at all (9.3.2 asks it to consider audit results);
- a major finding is suppressed: accepted by suppression, the auditor still sees it;
- a major finding is accepted by the baseline (``aims_lint.baseline``), for the same
  reason: a baseline hides a gap from the run, not from the audit.

Then, with a Stage 2 date (the first that applies):

1. ``not ready``: the Stage 2 date has passed with nonconformities open, or the critical
   path of the plan (design gaps → operating evidence → internal audit → corrective
   actions → management review → Stage 1 → Stage 2) needs more days than are left;
2. ``ready``: no open major or minor finding and the chain fits;
3. ``at risk``: majors open that can still be closed in time; a milestone later than its
   latest date (the internal audit after its planning target of 60 days before Stage 2);
   minors that pile up against one requirement (``many-minors``, default 5);
4. ``ready``: only minor findings and the chain fits.

Effort is counted in person-days from each rule's remediation estimate ("1-2 weeks" →
10 person-days, the upper bound, five working days a week), one work item per rule and
milestone: forty findings of one rule are fixed together. The sum is effort, not
calendar time; the plan turns it into calendar time per owner (aims_lint.plan).

Many minors against one requirement: ISO/IEC 17021-1 lets a certification body judge a
number of minor nonconformities against the same requirement as a systemic breakdown, a
major one. The summary groups minor findings by clause and says so from ``many-minors``
findings on (default 5: two or three lapses are lapses; five against one clause in an
AIMS of a dozen documents suggest the process itself is not working).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from aims_lint.config import PLANNING_DEFAULTS
from aims_lint.findings import Finding, Result

READY, AT_RISK, NOT_READY = "ready", "at risk", "not ready"
# How the verdict is shown: it speaks of the documentation, not of the AIMS at work.
VERDICT_LABELS = {
    READY: "documentation ready for Stage 2",
    AT_RISK: "documentation at risk for Stage 2",
    NOT_READY: "documentation not ready for Stage 2",
}
SCOPE_NOTE = "about documented information only, not whether the AIMS operates effectively"

# When a rule's remediation string cannot be read (a third-party pack, a typo), assume
# the severity matrix's typical effort for a gap of that classification (person-days).
FALLBACK_EFFORT = {"major": 20, "minor": 5, "advisory": 1}
_UNIT_EFFORT = {"day": 1, "week": 5, "month": 20}  # working days
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}  # calendar days
_DURATION = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*"
    r"(?:working\s+|business\s+|calendar\s+)?(?P<unit>day|week|month)s?\b",
    re.I,
)


def _number(text: str | None):
    match = _DURATION.search(text or "")
    if match is None:
        return None, None
    return float(match.group("high") or match.group("low")), match.group("unit").lower()


def effort_days(text: str | None, classification: str = "minor") -> int:
    """Person-days from a remediation string, upper bound: "1 day" → 1, "1 week" → 5,
    "1-2 weeks" → 10, "3-6 weeks" → 30, "2 months" → 40."""
    number, unit = _number(text)
    if number is None:
        return FALLBACK_EFFORT.get(classification, 5)
    return max(1, round(number * _UNIT_EFFORT[unit]))


def remediation_days(text: str | None, classification: str = "minor") -> int:
    """Calendar days from a remediation string, upper bound ("1-2 weeks" → 14)."""
    number, unit = _number(text)
    if number is None:
        return math.ceil(FALLBACK_EFFORT.get(classification, 5) * 7 / 5)
    return max(1, round(number * _UNIT_DAYS[unit]))


@dataclass
class WorkItem:
    """The remediation of one rule's findings within one milestone of the plan."""

    code: str
    name: str
    classification: str  # the most severe of its findings
    clause: str
    remediation: str  # as the rule states it, e.g. "1-2 weeks"
    effort: int  # person-days
    milestone: str = ""
    findings: list[Finding] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # of the documents its findings are in

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "classification": self.classification,
            "clause": self.clause,
            "remediation": self.remediation,
            "effort_person_days": self.effort,
            "milestone": self.milestone,
            "findings": len(self.findings),
            "owners": list(self.owners),
        }


@dataclass
class ClauseGroup:
    """The minor findings against one requirement."""

    clause: str
    count: int
    codes: list[str]
    many: bool  # at least ``many-minors``: together they may be judged a major

    def as_json(self) -> dict[str, Any]:
        return {"clause": self.clause, "minors": self.count, "codes": self.codes, "may_be_major": self.many}


@dataclass
class Readiness:
    counts: dict[str, int]
    impact: str
    items: list[WorkItem] = field(default_factory=list)  # majors first, then by effort
    stage2_date: _dt.date | None = None
    today: _dt.date | None = None
    verdict: str | None = None
    reason: str | None = None
    blockers: list[str] = field(default_factory=list)  # why it can never be READY as it stands
    groups: list[ClauseGroup] = field(default_factory=list)  # minors per clause, most first
    suppressed: list[Finding] = field(default_factory=list)  # accepted by suppression
    baselined: list[Finding] = field(default_factory=list)  # accepted by baseline
    schedule: Any = None  # aims_lint.plan.Schedule
    # The repository's records were read (a run over the repository): the plan's chain
    # counts from them. Without them (a few files linted) the chain is not compared.
    evidence_known: bool = False
    many_minors: int = PLANNING_DEFAULTS["many-minors"]

    @property
    def total_effort(self) -> int:
        return sum(item.effort for item in self.items)

    @property
    def days_left(self) -> int | None:
        if self.stage2_date is None or self.today is None:
            return None
        return (self.stage2_date - self.today).days

    @property
    def label(self) -> str | None:
        return VERDICT_LABELS.get(self.verdict) if self.verdict else None

    def as_json(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "impact": self.impact,
            "effort": {
                "total_person_days": self.total_effort,
                "items": [item.as_json() for item in self.items],
            },
            "minors_by_clause": {"threshold": self.many_minors, "groups": [group.as_json() for group in self.groups]},
            "accepted_by_suppression": [finding.as_json() for finding in self.suppressed],
            "accepted_by_baseline": [finding.as_json() for finding in self.baselined],
            "stage2_date": self.stage2_date.isoformat() if self.stage2_date else None,
            "days_left": self.days_left,
            "verdict": self.verdict,
            "verdict_label": self.label,
            "scope": SCOPE_NOTE,
            "reason": self.reason,
            "blockers": list(self.blockers),
            "plan": self.schedule.as_json() if self.schedule is not None else None,
        }


def assess(
    result: Result | Iterable[Finding],
    stage2_date: _dt.date | None,
    today: _dt.date,
    planning: dict[str, int] | None = None,
    display: Callable[[str], str] | None = None,
) -> Readiness:
    """Readiness of a run (a Result; a plain list of findings is read as a run over the
    whole repository with no evidence collected). ``display``: how a repository-relative
    path is shown (``aims_lint.reporters.Report.display``: relative to the current
    folder); the readiness then holds its findings and names files in its reasons that
    way. None: repository-relative."""
    from aims_lint import plan as planning_module

    if not isinstance(result, Result):
        result = Result(findings=list(result), documents_checked=1)
    settings = {**PLANNING_DEFAULTS, **(planning or {})}
    show = display or _same

    def shown(findings: list[Finding]) -> list[Finding]:
        return [finding.with_paths(display) for finding in findings] if display else findings

    active = shown(result.active)
    counts = {"major": 0, "minor": 0, "advisory": 0}
    for finding in active:
        counts[finding.classification] = counts.get(finding.classification, 0) + 1
    readiness = Readiness(counts, impact(counts), stage2_date=stage2_date, today=today, many_minors=settings["many-minors"])
    owners = {show(path): owner for path, owner in result.owners.items()} if display else result.owners
    readiness.items = planning_module.work_items(active, owners)
    readiness.groups = _groups(active, settings["many-minors"])
    readiness.suppressed = shown(result.suppressed)
    readiness.baselined = shown(result.baselined)
    readiness.blockers = _blockers(result, readiness.suppressed, today, readiness.baselined, show)
    readiness.evidence_known = result.evidence is not None
    readiness.schedule = planning_module.schedule(readiness, result, stage2_date, today, settings)
    readiness.verdict, readiness.reason = _verdict(readiness)
    return readiness


def impact(counts: dict[str, int]) -> str:
    majors, minors = counts.get("major", 0), counts.get("minor", 0)
    if majors:
        return f"{majors} major nonconformit{'ies' if majors != 1 else 'y'}: the certificate would be withheld until closed"
    if minors:
        return (
            f"{minors} minor nonconformit{'ies' if minors != 1 else 'y'}: certification possible, "
            "with a corrective-action plan and a follow-up"
        )
    return "no nonconformities: nothing in these documents stands in the way of certification"


def _groups(active: list[Finding], threshold: int) -> list[ClauseGroup]:
    by_clause: dict[str, list[Finding]] = {}
    for finding in active:
        if finding.classification == "minor":
            by_clause.setdefault(finding.clause or "?", []).append(finding)
    groups = [
        ClauseGroup(clause, len(found), sorted({f.code for f in found}), len(found) >= threshold)
        for clause, found in by_clause.items()
    ]
    return sorted(groups, key=lambda group: (-group.count, _clause_key(group.clause)))


def _clause_key(clause: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in clause.split("."))


def _same(path: str) -> str:
    return path


def _blockers(
    result: Result, suppressed: list[Finding], today: _dt.date, baselined: list[Finding] = (), show=_same
) -> list[str]:
    """Why the documentation cannot be ready for Stage 2 as it stands, whatever the date
    (files named as ``show`` shows them; the findings are shown already)."""
    reasons = []
    if result.documents_checked == 0 and (result.whole_repository or result.evidence is not None):
        reasons.append("no governance document: nothing in the repository is typed as AIMS documentation")
    evidence = result.evidence
    if evidence is not None and result.documents_checked:
        missing = [f"{kind.what} ({kind.clause})" for kind in evidence.kinds if not kind.documents]
        if missing:
            reasons.append(f"no {'; no '.join(missing)} on record (mandatory documented information)")
        for kind in evidence.kinds:
            if not kind.documents:
                continue
            elif not kind.filled:
                reasons.append(f"the {kind.what} (clause {kind.clause}) is only an unfilled template ({show(kind.documents[0])})")
            elif kind.clause == "9.3" and not evidence.reviews:
                reasons.append(
                    "no minutes of a held management review (clause 9.3): only a procedure or agenda "
                    f"({show(kind.filled[0])})"
                )
        reasons.extend(_record_reasons(evidence, today, show))
    for accepted, how in ((suppressed, "suppression"), (baselined, "baseline")):
        majors = [finding for finding in accepted if finding.classification == "major"]
        if majors:
            listed = ", ".join(f"{f.code} {f.path}:{f.line}" if not f.repository else f.code for f in majors[:3])
            more = f" and {len(majors) - 3} more" if len(majors) > 3 else ""
            reasons.append(
                f"{len(majors)} major finding{'s are' if len(majors) != 1 else ' is'} accepted by {how} "
                f"({listed}{more}): the auditor will still see {'them' if len(majors) != 1 else 'it'}"
            )
    return reasons


def _latest(records):
    dated = [record for record in records if record.date]
    return max(dated, key=lambda record: record.date) if dated else None


def _record_reasons(evidence, today: _dt.date, show=_same) -> list[str]:
    reasons = []
    audit_kind = next((kind for kind in evidence.kinds if kind.clause == "9.2"), None)
    audits = [record for record in evidence.audits if not record.lacks]
    if audit_kind is not None and audit_kind.filled and not audits and evidence.audits:
        record = evidence.audits[0]
        reasons.append(f"the internal audit record {show(record.path)} has no content ({', '.join(record.lacks)})")
    held_audits = [record for record in audits if record.date is None or record.date <= today.isoformat()]
    if audits and not held_audits:
        record = min(audits, key=lambda record: record.date)
        reasons.append(f"the internal audit {show(record.path)} is dated {record.date}: it has not been held yet")
    reviews = [record for record in evidence.reviews if not record.lacks]
    if evidence.reviews and not reviews:
        record = evidence.reviews[0]
        reasons.append(f"the management review minutes {show(record.path)} have no content ({', '.join(record.lacks)})")
    from aims_lint.evidence import review_gap

    gap = review_gap(evidence, today)
    if gap is not None:
        reasons.append(gap.describe(show))
    return reasons


def _verdict(readiness: Readiness) -> tuple[str | None, str | None]:
    if readiness.blockers:
        return NOT_READY, "; ".join(readiness.blockers)
    days_left = readiness.days_left
    if days_left is None:
        return None, None
    counts = readiness.counts
    open_count = counts["major"] + counts["minor"]
    schedule = readiness.schedule
    if days_left < 0:
        if open_count:
            nonconformities = _plural(open_count, "nonconformity", "nonconformities")
            return NOT_READY, f"the Stage 2 date passed {_plural(-days_left, 'day')} ago with {nonconformities} open"
        return READY, "no major or minor nonconformity is open"
    path = schedule.critical_path_days
    if readiness.evidence_known and schedule.stage2_late > 0:
        late = schedule.first_late()
        where = f": {late.name.lower()} is {_plural(late.late_by, 'day')} late (latest {late.latest.isoformat()})" if late else ""
        return NOT_READY, (
            f"the critical path to Stage 2 needs {_plural(path, 'day')}, {_plural(days_left, 'day')} are left{where}"
        )
    risks = []
    if counts["major"]:
        majors = _plural(counts["major"], "major nonconformity", "major nonconformities")
        risks.append(f"{majors} must be closed with evidence before the audit")
    for milestone in schedule.late() if readiness.evidence_known else []:
        risks.append(
            f"{milestone.name.lower()} is {_plural(milestone.late_by, 'day')} late against its latest date "
            f"{milestone.latest.isoformat()}{milestone.target_note}"
        )
    many = [group for group in readiness.groups if group.many]
    if many:
        listed = ", ".join(f"{group.clause} ({group.count})" for group in many)
        risks.append(f"minor findings pile up against {listed}: together they may be judged a major nonconformity")
    fits = (
        f"the critical path needs {_plural(path, 'day')} of the {_plural(days_left, 'day')} left"
        if readiness.evidence_known else f"{_plural(days_left, 'day')} left"
    )
    if risks:
        return AT_RISK, "; ".join(risks) + f" ({fits})"
    if open_count == 0:
        return READY, f"no major or minor nonconformity is open; {fits}"
    return READY, f"only minor findings, {readiness.total_effort} person-days of effort; {fits}"


def duration(days: int) -> str:
    """Days as people say them: "5 days", "1 week", "2 weeks"; from two weeks on, to the
    nearest week."""
    if days == 7:
        return "1 week"
    if days < 14:
        return _plural(days, "day")
    return f"{(days + 3) // 7} weeks"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
