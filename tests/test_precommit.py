"""The pre-commit hook as a policy repository uses it: the real ``pre-commit`` installs
aims-lint from this repository and runs it on the repository's Markdown files.

Slow (pre-commit builds a virtual environment and installs the package into it), so
marked ``slow``: ``.ci/run`` runs it; ``pytest -m "not slow"`` leaves it out locally.
Two pre-commit runs share one PRE_COMMIT_HOME, so the package is installed once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

PROJECT = Path(__file__).resolve().parent.parent

DOCUMENT = """---
id: PRC-AI-001
type: procedure
title: AI incident procedure
owner: {owner}
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-10
next_review: 2099-01-10
---
# AI incident procedure

Report AI incidents to the AI Governance Lead within one working day.
"""


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _pre_commit(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "aims-lint", "--all-files", "--color", "never"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def _readme_block(heading: str, language: str) -> str:
    """The first ``language`` code block under ``heading`` in the README."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_pre_commit_accepts_the_manifest_and_the_readme_snippet(tmp_path):
    snippet = tmp_path / ".pre-commit-config.yaml"
    snippet.write_text(_readme_block("## pre-commit", "yaml"), encoding="utf-8")
    for command, path in (("validate-manifest", PROJECT / ".pre-commit-hooks.yaml"), ("validate-config", snippet)):
        result = subprocess.run([sys.executable, "-m", "pre_commit", command, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "id: aims-lint" in snippet.read_text(encoding="utf-8")


def test_hook_manifest_takes_the_staged_files_from_git_not_from_its_command_line():
    (hook,) = YAML(typ="safe", pure=True).load(PROJECT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "aims-lint" and hook["language"] == "python"
    # Always run: pre-commit passes no deleted file and would skip a commit that only
    # deletes a document or changes the configuration; --staged decides what is relevant.
    assert "types" not in hook and "files" not in hook and hook["always_run"] is True and hook["pass_filenames"] is False
    assert hook["entry"] == "aims-lint check --staged" and hook["require_serial"] is True


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the module: pre-commit installs aims-lint into it once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _environment(pre_commit_home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)  # plain text output, whatever CI runs this
    return env


@pytest.mark.slow
def test_staged_file_names_that_look_like_options_stay_file_names(tmp_path, pre_commit_home):
    """A staged folder '-opolicies/' must not make the hook write its report over the
    policy, '-o..' must not write outside, '--config=evil.md' must not switch rules off."""
    policy_repo = tmp_path / "aims"
    (policy_repo / "policies").mkdir(parents=True)
    (policy_repo / ".aims-lint.yaml").write_text("roles: [AI Governance Lead, Chief Executive Officer]\n", encoding="utf-8")
    policy = policy_repo / "policies" / "ai-policy.md"
    policy.write_text(DOCUMENT.format(owner="AI Governance Lead"), encoding="utf-8")
    (policy_repo / "evil.md").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    for name in ("-opolicies/ai-policy.md", "-o../x.md", "--config=evil.md"):
        (policy_repo / name).parent.mkdir(parents=True, exist_ok=True)
        (policy_repo / name).write_text(DOCUMENT.format(owner="everyone").replace("PRC-AI-001", f"PRC-{len(name)}"), encoding="utf-8")
    _git(policy_repo, "init", "-q")
    _git(policy_repo, "add", "--", ".")
    policy_before = policy.read_bytes()

    result = _pre_commit(policy_repo, _environment(pre_commit_home))
    assert result.returncode == 1, result.stdout + result.stderr
    for name in ("-opolicies/ai-policy.md", "-o../x.md", "--config=evil.md"):
        assert f"{name}:5:8: DOC009 [minor] owner 'everyone' is not a named role" in result.stdout
    assert policy.read_bytes() == policy_before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["aims"]  # nothing written beside the repository


@pytest.mark.slow
def test_pre_commit_hook_fails_on_a_gap_and_passes_once_it_is_fixed(tmp_path, pre_commit_home):
    policy_repo = tmp_path / "aims"
    (policy_repo / "procedures").mkdir(parents=True)
    (policy_repo / ".aims-lint.yaml").write_text("roles: [AI Governance Lead, Chief Executive Officer]\n", encoding="utf-8")
    (policy_repo / "README.md").write_text("# Our AIMS\n", encoding="utf-8")
    (policy_repo / "notes.txt").write_text("owner: everyone (not Markdown: the hook ignores it)\n", encoding="utf-8")
    document = policy_repo / "procedures" / "incidents.md"
    document.write_text(DOCUMENT.format(owner="everyone"), encoding="utf-8")
    env = _environment(pre_commit_home)
    _git(policy_repo, "init", "-q")
    _git(policy_repo, "add", ".")

    failing = _pre_commit(policy_repo, env)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "procedures/incidents.md:5:8: DOC009 [minor] owner 'everyone' is not a named role" in failing.stdout

    document.write_text(DOCUMENT.format(owner="AI Governance Lead"), encoding="utf-8")
    _git(policy_repo, "add", ".")
    passing = _pre_commit(policy_repo, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "aims-lint" in passing.stdout and "Passed" in passing.stdout
