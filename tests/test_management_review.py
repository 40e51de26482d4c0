"""Management-review rules (9.3): each on minutes that must trigger it at the expected
line, on minutes that must not, and on the real corpus."""

import datetime as dt

import pytest

from aims_lint.pack import load_rules

from .conftest import codes, lint
from .test_corpus import CORPUS, corpus_repo

RULE = {rule.code: rule for rule in load_rules()}
GOOD = RULE["MRV001"].documentation().split("## Passing example")[1].split("```markdown file=records/management-review-2026-04.md\n")[1].split("```")[0]


def mrv(result):
    return [(path, code, line) for path, code, line in codes(result) if code.startswith("MRV")]


def test_complete_minutes_have_no_finding(repo):
    assert mrv(lint(repo({"mr.md": GOOD}))) == []


def test_one_finding_per_missing_input(repo):
    text = GOOD.split("## Status of previous actions")[0] + "## Decisions\n\n- Agreed to keep the threshold.\n"
    result = lint(repo({"mr.md": text}))
    assert [code for _, code, _ in mrv(result)] == ["MRV001"] * 5
    assert [f.message.split(" ")[4] for f in result.active] == ["a", "b", "c", "d", "e"]


def test_agenda_items_are_not_inputs(repo):
    agenda = "## Agenda\n\n1. Status of previous actions\n2. Interested parties\n\n"
    text = GOOD.replace("## Status of previous actions\n\nAll 3 actions from the October 2025 review are closed.\n\n", agenda)
    assert ("mr.md", "MRV001", 8) in mrv(lint(repo({"mr.md": text})))


def test_boilerplate_and_inputs_without_data(repo):
    text = GOOD.replace("All 3 actions from the October 2025 review are closed.", "Nothing to report.")
    assert mrv(lint(repo({"mr.md": text}))) == [("mr.md", "MRV003", 12)]
    text = GOOD.replace("2 open, 1 corrective action closed this quarter", "reviewed").replace(
        "fairness ratio 0.86 against a target of 0.8", "reviewed").replace("3 minor findings (AUD-2026-01)", "presented")
    assert mrv(lint(repo({"mr.md": text}))) == [("mr.md", "MRV002", 24)]


def test_decisions_missing(repo):
    text = GOOD.replace("## Decisions\n\n- The fairness threshold for credit scoring stays at 0.8.\n\n", "")
    assert mrv(lint(repo({"mr.md": text}))) == [("mr.md", "MRV004", 8)]


def test_actions_in_task_lists_and_labels(repo):
    base = GOOD.split("## Actions")[0]
    tasks = base + "## Actions\n\n- [ ] Automate the report — Owner: Head of Data Science — Due: 2026-07-31\n- [ ] Tell the regulator — Due: next week\n"
    result = lint(repo({"mr.md": tasks}))
    assert mrv(result) == [("mr.md", "MRV005", 41), ("mr.md", "MRV006", 41)]
    labelled = base.replace("## Decisions", "Actions:\n\n- Compliance Officer: close CAPA-7 by 2026-05-31\n- Update the register.\n\n## Decisions")
    assert mrv(lint(repo({"mr.md": labelled}))) == [("mr.md", "MRV005", 37)]


def test_top_management(repo):
    text = GOOD.replace("[Chief Executive Officer, AI Governance Lead, Chief Risk Officer]", "[AI Governance Lead]")
    assert mrv(lint(repo({"mr.md": text}))) == [("mr.md", "MRV007", 6)]


def test_record_typed_minutes_are_recognised_by_title(repo):
    files = {".aims-lint.yaml": "types:\n  'records/*.md': record\n", "records/mr.md": "# Management review\n\nNo issues identified.\n",
             "records/other.md": "# Supplier visit\n\nNo issues identified.\n"}
    found = {(path, code) for path, code, _ in mrv(lint(repo(files)))}
    assert ("records/mr.md", "MRV003") in found and ("records/mr.md", "MRV007") in found
    assert not any(path == "records/other.md" for path, _ in found)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_corpus_minutes(tmp_path):
    root = tmp_path / "c"
    names = {
        "mr0813.md": "onchainlabs1__llm-agent-mcp/docs/evidence/Management_Review_Minutes_MR-2025-0813.md",
        "mr001.md": "onchainlabs1__llm-agent-mcp/docs/evidence/Management_Review_Minutes_MR-2025-001.md",
        "k0.md": "K0-Cyber__grc-iso42001-aims-project/06-performance/management-review-minutes.md",
        "cenedril.md": "CenedrilTeam__iso27001-starter-kit/templates/management-review-minutes.md",
        "ankit.md": "Ankit-Uniyal__iso-42001-ai-governance-toolkit/08-CLAUSE9-PERFORMANCE/MANAGEMENT-REVIEW-TEMPLATE.md",
    }
    corpus_repo(root, names, "management-review")
    result = lint(root, select=["MRV"], today=dt.date(2026, 11, 27))
    assert not result.errors
    found = {}
    for path, code, line in mrv(result):
        found.setdefault(path, []).append((code, line))
    assert "cenedril.md" not in found  # passes on structure
    assert found["ankit.md"] == [("MRV008", 1)]  # empty template
    assert [code for code, _ in found["k0.md"]] == ["MRV001"] * 3  # a, b, c missing; decisions fine
    assert ("MRV006", 7) in found["mr0813.md"] and ("MRV005", 11) in found["mr0813.md"]
    assert ("MRV007", 4) in found["mr001.md"] and ("MRV002", 8) in found["mr001.md"]


