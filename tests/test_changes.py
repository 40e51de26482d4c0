"""A change is judged by its effect on the whole AIMS, and a baseline is keyed on content.

Real git repositories made from the bundled examples: ``aims-lint check --staged`` (the
pre-commit hook's command), ``check --new-since REF`` and the GitHub Action's lint step
(action/run.sh) each fail on a deleted impact assessment (the finding lands on the scope
document), on a control excluded from the SoA that a risk treatment needs (the finding
lands on the risk assessment) and on ``roles`` narrowed in the configuration (the
finding lands on the objectives), and pass a harmless edit in a repository whose old
gaps stay where they are. The same with the real ``pre-commit`` is marked slow.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from aims_lint import baseline, fingerprint
from aims_lint.findings import Finding, Result
from aims_lint.readiness import assess

from .conftest import exclude_a_control_a_treatment_needs

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT / "examples"
AIMS_LINT = Path(sys.executable).parent / "aims-lint"
RUN_SCRIPT = PROJECT / "action" / "run.sh"
TODAY = "2026-12-01"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]


def _finding(message: str, line: int = 3, path: str = "a.md", code: str = "OBJ002", classification: str = "minor") -> Finding:
    return Finding(path, line, 1, code, "name", "6.2", classification, message)


# -- the content key -----------------------------------------------------------


def test_the_key_ignores_line_numbers_case_and_spacing():
    one = _finding("Objective 'Deploy AI  responsibly' has no metric (line 12)", line=12)
    other = _finding("objective 'deploy AI responsibly' has no metric (line 40)", line=40)
    assert fingerprint.key(one) == fingerprint.key(other) == (
        "OBJ002", "a.md", "objective 'deploy ai responsibly' has no metric (line #)"
    )
    assert fingerprint.normalise("bands at lines 3-5 and line 9") == "bands at line # and line #"
    # Counted from today: the same overdue review tomorrow.
    assert fingerprint.normalise("review overdue: next_review was due on 2026-09-01 (91 days ago)") == (
        "review overdue: next_review was due on 2026-09-01 (# days ago)"
    )


def test_the_key_tells_different_items_files_and_rules_apart():
    base = _finding("objective 'A' has no metric")
    assert fingerprint.key(base) != fingerprint.key(_finding("objective 'B' has no metric"))
    assert fingerprint.key(base) != fingerprint.key(_finding("objective 'A' has no metric", path="b.md"))
    assert fingerprint.key(base) != fingerprint.key(_finding("objective 'A' has no metric", code="OBJ003"))


def test_identical_findings_are_counted():
    known = fingerprint.count([_finding("owner 'team' is vague", line=3), _finding("owner 'team' is vague", line=9)])
    three = [_finding("owner 'team' is vague", line=line) for line in (4, 10, 20)]
    matched, new, unused = fingerprint.match(three, known)
    assert [f.line for f in matched] == [4, 10] and [f.line for f in new] == [20] and not unused
    matched, new, unused = fingerprint.match(three[:1], known)
    assert len(matched) == 1 and unused == Counter({("OBJ002", "a.md", "owner 'team' is vague"): 1})


# -- the baseline -------------------------------------------------------------------


def _aims_lint(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([str(AIMS_LINT), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=environment)


def _insert_lines_at_the_top(root: Path) -> None:
    """Two paragraphs at the top of every document's body (after its front matter)."""
    for path in root.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + 5
            text = text[:end] + "\n> A note inserted at the top.\n\nAnother paragraph inserted.\n\n" + text[end:]
        else:
            text = "A line inserted at the top.\n\n\n" + text
        path.write_text(text, encoding="utf-8")


VAGUE_OBJECTIVE = "| Use AI ethically | Be a responsible user of AI | AI Governance Lead | Yearly | Review | 2027-06-30 |\n"


