"""The plan to Stage 2: the open work placed by its dependencies and counted back from
the Stage 2 date.

The three phases of the 90-day countdown teams know stay, as the order of the work:

1. Documentation sprint: AI policy, SoA traceability, SMART objectives, document
   control (clauses 4, 5, 6.1.3, 6.2, 7.4, 7.5, A.2);
2. Process hardening: risk assessment across the risk dimensions, impact assessments,
   competence (6.1, 6.1.2, 6.1.4, 6.3, 7.1–7.3, 8, the other Annex A groups; a clause
   the mapping does not know lands here too);
3. Evidence and rehearsal: operating evidence (9.1), the internal audit against
   clauses 4–10 (9.2), corrective actions (10), the management review (9.3), mock
   competence interviews with key personnel and a briefing of top management.

But the dates come from the chain an auditor follows, counted back from ``stage2-date``
(``planning`` in the configuration, defaults in aims_lint.config.PLANNING_DEFAULTS):

    design gaps closed → operating evidence (evidence-weeks, 8) → full-scope internal
    audit (by internal-audit-lead-days, 60, before Stage 2: a planning target) →
    corrective actions with root cause (corrective-action-days, 21) → management review
    by top management considering the audit → Stage 1 (stage1-lead-days, 30, before
    Stage 2) → Stage 2

Each milestone has a *latest* date (counted back from Stage 2), an *earliest* date
(counted forward from today through the work still open), the findings that block it,
their owners and the effort in person-days. Work runs side by side across owners: a
milestone's calendar time is the busiest owner's effort (five working days a week), not
the sum of everything; an owner does their documentation items, then their process
items (phases 1 and 2), while other owners work on theirs. A milestone whose earliest date is after its latest is late, by
that many days; the critical path is the days from today to the earliest Stage 2.

A finding is placed by its clause, not by its rule code, so third-party rule packs are
planned the same way. An internal audit and a management review already on record (with
content, in the right order) are milestones done: the chain counts from them.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

from aims_lint.escape import printable
from aims_lint.findings import Finding, Result

SEVERITY_ORDER = {"major": 0, "minor": 1, "advisory": 2}
COUNTDOWN_DAYS = 90  # Stage 2 assumed this far ahead without a (future) stage2-date
AUDIT_DAYS = 7  # holding a full-scope internal audit of a small AIMS
REVIEW_DAYS = 7  # preparing and holding the management review


@dataclass(frozen=True)
class PhaseSpec:
    number: int
    name: str
    focus: str


PHASES = (
    PhaseSpec(1, "Documentation sprint", "AI policy, SoA traceability, SMART objectives, document control"),
    PhaseSpec(2, "Process hardening", "risk assessment across the risk dimensions, impact assessments, competence"),
    PhaseSpec(
        3, "Evidence and rehearsal",
        "internal audit against clauses 4–10, management review, mock competence interviews with key personnel, "
        "briefing top management",
    ),
)


@dataclass(frozen=True)
class MilestoneSpec:
    key: str
    name: str
    phase: int


MILESTONES = (
    MilestoneSpec("documentation", "Documentation gaps closed", 1),
    MilestoneSpec("design", "Design gaps closed", 2),
    MilestoneSpec("evidence", "Operating evidence gathered", 3),
    MilestoneSpec("internal-audit", "Full-scope internal audit held", 3),
    MilestoneSpec("corrective-actions", "Corrective actions closed with root cause", 3),
    MilestoneSpec("management-review", "Management review by top management, considering the audit", 3),
    MilestoneSpec("stage1", "Stage 1 audit", 3),
    MilestoneSpec("stage2", "Stage 2 audit", 3),
)

# Clause prefixes -> milestone; the longest matching prefix wins ("6.1.3" before "6.1").
_CLAUSE_MILESTONE = {
    "4": "documentation", "5": "documentation", "6.1.3": "documentation", "6.2": "documentation",
    "7.4": "documentation", "7.5": "documentation", "A.2": "documentation",
    "6": "design", "6.1": "design", "7": "design", "8": "design", "A": "design",
    "9": "evidence", "9.1": "evidence", "9.2": "internal-audit", "9.3": "management-review", "10": "corrective-actions",
}
DEFAULT_MILESTONE = "design"  # a clause the mapping does not know (a third-party pack's own ID)
_PHASE = {spec.key: spec.phase for spec in MILESTONES}


def milestone_of(clause: str) -> str:
    """The milestone an open finding of ``clause`` blocks."""
    parts = (clause or "").strip().split(".")
    for length in range(len(parts), 0, -1):
        key = _CLAUSE_MILESTONE.get(".".join(parts[:length]))
        if key is not None:
            return key
    return DEFAULT_MILESTONE


def phase_of(clause: str) -> int:
    """The countdown phase (1, 2 or 3) of an ISO/IEC 42001 clause or Annex A control ID."""
    return _PHASE[milestone_of(clause)]


def _order(finding: Finding) -> tuple:
    return (SEVERITY_ORDER.get(finding.classification, 3), finding.path, finding.line, finding.column, finding.code)


def work_items(active: list[Finding], owners: dict[str, str]) -> list:
    """One work item per milestone and rule code for the open major and minor findings
    (advisories are not nonconformities: no planned work)."""
    from aims_lint.readiness import WorkItem, effort_days

    items: dict[tuple[str, str], WorkItem] = {}
    for finding in sorted(active, key=_order):
        if finding.classification not in ("major", "minor"):
            continue
        key = (milestone_of(finding.clause), finding.code)
        item = items.get(key)
        if item is None:
            item = items[key] = WorkItem(
                finding.code, finding.name, finding.classification, finding.clause, finding.remediation,
                effort_days(finding.remediation, finding.classification), key[0],
            )
        item.findings.append(finding)
        owner = None if finding.repository else owners.get(finding.path)  # a repository finding: no document owns it
        if owner and owner not in item.owners:
            item.owners.append(owner)
    return sorted(items.values(), key=lambda item: (item.classification != "major", -item.effort, item.code))


@dataclass
class Milestone:
    spec: MilestoneSpec
    latest: _dt.date
    earliest: _dt.date
    days: int = 0  # calendar days of work from the previous milestone
    effort: int = 0  # person-days
    items: list = field(default_factory=list)  # WorkItems blocking it
    done: str | None = None  # how it is already on record
    target_note: str = ""  # the planning convention its latest date comes from

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def late_by(self) -> int:
        return max(0, (self.earliest - self.latest).days)

    @property
    def owners(self) -> list[str]:
        found: list[str] = []
        for item in self.items:
            found += [owner for owner in item.owners if owner not in found]
        return found

    @property
    def findings(self) -> list[Finding]:
        return sorted((finding for item in self.items for finding in item.findings), key=_order)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "phase": self.spec.phase,
            "latest": self.latest.isoformat(),
            "earliest": self.earliest.isoformat(),
            "late_by_days": self.late_by,
            "work_days": self.days,
            "effort_person_days": self.effort,
            "done": self.done,
            "owners": self.owners,
            "blocked_by": [
                {
                    "path": f.path, "line": f.line, "code": f.code, "clause": f.clause,
                    "classification": f.classification, "message": f.message,
                    "locations": [location.as_json() for location in f.locations],
                }
                for f in self.findings
            ],
        }


@dataclass
class Schedule:
    today: _dt.date
    stage2_date: _dt.date
    stage2_assumed: bool  # no (future) stage2-date configured: today + 90 days
    milestones: list[Milestone]
    settings: dict[str, int]
    notes: list[str] = field(default_factory=list)

    @property
    def days_left(self) -> int:
        return (self.stage2_date - self.today).days

    @property
    def critical_path_days(self) -> int:
        return (self.milestone("stage2").earliest - self.today).days

    @property
    def stage2_late(self) -> int:
        return self.milestone("stage2").late_by

    def milestone(self, key: str) -> Milestone:
        return next(milestone for milestone in self.milestones if milestone.key == key)

    def late(self) -> list[Milestone]:
        return [milestone for milestone in self.milestones if milestone.late_by and not milestone.done]

    def first_late(self) -> Milestone | None:
        late = self.late()
        return late[0] if late else None

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "stage2_date": self.stage2_date.isoformat(),
            "stage2_assumed": self.stage2_assumed,
            "days_left": self.days_left,
            "critical_path_days": self.critical_path_days,
            "settings": dict(self.settings),
            "notes": list(self.notes),
            "phases": [
                {"number": spec.number, "name": spec.name, "focus": spec.focus,
                 "milestones": [m.key for m in self.milestones if m.spec.phase == spec.number]}
                for spec in PHASES
            ],
            "milestones": [milestone.as_json() for milestone in self.milestones],
        }


def _calendar(effort: int) -> int:
    """Calendar days for ``effort`` person-days of one person (five working days a week)."""
    return math.ceil(effort * 7 / 5)


def _work_days(items: list) -> int:
    """Calendar time of a milestone's work: owners work side by side, each through their
    own items one after another; an item without an owner is one person's work."""
    loads: dict[str, int] = {}
    single = 0
    for item in items:
        if not item.owners:
            single = max(single, item.effort)
        for owner in item.owners:
            loads[owner] = loads.get(owner, 0) + item.effort
    return _calendar(max([single, *loads.values()]))


