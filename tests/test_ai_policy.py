"""AI policy rules (5.2, 7.4, A.2.2-A.2.4): each on a policy that must trigger it, at the
line where the gap is (or the title when something is absent), and on one that must not;
the recycled-policy rules on policies derived from real information-security policies
(tests/fixtures/recycled, see its README); and the real AI policies of the corpus."""

import re
import shutil
from pathlib import Path

import pytest

from .conftest import lint, write_repo
from .test_corpus import CORPUS, corpus_repo

FIXTURES = Path(__file__).parent / "fixtures" / "recycled"

FRONT = """---
id: POL-AI-001
type: ai-policy
title: AI Policy
owner: AI Governance Lead
version: "2.0"
status: approved
approved_by: {approver}
approved_on: 2026-03-02
next_review: 2027-03-02
---
# AI Policy
"""
PARTS = {
    "scope": """
## Purpose and scope

Northwind Lending uses AI to assess credit applications and to answer customer
questions. This policy applies to the AI systems in the scope of the AIMS, listed in the
[AIMS scope](../scope.md): the credit scoring model and the support assistant.
""",
    "commitments": "\n## Commitments\n\n",
    "requirements": "- We meet the legal, regulatory and contractual requirements that apply to our AI systems.\n",
    "improvement": "- We continually improve the AI management system, using audit results and monitoring data.\n",
    "responsible": "- We develop and use AI responsibly: decisions that significantly affect a customer keep a\n  human in the loop, and we test for unfair bias before every release.\n",
    "objectives": """
## AI objectives

Top management sets measurable AI objectives each year, consistent with this policy. The
AI Governance Lead keeps them in the [AI objectives](../planning/objectives.md).
""",
    "communication": """
## Communication

The policy is published on the intranet and explained to all employees at induction. It is
available to customers and other interested parties on our website.
""",
    "review": """
## Review

The AI Governance Lead reviews this policy every 12 months, as an input to the management review.
""",
}


def policy(without=(), approver="Chief Executive Officer", replace=None, extra=""):
    parts = dict(PARTS, **(replace or {}))
    body = "".join(text for name, text in parts.items() if name not in without)
    return FRONT.format(approver=approver) + body + extra


def pol(result):
    return [(f.code, f.line) for f in result.active if f.code.startswith("POL")]


def test_a_complete_policy_passes_every_policy_rule(repo):
    assert pol(lint(repo({"policies/ai-policy.md": policy()}), select=["POL"])) == []


@pytest.mark.parametrize(
    "part, code",
    [
        ("scope", "POL004"),
        ("objectives", "POL005"),
        ("requirements", "POL006"),
        ("improvement", "POL007"),
        ("responsible", "POL008"),
        ("communication", "POL009"),
    ],
)
def test_each_missing_element_is_its_own_finding_at_the_title(repo, part, code):
    result = lint(repo({"policies/ai-policy.md": policy(without=[part])}), select=["POL"])
    assert pol(result) == [(code, 12)]


def test_two_missing_elements_two_findings_each_selectable(repo):
    root = repo({"policies/ai-policy.md": policy(without=["requirements", "improvement"])})
    assert pol(lint(root, select=["POL"])) == [("POL006", 12), ("POL007", 12)]
    assert pol(lint(root, select=["POL007"])) == [("POL007", 12)]


def test_elements_are_recognised_by_meaning_not_one_sentence(repo):
    other_words = {
        "requirements": "- Our use of AI complies with the EU AI Act and the consumer-credit regulations.\n",
        "improvement": "- The AIMS is improved continually on the basis of audits and incidents.\n",
        "responsible": "- Our AI is human-centred: people can always ask for a human review.\n",
        "objectives": "\nSee the [objectives register](../planning/objectives-register.md).\n",
        "scope": "\n## Applies to\n\nThe credit scoring model and the customer support assistant.\n",
        "communication": "\n## Awareness and availability\n\nStaff receive the policy at onboarding; customers can obtain it on request.\n",
    }
    root = repo({"policies/ai-policy.md": policy(replace=other_words)})
    assert pol(lint(root, select=["POL"])) == []


