"""Document-control rules (7.5): each one on a document that must trigger it, at the
line where the problem is written, and on one that must not."""

import datetime as dt

import pytest

from .conftest import codes
from .conftest import lint as lint_all


def lint(root, paths=None, select=None, today=None):
    """Lint with the document-control and suppression rules only: other families judge
    content and have their own tests."""
    return lint_all(root, paths, select or ["DOC", "SUP"], **({"today": today} if today else {}))

# A procedure, so that only the document-control rules judge it (an AI policy would
# also meet the AI-policy family's content rules).
GOOD = """---
id: POL-AI-001
type: procedure
title: AI risk procedure
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-10
next_review: 2027-01-10
---
# AI risk procedure

Text.
"""


def with_keys(**changes) -> str:
    """GOOD with front-matter lines replaced (None removes the key)."""
    lines = GOOD.split("\n")
    for key, value in changes.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if value is None:
            if index is not None:
                del lines[index]
        elif index is None:
            lines.insert(lines.index("---", 1), f"{key}: {value}")
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines)


def test_a_complete_document_has_no_finding(repo):
    assert codes(lint(repo({"ai-policy.md": GOOD}))) == []


def test_untyped_markdown_is_not_a_governance_document(repo):
    root = repo({"README.md": "# Readme\n\nOwner: everyone. TBD. [broken](nowhere.md)\n"})
    result = lint(root)
    assert codes(result) == [] and result.documents_checked == 0


def test_glob_typed_file_without_front_matter(repo):
    root = repo({".aims-lint.yaml": "types:\n  'policies/*.md': procedure\n", "policies/p.md": "# Procedure\n"})
    assert codes(lint(root)) == [("policies/p.md", "DOC002", 1)]


def test_yaml_error_reported_at_its_line(repo):
    text = "---\nid: X\ntype: ai-policy\ntitle: [unclosed\nowner: A\n---\n# T\n"
    result = lint(repo({"p.md": text}))
    (finding,) = [f for f in result.active if f.code == "DOC003"]
    assert finding.line >= 4 and "invalid YAML" in finding.message


def test_type_is_recovered_when_yaml_is_broken_so_the_error_is_not_silent(repo):
    result = lint(repo({"p.md": "---\ntype: procedure\nid: [\n---\n"}))
    assert [f.code for f in result.active] == ["DOC003"]


def test_duplicate_keys_are_an_error(repo):
    result = lint(repo({"p.md": GOOD.replace("title: AI risk procedure", "title: AI risk procedure\ntitle: Again")}))
    (finding,) = result.active
    assert finding.code == "DOC003" and finding.line == 5 and "duplicate" in finding.message


def test_required_keys_missing_one_finding_each(repo):
    result = lint(repo({"p.md": with_keys(owner=None, version=None)}))
    assert [(f.code, f.line) for f in result.active] == [("DOC004", 1), ("DOC004", 1)]
    assert "'owner'" in result.active[0].message and "'version'" in result.active[1].message


def test_review_date_required_for_documents_not_records(repo):
    result = lint(repo({"p.md": with_keys(next_review=None)}))
    assert [f.code for f in result.active] == ["DOC004"]
    record = "---\nid: MR-1\ntype: management-review\ntitle: Review\ndate: 2026-03-01\nattendees: [CEO]\n---\n"
    assert codes(lint(repo({"p.md": record}))) == []


def test_unknown_type_only_gets_generic_checks(repo):
    text = "---\ntype: isms-policy\ntitle: ISMS policy\n---\nText.\n"
    assert codes(lint(repo({"isms.md": text}))) == []


def test_invalid_and_future_dates(repo):
    result = lint(repo({"p.md": with_keys(approved_on="2026-13-45", last_reviewed="2026-09-01")}))
    messages = [(f.code, f.line, f.message) for f in result.active if f.code == "DOC005"]
    assert [(code, line) for code, line, _ in messages] == [("DOC005", 9), ("DOC005", 11)]
    assert "not a valid date" in messages[0][2] and "in the future" in messages[1][2]


