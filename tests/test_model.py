"""The document model: what rules can read, with the file's real line numbers."""

from pathlib import Path

from aims_lint.document import Document

SOA = """---
id: SOA-001
type: soa
title: Statement of Applicability
owner: AI Governance Lead
risk_register: RA-001
---
# Statement of Applicability

**Owner:** AI Governance Lead
Review frequency: quarterly

## Controls

| Control | Applicable | Justification | Procedure | Records / evidence | Responsible |
|---|---|---|---|---|---|
| A.2.2 | Yes | Sets direction | [AI policy](policies/ai-policy.md) | [Minutes](records/mr.md#decisions) | CEO |
| A.2.3 | No | N/A | | | |

- [ ] Update the register — Owner: AI Governance Lead — Due: 2027-01-31
- [x] Publish the policy

<!-- aims-lint-disable-next-line DOC008 -- held in the QMS -->
Text with <!-- inline --> comment.

### Document control

| Field | Value |
|---|---|
| **Version** | 1.0 |
"""


def doc(text: str) -> Document:
    return Document(Path("soa.md"), "soa.md", text)


def test_front_matter_keys_and_values_carry_file_lines():
    d = doc(SOA)
    assert d.meta["risk_register"] == "RA-001"
    assert d.key_position("owner") == (5, 1)
    assert d.value_position("risk_register") == (6, 16)
    assert d.body_start_line == 8


def test_heading_tree_with_line_ranges():
    d = doc(SOA)
    top, controls, control = d.sections
    assert (top.title, top.level, top.line) == ("Statement of Applicability", 1, 8)
    assert controls.parent is top and control.parent is controls
    assert controls.line == 13
    assert "Publish the policy" in controls.text
    assert d.section_at(17) is controls


def test_tables_map_headers_to_canonical_columns_by_meaning():
    table = doc(SOA).tables[0]
    assert table.columns == ["control", "applicable", "justification", "procedure", "evidence", "owner"]
    first, second = table.rows
    assert first.line == 17 and first.value("owner") == "CEO"
    assert first.get("evidence").column == 71
    assert second.value("procedure") == ""


def test_labelled_fields_in_paragraphs_task_lists_and_key_value_tables():
    fields = [(f.name, f.value, f.line) for f in doc(SOA).fields]
    assert ("owner", "AI Governance Lead", 10) in fields
    assert ("review_frequency", "quarterly", 11) in fields
    assert ("due", "2027-01-31", 20) in fields
    assert ("version", "1.0", 30) in fields


def test_task_list_items_know_whether_they_are_done():
    items = doc(SOA).list_items
    assert [(item.checked, item.line) for item in items] == [(False, 20), (True, 21)]
    assert items[0].text.startswith("Update the register")


def test_links_with_line_and_column_of_the_opening_bracket():
    links = [(link.target, link.line, link.column) for link in doc(SOA).links]
    assert links == [("policies/ai-policy.md", 17, 34), ("records/mr.md#decisions", 17, 71)]


def test_html_comments_block_and_inline():
    comments = [(c.text, c.line) for c in doc(SOA).comments]
    assert comments == [("aims-lint-disable-next-line DOC008 -- held in the QMS", 23), ("inline", 24)]


def test_anchors_follow_github_slugs():
    assert doc(SOA).anchors == {"statement-of-applicability", "controls", "document-control"}


def test_code_is_not_prose():
    d = doc("---\ntype: procedure\n---\ntext TBD\n\n```\nTBD in code\n```\n")
    assert [line for line, _ in d.prose_lines if "TBD" in d.lines[line - 1]] == [4]


def test_column_synonyms_are_one_column():
    from aims_lint.fields import canonical_name

    for label in ("Record", "Evidence", "Records / evidence", "**Evidence reference**"):
        assert canonical_name(label) == "evidence", label
    for label in ("Owner", "Responsible", "Accountable role", "Risk Owner"):
        assert canonical_name(label) == "owner", label
    for label in ("Due", "Due date", "Deadline"):
        assert canonical_name(label) == "due", label
    assert canonical_name("Next review date") == "next_review"
    assert canonical_name("Likelihood (1-5)") == "likelihood"
    assert canonical_name("Colour") is None


def test_front_matter_without_closing_delimiter_is_a_problem_not_a_crash():
    d = doc("---\nid: X\n# Heading\n")
    assert d.front_matter.unclosed
    assert d.front_matter.problems[0].line == 1
    assert d.sections[0].title == "Heading"


def test_yaml_header_without_opening_delimiter_is_read_and_reported():
    d = doc("name: Risk Policy\nacronym: RP\n---\n# Risk\n")
    assert d.front_matter.no_opening and d.meta["name"] == "Risk Policy"
    assert d.sections[0].line == 4


def test_yaml_12_keeps_no_as_a_string_and_dates_as_dates():
    d = doc("---\napplicable: no\napproved_on: 2026-01-05\n---\n")
    assert d.meta["applicable"] == "no"
    assert str(d.meta["approved_on"]) == "2026-01-05"


def test_impossible_date_is_kept_as_text():
    d = doc("---\nnext_review: 2026-13-45\ntitle: X\n---\n")
    assert d.meta["next_review"] == "2026-13-45" and d.meta["title"] == "X"


def test_prose_lines_blank_out_comments_but_keep_the_text_around_them():
    d = doc("---\ntype: procedure\n---\nTBD <!-- a note -->\n<!-- multi\nline --> after\n")
    assert d.prose_lines == [(4, "TBD                "), (5, "          "), (6, "         after"), (7, "")]


def test_an_empty_header_row_gives_way_to_the_first_row():
    """Word-processor conversions: ``|  |  |`` over ``| Metric | Owner |``."""
    table = doc("# Metrics\n\n|   |   |   |\n|---|---|---|\n| Metric | Target | Owner |\n| Reviews done | 100% | CTO |\n").tables[0]
    assert [cell.text for cell in table.header] == ["Metric", "Target", "Owner"]
    assert table.columns == ["metric", "target", "owner"]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Reviews done", "100%", "CTO"]]


def test_an_empty_header_row_over_values_stays():
    """A first row of numbers or a half-empty first row is data, not the header."""
    numbers = doc("|   |   |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n").tables[0]
    assert [cell.text for cell in numbers.header] == ["", ""] and len(numbers.rows) == 2
    partial = doc("|   |   |\n|---|---|\n| Metric | |\n").tables[0]
    assert [cell.text for cell in partial.header] == ["", ""] and len(partial.rows) == 1


def test_an_empty_header_row_gives_way_to_the_names_in_the_first_row():
    from aims_lint.document import Document

    text = "# KPIs\n\n|     |     |     |\n| --- | --- | --- |\n| Metric | Target | Owner |\n| Reviews | 100% | Board Chair |\n"
    (table,) = Document(Path("k.md"), "k.md", text).tables
    assert [cell.text for cell in table.header] == ["Metric", "Target", "Owner"]
    assert table.has("owner") and [row.cells[0].text for row in table.rows] == ["Reviews"]
    assert table.rows[0].line == 6
    # a table whose header is empty and whose rows say nothing keeps them
    (blank,) = Document(Path("b.md"), "b.md", "|  |  |\n|--|--|\n|  |  |\n").tables
    assert len(blank.rows) == 1