def test_communication_names_the_missing_audience(repo):
    internal_only = {"communication": "\n## Communication\n\nThe policy is published on the intranet for all employees.\n"}
    result = lint(repo({"p.md": policy(replace=internal_only)}), select=["POL009"])
    (finding,) = result.active
    assert "external interested parties" in finding.message and "working for" not in finding.message


def test_review_interval_and_management_review_link(repo):
    no_link = {"review": "\n## Review\n\nThis policy is reviewed annually by the AI Governance Lead.\n"}
    result = lint(repo({"p.md": policy(replace=no_link)}), select=["POL010"])
    assert [(f.line, "not tied to the management review" in f.message) for f in result.active] == [(12, True)]
    nothing = {"review": "\n## Changes\n\nChanges are made by the AI Governance Lead.\n"}
    result = lint(repo({"p.md": policy(replace=nothing)}), select=["POL010"])
    assert "no review at planned intervals" in result.active[0].message


def test_top_management_approval(repo):
    result = lint(repo({"p.md": policy(approver="Head of Data Science")}), select=["POL011"])
    assert [(f.code, f.line) for f in result.active] == [("POL011", 8)]
    assert "'Head of Data Science' is not a top-management role" in result.active[0].message
    for approver in ("CEO", "Chief Executive Officer (CEO)", "Board of Directors", "CFO and Managing Director", "Board Risk Committee"):
        assert lint(repo({"p.md": policy(approver=approver)}), select=["POL011"]).active == [], approver


def test_top_management_roles_extend_by_configuration(repo):
    root = repo({".aims-lint.yaml": "vocabularies:\n  policy_top_management: [Managing Partner of the Firm]\n",
                 "p.md": policy(approver="Managing Partner of the Firm")})
    assert lint(root, select=["POL011"]).active == []


def test_approval_read_from_the_text_when_there_is_no_front_matter(tmp_path):
    found = []
    for name, text in (("p", "# AI Policy\n\n**Approved by:** Head of IT\n\nText.\n"),
                       ("q", "# AI Policy\n\n**Approved by:** [Approver name]\n\nText.\n")):
        root = write_repo(tmp_path / name, {".aims-lint.yaml": "types:\n  'policies/*.md': ai-policy\n",
                                            f"policies/{name}.md": text})
        found += [(f.path, f.line, f.message.split(":")[0]) for f in lint(root, select=["POL011"]).active]
    assert found == [("policies/p.md", 3, "approver 'Head of IT' is not a top-management role"),
                     ("policies/q.md", 1, "no approval by top management is recorded")]


def test_approval_recorded_in_a_closing_sentence(repo):
    for sentence in ("*Document approved by the Board of Directors on 2 March 2026.*",
                     "*Document approuvé par la Direction Générale le 15 janvier 2026.*"):
        root = repo({".aims-lint.yaml": "types:\n  'policies/*.md': ai-policy\n",
                     "policies/p.md": f"# AI Policy\n\nText.\n\n---\n\n{sentence}\n"})
        assert lint(root, select=["POL011"]).active == [], sentence
    root = repo({".aims-lint.yaml": "types:\n  'policies/*.md': ai-policy\n",
                 "policies/p.md": "# AI Policy\n\n*Document approved by the AI Officer.*\n"})
    assert [f.code for f in lint(root, select=["POL011"]).active] == ["POL011"]


