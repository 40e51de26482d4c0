"""Fill the blanks of an ``aims-lint init`` scaffold as an organisation would, for the
test that a filled scaffold is audit-ready (tests/test_init.py).

Each blank of the templates ("[Role]", "[YYYY-MM-DD]") is replaced, in document order,
by the next value of its list for that file; a blank left over fails the test. The
values are those of a small fictional lender, "Acme Lending", with the AI systems
``credit-scoring`` and ``chatbot``; the SoA's procedures and records are two documents
the organisation writes beside the scaffold (``procedures/``, ``records/``), as the
scaffold's README says.
"""

from __future__ import annotations

import re
from pathlib import Path

from aims_lint.reading.soa import catalogue

SYSTEMS = ("credit-scoring", "chatbot")
ORGANISATION = "Acme Lending"
STAGE2 = "2027-06-01"
TODAY = "2026-12-01"

_FRONT = {
    "status: draft": "status: approved",
    'approved_on: "[YYYY-MM-DD]"': "approved_on: 2026-11-20",
    'last_reviewed: "[YYYY-MM-DD]"': "last_reviewed: 2026-11-20",
    'next_review: "[YYYY-MM-DD]"': "next_review: 2027-11-20",
}

SCOPE = {
    '"[Name of the AI system]"': ["Retail credit scoring model", "Customer service chatbot (third-party LLM)"],
    '"[provider / developer / deployer / user]"': ["provider", "deployer"],
    '"[YYYY-MM-DD]"': ["2026-06-01", "2026-05-15"],
    "[Describe the activities, sites and business units the AIMS covers]": [
        "Design, development, deployment and monitoring of the AI systems listed above, run from the Dublin office"],
    "[Describe each AI system listed in the front matter: purpose, users, who it affects]": [
        "credit-scoring rates retail loan applications for credit officers; chatbot answers customers' questions"],
    "[List what is left out of the AIMS and why]": ["Office productivity tools with AI features, used under their vendors' terms"],
    "[Describe the issues that affect the AIMS, e.g. laws and regulations]": [
        "The EU AI Act treats credit scoring as high-risk; consumer credit law requires reasons for declines"],
    "[List the interested parties and what they require]": [
        "Applicants (fair decisions, reasons), the central bank (model risk reporting), staff (clear roles)"],
    "[Describe the suppliers, platforms and other management systems it relies on]": [
        "The LLM provider of the chatbot, the credit bureau feed, the ISO/IEC 27001 ISMS"],
}

POLICY = {
    "[Describe the business purpose of the AI systems]": [
        "Acme Lending uses AI to assess credit applications and to answer customer questions"],
    "[List the AI systems of the [AIMS scope](../scope.md)]": [
        "the credit scoring model and the customer service chatbot, listed in the [AIMS scope](../scope.md)"],
    "[Describe the legal, regulatory and contractual requirements you commit to meet]": [
        "We meet the legal, regulatory and contractual requirements that apply to our AI systems, including "
        "consumer-credit and data-protection law"],
    "[Describe how you commit to continually improve the AIMS]": [
        "We continually improve the AI management system, using audit results, incidents and monitoring data"],
    "[Describe your commitments, e.g. human oversight, fairness testing, transparency to users]": [
        "We develop and use AI responsibly and in a human-centred way: a human reviews decisions that significantly "
        "affect a customer, we test for unfair bias before every release, and we tell customers when they deal with AI"],
    "[Describe who sets measurable AI objectives, how often, consistent with this policy; they are kept in the [AI objectives](../planning/objectives.md)]": [
        "Top management sets measurable AI objectives each year, consistent with this policy; the AI Governance Lead "
        "keeps them in the [AI objectives](../planning/objectives.md)"],
    "[Describe the roles accountable for the AIMS and for each AI system]": [
        "The AI Governance Lead runs the AIMS; the AI System Owner is accountable for each AI system"],
    "[Describe how employees, contractors and interested parties receive this policy]": [
        "The policy is published on the intranet, explained at induction and in the annual awareness training, and "
        "available to customers and regulators on our website"],
    "[Describe how often the policy is reviewed, by whom, as an input to the management review, and who in top management approves it]": [
        "The AI Governance Lead reviews this policy every 12 months as an input to the management review; Top "
        "Management approves it"],
}

