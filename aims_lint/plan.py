"""A 90-day countdown to Stage 2: the active findings arranged in three phases.

1. Days 1–30, documentation sprint: the AI policy, the SoA and its traceability, the
   objectives, document control. Clauses 4, 5, 6.1.3, 6.2, 7.4, 7.5 and Annex A.2
   (policies), and the internal audit (9.2): it must be on record at least 60 days
   before Stage 2, that is by the end of this phase, so that its findings can be
   closed and fed into the management review.
2. Days 31–60, process hardening: risk assessment, impact assessments, competence and
   awareness. Clauses 6.1, 6.1.1, 6.1.2, 6.1.4, 6.3, 7.1–7.3, 8 and the other Annex A
   groups (A.3–A.10). A clause the mapping does not know lands here too.
3. Days 61–90, evidence and rehearsal: monitoring (9.1), the management review (9.3),
   improvement (10), and mock competence interviews.

A finding is placed by its clause, not by its rule code, so third-party rule packs are
planned the same way.

The countdown is anchored on the configured Stage 2 date: day 1 is 90 days before it,
day 90 the day before it. With fewer than 90 days left, the countdown starts today and
the three phases share the days that remain (and the plan says so). Without a Stage 2
date, or with one that has passed, Stage 2 is assumed 90 days from today.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from aims_lint.escape import printable
from aims_lint.findings import Finding, Result
from aims_lint.readiness import EVIDENCE_LEAD_DAYS, Readiness, assess

COUNTDOWN_DAYS = 90
SEVERITY_ORDER = {"major": 0, "minor": 1, "advisory": 2}


@dataclass(frozen=True)
class PhaseSpec:
    number: int
    name: str
    focus: str


PHASES = (
    PhaseSpec(1, "Documentation sprint", "policy, SoA traceability, objectives, document control; internal audit on record"),
    PhaseSpec(2, "Process hardening", "risk assessment, impact assessments, competence and awareness"),
    PhaseSpec(3, "Evidence and rehearsal", "monitoring, management review, improvement, mock competence interviews"),
)

# Clause prefixes -> phase; the longest matching prefix wins ("6.1.3" before "6.1").
_CLAUSE_PHASE = {
    "4": 1, "5": 1, "6.1.3": 1, "6.2": 1, "7.4": 1, "7.5": 1, "A.2": 1, "9.2": 1,
    "6": 2, "6.1": 2, "7": 2, "8": 2, "A": 2,
    "9": 3, "10": 3,
}
DEFAULT_PHASE = 2  # a clause the mapping does not know (a third-party pack's own ID)


def phase_of(clause: str) -> int:
    """The phase (1, 2 or 3) for an ISO/IEC 42001 clause or Annex A control ID."""
    clause = (clause or "").strip()
    parts = clause.split(".")
    for length in range(len(parts), 0, -1):
        phase = _CLAUSE_PHASE.get(".".join(parts[:length]))
        if phase is not None:
            return phase
    return DEFAULT_PHASE


@dataclass
class PlanItem:
    finding: Finding
    owner: str | None
    due: _dt.date

    def as_json(self) -> dict[str, Any]:
        finding = self.finding
        return {
            "path": finding.path,
            "line": finding.line,
            "column": finding.column,
            "code": finding.code,
            "clause": finding.clause,
            "classification": finding.classification,
            "message": finding.message,
            "remediation": finding.remediation,
            "owner": self.owner,
            "due": self.due.isoformat(),
        }


@dataclass
class Phase:
    spec: PhaseSpec
    start: _dt.date
    end: _dt.date  # the phase's last day: its findings are due by then
    first_day: int
    last_day: int
    items: list[PlanItem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.spec.number,
            "name": self.spec.name,
            "focus": self.spec.focus,
            "days": [self.first_day, self.last_day],
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "findings": [item.as_json() for item in self.items],
        }


@dataclass
class Plan:
    today: _dt.date
    stage2_date: _dt.date
    stage2_assumed: bool  # no (future) stage2-date configured: today + 90 days
    start: _dt.date
    compressed: bool  # fewer than 90 days left: the countdown starts today
    phases: list[Phase]
    readiness: Readiness
    notes: list[str] = field(default_factory=list)

    @property
    def internal_audit_by(self) -> _dt.date:
        return self.stage2_date - _dt.timedelta(days=EVIDENCE_LEAD_DAYS)

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "stage2_date": self.stage2_date.isoformat(),
            "stage2_assumed": self.stage2_assumed,
            "start": self.start.isoformat(),
            "compressed": self.compressed,
            "internal_audit_by": self.internal_audit_by.isoformat(),
            "notes": list(self.notes),
            "phases": [phase.as_json() for phase in self.phases],
            "readiness": self.readiness.as_json(),
        }


def build(result: Result, stage2_date: _dt.date | None, today: _dt.date) -> Plan:
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
    days = (target - today).days
    compressed = days < COUNTDOWN_DAYS
    if compressed:
        notes.append(
            f"only {days} day{'s' if days != 1 else ''} to Stage 2: the countdown starts today and the three "
            "phases share the days left"
        )
        span = days
    else:
        span = COUNTDOWN_DAYS
    start = target - _dt.timedelta(days=span)
    internal_audit_by = target - _dt.timedelta(days=EVIDENCE_LEAD_DAYS)
    if internal_audit_by < today:
        notes.append(
            f"the internal audit can no longer be on record {EVIDENCE_LEAD_DAYS} days before Stage 2 "
            f"(that was {internal_audit_by.isoformat()}): agree the timing with the certification body"
        )

    phases = []
    for index, spec in enumerate(PHASES):
        # Phase boundaries at a third and two thirds of the span (days 30 and 60 of 90).
        first = span * index // 3 + 1
        last = max(first, span * (index + 1) // 3)
        phases.append(
            Phase(spec, start + _dt.timedelta(days=first - 1), start + _dt.timedelta(days=last - 1), first, last)
        )
    for finding in sorted(result.active, key=_order):
        phase = phases[phase_of(finding.clause) - 1]
        phase.items.append(PlanItem(finding, result.owners.get(finding.path), phase.end))
    readiness = assess(result.findings, None if assumed else target, today)
    return Plan(today, target, assumed, start, compressed, phases, readiness, notes)


def _order(finding: Finding) -> tuple:
    return (SEVERITY_ORDER.get(finding.classification, 3), finding.path, finding.line, finding.column, finding.code)


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


def render_text(plan: Plan) -> str:
    lines = []
    stage2 = plan.stage2_date.isoformat()
    days = (plan.stage2_date - plan.today).days
    when = "assumed" if plan.stage2_assumed else "configured"
    lines.append(f"Countdown to Stage 2 on {stage2} ({when}; {days} days from {plan.today.isoformat()})")
    for note in plan.notes:
        lines.append(f"Note: {note}.")
    if plan.start > plan.today:
        lines.append(f"Day 1 is {plan.start.isoformat()}, {(plan.start - plan.today).days} days from today: nothing stops an earlier start.")
    if plan.internal_audit_by >= plan.today:
        lines.append(f"Internal audit on record by {plan.internal_audit_by.isoformat()} ({EVIDENCE_LEAD_DAYS} days before Stage 2).")
    if plan.readiness.verdict is not None:
        lines.append(f"Readiness: {plan.readiness.verdict.upper()}: {plan.readiness.reason}.")
    for phase in plan.phases:
        lines.append("")
        count = len(phase.items)
        lines.append(
            f"Phase {phase.spec.number}, days {phase.first_day}–{phase.last_day}: {phase.spec.name} "
            f"({phase.start.isoformat()} to {phase.end.isoformat()}), {count} finding{'s' if count != 1 else ''}"
        )
        lines.append(f"  Focus: {phase.spec.focus}.")
        if not phase.items:
            lines.append("  Nothing open in this phase.")
        for item in phase.items:
            finding = item.finding
            where = finding.path if finding.path == "." else f"{finding.path}:{finding.line}"
            owner = item.owner or "no owner named"
            lines.append(
                f"  by {item.due.isoformat()}  {finding.code} [{finding.classification}] {printable(where)}  "
                f"owner: {printable(owner)}  {printable(shorten(finding.message))}"
            )
    return "\n".join(lines) + "\n"
