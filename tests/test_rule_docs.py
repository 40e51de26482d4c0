"""Every rule's documentation is complete, and its examples are its specification:
the failing example triggers the rule; the passing example triggers no rule of the
rule's family (its code prefix), so it shows the document done right for that family
without having to satisfy every other family's rules too."""

from __future__ import annotations

import re

import pytest

from aims_lint.document import Document
from aims_lint.pack import load_rules

from .conftest import lint, write_repo

HEADINGS = [
    "What it checks",
    "Why an auditor flags it",
    "Failing example",
    "Passing example",
    "How to close it",
    "Options",
]
RULES = load_rules()


def _document(rule) -> Document:
    assert rule.doc_path is not None and rule.doc_path.is_file(), f"{rule.code}: no documentation file"
    return Document(rule.doc_path, rule.doc_path.name, rule.doc_path.read_text(encoding="utf-8"))


def _example(rule, title: str) -> dict[str, str | bytes]:
    doc = _document(rule)
    (section,) = doc.sections_titled(f"^{title}$")
    files = {}
    for block in doc.code_blocks:
        if block.section is section:
            match = re.search(r"\bfile=(\S+)", block.info)
            encoding = re.search(r"\bencoding=(\S+)", block.info)
            # `encoding=latin-1` writes the example in another encoding (for DOC001).
            text = block.text.encode(encoding.group(1)) if encoding else block.text
            files[match.group(1) if match else "example.md"] = text
    assert files, f"{rule.code}: '{title}' has no fenced example"
    return files


def _family(rule) -> str:
    """The selection an example is linted with: the rule's family; everything for the
    suppression rules, which judge the findings of other rules."""
    family = rule.code.rstrip("0123456789")
    return "ALL" if family == "SUP" else family


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_documentation_has_every_heading_in_order(rule):
    doc = _document(rule)
    assert doc.sections[0].title == f"{rule.code} {rule.name}"
    titles = [section.title for section in doc.sections if section.level == 2]
    assert titles == HEADINGS


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_triggers_the_rule(rule, tmp_path):
    root = write_repo(tmp_path, _example(rule, "Failing example"))
    result = lint(root, select=[_family(rule)])
    assert not result.errors, result.errors
    assert rule.code in {finding.code for finding in result.active}, [str(f) for f in result.active]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_passing_example_is_clean(rule, tmp_path):
    root = write_repo(tmp_path, _example(rule, "Passing example"))
    result = lint(root, select=[_family(rule)])
    assert not result.errors, result.errors
    assert [(f.path, f.line, f.code, f.message) for f in result.active] == []
