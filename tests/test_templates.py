"""Unfilled templates (issue 11, items 6 and 7): the reading of placeholders and fill,
one finding for an unfilled template classified by what the document stands for, one
finding per document for placeholders, and whole-AIMS checks that do not count a
template as the document being on record.

Layouts: a table-based register template, a labelled-field form (bold labels with no
value, bracketed descriptions), a Jinja/mustache template, a form drawn in a code
fence, bracket placeholders in prose; a partly filled and a filled document.
"""

from __future__ import annotations

import datetime as dt

import pytest

from aims_lint import readiness
from aims_lint.document import Document
from aims_lint.reading import templates

from .conftest import lint, write_repo
from .test_traceability import MANDATORY, document


def read(text: str) -> templates.Templates:
    return templates.read(Document(None, "t.md", text))  # type: ignore[arg-type]


def tokens(line: str) -> list[str]:
    return [token for _, token in templates.find(line)]


# ---------------------------------------------------------------------------
# Placeholders, whatever the template engine


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Organisation: {{ org.name }}", ["{{ org.name }}"]),
        ("Updated {{UPDATE_DATE}}", ["{{UPDATE_DATE}}"]),
        ("{% if risks %} and {{#items}}", ["{% if risks %}", "{{#items}}"]),
        ("All locations: [[ netbox.site.name ]] and others", ["[[ netbox.site.name ]]"]),
        ("Owner: [To be completed]", ["[To be completed]"]),
        ("Date: [Date], for [Organization Name]", ["[Date]", "[Organization Name]"]),
        ("Decision: [To Be Determined]", ["[To Be Determined]"]),
        ("Review date: [TODO: Date]", ["[TODO: Date]"]),
        ("Risk level: [High/Medium/Low]", ["[High/Medium/Low]"]),
        ("Signature: ______", ["______"]),
        ("Owner: <owner>, escaped &lt;Organisation Name&gt;", ["<owner>", "&lt;Organisation Name&gt;"]),
        ("Status: TBD, due XX/XX/XXXX", ["TBD", "XX/XX/XXXX"]),
        ("Lead: [NAME/ROLE], from [START DATE]", ["[NAME/ROLE]", "[START DATE]"]),
        ("Owner: to be confirmed.", ["to be confirmed"]),
    ],
)
def test_placeholders_of_every_engine(line, expected):
    assert tokens(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "See [[AI Policy]] and [the procedure](procedure.md).",  # wiki and Markdown links
        "The date is to be confirmed by the GRC PM.",  # who decides, not a blank
        "The date by which corrective action is to be completed, aligned to Section 5",
        '"There is a risk that [threat/event] causes [impact]"',  # a sentence pattern, not a form
        "- [x] Done and [ ] open; <br> tags; a todo list",
    ],
)
def test_lookalikes_are_not_placeholders(line):
    assert tokens(line) == []


@pytest.mark.parametrize(
    "value, blank",
    [
        ("", True),
        ("[Statistical analysis results]", True),
        ("[ ] Initial [ ] Periodic [ ] Change-triggered", True),
        ("Completed / In Progress / Open", True),
        ("Low/Med/High", True),
        ("✓ / ✗", True),
        ("&nbsp;", True),
        ("(e.g. quarterly)", True),
        ("To be completed", True),
        ("[TODO]%", True),
        ("AI Governance Lead", False),
        ("CISO / DPO", False),
        ("[x] Initial", False),
        ("Quarterly, and after every model change", False),
    ],
)
def test_blank_values(value, blank):
    assert templates.is_blank(value) is blank


# ---------------------------------------------------------------------------
# States, layout by layout

REGISTER_TEMPLATE = """# AI risk register

| Risk ID | Description | Likelihood | Impact | Owner | Treatment |
|---|---|---|---|---|---|
| R-001 | [Describe the risk] | [1-5] | [1-5] | [Owner] | [Treatment] |
| R-002 | [Describe the risk] | Low/Medium/High | Low/Medium/High | [Owner] | [Treatment] |
| R-003 | | | | | |
| R-004 | | | | | |
| R-005 | TBD | TBD | TBD | TBD | TBD |
"""

FIELD_FORM = """# DPIA template

## 1. Project identification
- **AI System Name:**
- **Project Owner:**
- **Date of Assessment:**
- **Automated decision-making involved?** (Yes/No)

## 2. Description
- **Purpose of AI system:** [Describe the purpose]
- **Categories of personal data:** [List the categories]
- **Potential impact:**
  - **To individuals:**
  - **To the organisation:**

**Signature (DPO):** ______________________
"""

JINJA = """# Risk management plan — {{ system.name }}

**Organization:** {{ company.name }}
**System:** {{ system.name }}
**Domain:** {{ system.domain }}
**Generated:** {{ metadata.generated_at }}

{% for risk in risks %}
| ID | Risk | Likelihood | Owner |
|----|------|-----------|-------|
| {{ risk.id }} | {{ risk.description }} | {{ risk.likelihood }} | {{ risk.owner }} |
{% endfor %}
"""