OBJECTIVES = {
    "[Objective]": ["Fair credit decisions", "Accurate scoring", "Human review of declines", "Correct chatbot answers",
                    "Impact assessments kept current"],
    "[Metric and target]": [
        "Approval-rate ratio between protected groups ≥ 0.8",
        "AUC ≥ 0.78 on the monthly hold-out sample",
        "100% of declines near the cut-off reviewed by a credit officer",
        "≤ 2% of sampled conversations with a wrong answer",
        "100% of AI systems with an impact assessment reviewed after their last significant change",
    ],
    "[Role]": ["AI System Owner", "AI System Owner", "Risk Owner", "AI Governance Lead", "AI Governance Lead"],
    "[Frequency]": ["Monthly", "Monthly", "Monthly", "Monthly", "Quarterly"],
    "[Evaluation method]": [
        "Fairness dashboard with a sampled review of 50 declines",
        "Model monitoring report",
        "Case-management report checked by internal audit",
        "Review of 200 sampled conversations against the knowledge base",
        "Comparison of the scope with the impact assessment dates",
    ],
    "[YYYY-MM-DD]": ["2027-03-31", "2027-03-31", "2027-02-28", "2027-03-31", "2027-01-31"],
}

_RISKS = [
    ("credit-scoring", "Model accuracy drops as applicant behaviour drifts", 3, 3, "AI System Owner",
     "Reduce: monthly drift monitoring and retraining trigger", "A.6.2.6"),
    ("credit-scoring", "Credit bureau feed delivers incomplete or stale records", 2, 4, "AI System Owner",
     "Reduce: completeness and freshness checks at ingestion", "A.7.4"),
    ("credit-scoring", "Scoring disadvantages young applicants with thin credit files", 3, 4, "AI System Owner",
     "Reduce: monthly fairness testing across age bands", "A.5.4"),
    ("credit-scoring", "Automated declines push vulnerable customers towards high-cost lenders", 2, 5, "Risk Owner",
     "Reduce: referral to free debt advice in decline letters", "A.5.5"),
    ("chatbot", "LLM provider changes or retires the model without notice", 3, 3, "AI Governance Lead",
     "Reduce: version pinning and a 90-day change notice in the contract", "A.10.3"),
    ("credit-scoring", "Declined applicants cannot obtain the main reasons for the decision", 2, 4, "Risk Owner",
     "Reduce: reason codes in every decline letter", "A.8.2"),
]

RISK = {
    "[Rare: how often]": ["Rare: less than once in five years"],
    "[Unlikely: how often]": ["Unlikely: once in two to five years"],
    "[Possible: how often]": ["Possible: once a year"],
    "[Likely: how often]": ["Likely: several times a year"],
    "[Almost certain: how often]": ["Almost certain: monthly or more"],
    "[Negligible: what harm]": ["Negligible: no lasting effect on anyone"],
    "[Minor: what harm]": ["Minor: an inconvenience, quickly reversed"],
    "[Moderate: what harm]": ["Moderate: harm to individuals, reversible on appeal"],
    "[Major: what harm]": ["Major: significant harm to individuals or groups"],
    "[Severe: what harm]": ["Severe: irreversible harm or harm to society"],
    "[Describe how a rating is computed, e.g. likelihood × severity]": ["Likelihood × severity, from 1 to 25"],
    "[Describe which rating is not acceptable without treatment, and who accepts residual risk]": [
        "A rating of 12 or more is not acceptable without treatment; the Risk Owner accepts residual risk"],
    "[AI system id]": [risk[0] for risk in _RISKS],
    "[Risk]": [risk[1] for risk in _RISKS],
    "[1-5]": [str(value) for risk in _RISKS for value in risk[2:4]],
    "[Rating]": [str(risk[2] * risk[3]) for risk in _RISKS],
    "[Role]": [risk[4] for risk in _RISKS],
    "[Treatment]": [risk[5] for risk in _RISKS],
    "[A.x.y]": [risk[6] for risk in _RISKS],
}


def _soa() -> dict[str, list[str]]:
    count = len(catalogue())
    risks = [f"R-0{1 + index % 6}" for index in range(count)]
    return {
        "[Yes / No]": ["Yes"] * count,
        "[Risks treated (R-xx), or why it does not apply]": [f"Treats {risk} of the risk assessment" for risk in risks],
        "[Implemented / Planned]": ["Implemented"] * count,
        "[Link to the procedure]": ["[PROC-AI](../procedures/ai-controls.md)"] * count,
        "[Link to the record]": ["[REC-OPS-2026](../records/operations-2026.md)"] * count,
        "[Role]": ["AI Governance Lead"] * count,
    }