def _held(evidence, today: _dt.date):
    """(date of the latest internal audit with content, date of a management review with
    content held on or after it that speaks of the audit), as dates or None."""
    if evidence is None:
        return None, None
    audits = [r.date for r in evidence.audits if not r.lacks and r.date and r.date <= today.isoformat()]
    audit = max(audits) if audits else None
    if audit is None:
        return None, None
    reviews = [
        r.date for r in evidence.reviews
        if not r.lacks and r.date and audit <= r.date <= today.isoformat() and r.facts.get("audit")
    ]
    return _dt.date.fromisoformat(audit), _dt.date.fromisoformat(max(reviews)) if reviews else None


def schedule(readiness, result: Result, stage2_date: _dt.date | None, today: _dt.date, settings: dict[str, int]) -> Schedule:
    notes = []
    assumed = stage2_date is None or stage2_date <= today
    if stage2_date is not None and stage2_date <= today:
        notes.append(
            f"the configured Stage 2 date {stage2_date.isoformat()} is not in the future: "
            f"this plan assumes Stage 2 {COUNTDOWN_DAYS} days from today"
        )
    elif stage2_date is None:
        notes.append(
            f"no stage2-date configured: this plan assumes Stage 2 {COUNTDOWN_DAYS} days from today "
            "(set stage2-date in the configuration)"
        )
    target = today + _dt.timedelta(days=COUNTDOWN_DAYS) if assumed else stage2_date
    day = _dt.timedelta(days=1)
    evidence_days = settings["evidence-weeks"] * 7
    lead = settings["internal-audit-lead-days"]

    # Latest dates, counted back from Stage 2.
    latest = {"stage2": target}
    latest["stage1"] = target - _dt.timedelta(days=settings["stage1-lead-days"])
    latest["management-review"] = latest["stage1"] - day
    latest["corrective-actions"] = latest["management-review"] - day
    by_chain = latest["corrective-actions"] - _dt.timedelta(days=settings["corrective-action-days"])
    by_target = target - _dt.timedelta(days=lead)
    latest["internal-audit"] = min(by_chain, by_target)
    latest["evidence"] = latest["internal-audit"] - _dt.timedelta(days=AUDIT_DAYS)
    latest["design"] = latest["evidence"] - _dt.timedelta(days=evidence_days)

    items_by: dict[str, list] = {}
    for item in readiness.items:
        items_by.setdefault(item.milestone, []).append(item)
    design_work = _work_days(items_by.get("design", []))
    latest["documentation"] = latest["design"] - _dt.timedelta(days=design_work)

    milestones = {
        spec.key: Milestone(spec, latest[spec.key], today, items=items_by.get(spec.key, [])) for spec in MILESTONES
    }
    for milestone in milestones.values():
        milestone.effort = sum(item.effort for item in milestone.items)
    if by_target <= by_chain:
        milestones["internal-audit"].target_note = f" (the planning target: {lead} days before Stage 2)"

    # Earliest dates, counted forward from today through the work still open.
    audit_held, review_held = _held(result.evidence, today)
    major_design = any(
        item.classification == "major" for key in ("documentation", "design") for item in items_by.get(key, [])
    )
    if audit_held is not None and major_design:
        notes.append(
            f"the internal audit of {audit_held.isoformat()} predates major design gaps still open: "
            "after closing them, the operating evidence and a new audit follow"
        )
        audit_held = review_held = None

    def advance(key: str, start: _dt.date, days: int) -> _dt.date:
        milestone = milestones[key]
        milestone.days = days
        milestone.earliest = start + _dt.timedelta(days=days)
        return milestone.earliest

    # Each owner works through their documentation items, then their process items;
    # owners work side by side: the design gaps are closed when the busiest is done.
    documentation = advance("documentation", today, _work_days(items_by.get("documentation", [])))
    both = _work_days(items_by.get("documentation", []) + items_by.get("design", []))
    at = advance("design", today, max(both, (documentation - today).days))
    milestones["design"].days = (at - documentation).days
    if audit_held is not None and not items_by.get("internal-audit"):
        for key in ("evidence", "internal-audit"):
            milestones[key].earliest, milestones[key].done = audit_held, f"internal audit on record, {audit_held.isoformat()}"
        # With the audit behind us, the gaps still open are closed as corrective actions,
        # before the management review considers them.
        for key in ("documentation", "design"):
            milestones[key].latest = latest["corrective-actions"]
        at = max(at, today)
    else:
        # The operating period starts when the last major design gap is closed.
        start = at if major_design else today
        at = advance("evidence", start, max(evidence_days, _work_days(items_by.get("evidence", []))))
        at = advance("internal-audit", at, AUDIT_DAYS)
        audit_held = review_held = None
    if audit_held is not None and not items_by.get("corrective-actions") and review_held is not None:
        milestones["corrective-actions"].earliest = review_held
        milestones["corrective-actions"].done = "no corrective action open before the management review"
    else:
        at = advance("corrective-actions", at, max(settings["corrective-action-days"] if audit_held is None else 0,
                                                   _work_days(items_by.get("corrective-actions", []))))
    if review_held is not None and not items_by.get("management-review"):
        milestones["management-review"].earliest = review_held
        milestones["management-review"].done = f"management review on record, {review_held.isoformat()}"
    else:
        at = advance("management-review", at, max(REVIEW_DAYS, _work_days(items_by.get("management-review", []))))
    if latest["stage1"] < today:
        # Fewer days to Stage 2 than Stage 1 needs before it: Stage 1 is behind us.
        milestones["stage1"].earliest = latest["stage1"]
        milestones["stage1"].done = f"fewer than {settings['stage1-lead-days']} days to Stage 2: Stage 1 presumably held"
        advance("stage2", at, 0)
    else:
        at = advance("stage1", at, 0)
        advance("stage2", at, settings["stage1-lead-days"])
    ordered = [milestones[spec.key] for spec in MILESTONES]
    return Schedule(today, target, assumed, ordered, dict(settings), notes)


