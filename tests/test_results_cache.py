"""Kept results (aims_lint.results): a document is judged again only when something it
was judged on changed, and a kept result always gives what a fresh lint gives.

The broad guarantee (any sequence of edits, renames, deletions, directives, evidence
files and configuration changes) is tests/test_cache_replay.py; these are the cases
one by one, on the audit-ready example."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from aims_lint import cache, results, runner

from .conftest import TODAY, exclude_a_control_a_treatment_needs, lint

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aims-complete"


@pytest.fixture
def aims(tmp_path, monkeypatch) -> Path:
    # Files just written are "racy" (aims_lint.cache): their entries settle on a later
    # run, which judges them once more. These tests count judgements: the stamp decides.
    monkeypatch.setattr(cache, "RACY_SECONDS", -3600)
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def judged(monkeypatch) -> dict[str, list[str]]:
    """What each run judged afresh: documents by path, workspace rules by code."""
    seen: dict[str, list[str]] = {"documents": [], "rules": []}
    lint_document, workspace_check = runner._lint_document, runner._run_workspace_check

    def document(workspace, document_rules, contexts, relpath, errors):
        seen["documents"].append(relpath)
        return lint_document(workspace, document_rules, contexts, relpath, errors)

    def rule(item, workspace, context, errors):
        seen["rules"].append(item.code)
        return workspace_check(item, workspace, context, errors)

    monkeypatch.setattr(runner, "_lint_document", document)
    monkeypatch.setattr(runner, "_run_workspace_check", rule)
    return seen


def _outcome(result) -> list[tuple]:
    return [
        (f.path, f.line, f.column, f.code, f.message, f.suppressed, tuple((l.path, l.line, l.message) for l in f.locations))
        for f in result.findings
    ]


def _uncached(root: Path) -> list[tuple]:
    return _outcome(lint(root, cache=False))


def _forget(judged: dict[str, list[str]]) -> None:
    judged["documents"].clear()
    judged["rules"].clear()


def test_a_warm_run_judges_nothing_again(aims, judged):
    first = lint(aims)
    assert len(judged["documents"]) == first.files_checked and judged["rules"]
    _forget(judged)

    second = lint(aims)
    assert judged == {"documents": [], "rules": []}
    assert _outcome(second) == _outcome(first) == _uncached(aims)
    assert second.files_checked == first.files_checked and second.evidence == first.evidence


def test_an_edit_of_prose_judges_again_the_document_and_only_what_read_its_text(aims, judged):
    lint(aims)
    _forget(judged)
    soa = aims / "planning" / "soa.md"
    text = soa.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    soa.write_text(text[:end] + "\nThis paragraph was added in review.\n\n" + text[end:], encoding="utf-8")

    result = lint(aims)
    assert "planning/soa.md" in judged["documents"]
    # Others read the SoA's decisions and criteria (facts, compared by value): the first
    # to need them is judged again and computes them, the rest find them unchanged.
    assert len(judged["documents"]) < result.files_checked // 4
    assert _outcome(result) == _uncached(aims)


def test_results_found_unchanged_by_value_are_not_judged_again_by_the_next_run(aims, judged):
    # A policy in three documents: which one is the main part is a memo, read from each
    # part's size and title. Editing the main part changes what the memo read, not its
    # value: the first of the other parts to need the memo is judged again and computes
    # it; the last holds by the memo's value, and then rests on the memo as computed
    # after the edit, so the next run neither waits for the memo nor judges a document
    # again to compute it.
    policy = aims / "policies" / "ai-policy.md"
    for name, title in (("fairness", "Fairness in lending decisions"), ("transparency", "Transparency to customers")):
        (aims / "policies" / f"{name}.md").write_text(
            f"---\nid: POL-AI-{name}\ntype: ai-policy\ntitle: {title}\nowner: AI Governance Lead\n"
            f"version: \"1.0\"\nstatus: approved\n---\n# {title}\n\n"
            "Credit decisions made with the scoring model are tested for unfair bias across protected groups\n"
            "before each release, and a customer may ask for a human review of any decision.\n",
            encoding="utf-8",
        )
    lint(aims)
    policy.write_text(policy.read_text(encoding="utf-8") + "\nA closing remark.\n", encoding="utf-8")
    lint(aims)
    _forget(judged)

    result = lint(aims)
    assert judged == {"documents": [], "rules": []}
    assert _outcome(result) == _uncached(aims)


def test_a_changed_decision_judges_again_the_documents_that_rely_on_it(aims, judged):
    lint(aims)
    _forget(judged)
    exclude_a_control_a_treatment_needs(aims)

    result = lint(aims)
    assert "planning/risk-assessment.md" in judged["documents"]
    assert any(f.code == "TRC004" and f.path == "planning/risk-assessment.md" for f in result.active)
    assert _outcome(result) == _uncached(aims)


def test_a_deleted_document_judges_again_what_listed_the_repository(aims, judged):
    lint(aims)
    _forget(judged)
    (aims / "impact" / "support-assistant.md").unlink()

    result = lint(aims)
    assert "scope.md" in judged["documents"]  # it lists the systems that need an assessment
    assert any(f.code == "TRC005" and f.path == "scope.md" for f in result.active)
    assert _outcome(result) == _uncached(aims)


def test_kept_results_have_their_suppressions_applied_again(aims, judged):
    policy = aims / "policies" / "ai-policy.md"
    policy.write_text(
        policy.read_text(encoding="utf-8") + "\n<!-- aims-lint-disable-next-line DOC011 -- moved next quarter -->\n"
        "See [the old plan](missing.md) and [another](gone.md).\n\n<!-- aims-lint-disable DOC999 -- unused -->\n",
        encoding="utf-8",
    )
    first = lint(aims)
    _forget(judged)
    second = lint(aims)
    assert judged["documents"] == []
    assert _outcome(second) == _outcome(first) == _uncached(aims)
    assert any(f.suppressed and f.code == "DOC011" for f in second.findings)


def test_another_date_or_rule_selection_judges_everything_again(aims, judged):
    lint(aims)
    _forget(judged)
    later = lint(aims, today=TODAY + dt.timedelta(days=1))
    assert len(judged["documents"]) == later.files_checked
    _forget(judged)
    lint(aims, select=["DOC"])
    assert len(judged["documents"]) == later.files_checked


def test_a_single_file_run_reads_its_kept_result(aims, judged):
    lint(aims)
    _forget(judged)
    result = lint(aims, [aims / "planning" / "objectives.md"])
    assert judged["documents"] == []
    assert result.files_checked == 1


def _results_files(root: Path) -> list[Path]:
    return sorted((root / cache.CACHE_DIR / results.FOLDER).glob("*.json"))


@pytest.mark.parametrize("damage", ["garbage", "wrong line type", "finding of another file", "entry of another shape"])
def test_a_kept_result_that_does_not_validate_is_judged_again(aims, judged, damage):
    lint(aims)
    for path in _results_files(aims):
        if damage == "garbage":
            path.write_bytes(b"\x00{not json")
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for kept in data.get("entries", []):
            if damage == "entry of another shape":
                kept["files"] = {"a.md": 1}
            for row in kept["result"]["findings"]:
                if damage == "wrong line type":
                    row[1] = "12"
                elif damage == "finding of another file":
                    row[0] = "elsewhere.md"
        path.write_text(json.dumps(data), encoding="utf-8")
    _forget(judged)
    result = lint(aims)
    if damage in ("garbage", "entry of another shape"):
        assert len(judged["documents"]) == result.files_checked
    else:  # the documents whose findings were damaged; those without findings are still good
        assert judged["documents"]
    assert _outcome(result) == _uncached(aims)


def test_results_are_never_read_or_written_through_a_link(aims, tmp_path, judged):
    lint(aims)
    elsewhere = tmp_path / "elsewhere"
    folder = aims / cache.CACHE_DIR / results.FOLDER
    shutil.copytree(folder, elsewhere)
    shutil.rmtree(folder)
    folder.symlink_to(elsewhere, target_is_directory=True)
    before = {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    _forget(judged)
    (aims / "scope.md").write_text((aims / "scope.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")

    result = lint(aims)
    assert len(judged["documents"]) == result.files_checked  # nothing read through the link
    _forget(judged)
    assert {path.name: path.read_bytes() for path in elsewhere.iterdir()} == before  # nor written
    assert _outcome(result) == _uncached(aims)


def test_results_of_deleted_documents_are_dropped_by_a_whole_repository_run(aims):
    lint(aims)
    count = len(_results_files(aims))
    (aims / "records" / "internal-audit-2026-10.md").unlink()
    lint(aims, [aims / "scope.md"])  # a run over one file keeps what it does not know about
    assert len(_results_files(aims)) == count
    lint(aims)
    assert len(_results_files(aims)) == count - 1


def test_a_memo_that_names_itself_or_another_shape_is_judged_again(aims, judged):
    lint(aims)
    path = aims / cache.CACHE_DIR / results.FOLDER / "memos.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["memos"], "the example's documents share memos (the ids, the SoA's rows)"
    for number, (version, reads) in enumerate(data["memos"].items()):
        if number % 2:
            reads["memos"] = [["loop", version, None]]  # names itself: followed once
        else:
            reads["files"] = [[1, 2, 3]]  # another shape
    path.write_text(json.dumps(data), encoding="utf-8")
    _forget(judged)
    result = lint(aims)
    assert judged["documents"]
    assert _outcome(result) == _uncached(aims)


def test_a_document_judged_just_after_it_was_written_is_not_judged_again_once_it_settles(tmp_path, monkeypatch, judged):
    # Just written, the files' stamps could hide a further change: their kept results
    # carry a digest of the content. A later run settles them (the stamp alone will do)
    # after checking that digest once: nothing is judged again.
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    first = lint(root)
    later = cache.now_ns() + (cache.RACY_SECONDS + 1) * 1_000_000_000
    monkeypatch.setattr(cache, "now_ns", lambda: later)
    _forget(judged)
    second = lint(root)
    assert judged == {"documents": [], "rules": []}
    assert _outcome(second) == _outcome(first)
    (root / "scope.md").write_text((root / "scope.md").read_text(encoding="utf-8").replace("AI", "A I", 1), encoding="utf-8")
    third = lint(root)  # a change with the same stamp would be caught by the digest: here the size changes
    assert "scope.md" in judged["documents"] and _outcome(third) == _uncached(root)