def _impact(system: str) -> dict[str, list[str]]:
    return {
        "[Individuals affected]": ["Credit applicants" if system == "credit-scoring" else "Customers using the chatbot"],
        "[Groups of individuals affected]": ["Young applicants with thin credit files" if system == "credit-scoring"
                                             else "Customers in financial distress"],
        "[Society]": ["Society"],
        "[Plausible harm]": ["A wrong or biased output denies a service or misleads", "Unfair exclusion of a group",
                             "Systematic exclusion of communities from affordable credit"],
        "[High / Medium / Low]": ["High", "Medium", "Medium"],
        "[Reversible or not, and how]": ["Reversible: appeal to a person within 30 days", "Reversible on appeal",
                                         "Slow to reverse"],
        "[Treatment]": ["Human review of every adverse outcome", "Separate validation of the group before each release",
                        "Annual review of outcomes by postcode"],
        "[How often the assessment is reviewed]": ["Annually"],
        "[Which changes make you redo it before release, e.g. retraining, a new intended use, a serious incident]": [
            "Before release whenever the model is retrained, the intended use changes, or a serious incident occurs"],
        "[Who decides, and how fast, when a harm stays high after treatment]": [
            "A harm still rated High after treatment is escalated to the Risk Owner, who decides within five working "
            "days whether the system stays in production"],
    }


COMPETENCE = {
    "[Required competencies]": [
        "Approving AI risk acceptance and the AI policy", "ISO/IEC 42001, AI risk and impact assessment",
        "Fairness testing, model validation", "Model risk governance, accepting residual AI risk",
        "Auditing an AIMS against ISO/IEC 42001"],
    "[Evaluation method]": [
        "Scenario interview on two past escalations", "Certification exam (ISO/IEC 42001 lead implementer)",
        "Practical assessment by an external reviewer", "Scenario interview with the AI Governance Lead",
        "Certification exam (ISO/IEC 42001 lead auditor)"],
    "[Status]": ["Competent"] * 5,
    "[YYYY-MM-DD]": ["2027-09-01"] * 5,
    "[Describe how every person doing work under the AIMS shows awareness of the AI policy, their contribution and the consequences of not conforming, and the latest results]": [
        "Every employee takes the AI policy awareness quiz at induction and each January (pass mark 80%; 2026: 96% "
        "passed first time); it covers the AI policy, their contribution to the AIMS and the consequences of not "
        "conforming"],
}

AUDIT = {
    '"[YYYY-MM-DD]"': ["2026-11-10"],
    '"[Clauses 4 to 10, the applicable Annex A controls, the AI systems in scope]"': [
        "Clauses 4 to 10, the 38 Annex A controls, both AI systems in scope"],
    "[Describe how often audits are held and how they are planned]": ["One full-scope audit each year"],
    "[Name the auditor's role and how their independence is ensured]": [
        "Internal Auditor, independent of the AI teams"],
    "[ISO/IEC 42001 and the AIMS documents audited]": ["ISO/IEC 42001 and the AIMS documents of this repository"],
    "[IA-F1]": ["IA-F1"], "[IA-F2]": ["IA-F2"], "[IA-F3]": ["IA-O1"],
    "[Finding]": ["Two supplier reviews lacked the model-change check", "One fairness test skipped an age band",
                  "Fairness evidence could name the tested bands"],
    "[Major / Minor / Observation]": ["Minor nonconformity", "Minor nonconformity", "Observation"],
    "[NC-xx or who accepted it]": ["NC-01", "NC-02", "Accepted by the AI System Owner"],
    "[Does the AIMS conform to ISO/IEC 42001 and is it effectively implemented?]": [
        "The AIMS conforms to ISO/IEC 42001 and is effectively implemented, with two minor nonconformities, "
        "now corrected"],
}

NONCONFORMITIES = {
    '"[YYYY-MM-DD]"': ["2026-11-25"],
    "[Nonconformity]": ["Two supplier reviews lacked the model-change check", "One fairness test skipped an age band",
                        "Chatbot answered outside the product catalogue", "Decline letter without reason codes",
                        "Drift alert not acknowledged within a week"],
    "[Root cause]": ["Checklist predates the contract clause", "Test script filtered on a stale band list",
                     "Retrieval fallback enabled after an update", "Template change skipped the review",
                     "Alert routed to a retired mailbox"],
    "[Corrective action]": ["Checklist updated; both reviews redone", "Band list read from the risk criteria",
                            "Fallback disabled; regression test added", "Template review made mandatory",
                            "Alert routing tested monthly"],
    "[Role]": ["AI Governance Lead", "AI System Owner", "AI System Owner", "Risk Owner", "AI System Owner"],
    "[YYYY-MM-DD]": ["2026-11-30", "2026-11-30", "2026-10-31", "2026-09-30", "2026-08-31"],
    "[Result of the effectiveness check]": ["Closed 2026-11-20; effective", "Closed 2026-11-18; re-run passed",
                                            "Closed 2026-10-20; no recurrence", "Closed 2026-09-25; effective",
                                            "Closed 2026-08-28; effective"],
}

