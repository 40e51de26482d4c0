"""Document ids written in a body document-control block count as the document's id
across the repository, as front-matter ids do: two documents with one id (either way
round) are DOC010, and a reference to a body id resolves. What the index reads from
each body comes from the facts cache."""

from aims_lint import runner
from aims_lint.config import load_config
from aims_lint.reading.metadata import BODY_ID_FACT
from aims_lint.workspace import Workspace

from .conftest import codes, lint
from .test_document_control import with_keys

TYPES = 'types:\n  "procedures/*.md": procedure\n  "risk/*.md": risk-assessment\n'

BODY_CONTROLLED = """\
# AI risk procedure

| Document control | |
|---|---|
| Document ID | {id} |
| Owner | AI Governance Lead |
| Version | 1.0 |
| Next review | 2027-01-10 |

## Purpose

How we assess AI risks.
"""


def _found(root, code):
    return [(path, line) for path, found, line in codes(lint(root)) if found == code]


def test_a_body_id_equal_to_a_front_matter_id_is_a_duplicate_both_ways(repo):
    root = repo({
        ".aims-lint.yaml": TYPES,
        "policies/ai-policy.md": with_keys(id="POL-AI-001"),
        "procedures/risk-procedure.md": BODY_CONTROLLED.format(id="POL-AI-001"),
    })
    assert _found(root, "DOC010") == [("policies/ai-policy.md", 2), ("procedures/risk-procedure.md", 5)]


def test_two_body_ids_alike_are_a_duplicate(repo):
    root = repo({
        ".aims-lint.yaml": TYPES,
        "procedures/a.md": BODY_CONTROLLED.format(id="PROC-AI-004"),
        "procedures/b.md": BODY_CONTROLLED.format(id="PROC-AI-004"),
    })
    assert _found(root, "DOC010") == [("procedures/a.md", 5), ("procedures/b.md", 5)]


def test_distinct_ids_and_placeholder_ids_are_not_duplicates(repo):
    root = repo({
        ".aims-lint.yaml": TYPES,
        "policies/ai-policy.md": with_keys(id="POL-AI-001"),
        "procedures/a.md": BODY_CONTROLLED.format(id="PROC-AI-004"),
        "procedures/b.md": BODY_CONTROLLED.format(id="PROC-[XXX]"),
        "procedures/c.md": BODY_CONTROLLED.format(id="PROC-[XXX]"),
    })
    assert _found(root, "DOC010") == []


def test_a_reference_to_a_body_id_resolves(repo):
    policy = with_keys(id="POL-AI-001", references="[RA-002]")
    risk = BODY_CONTROLLED.format(id="RA-002").replace("AI risk procedure", "AI risk assessment")
    unresolved = repo({".aims-lint.yaml": TYPES, "policies/ai-policy.md": policy, "risk/assessment.md": risk.replace("RA-002", "RA-009")})
    assert _found(unresolved, "TRC001") == [("policies/ai-policy.md", 11)]
    resolved = repo({".aims-lint.yaml": TYPES, "policies/ai-policy.md": policy, "risk/assessment.md": risk})
    assert _found(resolved, "TRC001") == []


def test_body_ids_come_from_the_facts_cache(repo, monkeypatch):
    root = repo({
        ".aims-lint.yaml": TYPES,
        "procedures/a.md": BODY_CONTROLLED.format(id="PROC-AI-004"),
        "procedures/b.md": BODY_CONTROLLED.format(id="PROC-AI-005"),
    })
    config = load_config(root)
    first = Workspace(config)
    assert first.ids() == {"PROC-AI-004": ["procedures/a.md"], "PROC-AI-005": ["procedures/b.md"]}
    first.save_cache()
    second = Workspace(config)
    second.index()
    parsed = []
    monkeypatch.setattr(Workspace, "document", lambda self, relpath: parsed.append(relpath))
    assert second.ids() == first.ids()
    assert parsed == []  # neither body was read again
    assert second.fact("procedures/a.md", BODY_ID_FACT, lambda doc: "recomputed", str) == "PROC-AI-004"


def test_body_ids_set_no_naming_scheme_for_identifiers_in_prose(repo):
    """Without front matter, "AIMS-RISK-001" in a worked example is a risk, not a missing
    document: ids read from the body resolve references but do not make every
    identifier with their prefix a reference."""
    mention = "\nSee risk AIMS-RISK-001 and system AIMS-SYS-001.\n"
    root = repo({
        ".aims-lint.yaml": TYPES,
        "procedures/a.md": BODY_CONTROLLED.format(id="AIMS-PROC-001") + mention,
        "procedures/b.md": BODY_CONTROLLED.format(id="AIMS-PROC-002"),
    })
    assert _found(root, "TRC001") == []