# ---------------------------------------------------------------------------
# Procedures, cadences and agendas typed management-review are not minutes

PROCEDURE = """---
type: management-review
---
# Management Review Procedure

## 1. Purpose

Top management shall review the AIMS at planned intervals.

## 4. Roles and Responsibilities

### 4.1 Top Management
- Attend and participate in reviews

## 6. Review Inputs Checklist

- [ ] Status of actions from previous management reviews
- [ ] Opportunities for continual improvement

## 7. Review Outputs Checklist

- [ ] Actions assigned with owners and deadlines
"""

# Singhhs/OpenGRC-Toolkit templates/management-review-agenda.md, shortened.
AGENDA = """---
type: management-review
---
# ISMS Management Review Agenda

**Meeting Date:** [DATE]
**Chair:** [NAME/ROLE]

## Agenda Items (ISO 27001 Clause 9.3)

### 1. Opening and Previous Actions (10 min)

- [ ] Welcome and introductions
- [ ] Confirm quorum

### 13. Close (5 min)

- [ ] Confirm action items
- [ ] Set next meeting date: [DATE]
"""

# A governance cadence (Benkola/ai-governance-os-eu): meeting rhythms and escalation triggers.
CADENCE = """---
type: management-review
---
# Governance Cadence

## Escalation Triggers

| Trigger | Response Time | Required Action |
|---------|---------------|-----------------|
| AI incident (severity 2 or 3) | Next scheduled Tier 2 | Review, lessons learned |
| Regulatory enquiry received | Within 24 hours | Legal engagement |
"""


@pytest.mark.parametrize("text", [PROCEDURE, AGENDA, CADENCE], ids=["procedure", "agenda", "cadence"])
def test_a_procedure_an_agenda_or_a_cadence_is_not_judged_as_minutes(repo, text):
    assert mrv(lint(repo({"mr.md": text}))) == []


def test_a_repository_whose_only_review_document_is_a_procedure_has_no_review_on_record(repo):
    from aims_lint.reading.review_record import kind

    from .test_roles_reading import read

    assert kind(read(PROCEDURE)) == "procedure" and kind(read(AGENDA)) == "agenda" and kind(read(CADENCE)) == "procedure"
    assert kind(read(GOOD)) == "minutes"
    # Minutes without front matter: a meeting date and attendees in the body.
    body_minutes = "# AI management review\n\n**Date:** 2026-04-28\n**Attendees:** CEO, AI Governance Lead\n\n## Decisions\n\n- Agreed to fund a fairness tool.\n"
    assert kind(read(body_minutes)) == "minutes"


def test_trigger_tables_and_checklists_in_minutes_are_not_actions(repo):
    triggers = (
        "## Escalation triggers\n\n| Trigger | Required action |\n|---|---|\n| Critical risk | Convene the committee |\n\n"
        "## Outputs checklist\n\n- [ ] Decisions recorded\n\n"
    )
    text = GOOD.replace("## Decisions", triggers + "## Decisions")
    assert mrv(lint(repo({"mr.md": text}))) == []


def test_headings_naming_inputs_a_and_b_by_clause_cover_them(repo):
    text = GOOD.replace("## Status of previous actions\n\nAll 3 actions from the October 2025 review are closed.",
                        "## 1. Follow-up (9.3.2a)\n\nAll 3 items from October 2025 are closed.")
    text = text.replace("## Changes in external and internal issues\n\nEU AI Act obligations",
                        "## 2. What changed (9.3.2 b)\n\nEU AI Act obligations")
    text = text.replace("August 2026 (external); a new Head\nof Data Science started in March (internal).", "August 2026; a new Head\nof Data Science started in March.")
    assert mrv(lint(repo({"mr.md": text}))) == []
