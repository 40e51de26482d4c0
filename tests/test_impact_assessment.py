"""Impact-assessment rules (6.1.4, 8.4, A.5.2-A.5.5): each on a document that must
trigger it at the expected line, on one that must not, and on the real corpus."""


import pytest

from aims_lint.pack import load_rules

from .conftest import codes, lint
from .test_corpus import CORPUS, corpus_repo

RULE = {rule.code: rule for rule in load_rules()}
GOOD = RULE["IMP001"].documentation().split("## Passing example")[1].split("```markdown file=impact/credit-scoring.md\n")[1].split("```")[0]
SCOPE = """---
id: AIMS-SCOPE
type: aims-scope
title: Scope
owner: AI Governance Lead
version: "1"
status: draft
next_review: 2027-01-01
ai_systems:
  - id: credit-scoring
    last_significant_change: 2026-05-20
---
# Scope
"""


def imp(result):
    return [(path, code, line) for path, code, line in codes(result) if code.startswith("IMP")]


def test_complete_assessment_has_no_finding(repo):
    assert imp(lint(repo({"ia.md": GOOD}))) == []


def test_unfilled_template_is_one_finding_not_one_per_part(repo):
    text = GOOD.split("# Impact")[0] + "# IA\n\n| Party | Harm | Severity |\n|---|---|---|\n" + "| x | | |\n" * 6
    assert imp(lint(repo({"ia.md": text}))) == [("ia.md", "IMP001", 14)]


@pytest.mark.parametrize(
    "code, old, new, line",
    [
        ("IMP002", "## When we reassess\n\nReviewed annually, and whenever the model is retrained, its training data or its\nintended use changes, or a new population is scored.\n", "", 14),
        ("IMP006", "## Escalation\n\nHarms rated High that remain after treatment are escalated to the Chief Risk Officer,\nwho decides within five working days whether the model stays in production.\n", "", 14),
        ("IMP004", "| Severity | Reversibility |", "| Rating | Note |", 16),
    ],
)
def test_missing_part_reported_once(repo, code, old, new, line):
    text = GOOD.replace(old, new)
    if code == "IMP004":
        text = text.replace("High |", "H |").replace("Medium |", "M |").replace("Reversible on appeal within 30 days", "ok").replace("Slow to reverse", "ok").replace("Harms rated High", "Harms")
    assert text != GOOD
    assert imp(lint(repo({"ia.md": text}))) == [("ia.md", code, line)]


def test_no_affected_parties_or_harms(repo):
    text = GOOD.split("## Who could")[0] + "## Notes\n\nReviewed annually and after a significant change; escalated to the CRO.\n"
    result = lint(repo({"ia.md": text}))
    assert ("ia.md", "IMP003", 14) in imp(result)


def test_review_cycle_and_staleness_from_the_body(repo):
    body = "# IA\n\n**Date:** 2024-12-28\n\nCustomers could be harmed (severity high, reversible) by biased answers.\nTriggers: significant change. Escalation to the CRO.\n"
    files = {".aims-lint.yaml": "types:\n  '*.md': impact-assessment\n", "ia.md": body}
    assert imp(lint(repo(files))) == [("ia.md", "IMP005", 1), ("ia.md", "IMP008", 3)]
    files["ia.md"] = body.replace("2024-12-28", "2026-03-01") + "\nReviewed annually.\n"
    assert imp(lint(repo(files))) == []


def test_predates_system_change_reads_the_scope(repo):
    result = lint(repo({"scope.md": SCOPE, "ia.md": GOOD}), select=["IMP"])
    assert imp(result) == [("ia.md", "IMP007", 11)]
    assert "2026-05-20" in result.active[0].message
    assert imp(lint(repo({"scope.md": SCOPE.replace("2026-05-20", "2026-04-20"), "ia.md": GOOD}))) == []


def test_dpia_in_disguise(repo):
    doc = RULE["IMP009"].documentation()
    failing = doc.split("## Failing example")[1].split("```markdown file=impact/support-assistant.md\n")[1].split("```")[0]
    assert ("ia.md", "IMP009", 14) in imp(lint(repo({"ia.md": failing})))
    assert imp(lint(repo({"ia.md": GOOD}))) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_corpus_impact_assessments(tmp_path):
    root = tmp_path / "c"
    names = {
        "ankit.md": "Ankit-Uniyal__iso-42001-ai-governance-toolkit/07-CLAUSE8-OPERATION/AI-SYSTEM-IMPACT-ASSESSMENT.md",
        "k0.md": "K0-Cyber__grc-iso42001-aims-project/03-planning/ai-impact-assessment-eugai.md",
        "navin.md": "NavinManaswi__iso-42001-aims-implementation/03-planning/ai-impact-assessment.md",
        "llm.md": "onchainlabs1__llm-agent-mcp/docs/Clause8_Operation/AI_System_Impact_Assessment.md",
    }
    root.mkdir()
    corpus_repo(root, names, "impact-assessment")
    result = lint(root, select=["IMP"], today=__import__("datetime").date(2026, 11, 27))
    assert not result.errors
    found = {(path, code) for path, code, _ in codes(result)}
    assert found == {
        ("ankit.md", "IMP001"),  # unfilled template: not performed, nothing else
        ("k0.md", "IMP002"), ("k0.md", "IMP004"),  # no triggers in the IA; harms not rated
        ("navin.md", "IMP002"), ("navin.md", "IMP005"), ("navin.md", "IMP006"),
        # Its body document control says "Next Review: 2025-06-28": DOC007 reports the
        # overdue review, so IMP008 does not report it a second time.
        ("llm.md", "IMP005"), ("llm.md", "IMP006"),
    }
    overdue = lint(root, select=["DOC007"], today=__import__("datetime").date(2026, 11, 27))
    assert {(path, code) for path, code, _ in codes(overdue)} >= {("llm.md", "DOC007")}


TRIGGERS = "## When we reassess\n\nReviewed annually, and whenever the model is retrained, its training data or its\nintended use changes, or a new population is scored.\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "- DPIA reviewed annually or upon change in processing scope.\n- TRA refreshed with each new model release.\n",
        "The assessment is updated whenever the vendor ships a new version of the model.\n",
        "| Review | When |\n|---|---|\n| Re-assessed | after any serious incident |\n",
        "We redo this assessment if the way the scores are used is modified.\n",
    ],
    ids=["upon-change-list", "whenever-prose", "after-incident-table", "if-modified"],
)
def test_triggers_in_the_documents_own_words(repo, sentence):
    text = GOOD.replace(TRIGGERS, "## Monitoring & review\n\n" + sentence)
    assert text != GOOD
    assert "IMP002" not in [code for _, code, _ in imp(lint(repo({"ia.md": text})))]


@pytest.mark.parametrize(
    "sentence",
    [
        "- Quarterly DPIA updates\n- Regular updates on regulatory changes\n- Review within 30 days\n",
        "We review it annually.\n",
    ],
    ids=["calendar-and-updates-on", "annual-only"],
)
def test_a_calendar_alone_is_no_trigger(repo, sentence):
    text = GOOD.replace(TRIGGERS, "## Monitoring & review\n\n" + sentence)
    assert ("ia.md", "IMP002", 14) in imp(lint(repo({"ia.md": text})))