def test_approved_without_approver(repo):
    result = lint(repo({"p.md": with_keys(approved_by=None, approved_on=None)}))
    (finding,) = result.active
    assert (finding.code, finding.line) == ("DOC006", 7)
    assert "approved_by" in finding.message and "approved_on" in finding.message
    assert codes(lint(repo({"p.md": with_keys(status="draft", approved_by=None, approved_on=None)}))) == []


def test_review_overdue_by_next_review_and_by_interval(repo):
    result = lint(repo({"p.md": with_keys(next_review="2026-05-01")}))
    assert codes(result) == [("p.md", "DOC007", 10)] and "31 days ago" in result.active[0].message
    by_interval = with_keys(next_review=None, last_reviewed="2025-01-15", review_interval="annually")
    assert codes(lint(repo({"p.md": by_interval}))) == [("p.md", "DOC007", 10)]
    on_time = with_keys(next_review=None, last_reviewed="2025-09-15", review_interval="12 months")
    assert codes(lint(repo({"p.md": on_time}))) == []


def test_today_fixes_the_date_for_date_rules(repo):
    root = repo({"p.md": GOOD})
    assert codes(lint(root, today=dt.date(2027, 2, 1))) == [("p.md", "DOC007", 10)]


def test_placeholders_in_front_matter_and_text(repo):
    text = GOOD.replace("Text.", "Approved by [Organization Name] on XX/XX/XXXX.\n\nOwner: <owner>\n\nSignature: ______") + "\n"
    text = text.replace("title: AI risk procedure", "title: AI risk procedure for {{ company.name }}")
    result = lint(repo({"p.md": text}))
    # One gap, one finding: at the first placeholder, counting them and quoting the first few.
    assert [(f.code, f.line) for f in result.active] == [("DOC008", 4)]
    assert result.active[0].message == (
        "5 template placeholders: '{{ company.name }}' (line 4), '[Organization Name]' (line 14), "
        "'XX/XX/XXXX' (line 14), … left in the document"
    )
    # Every other placeholder is a related location of that one finding.
    assert [(item.line, item.message) for item in result.active[0].locations] == [
        (14, "'[Organization Name]'"), (14, "'XX/XX/XXXX'"), (16, "'<owner>'"), (18, "'______'"),
    ]


def test_placeholder_lookalikes_are_not_flagged(repo):
    text = GOOD.replace(
        "Text.",
        "- [x] Done and [ ] open\n\nSee [ISO 42001] and `TBD` in code, a todo list, <br> tags.\n\n"
        "___\n\n[ISO 42001]: https://www.iso.org/standard/81230.html\n\n```\nTBD\n```",
    )
    assert codes(lint(repo({"p.md": text}))) == []


def test_vague_owners_in_front_matter_fields_and_tables(repo):
    text = with_keys(owner="The AI team").replace(
        "Text.", "**Owner:** everyone\n\n| Action | Owner | Due |\n|---|---|---|\n| Train | All staff | 2026-09-01 |\n| Audit | Head of Internal Audit | 2026-09-01 |"
    )
    result = lint(repo({"p.md": text}))
    assert [(f.code, f.line) for f in result.active] == [("DOC009", 5), ("DOC009", 14), ("DOC009", 18)]


def test_duplicate_ids_reported_on_each_document(repo):
    root = repo({"a.md": GOOD, "b.md": GOOD})
    assert codes(lint(root)) == [("a.md", "DOC010", 2), ("b.md", "DOC010", 2)]
    # Linting one file still sees the other (workspace rules read the repository).
    assert codes(lint(root, [root / "a.md"])) == [("a.md", "DOC010", 2)]