CODE_FENCE_FORM = """# Algorithmic impact assessment

This framework helps organisations evaluate the impacts of AI systems.

```
System Name: [AI System Name]
Assessment Date: [Current Date]
Assessor: [Lead Assessor Name and Credentials]
Review Authority: [Chief Risk Officer/Ethics Committee/Legal Counsel]
Direct Stakeholders: [Users directly interacting with the system]
Vulnerable Groups: [Protected classes and at-risk populations]
```
"""

PARTLY_FILLED = """# AI policy

This policy applies to every AI system that [Organization Name] develops or uses.

**Owner:** AI Governance Lead
**Approved by:** Chief Executive Officer
**Next review:** 2027-03-01

| Objective | Metric | Owner |
|---|---|---|
| Fair credit decisions | Approval-rate ratio >= 0.8 | Head of Data Science |
| Explainable decisions | 100% of declined applicants get reasons | Head of Operations |
"""

FILLED = PARTLY_FILLED.replace("[Organization Name]", "Northwind Analytics")

# Statements, metrics and owners written; the tracking columns wait for the first measurement.
REGISTER_AWAITING_MEASUREMENT = """# AI objectives

| ID | Objective | Metric | Target | Owner | Current | Last measured | Trend |
|---|---|---|---|---|---|---|---|
| O-1 | Assess every AI system before deployment | % assessed | 100% | AI Governance Lead | | | |
| O-2 | Train in-scope staff | % trained | 90% | HR Lead | | | |
| O-3 | Reduce AI incidents | Sev 1/2 incidents per quarter | < 2 | Risk Manager | | | |
| O-4 | | | | | | | |
"""


@pytest.mark.parametrize("text", [REGISTER_TEMPLATE, FIELD_FORM, JINJA, CODE_FENCE_FORM], ids=["register", "fields", "jinja", "code-fence"])
def test_templates_in_every_layout_are_unfilled(text):
    reading = read(text)
    assert reading.state == templates.UNFILLED and reading.blank >= 0.6 * reading.total


def test_one_placeholder_makes_a_document_partly_filled_not_a_template():
    reading = read(PARTLY_FILLED)
    assert reading.state == templates.PARTLY_FILLED
    assert [(p.line, p.column, p.text) for p in reading.placeholders] == [(3, 45, "[Organization Name]")]


def test_filled_documents_and_registers_awaiting_their_first_measurement():
    assert read(FILLED).state == templates.FILLED and read(FILLED).placeholders == ()
    assert read(REGISTER_AWAITING_MEASUREMENT).state != templates.UNFILLED


# ---------------------------------------------------------------------------
# Findings: one per unfilled template, one per document for placeholders

FRONT = "---\nid: {id}\ntype: {type}\ntitle: {title}\nowner: AI Governance Lead\nversion: \"1.0\"\nstatus: draft\nnext_review: 2027-01-31\n---\n"

MINUTES_TEMPLATE = FRONT.format(id="MR-2026", type="management-review", title="Management review") + """# Management review

**Review date:** [DATE]
**Chair:** [NAME/ROLE]

| Input | Summary | Data |
|---|---|---|
| Status of previous actions | [TODO] | [TODO] |
| Changes in issues | [TODO] | [TODO] |
| Interested parties | [TODO] | [TODO] |
| AIMS performance | [TODO] | [TODO] |

| Action | Owner | Due | Status |
|---|---|---|---|
| [TODO] | [TODO] | [TODO] | Completed / In Progress / Open |
"""

SOA_TEMPLATE = FRONT.format(id="SOA-1", type="soa", title="Statement of Applicability") + """# Statement of Applicability

| Control | Applicable | Justification | Procedure | Record | Owner |
|---|---|---|---|---|---|
| A.2.2 | Yes / No | [Justification] | [Procedure] | [Record] | [Owner] |
| A.2.3 | Yes / No | [Justification] | [Procedure] | [Record] | [Owner] |
| A.2.4 | Yes / No | [Justification] | [Procedure] | [Record] | [Owner] |
| A.3.2 | Yes / No | [Justification] | [Procedure] | [Record] | [Owner] |
| A.3.3 | Yes / No | [Justification] | [Procedure] | [Record] | [Owner] |
"""

COMPETENCE_TEMPLATE = FRONT.format(id="COMP-T", type="competence-matrix", title="Competence matrix template") + """# Competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
""" + "| [Role] | [Describe competencies] | [Method] | Yes / No | [Date] |\n" * 5

COMPETENCE = FRONT.format(id="COMP-1", type="competence-matrix", title="Competence matrix") + """# Competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
| AI Governance Lead | ISO/IEC 42001, AI risk assessment | Certificate and interview | Competent | 2027-03-31 |
"""


def on(result, path):
    return [(f.code, f.classification) for f in result.active if f.path == path]


def test_an_unfilled_management_review_is_one_major_finding(tmp_path):
    result = lint(write_repo(tmp_path, {"records/mr.md": MINUTES_TEMPLATE}))
    assert on(result, "records/mr.md") == [("MRV008", "major")]  # no MRV001-007, no DOC008, no DOC004
    assert "the minutes are an unfilled template" in result.active[0].message


