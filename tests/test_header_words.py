"""The organisation's own header words (``header-words`` in the configuration): a
register, an objectives table, an SoA or a document-control block written with words
the built-in reading does not know is read when, and only when, the organisation says
what its words mean; a misspelt concept or field is a configuration error."""

import pytest

from aims_lint import cache
from aims_lint.config import ConfigError, load_config
from aims_lint.reading import metadata, objectives, risks, soa
from aims_lint.workspace import Workspace

from .conftest import codes, lint


def _codes(root) -> set[str]:
    return {code for _, code, _ in codes(lint(root))}

# A register with Dutch headers: no built-in word of the risk reading reads them.
REGISTER = """\
# AI risk register

## Criteria

Likelihood 1-5 (rare to almost certain); impact 1-5 (negligible to severe).
A score of 12 or more is not acceptable without treatment.

## Register

| ID | Risk | Kans | Gevolg | Eigenaar | Aanpak |
|---|---|---|---|---|---|
| R-01 | Model bias against older applicants | 3 | 4 | AI Governance Lead | Fairness testing each release |
| R-02 | Training data drift lowers accuracy | 2 | 3 | Data Lead | Monthly drift monitor |
"""

WORDS = """\
types:
  "*.md": risk-assessment
header-words:
  risks:
    likelihood: ["Kans"]
    severity: ["Gevolg"]
    owner: ["Eigenaar"]
    treatment: [Aanpak]
"""


def _doc(root, relpath):
    workspace = Workspace(load_config(root))
    return workspace.document(relpath)


def test_a_register_with_the_organisations_headers_is_read_only_when_configured(repo):
    plain = repo({".aims-lint.yaml": 'types:\n  "*.md": risk-assessment\n', "risks.md": REGISTER})
    assert not risks.risks(_doc(plain, "risks.md"))
    assert "RSK005" in _codes(plain)  # "the document identifies no AI risks"

    configured = repo({".aims-lint.yaml": WORDS, "risks.md": REGISTER})
    found = risks.risks(_doc(configured, "risks.md"))
    assert [(risk.ident, risk.get("likelihood"), risk.get("severity"), risk.owner, risk.treatment) for risk in found] == [
        ("R-01", "3", "4", "AI Governance Lead", "Fairness testing each release"),
        ("R-02", "2", "3", "Data Lead", "Monthly drift monitor"),
    ]
    assert "RSK005" not in _codes(configured)


def test_a_configured_word_is_compared_without_case_emphasis_or_parentheses(repo):
    text = REGISTER.replace("| Kans |", "| **KANS (1-5)** |")
    root = repo({".aims-lint.yaml": WORDS, "risks.md": text})
    assert [risk.get("likelihood") for risk in risks.risks(_doc(root, "risks.md"))] == ["3", "2"]


def test_objectives_metric_and_soa_justification_words(repo):
    files = {
        ".aims-lint.yaml": (
            'types:\n  "objectives.md": ai-objectives\n  "soa.md": soa\n'
            "header-words:\n  objectives:\n    metric: [Messgröße]\n    objective: [Ziel]\n"
            "  soa:\n    justification: [Begründung]\n    decision: [Anwendbar]\n"
        ),
        "objectives.md": (
            "# AI objectives\n\n| Ziel | Messgröße | Target | Owner |\n|---|---|---|---|\n"
            "| Fair lending decisions | Approval-rate gap between groups | below 5% | AI Governance Lead |\n"
        ),
        "soa.md": (
            "# Statement of Applicability\n\n| Control | Anwendbar | Begründung |\n|---|---|---|\n"
            "| A.2.2 AI policy | Yes | Required by clause 5.2 |\n| A.10.4 Customers | No | We have no customers |\n"
        ),
    }
    root = repo(files)
    [objective] = objectives.objectives(_doc(root, "objectives.md"))
    assert objective.name == "Fair lending decisions"
    assert objective.values["metric"] == "Approval-rate gap between groups below 5%"
    entries = {entry.control: entry for entry in soa.entries(_doc(root, "soa.md"))}
    assert entries["A.10.4"].decision == "excluded"
    assert entries["A.10.4"].values["justification"].text == "We have no customers"

    plain = repo({**files, ".aims-lint.yaml": 'types:\n  "objectives.md": ai-objectives\n  "soa.md": soa\n'})
    assert "justification" not in {entry.control: entry for entry in soa.entries(_doc(plain, "soa.md"))}["A.10.4"].values


