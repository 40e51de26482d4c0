"""The GitHub Action as a policy repository uses it: action.yml and the documented
workflow validate against GitHub's published schemas (shipped inside check-jsonschema,
so no network), inputs reach the shell only through the environment, and the action's
lint step (action/run.sh) lints what was asked, annotates it and writes SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from .test_document_control import GOOD, with_keys
from .test_reporters import SCHEMA as SARIF_SCHEMA

PROJECT = Path(__file__).resolve().parent.parent
ACTION = PROJECT / "action.yml"
EXAMPLE_WORKFLOW = PROJECT / "docs" / "examples" / "aims-lint.yml"
RUN_SCRIPT = PROJECT / "action" / "run.sh"
AIMS_LINT = Path(sys.executable).parent / "aims-lint"


def _load(path: Path):
    return YAML(typ="safe", pure=True).load(path)


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-actions", ACTION), ("vendor.github-workflows", EXAMPLE_WORKFLOW)],
    ids=["action.yml", "example-workflow"],
)
def test_validates_against_githubs_schema(schema, path):
    result = _check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_documented_workflows_are_the_validated_ones(tmp_path):
    example = EXAMPLE_WORKFLOW.read_text(encoding="utf-8")
    body = example[example.index("name: aims-lint"):]
    assert body in (PROJECT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    readme = (PROJECT / "README.md").read_text(encoding="utf-8").split("\n## GitHub Actions\n", 1)[1]
    snippet = tmp_path / "readme-workflow.yml"
    snippet.write_text(readme.split("```yaml\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    result = _check_jsonschema("vendor.github-workflows", snippet)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "action.yml"
    broken.write_text("name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n", encoding="utf-8")
    assert _check_jsonschema("vendor.github-actions", broken).returncode == 1  # a run step needs a shell


def test_inputs_reach_scripts_only_through_the_environment():
    for step in _load(ACTION)["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], f"step {step.get('name')!r} splices an expression into its script"


def test_the_example_workflow_uses_only_inputs_the_action_declares():
    inputs = set(_load(ACTION)["inputs"])
    assert {"paths", "base-ref", "fail-on", "sarif-file", "args", "version"} <= inputs
    steps = _load(EXAMPLE_WORKFLOW)["jobs"]["aims-lint"]["steps"]
    (lint,) = [step for step in steps if "aims-lint@" in step.get("uses", "")]
    assert set(lint["with"]) <= inputs


@pytest.fixture
def pull_request(tmp_path):
    """A policy repository: main with two documents, a branch that changes one of them
    (still with a gap) and a text file; the other document on main has a gap too."""
    root = tmp_path / "aims"
    (root / "policies").mkdir(parents=True)
    (root / ".aims-lint.toml").write_text("", encoding="utf-8")
    (root / "policies" / "old.md").write_text(with_keys(owner="everyone", id="POL-OLD", next_review="2099-01-01"), encoding="utf-8")
    (root / "policies" / "changed.md").write_text(GOOD.replace("2027-01-10", "2099-01-10"), encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    subprocess.run([*git, "checkout", "-qb", "topic"], cwd=root, check=True)
    (root / "policies" / "changed.md").write_text(with_keys(owner="all staff", next_review="2099-01-10"), encoding="utf-8")
    (root / "notes.txt").write_text("owner: everyone\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "change"], cwd=root, check=True)
    return root


def _run_action(root: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, str]:
    output = root.parent / "github-output"
    output.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.update({"AIMS_LINT": str(AIMS_LINT), "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(root), "NO_COLOR": "1"})
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    result = subprocess.run(["bash", str(RUN_SCRIPT)], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    return result, output.read_text(encoding="utf-8")


def test_base_ref_lints_only_the_markdown_files_changed_since_it(pull_request):
    result, outputs = _run_action(pull_request, base_ref="main", sarif_file="reports/aims-lint.sarif")
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::warning file=policies/changed.md,line=5,col=8,title=DOC009 vague-owner (5.3%2C minor)::"
        "owner 'all staff' is not a named role: name the role accountable for it (e.g. 'AI Governance Lead')"
    ]
    sarif = json.loads((pull_request / "reports" / "aims-lint.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, SARIF_SCHEMA)
    located = [entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for entry in sarif["runs"][0]["results"]]
    assert located == ["policies/changed.md"]
    assert outputs == "sarif-file=reports/aims-lint.sarif\n"


def test_without_base_ref_every_file_is_linted_and_fail_on_is_passed(pull_request):
    result, _ = _run_action(pull_request)
    assert result.returncode == 1
    assert [line.split(",")[0] for line in result.stdout.splitlines() if line.startswith("::")] == [
        "::warning file=policies/changed.md", "::warning file=policies/old.md",
    ]
    result, _ = _run_action(pull_request, fail_on="major", paths="policies/old.md")
    assert result.returncode == 0 and "file=policies/old.md" in result.stdout and "changed.md" not in result.stdout


def test_no_change_passes_with_an_empty_sarif_report(pull_request):
    result, outputs = _run_action(pull_request, base_ref="HEAD", sarif_file="out.sarif")
    assert result.returncode == 0
    assert result.stdout == (
        "aims-lint: 0 new findings (0 major, 0 minor, 0 advisory) compared with HEAD; 2 existing not blamed on this "
        "change; 0 fixed\n"
    )
    sarif = json.loads((pull_request / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, SARIF_SCHEMA)
    assert sarif["runs"][0]["results"] == [] and outputs == "sarif-file=out.sarif\n"


def test_inputs_are_data_not_shell(pull_request):
    result, _ = _run_action(pull_request, paths="$(touch injected) `touch injected2` *", args="--today 2026-06-01")
    assert result.returncode == 2  # no such files: a usage error, nothing executed or globbed
    assert "$(touch: no such file or folder" in result.stderr
    assert not (pull_request / "injected").exists() and not (pull_request / "injected2").exists()


def test_an_unknown_base_ref_is_an_annotated_error(pull_request):
    result, _ = _run_action(pull_request, base_ref="no-such-branch")
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=aims-lint::base-ref 'no-such-branch' is not a commit")


def test_a_base_ref_with_a_line_break_is_refused_in_one_escaped_line(pull_request):
    result, _ = _run_action(pull_request, base_ref="main\n::warning::forged")
    assert result.returncode == 2
    assert result.stdout == "::error title=aims-lint::base-ref 'main%0A::warning::forged' is not a branch, tag or commit name\n"