def test_a_baseline_of_the_gappy_example_survives_inserted_lines_and_catches_a_new_vague_objective(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims", root)
    made = _aims_lint(root, "baseline", "--today", TODAY)
    assert made.returncode == 0, made.stderr
    data = json.loads((root / ".aims-lint-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["findings"]
    assert data["findings"] == sorted(data["findings"], key=lambda entry: (entry["path"], entry["code"], fingerprint.normalise(entry["message"])))
    assert all("line" not in entry for entry in data["findings"])

    _insert_lines_at_the_top(root)
    clean = _aims_lint(root, "check", "--today", TODAY, "--baseline", ".aims-lint-baseline.json")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.startswith(f"No findings in 18 files (17 governance documents). {sum(e['count'] for e in data['findings'])} accepted by baseline.")
    assert "Accepted by baseline: the auditor will still see these" in clean.stdout
    assert "major findings are accepted by baseline" in clean.stdout  # and the documentation is not ready
    assert "unused baseline entry" not in clean.stderr

    objectives = root / "planning" / "objectives.md"
    lines = objectives.read_text(encoding="utf-8").splitlines(keepends=True)
    last_row = max(index for index, line in enumerate(lines) if line.startswith("| Faster answers"))
    lines.insert(last_row + 1, VAGUE_OBJECTIVE)
    objectives.write_text("".join(lines), encoding="utf-8")
    failing = _aims_lint(root, "check", "--today", TODAY, "--baseline", ".aims-lint-baseline.json", "-q")
    assert failing.returncode == 1
    assert failing.stdout.splitlines() and all("'Use AI ethically'" in line for line in failing.stdout.splitlines() if not line.startswith(" "))


def test_the_configured_baseline_applies_and_unused_entries_are_noted(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims", root)
    assert _aims_lint(root, "baseline", "-o", "accepted.json", "--today", TODAY).returncode == 0
    config = root / ".aims-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "baseline: accepted.json\n", encoding="utf-8")
    assert _aims_lint(root, "check", "--today", TODAY).returncode == 0
    # Close a gap: its entry matches nothing any more and is noted, without failing the run.
    objectives = root / "planning" / "objectives.md"
    lines = objectives.read_text(encoding="utf-8").splitlines(keepends=True)
    objectives.write_text("".join(line for line in lines if not line.startswith("| Deploy AI responsibly |")), encoding="utf-8")
    result = _aims_lint(root, "check", "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    notes = [line for line in result.stderr.splitlines() if "unused baseline entry" in line]
    assert len(notes) == 2 and all(line.startswith("aims-lint: note: accepted.json: unused baseline entry: planning/objectives.md: ") for line in notes)
    assert "DOC009 owner 'The AI team' is not a named role" in result.stderr
    # A run over another file judges only that file's entries.
    assert "unused" not in _aims_lint(root, "check", "--today", TODAY, "scope.md").stderr


@pytest.mark.parametrize(("value", "message"), [("[a, b]", "expected the path of a baseline file"), ("''", "expected the path")])
def test_a_bad_baseline_key_is_a_configuration_error(tmp_path, value, message):
    (tmp_path / ".aims-lint.yaml").write_text(f"baseline: {value}\n", encoding="utf-8")
    result = _aims_lint(tmp_path, "check")
    assert result.returncode == 2 and "bad value for 'baseline'" in result.stderr and message in result.stderr


def test_a_missing_or_foreign_baseline_file_is_an_error(tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text("", encoding="utf-8")
    result = _aims_lint(tmp_path, "check", "--baseline", "nope.json")
    assert result.returncode == 2 and "cannot read baseline nope.json" in result.stderr
    (tmp_path / "other.json").write_text('{"version": 2, "findings": []}', encoding="utf-8")
    result = _aims_lint(tmp_path, "check", "--baseline", "other.json")
    assert result.returncode == 2 and "is not an aims-lint baseline of version 1" in result.stderr


def test_a_major_accepted_by_baseline_keeps_the_documentation_from_being_ready():
    import datetime as dt

    major = _finding("AI policy has no commitment", code="POL001", classification="major")
    minor = _finding("objective 'x' has no metric")
    major.baselined = minor.baselined = True
    result = Result(findings=[major, minor], documents_checked=1)
    readiness = assess(result, dt.date(2027, 3, 15), dt.date(2026, 12, 1))
    assert readiness.counts == {"major": 0, "minor": 0, "advisory": 0}
    assert readiness.baselined == [major, minor] and readiness.verdict == "not ready"
    assert "1 major finding is accepted by baseline (POL001 a.md:3): the auditor will still see it" in readiness.reason
    assert [item["code"] for item in readiness.as_json()["accepted_by_baseline"]] == ["POL001", "OBJ002"]


# -- changes judged against their base ----------------------------------------------


def _git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def _repository(tmp_path: Path, example: str) -> Path:
    """The example as a git repository with one commit on main. The complete example
    gets an objective owned by 'Data Team', a role only the configuration defines."""
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / example, root)
    if example == "aims-complete":
        objectives = root / "planning" / "objectives.md"
        text = objectives.read_text(encoding="utf-8")
        old = "| AUC ≥ 0.78 on the monthly hold-out sample | Head of Data Science |"
        assert old in text
        objectives.write_text(text.replace(old, "| AUC ≥ 0.78 on the monthly hold-out sample | Data Team |"), encoding="utf-8")
        config = root / ".aims-lint.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("  - Chief Risk Officer\n", "  - Chief Risk Officer\n  - Data Team\n"), encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    return root


def _delete_an_impact_assessment(root: Path) -> None:
    _git(root, "rm", "-q", "impact/support-assistant.md")


def _exclude_a_control_a_treatment_needs(root: Path) -> None:
    exclude_a_control_a_treatment_needs(root)
    _git(root, "add", "-A")


def _narrow_roles(root: Path) -> None:
    config = root / ".aims-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Data Team\n", ""), encoding="utf-8")
    _git(root, "add", "-A")


def _harmless_edit(root: Path) -> None:
    policy = root / "policies" / "ai-policy.md"
    text = policy.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    policy.write_text(text[:end] + "\nThis paragraph was added in review and changes no commitment.\n\n" + text[end:], encoding="utf-8")
    _git(root, "add", "-A")


BREAKING = {
    "deleted impact assessment": (_delete_an_impact_assessment, "scope.md", "TRC005",
                                  "AI system 'support-assistant' is in scope but has no impact assessment"),
    "excluded control": (_exclude_a_control_a_treatment_needs, "planning/risk-assessment.md", "TRC004",
                         "A.6.2.6, cited in the treatment of risk R-02, is excluded"),
    "narrowed roles": (_narrow_roles, "planning/objectives.md", "OBJ003",
                       "objective 'Accurate scoring' has an owner that is not a named role ('Data Team')"),
}


@pytest.mark.parametrize("change", list(BREAKING))
def test_a_staged_change_fails_with_the_finding_where_it_lands(tmp_path, change):
    root = _repository(tmp_path, "aims-complete")
    assert _aims_lint(root, "check", "--today", TODAY, "-q").returncode == 0  # clean before
    make, path, code, message = BREAKING[change]
    make(root)
    result = _aims_lint(root, "check", "--staged", "--today", TODAY)
    assert result.returncode == 1, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert found and found[0].startswith(f"{path}:") and message in found[0]
    assert "compared with HEAD" in result.stdout and "existing finding" in result.stdout
    # The base read from git into a temporary folder (--no-cache) or as the working tree
    # with the changed files put back (warm cache) is the same base.
    assert _aims_lint(root, "check", "--staged", "--today", TODAY, "--no-cache").stdout == result.stdout
    assert _aims_lint(root, "check", "--staged", "--today", TODAY).stdout == result.stdout  # the kept base
    # Committed, the same change is what --new-since reports against the base.
    _git(root, "commit", "-qm", "change", "--no-verify")
    since = _aims_lint(root, "check", "--new-since", "main~1", "--today", TODAY)
    assert since.returncode == 1 and any(line.startswith(f"{path}:") and message in line for line in since.stdout.splitlines())


def test_a_harmless_edit_among_old_gaps_passes(tmp_path):
    root = _repository(tmp_path, "aims")
    assert _aims_lint(root, "check", "--today", TODAY, "-q").returncode == 1  # the old gaps
    _harmless_edit(root)
    result = _aims_lint(root, "check", "--staged", "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    linted = sum(1 for path in root.rglob("*.md") if ".git" not in path.parts)
    assert result.stdout.startswith(f"No new finding compared with HEAD ({linted} files linted); ")
    assert " existing findings not blamed on this change" in result.stdout


def test_staged_passes_at_once_when_nothing_relevant_is_staged(tmp_path):
    root = _repository(tmp_path, "aims")
    (root / "notes.txt").write_text("owner: everyone\n", encoding="utf-8")
    _git(root, "add", "notes.txt")
    (root / "draft.md").write_text("---\ntype: ai-policy\nowner: everyone\n---\n# Draft\n", encoding="utf-8")  # untracked
    result = _aims_lint(root, "check", "--staged")
    assert result.returncode == 0 and "nothing to judge" in result.stderr


def test_staged_judges_the_index_not_the_working_copy_nor_untracked_files(tmp_path):
    root = _repository(tmp_path, "aims-complete")
    _harmless_edit(root)
    (root / "draft.md").write_text("---\ntype: procedure\nowner: everyone\n---\n# Draft\n", encoding="utf-8")  # untracked
    # An unstaged deletion does not count: the commit records the index.
    (root / "impact" / "support-assistant.md").unlink()
    result = _aims_lint(root, "check", "--staged", "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / ".git" / "aims-lint").exists()


def test_new_since_a_ref_that_is_not_a_commit_is_an_error(tmp_path):
    root = _repository(tmp_path, "aims")
    result = _aims_lint(root, "check", "--new-since", "no-such-branch")
    assert result.returncode == 2 and "--new-since: 'no-such-branch' is not a commit in this repository" in result.stderr
    result = _aims_lint(root, "check", "--new-since=--output=x")
    assert result.returncode == 2 and not (root / "x").exists()


# -- the GitHub Action's lint step ----------------------------------------------------


def _pull_request(tmp_path: Path, example: str, change) -> Path:
    root = _repository(tmp_path, example)
    _git(root, "checkout", "-qb", "topic")
    change(root)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "change", "--no-verify")
    return root


def _run_action(root: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, str]:
    summary = root.parent / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("INPUT_", "GITHUB_"))}
    env.update({
        "AIMS_LINT": str(AIMS_LINT), "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_REPOSITORY": "northwind/aims", "GITHUB_SHA": "0123abc",
    })
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    result = subprocess.run(["bash", str(RUN_SCRIPT)], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    return result, summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("change", list(BREAKING))
def test_the_action_reports_what_the_pull_request_introduces_wherever_it_lands(tmp_path, change):
    make, path, code, message = BREAKING[change]
    root = _pull_request(tmp_path, "aims-complete", make)
    result, summary = _run_action(root, base_ref="main", args=f"--today {TODAY}")
    assert result.returncode == 1, result.stdout + result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any(line.split(",")[0].endswith(f"file={path}") and f"title={code} " in line and message in line for line in annotations)
    assert summary.startswith("## aims-lint\n\n❌ Failed: this change introduces findings at or above **minor** (compared with `main`).")
    line = next(line for line in result.stdout.splitlines() if line.startswith(f"::") and f"title={code} " in line)
    number = line.split(",line=", 1)[1].split(",", 1)[0]
    assert f"(https://github.com/northwind/aims/blob/0123abc/{path}#L{number})" in summary


def test_the_action_passes_a_harmless_pull_request_among_old_gaps(tmp_path):
    root = _pull_request(tmp_path, "aims", _harmless_edit)
    result, summary = _run_action(root, base_ref="main", args=f"--today {TODAY}", sarif_file="out.sarif")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert "✅ Passed: this change introduces no finding" in summary and "existing findings not blamed" in summary
    sarif = json.loads((root / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []


# -- the real pre-commit ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit(root: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "aims-lint", "--color", "never", "--verbose"],
        cwd=root, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.mark.slow
def test_the_pre_commit_hook_fails_changes_that_break_another_document_and_passes_a_harmless_one(tmp_path, pre_commit_home):
    for number, (change, (make, path, code, message)) in enumerate(BREAKING.items()):
        root = _repository(tmp_path / str(number), "aims-complete")
        make(root)
        result = _pre_commit(root, pre_commit_home)
        assert result.returncode == 1, (change, result.stdout + result.stderr)
        assert "aims-lint" in result.stdout and "Failed" in result.stdout
        assert any(line.startswith(f"{path}:") and f" {code} " in line and message in line for line in result.stdout.splitlines()), change
    root = _repository(tmp_path / "harmless", "aims")
    _harmless_edit(root)
    result = _pre_commit(root, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_report_and_json_show_what_the_baseline_accepts(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims", root)
    assert _aims_lint(root, "baseline", "--today", TODAY).returncode == 0
    report = _aims_lint(root, "report", "--today", TODAY, "--baseline", ".aims-lint-baseline.json", "-o", "r.html")
    accepted = sum(entry["count"] for entry in json.loads((root / ".aims-lint-baseline.json").read_text(encoding="utf-8"))["findings"])
    assert report.returncode == 0 and f"Accepted by baseline: the auditor will still see these ({accepted})" in (root / "r.html").read_text(encoding="utf-8")
    data = json.loads(_aims_lint(root, "check", "--today", TODAY, "--baseline", ".aims-lint-baseline.json", "--format", "json").stdout)
    assert data["findings"] == [] and data["summary"]["baselined"] == accepted
    assert len(data["summary"]["readiness"]["accepted_by_baseline"]) == accepted


def test_the_job_summary_escapes_document_text(tmp_path):
    from aims_lint.config import Config
    from aims_lint.reporters import Report
    from aims_lint.reporters.summary import render_summary

    finding = _finding("owner '[click](https://evil.example) <b>x</b>' is vague", line=7, path="docs/a b.md")
    result = Result(findings=[finding], files_checked=1, documents_checked=1)
    config = Config(root=tmp_path)
    os.environ.update({"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"})
    try:
        text = render_summary(result, Report(root=tmp_path), config)
    finally:
        os.environ.pop("GITHUB_REPOSITORY"), os.environ.pop("GITHUB_SHA")
    assert "❌ Failed" in text and "[docs/a b.md:7](https://github.com/o/r/blob/abc/docs/a%20b.md#L7)" in text
    assert "\\[click\\]\\(https://evil.example\\) \\<b\\>x\\</b\\>" in text and "<b>" not in text


def test_a_baseline_made_today_still_holds_next_month(tmp_path):
    """Overdue counts change every day ("(91 days ago)"); the gap does not: only what fell
    due since the baseline was made is new (a review, an objective's deadline)."""
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims", root)
    assert _aims_lint(root, "baseline", "--today", TODAY).returncode == 0
    later = _aims_lint(root, "check", "--today", "2027-01-15", "-q", "--baseline", ".aims-lint-baseline.json")
    new = [line for line in later.stdout.splitlines() if not line.startswith("    also at")]
    assert new[0] == "planning/objectives.md:10:14: DOC007 [advisory] review overdue: next_review was due on 2026-12-15 (31 days ago)"
    # The objective due 2026-12-31 has passed its deadline since: the OBJ005 finding now
    # names two objectives, a gap the baseline has not seen.
    assert [line.split(" ")[1] for line in new] == ["DOC007", "OBJ005"] and "due 2026-12-31" in new[1]


def test_the_base_is_every_file_of_the_commit_whatever_its_export_attributes(tmp_path):
    """A configuration change makes the base be read from git: files marked export-ignore
    (which git archive leaves out) are part of it, so nothing about them is new."""
    root = _repository(tmp_path, "aims-complete")
    (root / ".gitattributes").write_text("impact/** export-ignore\nrecords/** export-ignore\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "attributes")
    config = root / ".aims-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    _git(root, "add", "-A")
    result = _aims_lint(root, "check", "--staged", "--today", TODAY, "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No new finding compared with HEAD")


def test_deleting_a_file_a_document_links_to_is_blamed_even_when_it_is_not_markdown(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims-complete", root)
    (root / "evidence").mkdir()
    (root / "evidence" / "fairness-report.pdf").write_bytes(b"%PDF-1.4\n")
    scope = root / "scope.md"
    scope.write_text(scope.read_text(encoding="utf-8") + "\nEvidence: [fairness report](evidence/fairness-report.pdf).\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    assert _aims_lint(root, "check", "--today", TODAY, "-q").returncode == 0
    _git(root, "rm", "-q", "evidence/fairness-report.pdf")
    result = _aims_lint(root, "check", "--staged", "--today", TODAY, "-q")
    assert result.returncode == 1
    assert "scope.md:" in result.stdout and "DOC011 [minor] link to 'evidence/fairness-report.pdf' does not exist" in result.stdout
