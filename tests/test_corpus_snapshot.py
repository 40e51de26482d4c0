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