REVIEW = {
    '"[YYYY-MM-DD]"': ["2026-11-27"],
    "[Role of the top manager who chairs the review]": ["Top Management"],
    "[From and to]": ["January to November 2026"],
    "[How many actions from the last review, how many closed]": ["Of the 3 actions of the last review, all 3 are closed"],
    "[Changes in laws, regulations, market and technology]": [
        "EU AI Act obligations for credit scoring apply from August 2026; documentation updated on 2026-08-01"],
    "[Changes to the AI systems, the organisation and its resources]": [
        "The credit model was retrained on 2026-10-01; the impact assessment was redone before release"],
    "[Changes in what customers, regulators, employees require; complaints]": [
        "Complaints about automated decisions fell from 6 to 4 over the period"],
    "[Results of the [internal audit](internal-audit.md): findings and their status]": [
        "The [internal audit](internal-audit.md) of 2026-11-10 raised 2 minor nonconformities and 1 observation; "
        "both nonconformities were corrected by 2026-11-20"],
    "[How many open, how many closed, from the [nonconformity log](nonconformity-log.md)]": [
        "0 nonconformities open, 5 corrective actions closed on time (see the [nonconformity log](nonconformity-log.md))"],
    "[Results of the AI objectives against their targets]": [
        "Fairness ratio 0.87 (target 0.8); AUC 0.80 (target 0.78); chatbot wrong answers 1.6% (target at most 2%)"],
    "[Improvements considered]": ["Naming the tested age bands in the fairness evidence, adopted"],
    "[Is the AIMS suitable, adequate and effective; what changes are decided]": [
        "The AIMS remains suitable, adequate and effective; the fairness threshold stays at 0.8"],
    "[Action]": ["Add the tested age bands to the fairness test template", "Brief the Stage 2 auditors' contacts"],
    "[Role]": ["AI System Owner", "AI Governance Lead"],
    "[YYYY-MM-DD]": ["2027-01-15", "2027-05-15"],
}

# What the SoA points to: the organisation's procedure and its operating record.
EXTRA = {
    "procedures/ai-controls.md": """---
id: PROC-AI
type: procedure
title: AI controls procedure
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Top Management
approved_on: 2026-11-20
next_review: 2027-11-20
---
# AI controls procedure

How Acme Lending operates the Annex A controls selected in the [SoA](../planning/soa.md):
release approval, monitoring, data checks, supplier reviews and reporting of concerns.
""",
    "records/operations-2026.md": """---
id: REC-OPS-2026
type: record
title: AI operations record, 2026
owner: AI Governance Lead
date: 2026-11-30
---
# AI operations record, 2026

| Date | Control | Evidence |
|---|---|---|
| 2026-10-01 | Release approval | Credit model release approved after validation and fairness test |
| 2026-11-05 | Supplier review | LLM provider review with the model-change notice check |
""",
}


def _fill(text: str, values: dict[str, list[str]], where: str) -> str:
    for before, after in _FRONT.items():
        text = text.replace(before, after)
    for blank, replacements in values.items():
        for replacement in replacements:
            if blank not in text:
                raise AssertionError(f"{where}: no blank {blank!r} left for {replacement!r}")
            text = text.replace(blank, replacement, 1)
    return text


def fill(folder: Path) -> None:
    """Fill every blank of the scaffold in ``folder`` (made with SYSTEMS); add what the
    SoA points to."""
    plan = {
        "scope.md": SCOPE, "policies/ai-policy.md": POLICY, "planning/objectives.md": OBJECTIVES,
        "planning/risk-assessment.md": RISK, "planning/soa.md": _soa(),
        "support/competence-matrix.md": COMPETENCE, "records/internal-audit.md": AUDIT,
        "records/nonconformity-log.md": NONCONFORMITIES, "records/management-review.md": REVIEW,
        **{f"impact/{system}.md": _impact(system) for system in SYSTEMS},
    }
    for relpath, values in plan.items():
        path = folder / relpath
        path.write_text(_fill(path.read_text(encoding="utf-8"), values, relpath), encoding="utf-8")
    for relpath, text in EXTRA.items():
        (folder / relpath).parent.mkdir(exist_ok=True)
        (folder / relpath).write_text(text, encoding="utf-8")


def leftover_blanks(folder: Path) -> list[str]:
    """Bracketed blanks still in the documents (Markdown links are not blanks)."""
    found = []
    for path in sorted(folder.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in re.finditer(r"\[[^\]\[]*\](?!\()", line):
                found.append(f"{path.relative_to(folder)}:{number}: {match.group(0)}")
    return found
