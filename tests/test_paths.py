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