# ---------------------------------------------------------------------------
# `aims-lint plan`: the schedule with the readiness verdict


@dataclass
class Plan:
    readiness: Any  # aims_lint.readiness.Readiness, whose schedule this shows

    @property
    def schedule(self) -> Schedule:
        return self.readiness.schedule

    def as_json(self) -> dict[str, Any]:
        return self.readiness.as_json()


def build(
    result: Result, stage2_date: _dt.date | None, today: _dt.date, planning: dict[str, int] | None = None, display=None
) -> Plan:
    """The plan; ``display`` shows paths (aims_lint.readiness.assess)."""
    from aims_lint.readiness import assess

    return Plan(assess(result, stage2_date, today, planning, display))


def shorten(text: str, width: int = 100) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space > width // 2:  # the cut falls inside a word
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def verdict_line(readiness) -> str | None:
    if readiness.verdict is None:
        return None
    return f"Readiness: {readiness.label.upper()}: {readiness.reason}."


def critical_path_line(schedule: Schedule) -> str:
    days_left = schedule.days_left
    text = (
        f"Critical path: {schedule.critical_path_days} days to the earliest Stage 2 "
        f"({schedule.milestone('stage2').earliest.isoformat()}), {days_left} days left"
    )
    late = schedule.late()
    if late:
        # The first late milestone makes the ones after it late: name it, and the
        # internal audit's planning target and Stage 2 when they are late too.
        named = [late[0], *(m for m in late[1:] if m.key in ("internal-audit", "stage2"))]
        text += "; late: " + ", ".join(f"{m.name.lower()} by {m.late_by} days{m.target_note}" for m in named)
    return text + "."


