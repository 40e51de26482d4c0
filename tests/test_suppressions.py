"""Inline suppressions: each with a reason, each suppressing something."""

from .conftest import lint
from .test_document_control import GOOD


def body(text: str) -> str:
    return GOOD.replace("Text.", text)


def active(result):
    return [(f.code, f.line) for f in result.active]


def test_disable_next_line_with_reason(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- signature held on paper -->\n\nSigned: ______")}))
    assert active(result) == []
    (suppressed,) = result.suppressed
    assert (suppressed.code, suppressed.line, suppressed.suppression_reason) == ("DOC008", 16, "signature held on paper")


def test_disable_and_enable_a_region(repo):
    text = "<!-- aims-lint-disable DOC008 -- legacy annex -->\nTBD one\n\n<!-- aims-lint-enable DOC008 -->\n\nTBD two"
    assert active(lint(repo({"p.md": body(text)}))) == [("DOC008", 19)]


def test_disable_file_covers_front_matter_findings(repo):
    text = body("<!-- aims-lint-disable-file DOC007 -- review moved to the Q3 management review -->")
    result = lint(repo({"p.md": text.replace("next_review: 2027-01-10", "next_review: 2026-01-10")}))
    assert active(result) == [] and [f.code for f in result.suppressed] == ["DOC007"]


def test_yaml_comment_directive_in_front_matter(repo):
    text = GOOD.replace("next_review: 2027-01-10", "# aims-lint-disable-next-line DOC007 -- agreed extension\nnext_review: 2026-01-10")
    assert active(lint(repo({"p.md": text}))) == []


def test_names_and_prefixes_select_too(repo):
    text = body("<!-- aims-lint-disable-next-line placeholder-text -- quoted -->\nTBD\n\n<!-- aims-lint-disable-next-line DOC -- quoted -->\nTBD")
    assert active(lint(repo({"p.md": text}))) == []


def test_suppression_without_reason_is_a_finding(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -->\nTBD")}))
    assert active(result) == [("SUP001", 14)]


def test_suppression_that_suppresses_nothing_is_a_finding(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- was a placeholder -->\nAll filled in.")}))
    assert active(result) == [("SUP002", 14)]


def test_suppression_naming_an_unknown_rule(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable DOC999 -- typo -->")}))
    assert active(result) == [("SUP002", 14)] and "DOC999" in result.active[0].message


def test_suppression_of_a_rule_not_selected_is_not_unused(repo):
    root = repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- quoted -->\nTBD")})
    assert active(lint(root, select=["DOC007", "SUP"])) == []


def test_an_em_dash_also_separates_the_reason(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 — wet signature -->\nSigned: ____")}))
    assert active(result) == [] and result.suppressed[0].suppression_reason == "wet signature"


def test_a_placeholder_reason_is_no_reason(repo):
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- <reason> -->\nTBD")}))
    assert active(result) == [("SUP001", 14)] and "'<reason>'" in result.active[0].message
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- TODO -->\nTBD")}))
    assert active(result) == [("SUP001", 14)]
    result = lint(repo({"p.md": body("<!-- aims-lint-disable-next-line DOC008 -- reason given in the minutes -->\nTBD")}))
    assert active(result) == []
