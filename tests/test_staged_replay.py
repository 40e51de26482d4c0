"""The pre-commit hook's short cut can never change its answer: after any sequence of
commits, ``check --staged`` with the cache (which judges only the documents a change
can touch, from the reach kept with the state the last commit linted) gives exactly
what ``check --staged --no-cache`` gives (which lints both states in full, read from
git): the new findings with every location, and the counts of files, documents,
existing and fixed findings.

Random sequences (seeded: a failure names its seed and replays) of the changes of
tests/test_cache_replay.py to a git repository of examples/aims, each staged and
committed in turn, as a developer's commits are. Not an edit that keeps the size and
the modification time: git itself does not see it (its index trusts the same stamps),
so the commit would not record it."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from aims_lint import cache, results
from aims_lint.cli import main

from .test_cache_replay import EXAMPLE, KINDS, TODAY, _markdown, _step, copy_of_example

SEQUENCES = int(os.environ.get("AIMS_LINT_STAGED_SEQUENCES", "12"))
STEPS = 6
GIT = ["git", "-c", "user.email=test@example.invalid", "-c", "user.name=test", "-c", "commit.gpgsign=false"]


def _git(root: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)


def _commit_all(root: Path) -> None:
    """``root`` as a git repository with one commit of everything in it."""
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base", "--no-verify")


def compared(json_output: str) -> dict:
    """What a staged check's JSON report says of the change: the new findings and the
    counts (nothing staged: no report)."""
    report = json.loads(json_output) if json_output.strip() else {}
    summary = report.get("summary", {})
    return {"findings": report.get("findings"), "files": summary.get("files"), "documents": summary.get("documents"),
            "comparison": summary.get("comparison"), "errors": summary.get("errors")}


def _staged(*options: str) -> dict:
    outcome = CliRunner().invoke(main, ["check", "--staged", "--today", TODAY.isoformat(), "--format", "json", *options])
    assert outcome.exit_code in (0, 1), outcome.output
    return compared(outcome.stdout)


@pytest.fixture
def untouched_runs(monkeypatch) -> list[int]:
    """How many documents each run with a kept reach left untouched."""
    seen: list[int] = []
    untouched = results.Reach.untouched

    def counted(self, workspace, key):
        found = untouched(self, workspace, key)
        seen.append(len(found[0]) if found is not None else -1)
        return found

    monkeypatch.setattr(results.Reach, "untouched", counted)
    return seen


@pytest.mark.parametrize("seed", range(SEQUENCES))
def test_the_staged_check_with_its_kept_reach_gives_what_a_full_comparison_gives(tmp_path, monkeypatch, untouched_runs, seed):
    if seed % 2:
        monkeypatch.setattr(cache, "RACY_SECONDS", -3600)  # no entry is racy: the stamp alone decides
    rng = random.Random(seed)
    root, originals = copy_of_example(tmp_path)
    _commit_all(root)
    monkeypatch.chdir(root)
    done = []
    for _ in range(STEPS):
        done.append(_step(rng, root, originals, tuple(kind for kind in KINDS if kind != "edit-same-size")))
        _git(root, "add", "-A")
        cached = _staged()
        assert cached == _staged("--no-cache"), f"seed {seed}, after: {done}"
        if rng.random() < 0.3:  # the same commit checked again reads what the first check kept
            assert _staged() == cached, f"seed {seed} (again), after: {done}"
        _git(root, "commit", "-qm", done[-1], "--no-verify", "--allow-empty")


def test_a_one_file_commit_leaves_the_documents_it_cannot_touch_unjudged(tmp_path, monkeypatch, untouched_runs):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    _commit_all(root)
    monkeypatch.chdir(root)
    for number in range(3):
        record = root / "records" / "internal-audit-2026-09.md"
        record.write_text(record.read_text(encoding="utf-8") + f"\nA note added in commit {number}.\n", encoding="utf-8")
        _git(root, "add", "-A")
        assert _staged() == _staged("--no-cache")
        _git(root, "commit", "-qm", f"commit {number}", "--no-verify")
    # The first commit has no kept state of HEAD: nothing is known untouched. The next
    # ones judge the record and what reads it, not the other documents.
    files = len(_markdown(root))
    assert untouched_runs[0] > files // 2 and untouched_runs[-1] > files // 2, untouched_runs


def test_documents_whose_memo_kept_its_value_are_left_unjudged(tmp_path, monkeypatch):
    # A policy in three documents: which one is the main part is a memo read from each
    # part's size and title. Editing the main part changes what the memo read, not its
    # value: the other parts, whose findings rest on the memo, are not judged again.
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    for name, title in (("fairness", "Fairness in lending decisions"), ("transparency", "Transparency to customers")):
        (root / "policies" / f"{name}.md").write_text(
            f"---\nid: POL-{name}\ntype: ai-policy\ntitle: {title}\nowner: AI Governance Lead\n---\n# {title}\n\n"
            "Credit decisions made with the scoring model are tested for unfair bias before each release.\n",
            encoding="utf-8",
        )
    _commit_all(root)
    monkeypatch.chdir(root)
    asked: list[str] = []
    document = results.Store.document

    def recorded(self, relpath):
        asked.append(relpath)
        return document(self, relpath)

    monkeypatch.setattr(results.Store, "document", recorded)
    policy = root / "policies" / "ai-policy.md"
    for number in range(2):
        policy.write_text(policy.read_text(encoding="utf-8") + f"\nA sentence added in commit {number}.\n", encoding="utf-8")
        _git(root, "add", "-A")
        asked.clear()
        assert _staged() == _staged("--no-cache")
        _git(root, "commit", "-qm", f"commit {number}", "--no-verify")
    assert "policies/ai-policy.md" in asked
    assert "policies/fairness.md" not in asked and "policies/transparency.md" not in asked, asked