def milestone_lines(milestone: Milestone, width: int = 100) -> list[str]:
    """The lines of one milestone in the text plan (and, shortened, in nothing else)."""
    head = f"{milestone.name}: latest {milestone.latest.isoformat()}"
    if milestone.done:
        head += f", done ({milestone.done})"
    elif not milestone.items and milestone.key in ("documentation", "design"):
        head += ", nothing open"
    else:
        head += f", earliest {milestone.earliest.isoformat()}"
        if milestone.late_by:
            head += f", LATE by {milestone.late_by} days{milestone.target_note}"
    lines = [head]
    if milestone.items:
        owners = ", ".join(milestone.owners) or "no owner named"
        lines.append(f"    effort {milestone.effort} person-days ({len(milestone.items)} work item{'s' if len(milestone.items) != 1 else ''}); owners: {owners}")
        for finding in milestone.findings:
            where = finding.path if finding.repository else f"{finding.path}:{finding.line}"
            lines.append(
                f"    {finding.code} [{finding.classification}] {where}  {shorten(finding.message, width)}"
            )
    return [printable(line) for line in lines]


def render_text(plan: Plan) -> str:
    readiness = plan.readiness
    schedule = plan.schedule
    when = "assumed" if schedule.stage2_assumed else "configured"
    lines = [
        f"Plan to Stage 2 on {schedule.stage2_date.isoformat()} ({when}; {schedule.days_left} days from "
        f"{schedule.today.isoformat()}), counted back by dependencies"
    ]
    for note in schedule.notes:
        lines.append(f"Note: {note}.")
    verdict = verdict_line(readiness)
    if verdict:
        lines.append(verdict)
    lines.append(critical_path_line(schedule))
    lines.append(f"Effort: {readiness.total_effort} person-days in total (effort, not calendar time).")
    for spec in PHASES:
        lines.append("")
        lines.append(f"Phase {spec.number}: {spec.name} ({spec.focus})")
        number = 0
        for milestone in schedule.milestones:
            if milestone.spec.phase != spec.number:
                continue
            number = MILESTONES.index(milestone.spec) + 1
            first, *rest = milestone_lines(milestone)
            lines.append(f"  {number}. {first}")
            lines.extend(rest)
    return "\n".join(lines) + "\n"