def test_broken_links_to_files_headings_and_outside_the_repository(repo):
    body = (
        "[ok](procedures/risk.md#method) [missing](procedures/gone.md) [bad anchor](procedures/risk.md#nope)\n"
        "[escape](../../etc/passwd) [self](#ai-risk-procedure) [web](https://example.org/x.md) [mail](mailto:a@b.c)"
    )
    root = repo({"p.md": GOOD.replace("Text.", body), "procedures/risk.md": "# Risk\n\n## Method\n"})
    result = lint(root)
    assert [(f.code, f.line, f.column) for f in result.active] == [
        ("DOC011", 14, 33), ("DOC011", 14, 63), ("DOC011", 15, 1)
    ]
    assert "leaves the repository" in result.active[2].message


def test_near_miss_type_gets_did_you_mean(repo):
    result = lint(repo({"p.md": with_keys(type="ai-polcy")}))
    (finding,) = result.active
    assert (finding.code, finding.classification, finding.line) == ("DOC012", "minor", 3)
    assert "'ai-policy'" in finding.message
    assert "none of the checks for a 'ai-policy' run" in finding.message


@pytest.mark.parametrize(
    "declared, suggested",
    [
        ("proceedure", "procedure"),
        ("managment-review", "management-review"),
        ("ai-risk-assessment", "risk-assessment"),
        ("statement-of-applicability", "soa"),
        ("Risk Register", "risk-assessment"),
        ("objectives", "ai-objectives"),
        ("AISIA", "impact-assessment"),
    ],
)
def test_misspelt_or_reworded_type_is_a_minor_finding_with_the_suggestion(repo, declared, suggested):
    """A misspelt type never switches the content rules off silently: the finding says
    which type was meant and that its checks do not run."""
    result = lint(repo({"p.md": with_keys(type=declared)}), select=["DOC012"])
    (finding,) = result.active
    assert finding.classification == "minor" and f"did you mean '{suggested}'?" in finding.message


@pytest.mark.parametrize("declared", ["privacy-policy", "model-card", "supplier-register", "isms-scope", "policy", "Management_Review"])
def test_an_organisations_own_type_or_a_spelling_variant_is_accepted(repo, declared):
    assert lint(repo({"p.md": with_keys(type=declared)}), select=["DOC012"]).active == []


def test_status_and_interval_values(repo):
    result = lint(repo({"p.md": with_keys(status="signed-off", review_interval="now and then")}))
    assert [(f.code, f.line) for f in result.active] == [("DOC013", 7), ("DOC013", 11)]


def test_self_approval_is_advisory(repo):
    result = lint(repo({"p.md": with_keys(approved_by="AI Governance Lead")}))
    assert [(f.code, f.classification) for f in result.active] == [("DOC014", "advisory")]


def test_instruction_placeholders_in_any_case(repo):
    text = GOOD.replace("Text.", "Scope: [Insert scope here]. Systems: [List of AI systems].")
    assert codes(lint(repo({"p.md": text}))) == [("p.md", "DOC008", 14)]


def test_keys_ending_in_on_that_are_not_dates(repo):
    assert codes(lint(repo({"p.md": with_keys(depends_on="POL-001", based_on="ISO/IEC 42001")}))) == []


def test_a_record_dated_in_the_future(repo):
    record = "---\nid: MR-1\ntype: management-review\ntitle: Review\ndate: 2026-09-01\nattendees: [CEO]\n---\n"
    assert codes(lint(repo({"mr.md": record}))) == [("mr.md", "DOC005", 5)]


def test_organisation_types_are_not_typos(repo):
    for own_type in ("isms-policy", "it-policy", "isms-scope", "policy", "ai-procedure"):
        text = f"---\ntype: {own_type}\ntitle: T\n---\n"
        assert codes(lint(repo({"p.md": text}))) == [], own_type


def test_type_spelling_is_normalised(repo):
    assert codes(lint(repo({"p.md": with_keys(type="Procedure")}))) == []


def test_superseded_documents_are_not_due_for_review(repo):
    assert codes(lint(repo({"p.md": with_keys(status="superseded", next_review="2026-01-01")}))) == []


def test_list_front_matter_in_an_untyped_file_still_reports(repo):
    result = lint(repo({"p.md": "---\n- type: procedure\n- id: X\n---\n"}))
    assert [f.code for f in result.active] == ["DOC003"]
