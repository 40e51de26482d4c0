"""Audit readiness: what the active findings mean for a Stage 2 certification audit.

From a run's active findings (suppressed ones are accepted risk, not open work), the
configured Stage 2 date and today, :func:`assess` computes:

- the findings by classification and the certification impact: any major nonconformity
  and the certificate would be withheld; minor ones only and certification goes ahead
  with a corrective-action plan the certification body follows up; advisories are
  opportunities for improvement and change nothing;
- a remediation estimate from each rule's typical remediation time ("1 day", "1 week",
  "1-2 weeks", "3-6 weeks"; the upper bound counts, in calendar days). There is one
  work item per rule code, not per finding: the typical remediation times describe
  closing a kind of gap (the severity matrix of the product brief), and forty findings
  of one rule across forty files are fixed together, by the same people, the same way
  (one template change, one review round). The total is the sum of the items, in
  person-days of effort: several owners work side by side, so it is not a calendar
  time and the verdict does not compare it with the days left. Advisories are not nonconformities and stay
  out of the estimate;
- with a Stage 2 date, the days left and a verdict with a one-sentence reason, the
  first of these that applies:

  1. ``ready``: no open major or minor finding (advisories only, or nothing);
  2. ``not ready``: the Stage 2 date has passed with nonconformities open, or a major
     item's remediation takes longer than the days left: the auditor would find it
     open and withhold the certificate;
  3. ``at risk``: majors remain that can still be closed in time (every one must be,
     with evidence, before the audit); or a minor item takes longer than the days
     left (the total effort is reported, not compared: items run side by side);
     or fewer than 60 days remain and a finding concerns the internal audit (9.2) or
     the management review (9.3): both must be on record before Stage 2, and an
     internal audit is expected about 60 days ahead so that its findings can be
     acted on;
  4. ``ready``: only minor findings whose total effort fits in the days left.

Without a Stage 2 date there is no verdict; counts, impact and estimate remain.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from aims_lint.findings import Finding

READY, AT_RISK, NOT_READY = "ready", "at risk", "not ready"

# Fewer days than this before Stage 2 and an open internal-audit or management-review
# finding puts the audit at risk: the internal audit should be on record at least 60
# days ahead (the product brief), and a review held in a hurry convinces nobody.
EVIDENCE_LEAD_DAYS = 60
EVIDENCE_CLAUSES = ("9.2", "9.3")

# When a rule's remediation string cannot be read (a third-party pack, a typo), assume
# the matrix's typical time for a gap of that classification.
FALLBACK_DAYS = {"major": 28, "minor": 7, "advisory": 1}

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_DURATION = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*"
    r"(?:working\s+|business\s+|calendar\s+)?(?P<unit>day|week|month)s?\b",
    re.I,
)


def remediation_days(text: str | None, classification: str = "minor") -> int:
    """Calendar days from a remediation string, upper bound of a range: "1 day" → 1,
    "1 week" → 7, "1-2 weeks" → 14, "3-6 weeks" → 42, "2 months" → 60. Anything else
    falls back to the classification's typical time."""
    match = _DURATION.search(text or "")
    if match is None:
        return FALLBACK_DAYS.get(classification, 7)
    number = float(match.group("high") or match.group("low"))
    return max(1, round(number * _UNIT_DAYS[match.group("unit").lower()]))


@dataclass
class WorkItem:
    """The remediation of one rule's findings: one piece of work, however many files."""

    code: str
    name: str
    classification: str
    clause: str
    remediation: str  # as the rule states it, e.g. "1-2 weeks"
    days: int
    findings: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "classification": self.classification,
            "clause": self.clause,
            "remediation": self.remediation,
            "days": self.days,
            "findings": self.findings,
        }