def test_swap_artefacts_are_one_finding_with_every_line_as_a_location(repo):
    extra = (
        "\nRequests from AI subjects are answered within a month. AI at rest is encrypted.\n\nA personal AI assistant is not allowed.\n"
        "\nEvery AI breach is reported.\n\nThe AI Protection Officer and the AI subjects are told.\n"
    )
    result = lint(repo({"p.md": policy(extra=extra)}), select=["POL001"])
    (finding,) = result.active
    assert (finding.line, finding.column) == (41, 15)
    assert finding.message.startswith("'AI subjects', 'AI at rest', 'AI breach' and 1 more read like")
    assert [(item.line, item.column, item.message) for item in finding.locations] == [
        (45, 7, "'AI breach'"), (47, 5, "'AI Protection Officer', 'AI subjects'"),
    ]


def test_one_swap_artefact_reads_in_the_singular(repo):
    result = lint(repo({"p.md": policy(extra="\nAI at rest is encrypted.\n")}), select=["POL001"])
    (finding,) = result.active
    assert finding.message.startswith("'AI at rest' reads like") and finding.locations == []


def test_aspirational_policy_is_advisory_and_needs_no_link(repo):
    text = FRONT.format(approver="Chief Executive Officer") + (
        "\nWe are fully committed to world-class AI and will always act with the highest ethical "
        "standards, for the benefit of all.\n"
    )
    result = lint(repo({"p.md": text}), select=["POL012"])
    assert [(f.code, f.line, f.classification) for f in result.active] == [("POL012", 14, "advisory")]
    # The finding is at the first sweeping commitment; the others are its related locations.
    assert [item.message for item in result.active[0].locations][:2] == ["'world-class'", "'always act'"]
    assert {item.line for item in result.active[0].locations} == {14}
    linked = text + "\nThe [AI objectives](objectives.md) measure these commitments.\n"
    assert lint(repo({"p.md": linked}), select=["POL012"]).active == []


# -- recycled policies derived from real information-security policies ------------------


def _fixture_repo(tmp_path, *names):
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / ".aims-lint.toml").write_text("")
    return tmp_path


def test_derived_recycled_policies_swap_artefacts_and_vocabulary(tmp_path):
    root = _fixture_repo(tmp_path, "cenedril-isp-ai-policy.md", "comply-information-ai-policy.md")
    result = lint(root, select=["POL001", "POL002"])
    found = [(f.path, f.code, f.line) for f in result.active]
    # One recycled policy, one finding: at "AI Protection Officer", with "AI retention"
    # among its other places.
    assert [(path, line) for path, code, line in found if code == "POL001"] == [("cenedril-isp-ai-policy.md", 92)]
    (swap,) = [f for f in result.active if f.code == "POL001"]
    assert (160, "'AI retention'") in [(item.line, item.message) for item in swap.locations]
    assert ("cenedril-isp-ai-policy.md", "POL002", 10) in found
    assert ("comply-information-ai-policy.md", "POL002", 11) in found
    (vocabulary,) = [f for f in result.active if f.code == "POL002" and f.path == "cenedril-isp-ai-policy.md"]
    assert vocabulary.locations and all(item.message.startswith("'") for item in vocabulary.locations)


def test_derived_policy_is_a_near_duplicate_of_its_source(tmp_path):
    root = _fixture_repo(tmp_path, "cenedril-isp-ai-policy.md", "cenedril-information-security-policy.md")
    (finding,) = lint(root, select=["POL003"]).active
    assert finding.path == "cenedril-isp-ai-policy.md" and finding.classification == "advisory"
    assert "cenedril-information-security-policy.md" in finding.message
    share = int(re.match(r"(\d+)%", finding.message).group(1))  # a sampled estimate of 99%
    assert share >= 95


def test_near_duplicate_ignores_untyped_files_and_distinct_policies(tmp_path):
    root = _fixture_repo(tmp_path, "cenedril-isp-ai-policy.md")
    shutil.copy(FIXTURES / "cenedril-information-security-policy.md", tmp_path / "untyped.md")
    text = (tmp_path / "untyped.md").read_text()
    (tmp_path / "untyped.md").write_text(text.split("---\n", 2)[2])  # no front matter: not read
    assert lint(root, select=["POL003"]).active == []
    (tmp_path / "mine.md").write_text(policy())
    assert [f.path for f in lint(root, select=["POL003"]).active] == []


