"""The corpus snapshot is up to date: a change in what aims-lint finds on real
documents is part of the change under review (see tests/corpus_snapshot.py)."""

import difflib

import pytest

from . import corpus_snapshot
from .test_corpus import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS} (set AIMS_LINT_CORPUS)")


@pytest.mark.parametrize("name", corpus_snapshot.repositories() if CORPUS.is_dir() else [])
def test_findings_on_the_corpus_match_the_reviewed_snapshot(name):
    found = corpus_snapshot.lint_repository(name)
    recorded = corpus_snapshot.read_snapshot(name)
    if found != recorded:
        diff = "\n".join(difflib.unified_diff(recorded, found, "snapshot", "now", lineterm="", n=0))
        pytest.fail(
            f"the findings on {name} changed; review the difference and run "
            f"'python -m tests.corpus_snapshot --update':\n{diff}"
        )


def test_a_link_to_a_file_the_copy_does_not_hold_is_unverifiable_not_noise(tmp_path, monkeypatch):
    """The corpus copies a selection of each repository: a DOC011 link to a file the copy
    does not hold cannot be judged, and is kept out of the precision ratio."""
    (tmp_path / "manifest.tsv").write_text("o/r\tdocs/policy.md\tabc\no/r\tdocs/scope.md\tabc\n", encoding="utf-8")
    monkeypatch.setattr(corpus_snapshot, "corpus", lambda: tmp_path)
    held = corpus_snapshot.copied_files()
    assert held == {"o__r": {"docs/policy.md", "docs/scope.md"}}
    missing = "link to 'procedure.md' does not exist in the repository"
    assert corpus_snapshot.unverifiable("o__r", "docs/policy.md", "DOC011", missing, held)
    assert corpus_snapshot.unverifiable("o__r", "docs/policy.md", "DOC011", "link to '../../x.md' does not exist in the repository", held)
    # a heading that the copied document lacks can be judged; so can any other rule
    assert not corpus_snapshot.unverifiable("o__r", "docs/policy.md", "DOC011", "link to '#scope' points to a heading this document does not have", held)
    assert not corpus_snapshot.unverifiable("o__r", "docs/policy.md", "DOC008", missing, held)
    monkeypatch.setattr(corpus_snapshot, "read_snapshot", lambda name: [f"docs/policy.md:3:1: DOC011 [minor] {missing}"])
    table = corpus_snapshot.review(["o__r"], {}, held)
    assert table["DOC"]["unverifiable"] == 1 and table["DOC"]["unlabelled"] == 0
    # a label a reviewer set after checking upstream stands
    table = corpus_snapshot.review(["o__r"], {("o__r", "docs/policy.md", "DOC011", missing): "true"}, held)
    assert table["DOC"]["true"] == 1