def test_document_control_labels_from_header_words_or_the_vocabulary(repo):
    body = (
        "# AI policy\n\n| | |\n|---|---|\n| Version | 1.0 |\n| Dokumentverantwortlicher | AI Governance Lead |\n"
        "| Freigabe durch | Geschäftsführung |\n| Next review | 2027-06-01 |\n\n## Purpose\n\nText.\n"
    )
    plain = repo({"policy.md": body})
    meta = metadata.metadata(_doc(plain, "policy.md"))
    assert "approved_by" not in meta and "owner" not in meta
    for config in (
        "header-words:\n  document-control:\n    approved_by: [Freigabe durch]\n    owner: [Dokumentverantwortlicher]\n",
        'vocabularies:\n  document_control_labels: ["approved_by: Freigabe durch", "owner: Dokumentverantwortlicher"]\n',
    ):
        root = repo({".aims-lint.yaml": config, "policy.md": body})
        meta = metadata.metadata(_doc(root, "policy.md"))
        assert (meta.text("approved_by"), meta.text("owner")) == ("Geschäftsführung", "AI Governance Lead")


@pytest.mark.parametrize(
    "words, message",
    [
        ("  risk:\n    likelihood: [Kans]\n", r"header-words': unknown concept 'risk' \(did you mean 'risks'\?\)"),
        ("  risks:\n    likelyhood: [Kans]\n", r"unknown field 'risks.likelyhood' \(did you mean 'likelihood'\?\)"),
        ("  risks:\n    likelihood: 3\n", r"'risks.likelihood': expected a list of strings"),
        ("  risks: [Kans]\n", r"'risks': expected a mapping of field"),
        ("  - risks\n", r"bad value for 'header-words'"),
    ],
)
def test_a_bad_header_words_key_is_a_configuration_error_naming_it(repo, words, message):
    root = repo({".aims-lint.yaml": "select: [ALL]\nheader-words:\n" + words})
    with pytest.raises(ConfigError, match=r"\.aims-lint\.yaml:2: .*" + message):
        load_config(root)


def test_header_words_are_part_of_the_cache_fingerprint(repo):
    root = repo({".aims-lint.yaml": WORDS, "risks.md": REGISTER})
    configured = load_config(root)
    plain = load_config(root)
    plain.header_words = {}
    assert cache.fingerprint(configured) != cache.fingerprint(plain)


APPROVED = """\
# KI-Richtlinie

| | |
|---|---|
| Version | 1.2 |
| Status | Approved |
| Dokumentverantwortlicher | AI Governance Lead |
| Freigabe durch | Chief Executive Officer |
| Freigabedatum | 2026-03-01 |
| Next review | 2027-03-01 |

## Purpose

This policy sets the direction for the AI systems we build and operate.
"""


@pytest.mark.parametrize(
    "config",
    [
        "header-words:\n  document-control:\n    approved_by: [Freigabe durch]\n    approved_on: [Freigabedatum]\n",
        'vocabularies:\n  document_control_labels: ["approved_by: Freigabe durch", "approved_on: Freigabedatum"]\n',
    ],
)
def test_an_approval_recorded_under_the_organisations_labels_is_seen_by_the_approval_check(repo, config):
    """DOC006 ("status is 'approved' but the approver and the approval date are not
    recorded") reads the body block with the organisation's labels."""
    plain = repo({".aims-lint.yaml": 'types:\n  "*.md": ai-policy\n', "policy.md": APPROVED})
    assert "DOC006" in _codes(plain)
    configured = repo({".aims-lint.yaml": 'types:\n  "*.md": ai-policy\n' + config, "policy.md": APPROVED})
    assert "DOC006" not in _codes(configured)
