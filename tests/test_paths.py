"""Where findings are shown. Text, JSON, JUnit and --stdin-filename output give paths
relative to the folder aims-lint runs in (as Ruff does), so that an editor's quickfix
list and a terminal's links resolve from a sub-folder of the repository and for files
outside it; SARIF and GitHub annotations keep repository-relative paths (SARIF's
SRCROOT, GitHub's checkout). A finding about the repository as a whole (a mandatory
document missing) points at a real file: the configuration, or the document that
should hold the missing item; never at ".:1:1"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aims"
TODAY = "2026-06-01"


def _check(cwd: Path, *args: str, stdin: str | None = None, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "FORCE_COLOR")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "aims_lint", "check", "--today", TODAY, "--no-cache", *args],
        cwd=cwd, capture_output=True, text=True, input=stdin, env=env,
    )


@pytest.fixture
def aims(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def aims_without_records(aims):
    """The example without its nonconformity log and internal audits: findings about the
    repository as a whole (AIMS001, AIMS002)."""
    (aims / "records" / "nonconformity-log-2026.md").unlink()
    for audit in (aims / "records").glob("internal-audit-*.md"):
        audit.unlink()
    return aims


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": " in line and line.split(":", 1)[0].endswith(".md")]


def test_text_paths_are_relative_to_the_current_folder(aims):
    at_root = _check(aims).stdout
    below = _check(aims / "planning").stdout
    assert "planning/soa.md:18:94: TRC001" in at_root
    assert "\nsoa.md:18:94: TRC001" in below  # a file of this folder: its name
    assert "\n../impact/credit-scoring.md:9:16: DOC007" in "\n" + below  # elsewhere in the repository
    # A finding's other places too.
    assert "    also at soa.md:19:138" in below and "    also at planning/soa.md:19:138" in at_root
    assert [line.split(" ", 1)[1] for line in at_root.splitlines() if " TRC001 " in line] == [
        line.split(" ", 1)[1] for line in below.splitlines() if " TRC001 " in line
    ]


def test_paths_of_files_outside_the_current_folder(aims):
    other = aims.parent / "elsewhere"
    other.mkdir()
    run = _check(other, "../aims/planning/soa.md")
    assert run.stdout.startswith("../aims/planning/soa.md:")


def test_json_and_junit_paths_are_relative_to_the_current_folder(aims):
    findings = json.loads(_check(aims / "planning", "--format", "json").stdout)["findings"]
    paths = {finding["path"] for finding in findings}
    assert "soa.md" in paths and "../impact/credit-scoring.md" in paths
    trc = next(finding for finding in findings if finding["code"] == "TRC001")
    assert {location["path"] for location in trc["locations"]} == {"soa.md"}
    tree = ElementTree.fromstring(_check(aims / "planning", "--format", "junit").stdout)
    names = {case.get("name") for case in tree.iter("testcase")}
    assert "soa.md" in names and "../impact/credit-scoring.md" in names


def test_sarif_and_github_keep_repository_relative_paths(aims_without_records):
    aims = aims_without_records
    sarif = json.loads(_check(aims / "planning", "--format", "sarif").stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]
    }
    assert "planning/soa.md" in uris and "impact/credit-scoring.md" in uris
    assert not any(uri.startswith("..") for uri in uris)
    # GitHub's annotations are relative to the checkout, wherever aims-lint runs in it.
    github = _check(aims / "planning", "--format", "github", GITHUB_WORKSPACE=str(aims)).stdout
    assert "file=planning/soa.md," in github and "file=.aims-lint.yaml," in github and "file=../" not in github


def test_stdin_filename_output_is_relative_to_the_current_folder(aims):
    text = (aims / "planning" / "soa.md").read_text(encoding="utf-8")
    below = _check(aims / "planning", "--stdin-filename", "soa.md", stdin=text).stdout
    assert below.startswith("soa.md:")
    at_root = _check(aims, "--stdin-filename", "planning/soa.md", stdin=text).stdout
    assert at_root.startswith("planning/soa.md:")


def test_repository_findings_point_at_the_configuration_file(aims_without_records):
    aims = aims_without_records
    out = _check(aims).stdout
    assert ".:1:1" not in out
    assert ".aims-lint.yaml:1:1: AIMS001 [major] no record of nonconformities" in out
    assert ".aims-lint.yaml:1:1: AIMS002 [advisory]" in out
    assert "../.aims-lint.yaml:1:1: AIMS001" in _check(aims / "planning").stdout
    findings = json.loads(_check(aims, "--format", "json").stdout)["findings"]
    aims001 = next(finding for finding in findings if finding["code"] == "AIMS001")
    assert aims001["path"] == ".aims-lint.yaml" and aims001["repository"] is True
    assert "repository" not in next(finding for finding in findings if finding["code"] == "TRC001")


def test_without_a_configuration_repository_findings_point_at_the_scope(aims_without_records):
    aims = aims_without_records
    (aims / ".aims-lint.yaml").unlink()
    (aims / ".git").mkdir()
    out = _check(aims).stdout
    assert "scope.md:1:1: AIMS001 [major] no record of nonconformities" in out and ".:1:1" not in out


def test_a_run_over_a_few_files_has_no_repository_findings(aims):
    out = _check(aims, "planning/soa.md").stdout
    assert "AIMS001" not in out and "AIMS002" not in out


def test_the_readiness_and_plan_still_read_repository_findings_as_such(aims_without_records):
    aims = aims_without_records
    out = _check(aims).stdout
    # The summary lists a repository finding by its code alone, not as a place.
    assert ".aims-lint.yaml:1" not in out.split("Readiness:", 1)[-1]
    plan = subprocess.run(
        [sys.executable, "-m", "aims_lint", "plan", "--today", TODAY, "--no-cache"], cwd=aims, capture_output=True, text=True
    ).stdout
    assert "AIMS001 [major] .aims-lint.yaml  " in plan


# -- the readiness summary, the plan, the report and the baseline's notes -------------
#
# Every path a person reads follows the findings' rule (aims_lint.reporters.Report.display):
# the readiness summary of text and JSON, `aims-lint plan` (text and JSON), the baseline's
# notes on stderr. The HTML report and GitHub's job summary are read away from any current
# folder: they keep repository-relative names (the report's links are relative to where
# it is written).


def _aims_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "aims_lint", args[0], "--today", TODAY, "--no-cache", *args[1:]],
        cwd=cwd, capture_output=True, text=True, env=env,
    )


@pytest.fixture
def accepted(aims):
    """The example with every finding in a baseline, TRC001 suppressed in the SoA and the
    management review that followed the audit gone (a blocker naming a file)."""
    assert _aims_lint(aims, "baseline").returncode == 0
    soa = aims / "planning" / "soa.md"
    soa.write_text(
        soa.read_text(encoding="utf-8") + "\n<!-- aims-lint-disable-file TRC001 -- document ids issued in Q3 -->\n",
        encoding="utf-8",
    )
    (aims / "records" / "management-review-2026-07.md").unlink()
    return aims


def test_the_readiness_summary_names_files_relative_to_the_current_folder(accepted):
    args = ("check", "--baseline", str(accepted / ".aims-lint-baseline.json"))
    at_root = _aims_lint(accepted, *args).stdout.split("Accepted by suppression", 1)[1]
    below = _aims_lint(accepted / "planning", *args).stdout.split("Accepted by suppression", 1)[1]
    assert "\n  planning/soa.md:18 TRC001 [minor]" in at_root and "\n  soa.md:18 TRC001 [minor]" in below
    assert "\n  impact/credit-scoring.md:9 DOC007 [minor]" in at_root
    assert "\n  ../impact/credit-scoring.md:9 DOC007 [minor]" in below
    # The verdict's reasons: accepted majors and the records it read.
    assert "(POL001 ../policies/ai-policy.md:23, MRV007 ../records/management-review-2026-04.md:3," in below
    assert "the management review ../records/management-review-2026-04.md has no date" in below
    assert "the management review records/management-review-2026-04.md has no date" in at_root


def test_the_json_summary_names_files_relative_to_the_current_folder(accepted):
    run = _aims_lint(accepted / "planning", "check", "--format", "json", "--baseline", "../.aims-lint-baseline.json")
    readiness = json.loads(run.stdout)["summary"]["readiness"]
    assert {finding["path"] for finding in readiness["accepted_by_suppression"]} == {"soa.md"}
    assert "../policies/ai-policy.md" in {finding["path"] for finding in readiness["accepted_by_baseline"]}
    assert any("../records/management-review-2026-04.md" in blocker for blocker in readiness["blockers"])
    blocking = [finding for milestone in readiness["plan"]["milestones"] for finding in milestone["blocked_by"]]
    assert blocking and not any(finding["path"].startswith(("planning/", "policies/")) for finding in blocking)


def test_the_plan_names_files_relative_to_the_current_folder(aims):
    at_root = _aims_lint(aims, "plan").stdout
    below = _aims_lint(aims / "planning", "plan").stdout
    assert "POL001 [major] policies/ai-policy.md:23  " in at_root
    assert "POL001 [major] ../policies/ai-policy.md:23  " in below
    assert "TRC001 [minor] soa.md:18  " in below and "TRC001 [minor] planning/soa.md:18  " in at_root
    # The same plan otherwise: the owners of the documents are found from anywhere.
    owners = [line for line in at_root.splitlines() if "owners:" in line]
    assert owners == [line for line in below.splitlines() if "owners:" in line]


def test_the_plan_json_carries_each_findings_other_places(aims):
    def blocking(cwd: Path) -> list[dict]:
        plan = json.loads(_aims_lint(cwd, "plan", "--format", "json").stdout)
        return [finding for milestone in plan["plan"]["milestones"] for finding in milestone["blocked_by"]]

    at_root, below = blocking(aims), blocking(aims / "planning")
    trc = next(finding for finding in at_root if finding["code"] == "TRC001" and finding["line"] == 18)
    assert trc["path"] == "planning/soa.md"
    assert {"path": "planning/soa.md", "line": 19, "column": 138} .items() <= trc["locations"][0].items()
    # As `check --format json` gives them, from where it runs.
    findings = json.loads(_check(aims / "planning", "--format", "json").stdout)["findings"]
    checked = next(finding for finding in findings if finding["code"] == "TRC001" and finding["line"] == 18)
    planned = next(finding for finding in below if finding["code"] == "TRC001" and finding["line"] == 18)
    assert planned["path"] == checked["path"] == "soa.md"
    assert planned["locations"] == checked["locations"] and planned["locations"][0]["path"] == "soa.md"
    assert all(finding["locations"] == [] for finding in below if finding["code"] == "POL002")


def test_the_baseline_notes_name_files_relative_to_the_current_folder(aims):
    assert _aims_lint(aims, "baseline").returncode == 0
    with open(aims / ".aims-lint.yaml", "a", encoding="utf-8") as stream:
        stream.write("\nbaseline: .aims-lint-baseline.json\n")
    for audit in (aims / "records").glob("internal-audit-*.md"):
        audit.unlink()
    below = _aims_lint(aims / "planning", "check").stderr
    assert "note: ../.aims-lint-baseline.json: unused baseline entry: ../records/internal-audit-2026-03.md: IAU001" in below
    at_root = _aims_lint(aims, "check").stderr
    assert "note: .aims-lint-baseline.json: unused baseline entry: records/internal-audit-2026-03.md: IAU001" in at_root
    # The baseline file itself stays keyed on repository-relative paths, wherever it is written from.
    assert _aims_lint(aims / "planning", "baseline").returncode == 0
    paths = {entry["path"] for entry in json.loads((aims / ".aims-lint-baseline.json").read_text())["findings"]}
    assert "planning/soa.md" in paths and not any(path.startswith("..") for path in paths)


def test_the_html_report_is_the_same_from_any_folder(aims, tmp_path):
    """A page to mail or archive is read away from any current folder: repository-relative
    names, links relative to where it is written; the same page wherever it is made."""
    output = tmp_path / "readiness.html"
    _aims_lint(aims, "report", "-o", str(output))
    at_root = output.read_text(encoding="utf-8")
    _aims_lint(aims / "planning", "report", "-o", str(output))
    assert output.read_text(encoding="utf-8") == at_root
    assert '<a href="aims/planning/soa.md">planning/soa.md:18</a>' in at_root  # linked from the report's folder


def test_github_formats_keep_repository_relative_names_in_the_readiness_line(aims, tmp_path):
    (aims / "records" / "management-review-2026-07.md").unlink()
    summary = tmp_path / "summary.md"
    github = _check(aims / "planning", "--format", "github", "--summary-file", str(summary), GITHUB_WORKSPACE=str(aims))
    reason = "the management review records/management-review-2026-04.md has no date"
    assert reason in github.stdout.splitlines()[-1]
    assert reason in summary.read_text(encoding="utf-8")
    # The job summary is read on GitHub, whatever format prints the findings.
    _check(aims / "planning", "-q", "--summary-file", str(summary))
    assert "../records/" not in summary.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_staged_changes_are_shown_relative_to_the_current_folder(aims):
    """With unstaged edits the index is linted in a copy made elsewhere: its findings
    are still shown from here, never at the copy's (deleted) place."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=aims, check=True)
    subprocess.run([*git, "add", "-A"], cwd=aims, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=aims, check=True)
    objectives = aims / "planning" / "objectives.md"
    objectives.write_text(objectives.read_text(encoding="utf-8") + "| Be great | Ensure quality | | | | |\n", encoding="utf-8")
    subprocess.run([*git, "add", "planning/objectives.md"], cwd=aims, check=True)
    objectives.write_text(objectives.read_text(encoding="utf-8") + "\nAn edit not staged.\n", encoding="utf-8")
    below = _check(aims / "planning", "--staged").stdout
    assert below.startswith("objectives.md:") and "aims-lint-" not in below
    assert _check(aims, "--staged").stdout.startswith("planning/objectives.md:")
