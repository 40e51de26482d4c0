"""Document metadata (aims_lint.reading.metadata): the same document-control keys, with
their real lines, whether a document keeps them in front matter or in a body block of
any layout; and the document-control rules judge them the same way."""

from pathlib import Path

import pytest

from aims_lint.document import Document
from aims_lint.reading.metadata import BODY, FRONT_MATTER, metadata

from .conftest import lint

CONFIG = 'types:\n  "policies/*.md": procedure\n'
EXPECTED = {
    "owner": "AI Governance Lead",
    "version": "1.2",
    "status": "Approved",
    "approved_by": "Chief Executive Officer",
    "next_review": "2026-02-26",
}

LAYOUTS = {
    "front matter": (
        "---\nid: PROC-1\ntype: procedure\ntitle: AI risk procedure\nowner: AI Governance Lead\nversion: '1.2'\n"
        "status: Approved\napproved_by: Chief Executive Officer\nnext_review: '2026-02-26'\n---\n"
        "# AI risk procedure\n\nText.\n"
    ),
    "body table": (
        "# AI risk procedure\n\n## Document control\n\n| Field | Value |\n|---|---|\n"
        "| **Owner** | AI Governance Lead |\n| **Version** | 1.2 |\n| **Status** | Approved |\n"
        "| **Approved by** | Chief Executive Officer |\n| **Next review** | 2026-02-26 |\n\n## Purpose\n\nText.\n"
    ),
    "header row and one value row": (
        "# AI risk procedure\n\n| Owner | Version | Status | Approved by | Next review |\n|---|---|---|---|---|\n"
        "| AI Governance Lead | 1.2 | Approved | Chief Executive Officer | 2026-02-26 |\n\n## Purpose\n\nText.\n"
    ),
    "bold labels with backslash breaks": (
        "# AI risk procedure\n\n**Owner:** AI Governance Lead\\\n**Version:** 1.2\\\n**Status:** Approved\\\n"
        "**Approving Authority:** Chief Executive Officer\\\n**Next Review:** 26 February 2026\n\n---\n\n## 1. Purpose\n\nText.\n"
    ),
    "list with the colon outside the bold": (
        "# AI risk procedure\n\n**Document Information:**\n- **Owner**: AI Governance Lead\n- **Version**: 1.2\n"
        "- **Created**: January 2025\n- **Status**: Approved\n- **Approved by**: Chief Executive Officer\n"
        "- **Next review**: February 26, 2026\n\n## Purpose\n\nText.\n"
    ),
    "blockquote with two-space breaks": (
        "# AI risk procedure\n\n> **Document control**  \n> Owner: AI Governance Lead  \n> Version: 1.2  \n"
        "> Status: Approved  \n> Approved by: Chief Executive Officer  \n> Next review: 2026-02-26\n\n## Purpose\n\nText.\n"
    ),
    "one line separated by middle dots": (
        "# AI risk procedure\n\n**Owner:** AI Governance Lead · **Version:** 1.2 · **Status:** Approved\n"
        "**Approved by:** Chief Executive Officer · **Next review:** 2026-02-26\n\n## Purpose\n\nText.\n"
    ),
    "French labels on one line": (
        "# Procédure\n\n**Propriétaire :** AI Governance Lead · **Version :** 1.2 · **Statut :** Approved\n"
        "**Approuvé par :** Chief Executive Officer · **Prochaine révision :** 26 février 2026\n\n## Objet\n\nTexte.\n"
    ),
    "block at the end of the document": (
        "# AI risk procedure\n\n## Purpose\n\nText.\n\n## Scope\n\nMore text.\n\n---\n\n"
        "**Owner**: AI Governance Lead • **Version**: 1.2 • **Status**: Approved  \n"
        "**Approved By**: Chief Executive Officer  \n**Next Review**: 2026-02-26\n"
    ),
}