@dataclass
class Readiness:
    counts: dict[str, int]
    impact: str
    items: list[WorkItem] = field(default_factory=list)  # longest first, majors before minors
    stage2_date: _dt.date | None = None
    today: _dt.date | None = None
    verdict: str | None = None
    reason: str | None = None

    @property
    def total_days(self) -> int:
        return sum(item.days for item in self.items)

    @property
    def longest_major(self) -> WorkItem | None:
        majors = [item for item in self.items if item.classification == "major"]
        return max(majors, key=lambda item: (item.days, item.findings), default=None) if majors else None

    @property
    def days_left(self) -> int | None:
        if self.stage2_date is None or self.today is None:
            return None
        return (self.stage2_date - self.today).days

    def as_json(self) -> dict[str, Any]:
        longest = self.longest_major
        return {
            "counts": dict(self.counts),
            "impact": self.impact,
            "estimate": {
                "longest_major": {"code": longest.code, "days": longest.days} if longest else None,
                "total_days": self.total_days,
                "items": [item.as_json() for item in self.items],
            },
            "stage2_date": self.stage2_date.isoformat() if self.stage2_date else None,
            "days_left": self.days_left,
            "verdict": self.verdict,
            "reason": self.reason,
        }


def assess(findings: Iterable[Finding], stage2_date: _dt.date | None, today: _dt.date) -> Readiness:
    """Readiness from a run's findings (suppressed ones are skipped here)."""
    active = [finding for finding in findings if not finding.suppressed]
    counts = {"major": 0, "minor": 0, "advisory": 0}
    items: dict[str, WorkItem] = {}
    for finding in active:
        counts[finding.classification] = counts.get(finding.classification, 0) + 1
        if finding.classification not in ("major", "minor"):
            continue
        item = items.get(finding.code)
        if item is None:
            item = items[finding.code] = WorkItem(
                finding.code,
                finding.name,
                finding.classification,
                finding.clause,
                finding.remediation,
                remediation_days(finding.remediation, finding.classification),
            )
        item.findings += 1
    ordered = sorted(items.values(), key=lambda item: (item.classification != "major", -item.days, item.code))
    readiness = Readiness(counts, impact(counts), ordered, stage2_date, today)
    if stage2_date is not None:
        readiness.verdict, readiness.reason = _verdict(readiness, active)
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


def _verdict(readiness: Readiness, active: list[Finding]) -> tuple[str, str]:
    days_left = readiness.days_left
    assert days_left is not None
    counts = readiness.counts
    open_count = counts["major"] + counts["minor"]
    if open_count == 0:
        return READY, "no major or minor nonconformity is open"
    nonconformities = _plural(open_count, "nonconformity", "nonconformities")
    if days_left < 0:
        return NOT_READY, f"the Stage 2 date passed {_plural(-days_left, 'day')} ago with {nonconformities} open"
    longest = readiness.longest_major
    if longest is not None and longest.days > days_left:
        return NOT_READY, (
            f"closing {longest.code} ({longest.name}) takes up to {duration(longest.days)}, "
            f"more than the {_plural(days_left, 'day')} left"
        )
    # Every reason for "at risk" is named: a team reads the verdict to know what to do.
    risks = []
    if longest is not None:
        majors = _plural(counts["major"], "major nonconformity", "major nonconformities")
        risks.append(
            f"{majors} must be closed with evidence before the audit "
            f"(the longest, {longest.code}, up to {duration(longest.days)}, still fits)"
        )
    # The total effort is not compared with the days left: work items have different
    # owners and run side by side. One item that cannot close in time is a risk.
    too_long = [item for item in readiness.items if item.classification == "minor" and item.days > days_left]
    if too_long:
        item = max(too_long, key=lambda item: item.days)
        risks.append(f"closing {item.code} ({item.name}) takes up to {duration(item.days)}, more than the {_plural(days_left, 'day')} left")
    evidence = sorted({f.clause for f in active if f.classification != "advisory" and _is_evidence_clause(f.clause)})
    if days_left < EVIDENCE_LEAD_DAYS and evidence:
        risks.append(
            f"with fewer than {EVIDENCE_LEAD_DAYS} days left, the internal audit or management review "
            f"({', '.join(evidence)}) has open findings and must be on record before Stage 2"
        )
    if risks:
        return AT_RISK, "; ".join(risks)
    return READY, (
        f"only minor findings, about {duration(readiness.total_days)} of work with {_plural(days_left, 'day')} left"
    )


def _is_evidence_clause(clause: str) -> bool:
    return any(clause == prefix or clause.startswith(prefix + ".") for prefix in EVIDENCE_CLAUSES)


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