def test_an_unfilled_soa_is_the_soa_not_on_record(tmp_path):
    result = lint(write_repo(tmp_path, {"planning/soa.md": SOA_TEMPLATE}))
    (finding,) = [f for f in result.active if f.path == "planning/soa.md"]
    assert (finding.code, finding.classification, finding.clause) == ("DOC015", "major", "6.1.3")
    assert finding.message.startswith("Statement of Applicability not on record: the document is an unfilled template (")


def test_a_spare_template_beside_the_real_record_is_minor(tmp_path):
    result = lint(write_repo(tmp_path, {"support/matrix.md": COMPETENCE, "support/matrix-template.md": COMPETENCE_TEMPLATE}))
    assert on(result, "support/matrix-template.md") == [("DOC015", "minor")]


def test_a_broken_link_in_a_template_is_still_reported(tmp_path):
    text = MINUTES_TEMPLATE + "\nSee [the agenda](agenda.md).\n"
    result = lint(write_repo(tmp_path, {"records/mr.md": text}))
    assert sorted(code for code, _ in on(result, "records/mr.md")) == ["DOC011", "MRV008"]


def test_a_partly_filled_document_gets_one_placeholder_finding_and_is_still_judged(tmp_path):
    text = FRONT.format(id="POL-1", type="ai-policy", title="AI policy").replace("owner: AI Governance Lead", "owner: everyone")
    text += "# AI policy\n\nApproved by [Organization Name] on XX/XX/XXXX.\n\nSigned: ______\n\nReviewed by TBD.\n"
    result = lint(write_repo(tmp_path, {"p.md": text}), select=["DOC"])
    placeholder = [f for f in result.active if f.code == "DOC008"]
    assert len(placeholder) == 1 and placeholder[0].line == 12
    assert placeholder[0].message == (
        "4 template placeholders: '[Organization Name]' (line 12), 'XX/XX/XXXX' (line 12), '______' (line 14), … left in the document"
    )
    assert "DOC009" in [f.code for f in result.active]  # the vague owner: other rules still judge it


def test_a_filled_document_has_no_template_finding(tmp_path):
    text = FRONT.format(id="POL-1", type="ai-policy", title="AI policy") + FILLED
    result = lint(write_repo(tmp_path, {"p.md": text}), select=["DOC"])
    assert not [f for f in result.active if f.code in ("DOC008", "DOC015")]


# ---------------------------------------------------------------------------
# The AIMS as a whole: a template is not the document being on record


def aims_with_template_review():
    files = dict(MANDATORY)
    files["records/management-review-2026-04.md"] = MINUTES_TEMPLATE
    return files


def test_the_only_management_review_being_a_template_is_one_major_finding_not_a_present_document(tmp_path):
    result = lint(write_repo(tmp_path, aims_with_template_review()), select=["AIMS", "MRV"])
    assert [(f.path, f.code, f.classification) for f in result.active] == [
        ("records/management-review-2026-04.md", "MRV008", "major")
    ]


def test_without_the_template_rules_aims001_says_the_review_is_a_template(tmp_path):
    result = lint(write_repo(tmp_path, aims_with_template_review()), select=["AIMS001"])
    (finding,) = result.active
    # Shown at the template: the document that should hold the review's results.
    assert (finding.path, finding.line, finding.code, finding.clause) == ("records/management-review-2026-04.md", 1, "AIMS001", "9.3")
    assert finding.repository
    assert "records/management-review-2026-04.md is an unfilled template" in finding.message


def test_readiness_is_never_ready_while_a_mandatory_document_is_an_unfilled_template(tmp_path):
    files = aims_with_template_review()
    files[".aims-lint.yaml"] = "stage2-date: 2026-12-01\n"
    root = write_repo(tmp_path, files)
    today = dt.date(2026, 6, 1)
    result = lint(root, select=["AIMS", "MRV"], today=today)
    verdict = readiness.assess(result.findings, dt.date(2026, 12, 1), today).verdict
    assert verdict != readiness.READY
    # The same repository with a real review is ready as far as these rules go.
    files["records/management-review-2026-04.md"] = MANDATORY["records/management-review-2026-04.md"]
    result = lint(write_repo(tmp_path / "real", files), select=["AIMS", "MRV008"], today=today)
    assert readiness.assess(result.findings, dt.date(2026, 12, 1), today).verdict == readiness.READY


def test_a_blank_record_form_is_a_form_not_a_gap(tmp_path):
    form = FRONT.format(id="REC-RM-001", type="record", title="Risk assessment record template") + (
        "# Risk assessment record template\n\n| Field | Entry |\n|---|---|\n| Assessment ID | |\n| AI system | |\n"
        "| Assessment date | |\n| Assessor | |\n| Likelihood | |\n| Severity | |\n| Decision | [ ] Accept [ ] Treat |\n"
    )
    result = lint(write_repo(tmp_path / "form", {"records/risk-record-form.md": form}))
    assert "DOC015" not in [code for code, _ in on(result, "records/risk-record-form.md")]
    # the same blank page named as a management review stands for the review: it is reported
    result = lint(write_repo(tmp_path / "review", {"records/management-review-2026.md": form}))
    assert on(result, "records/management-review-2026.md") != []