def read(text: str) -> Document:
    return Document(Path("policies/p.md"), "policies/p.md", text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_to_the_same_metadata(layout):
    doc = read(LAYOUTS[layout])
    meta = metadata(doc)
    assert meta.has_control
    assert {key: meta.text(key) for key in EXPECTED if key != "next_review"} == {
        key: value for key, value in EXPECTED.items() if key != "next_review"
    }
    assert meta.date("next_review").isoformat() == EXPECTED["next_review"]
    assert meta.approved
    source = FRONT_MATTER if layout == "front matter" else BODY
    for key in EXPECTED:
        item = meta.get(key)
        assert item.source == source
        # The line and column point at the value as written.
        line = doc.lines[item.line - 1]
        assert line[item.column - 1:].lstrip("'\"").startswith(item.text.split()[0]), (key, line, item.column)


def test_front_matter_wins_and_the_body_fills_the_rest():
    doc = read("---\ntype: procedure\nowner: AI Governance Lead\n---\n# P\n\n**Owner:** Someone Else\n**Version:** 2.0\n")
    meta = metadata(doc)
    assert (meta.text("owner"), meta.get("owner").source) == ("AI Governance Lead", FRONT_MATTER)
    assert (meta.text("version"), meta.get("version").source, meta.get("version").line) == ("2.0", BODY, 8)


def test_placeholders_are_present_but_unfilled():
    doc = read("# P\n\n| Document Control | |\n|---|---|\n| **Version** | [VERSION] |\n| **Owner** | {{ meta.owner }} |\n| **Last Review** | [DATE] |\n")
    meta = metadata(doc)
    assert meta.has_control
    assert [meta.get(key).filled for key in ("version", "owner", "last_reviewed")] == [False, False, False]
    assert meta.text("owner") == ""


def test_a_version_history_gives_the_current_version_only_under_a_document_control_heading():
    history = "| Version | Date | Author | Changes |\n|---|---|---|---|\n| 1.0 | 2025-01-01 | A | First |\n| 1.1 | 2025-06-01 | A | Second |\n"
    assert metadata(read("# P\n\nText.\n\n## Document Control\n\n" + history)).text("version") == "1.1"
    unrelated = metadata(read("# P\n\nText.\n\n## Releases\n\n" + history))
    assert not unrelated.has_control


def test_fields_of_a_risk_in_the_middle_are_not_document_control():
    doc = read(
        "# Register\n\nIntro.\n\n## Risks\n\n### R1\n\n- **Owner:** Data Lead\n- **Status:** Open\n\n"
        "### R2\n\n- **Owner:** ML Lead\n- **Status:** Open\n\n## Method\n\n" + "Text.\n\n" * 20
    )
    assert not metadata(doc).has_control


# ---------------------------------------------------------------------------
# The rules judge the metadata whatever its source

OVERDUE_FRONT = "---\ntype: procedure\nid: P-1\ntitle: P\nowner: AI Governance Lead\nversion: '1.0'\nstatus: draft\nnext_review: 2026-02-26\n---\n# P\n\nText.\n"
OVERDUE_BODY = "# P\n\n**Owner:** AI Governance Lead\\\n**Version:** 1.0\\\n**Status:** Draft\\\n**Next Review:** 2026-02-26\n\n## Purpose\n\nText.\n"


def run(repo, text, select=("DOC",)):
    root = repo({".aims-lint.yaml": CONFIG, "policies/p.md": text})
    return [(f.code, f.line, f.message) for f in lint(root, select=list(select)).active]


def test_review_overdue_in_front_matter_and_in_the_body(repo):
    assert [(code, line) for code, line, _ in run(repo, OVERDUE_FRONT)] == [("DOC007", 8)]
    body = run(repo, OVERDUE_BODY)
    assert [(code, line) for code, line, _ in body] == [("DOC007", 6)]
    assert "'Next Review' was due on 2026-02-26" in body[0][2]


def test_review_overdue_from_last_updated_and_a_frequency_in_a_footer(repo):
    text = "# P\n\n## Purpose\n\nText.\n\n## Document Control\n\n**Review Frequency:** Quarterly  \n**Last Updated:** 2025-11-25  \n**Owner:** Security Lead\n"
    found = run(repo, text)
    assert [(code, line) for code, line, _ in found] == [("DOC007", 10)]
    assert "'Last Updated' 2025-11-25 + 'Review Frequency' 'Quarterly' was due on 2026-02-25" in found[0][2]


def test_approval_incomplete_in_front_matter_and_in_the_body(repo):
    front = "---\ntype: procedure\nid: P-1\ntitle: P\nowner: AI Governance Lead\nversion: '1.0'\nstatus: approved\nnext_review: 2027-02-26\n---\n# P\n\nText.\n"
    body = "# P\n\n| Owner | Version | Status | Next review |\n|---|---|---|---|\n| AI Governance Lead | 1.0 | Approved | 2027-02-26 |\n\n## Purpose\n\nText.\n"
    assert [(code, line) for code, line, _ in run(repo, front)] == [("DOC006", 7)]
    found = run(repo, body)
    assert [(code, line) for code, line, _ in found] == [("DOC006", 5)]
    assert "the approver and the approval date are not recorded" in found[0][2]
    approved = body.replace("| Status |", "| Status | Approved by | Approval date |").replace("|---|---|---|---|", "|---|---|---|---|---|---|")
    approved = approved.replace("| Approved |", "| Approved | Chief Executive Officer | 2026-01-10 |")
    assert run(repo, approved) == []


def test_approval_placeholders_are_left_to_doc008(repo):
    body = "# P\n\n**Status:** Approved\n**Approved by:** {{ meta.approver }}\n**Version:** 1.0\n\n## Purpose\n\nText.\n"
    assert [code for code, _, _ in run(repo, body)] == ["DOC008"]


def test_dates_in_the_body_are_checked(repo):
    body = "# P\n\n**Owner:** AI Lead\n**Version:** 1.0\n**Last reviewed:** 2026-13-01\n**Approval date:** 2027-01-10\n\n## Purpose\n\nText.\n"
    found = run(repo, body)
    assert [(code, line) for code, line, _ in found] == [("DOC005", 5), ("DOC005", 6)]
    assert "'Last reviewed' is not a valid date" in found[0][2]
    assert "'Approval date' is in the future" in found[1][2]


def test_vague_owner_and_self_approval_at_the_body_value(repo):
    body = "# P\n\n**Owner:** Management\n**Version:** 1.0\n**Approved by:** Management\n\n## Purpose\n\nText.\n"
    found = run(repo, body)
    assert [(code, line) for code, line, _ in found] == [("DOC009", 3), ("DOC014", 5)]


def test_no_document_control_at_all_is_doc002(repo):
    found = run(repo, "# P\n\nThis procedure sets the principles.\n")
    assert [code for code, _, _ in found] == ["DOC002"]
    assert "neither front matter nor a document-control block" in found[0][2]
    assert run(repo, OVERDUE_BODY.replace("2026-02-26", "2027-02-26")) == []


def test_empty_document_control_headings_are_one_doc004(repo):
    text = "# Policy\n\n# Owner\n\n# Approver\n\n# Last Reviewed\n\n# Scope\n\nThe process is described here.\n"
    found = run(repo, text)
    assert [(code, line) for code, line, _ in found] == [("DOC004", 3)]
    assert "'Owner', 'Approver', 'Last Reviewed'" in found[0][2]


def test_retired_in_the_body_is_not_reviewed(repo):
    assert run(repo, OVERDUE_BODY.replace("Draft", "Retired")) == []


# A document published as chapter files has one document control

CHAPTERS = {
    ".aims-lint.yaml": 'types:\n  "policy/0*.md": ai-policy\n  "policy/1*.md": ai-policy\n  "policy/annex-*.md": risk-assessment\n',
    "policy/01-Executive-Summary.md": "# Executive summary\n\nThe policy at a glance.\n\n[Contents](00-Table-of-Contents.md) | [Next](05-Governance.md)\n",
    "policy/05-Governance.md": "# Governance\n\nThe board decides. See [annex G](annex-g.md).\n\n[Contents](00-Table-of-Contents.md)\n",
    "policy/annex-g.md": "# Annex G: risk matrix\n\nLikelihood against impact.\n",
    "policy/20-Approval.md": (
        "# Approval\n\n**Version:** 1.2 **Effective date:** 2025-04-01 **Approved by:** AI Ethics Board\n\n"
        "[Contents](00-Table-of-Contents.md)\n"
    ),
}


def test_chapters_of_one_document_share_its_document_control(tmp_path):
    from .conftest import write_repo

    root = write_repo(tmp_path / "chapters", CHAPTERS)
    assert [f for f in lint(root, select=["DOC002"]).active] == []
    # without the approval chapter, every chapter lacks document control
    alone = {path: text for path, text in CHAPTERS.items() if "20-Approval" not in path}
    root = write_repo(tmp_path / "alone", alone)
    assert sorted(f.path for f in lint(root, select=["DOC002"]).active) == [
        "policy/01-Executive-Summary.md", "policy/05-Governance.md", "policy/annex-g.md",
    ]


def test_numbered_documents_that_only_cross_reference_each_other_are_not_chapters(tmp_path):
    from .conftest import write_repo

    files = {
        ".aims-lint.yaml": 'types:\n  "policies/*.md": ai-policy\n',
        "policies/01-ai-policy.md": "# AI policy\n\nSee the [risk policy](02-risk-policy.md).\n",
        "policies/02-risk-policy.md": "# Risk policy\n\n**Version:** 1.0 **Owner:** CRO **Approved by:** CEO\n\nSee the [AI policy](01-ai-policy.md).\n",
    }
    root = write_repo(tmp_path / "numbered", files)
    assert [f.path for f in lint(root, select=["DOC002"]).active] == ["policies/01-ai-policy.md"]
