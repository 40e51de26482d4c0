"""What an internal-audit record and management-review minutes hold (the readiness
verdict reads these facts): content, the date held, and whether the minutes consider
the internal audit. Layouts of our own as well as the bundled example's."""

from aims_lint.document import Document
from aims_lint.reading import review_record

AUDIT_BODY_TABLE = """---
type: internal-audit
title: Internal audit 2026
---
# Internal audit 2026

| Field | Value |
|---|---|
| Audit date | 2026-10-02 |
| Scope | AIMS clauses 4 to 10, both AI systems |
| Criteria | ISO/IEC 42001:2023 and our AIMS manual |

## Results

One minor nonconformity (NC-7): the supplier review missed the model-change check. Two
observations on the objectives dashboard.
"""

AUDIT_DONE = "---\ntype: internal-audit\ndate: 2026-10-02\n---\n# Internal audit\n\nDone.\n"

AUDIT_NO_FINDINGS = """---
type: internal-audit
date: 2026-10-02
---
# Internal audit

We met with the data science team on Tuesday and walked through the model cards, the
dashboards and the release checklist; everybody was helpful and the meeting ran on time.
The team will meet again next year, in the autumn, after the summer holidays.
"""

MINUTES_PROSE = """---
type: management-review
title: Management review Q4
---
# Management review Q4

Meeting date: 12 November 2026

Attendees: CEO, AI Governance Lead, CRO.

The results of the internal audit (IA-2026-02) were presented: one minor nonconformity, closed.
Monitoring showed the fairness ratio at 0.87 against a target of 0.8. The board decided that
the AIMS remains suitable and agreed to keep the credit threshold.
"""

MINUTES_CERTIFICATION_ONLY = MINUTES_PROSE.replace(
    "The results of the internal audit (IA-2026-02) were presented: one minor nonconformity, closed.\n",
    "The certification audit is booked for March.\n",
)


def doc(text, relpath="r.md"):
    document = Document(None, relpath, text)  # type: ignore[arg-type]
    document.doc_type = document.meta.get("type")
    return document


def test_an_audit_report_with_its_fields_in_a_table_has_content_and_a_date():
    facts = review_record.audit_record(doc(AUDIT_BODY_TABLE))
    assert facts["date"] == "2026-10-02" and facts["scope"] and facts["criteria"] and facts["findings"]
    assert review_record.audit_empty(facts) == []


def test_an_audit_report_that_says_done_has_no_content():
    assert review_record.audit_empty(review_record.audit_record(doc(AUDIT_DONE))) == ["only 1 word in its body"]


def test_an_audit_report_without_findings_scope_or_criteria_has_no_content():
    lacks = review_record.audit_empty(review_record.audit_record(doc(AUDIT_NO_FINDINGS)))
    assert lacks == ["no scope", "no criteria", "no findings"]


def test_minutes_in_prose_with_a_prose_date_consider_the_audit():
    facts = review_record.review_minutes(doc(MINUTES_PROSE))
    assert (facts["kind"], facts["date"], facts["inputs"], facts["decisions"], facts["audit"]) == (
        "minutes", "2026-11-12", True, True, True,
    )
    assert review_record.review_empty(facts) == []


def test_the_certification_audit_is_not_the_internal_audit():
    assert review_record.review_minutes(doc(MINUTES_CERTIFICATION_ONLY))["audit"] is False


def test_the_auditor_ends_where_the_next_label_on_the_line_starts():
    record = doc("# Internal audit\n\nAuditor: Head of Internal Audit; criteria: ISO/IEC 42001 and our procedures.\n")
    assert review_record.auditor(record)[0] == "Head of Internal Audit"
    several = doc("# Internal audit\n\nAuditors: Head of Internal Audit, External Assessor\n")
    assert review_record.auditor(several)[0] == "Head of Internal Audit, External Assessor"