def test_near_duplicate_threshold_is_an_option(tmp_path):
    root = _fixture_repo(tmp_path, "cenedril-isp-ai-policy.md", "cenedril-information-security-policy.md")
    (root / ".aims-lint.toml").write_text("[rule-options.POL003]\nthreshold = 1.01\n")
    assert lint(root, select=["POL003"]).active == []


# -- real AI policies -------------------------------------------------------------------

REAL = {
    "hailbytes": "HailBytes__security-policy-templates/policies/01-governance/ai_usage_governance_policy.md",
    "k0": "K0-Cyber__grc-iso42001-aims-project/02-leadership/ai-policy.md",
    "llm": "onchainlabs1__llm-agent-mcp/docs/Clause5_Leadership_new/AI_Management_Policy.md",
    "ankit": "Ankit-Uniyal__iso-42001-ai-governance-toolkit/04-CLAUSE5-LEADERSHIP/AIMS-POLICY-TEMPLATE.md",
    "navin": "NavinManaswi__iso-42001-aims-implementation/02-leadership-commitment/ai-policy.md",
}


@pytest.fixture(scope="module")
def corpus_policies(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("corpus not found")
    # One repository each: the AI policy documents of one repository are read as one policy.
    found: dict[str, set] = {key: set() for key in REAL}
    for key, path in REAL.items():
        root = corpus_repo(tmp_path_factory.mktemp(key), {f"{key}.md": path}, "ai-policy")
        result = lint(root, select=["POL"])
        assert not result.errors
        for finding in result.active:
            found[finding.path[:-3]].add(finding.code)
    return found


def test_corpus_infosec_framed_ai_policy(corpus_policies):
    # HailBytes: security-team AI usage policy with none of the 5.2 commitments.
    found = corpus_policies["hailbytes"]
    assert {"POL005", "POL006", "POL007"} <= found
    assert "POL001" not in found and "POL008" not in found  # it does speak of human review


def test_corpus_filled_ai_policies_only_what_a_consultant_sees(corpus_policies):
    # K0 and Navin: no objectives framework (5.2 b), as the corpus notes say.
    assert "POL005" in corpus_policies["k0"] and "POL005" in corpus_policies["navin"]
    for key in ("k0", "navin", "llm", "ankit"):
        assert not corpus_policies[key] & {"POL001", "POL002", "POL006", "POL007", "POL008", "POL012"}, key
    # llm-agent restates 5.2 including the objectives framework and communication.
    assert not corpus_policies["llm"] & {"POL005", "POL009", "POL011"}


def test_bundled_examples():
    from .test_examples import lint_example

    gaps = {(f.path, f.code) for f in lint_example("aims").active if f.code.startswith("POL")}
    assert {("policies/ai-policy.md", "POL001"), ("policies/ai-policy.md", "POL009"), ("policies/ai-policy.md", "POL010")} <= gaps
    assert [f.code for f in lint_example("aims-complete").active if f.code.startswith("POL")] == []


# -- a policy in several documents is judged once, as a whole ---------------------------

CHAPTER = "---\ntype: ai-policy\n---\n# {title}\n\n{body}"


def chaptered(without=()):
    """The AI policy as three chapters: the summary carries the approval and the scope,
    the others one group of elements each."""
    groups = {
        "policy/01-executive-summary.md": ("Executive Summary", ("scope", "objectives")),
        "policy/02-commitments.md": ("Commitments", ("commitments", "requirements", "improvement", "responsible")),
        "policy/03-communication-and-review.md": ("Communication and Review", ("communication", "review")),
    }
    files = {}
    for path, (title, parts) in groups.items():
        body = "".join(PARTS[name] for name in parts if name not in without)
        files[path] = CHAPTER.format(title=title, body=body or "Text.\n")
    files["policy/01-executive-summary.md"] = files["policy/01-executive-summary.md"].replace(
        "type: ai-policy\n", "type: ai-policy\napproved_by: Chief Executive Officer\n")
    return files


def test_chaptered_policy_with_every_element_in_one_chapter_passes(repo):
    assert pol(lint(repo(chaptered()), select=["POL"])) == []


def test_element_missing_from_every_chapter_is_one_finding_on_the_main_document(repo):
    result = lint(repo(chaptered(without=["improvement"])), select=["POL"])
    assert [(f.code, f.path) for f in result.active] == [("POL007", "policy/01-executive-summary.md")]


def test_main_document_is_the_named_one_else_the_largest(tmp_path):
    files = chaptered(without=["review"])
    assert [f.path for f in lint(write_repo(tmp_path / "named", files), select=["POL010"]).active] == ["policy/01-executive-summary.md"]
    summary = files.pop("policy/01-executive-summary.md").replace("# Executive Summary", "# Introduction")
    files["policy/01-introduction.md"] = summary
    files["policy/02-commitments.md"] += "\nMore words. " * 60
    result = lint(write_repo(tmp_path / "unnamed", files), select=["POL010"])
    assert [f.path for f in result.active] == ["policy/02-commitments.md"]  # none named: the largest


FRENCH = """---
type: ai-policy
---
# Charte de gouvernance de l'IA

## 1. Engagement de la direction

La Direction Générale s'engage à ce que tout système d'IA soit utilisé de manière responsable,
conformément à la réglementation applicable. Nous nous engageons à l'amélioration continue du
système de management de l'IA.

Cette charte est communiquée à l'ensemble des collaborateurs, publiée sur l'intranet, et mise à
la disposition des parties intéressées externes qui en font la demande.

## 2. Périmètre

La charte s'applique à l'assistant interne « Lumen Assist » et aux autres systèmes d'IA.

## 3. Principes

L'équité, la transparence et le contrôle humain guident nos systèmes d'IA.

## 4. Objectifs

| Objectif | Indicateur | Cible |
| --- | --- | --- |
| Former le personnel | Taux de formation | 95 % |

## 5. Revue

La charte est revue annuellement, en entrée de la revue de direction (management review).

---

*Document approuvé par la Direction Générale le 15 janvier 2026.*
"""


def test_french_policy_with_the_commitments_passes(repo):
    assert pol(lint(repo({"charte.md": FRENCH}), select=["POL"])) == []


def test_objectives_framework_as_a_kpi_table_with_targets(repo):
    kpis = "\n## Measuring the policy\n\n| KPI | Target | Owner |\n| --- | --- | --- |\n| Staff trained | 95% | HR |\n"
    assert pol(lint(repo({"p.md": policy(without=["objectives"], extra=kpis)}), select=["POL005"])) == []
    no_targets = "\n## Roles\n\n| Role | Owner |\n| --- | --- |\n| Lead | HR |\n"
    assert pol(lint(repo({"p.md": policy(without=["objectives"], extra=no_targets)}), select=["POL005"])) == [("POL005", 12)]


def test_recycled_security_policies_are_not_chapters_of_the_ai_policy(repo):
    # An information-security policy typed ai-policy (POL002) is judged alone: it does
    # not lend its commitments to the AI policy beside it.
    infosec = ("---\ntype: ai-policy\n---\n# Information Security Policy\n\n"
               + "We continually improve the ISMS: confidentiality, integrity, availability, access control, "
               "encryption, malware, firewall, vulnerability, incident, password.\n" * 3)
    result = lint(repo({"policies/ai-policy.md": policy(without=["improvement"]),
                        "policies/information-security-policy.md": infosec}), select=["POL007"])
    assert [f.path for f in result.active] == ["policies/ai-policy.md"]
