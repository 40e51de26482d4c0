"""Time the pre-commit hook on one-file commits in a generated repository of 1,000 documents.

The hook is installed by the real pre-commit from this checkout at its HEAD commit (so
commit first), caches warm. Each step appends a line to one document, stages it, and
times ``pre-commit run`` (whole process, as a developer waits for it), then commits
without the hook. The first commit starts the repository's resident checker
(aims_lint.resident), which serves the next ones; the same commits are then timed
without it (AIMS_LINT_RESIDENT=0: every run starts Python and imports aims-lint). Also
timed: pre-commit with a no-op hook, system and Python (pre-commit's own cost: for a
Python hook it also starts the hook's Python to check its environment), a commit that
stages no Markdown file, and a one-file commit whose base (HEAD's findings) is not kept,
as after a pull. The checker is stopped at the end.

Usage: python3 bench/hook.py [--commits N]   (after bench/setup.sh, which installs pre-commit)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
OUT = HERE / "out" / "hook"
PYTHON = HERE / ".venv" / "bin" / "python"
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def run(command: list[str], cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=check)


def git(cwd: Path, *args: str) -> None:
    run(["git", "-c", "user.email=bench@example.invalid", "-c", "user.name=bench", *args], cwd)


def timed(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    run(command, cwd, env, check=False)
    return time.perf_counter() - started


def repository(folder: Path, config: str) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    generate(1000, folder)
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "base", "--no-verify")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=7)
    arguments = parser.parse_args()
    if not PYTHON.exists() or run([str(PYTHON), "-c", "import pre_commit"], HERE, check=False).returncode:
        sys.exit("run bench/setup.sh first (it installs pre-commit)")
    head = run(["git", "rev-parse", "HEAD"], PROJECT).stdout.strip()
    env = dict(os.environ, PRE_COMMIT_HOME=str(OUT / "pre-commit-home"), NO_COLOR="1")
    for name in ("CI", "AIMS_LINT_RESIDENT"):  # as on a developer's machine, wherever this runs
        env.pop(name, None)
    pre_commit = [str(PYTHON), "-m", "pre_commit"]

    noop = repository(OUT / "noop", "repos:\n- repo: local\n  hooks:\n  - id: noop\n    name: noop\n    entry: 'true'\n"
                      "    language: system\n    always_run: true\n    pass_filenames: false\n"
                      # A Python hook costs pre-commit more than a system one: it checks the
                      # hook's virtual environment (starting its Python) on every run.
                      "  - id: noop-python\n    name: noop-python\n    entry: python -c pass\n"
                      "    language: python\n    always_run: true\n    pass_filenames: false\n")
    repo = repository(OUT / "repo", f"repos:\n- repo: {PROJECT}\n  rev: {head}\n  hooks:\n  - id: aims-lint\n")
    run([*pre_commit, "install-hooks"], repo, env)
    run([*pre_commit, "run"], repo, env, check=False)  # builds the caches (nothing staged: passes at once)
    # The hook's own installation, at this HEAD (pre-commit's store keeps earlier ones too).
    with contextlib.closing(sqlite3.connect(OUT / "pre-commit-home" / "db.db")) as store:
        (installed,) = store.execute("SELECT path FROM repos WHERE repo = ? AND ref = ?", (str(PROJECT), head)).fetchone()
    hook = next(Path(installed).glob("py_env-*/bin/aims-lint"))
    run([str(hook), "check", "-q", "--exit-zero", "."], repo, env)  # the caches warm

    def one_file_commit(number: int, environment: dict = env) -> float:
        document = repo / f"doc-{300 + number:05d}.md"
        with document.open("a", encoding="utf-8") as stream:
            stream.write(f"\nEdited paragraph {number}.\n")
        git(repo, "add", document.name)
        seconds = timed([*pre_commit, "run"], repo, environment)
        git(repo, "commit", "-qm", f"edit {number}", "--no-verify")
        return seconds

    # The first commit on this base keeps HEAD's findings for the next, and starts the
    # resident checker (in the background: it is ready well before the next commit).
    one_file_commit(0)
    time.sleep(2)
    commits = [one_file_commit(number) for number in range(1, arguments.commits + 1)]
    without = dict(env, AIMS_LINT_RESIDENT="0")
    in_process = [one_file_commit(number, without) for number in range(100, 100 + arguments.commits)]
    run([*pre_commit, "install-hooks"], noop, env)
    noop_times: dict[str, list[float]] = {"noop": [], "noop-python": []}
    for number in range(5):
        with (noop / "doc-00000.md").open("a", encoding="utf-8") as stream:
            stream.write(f"\nEdited {number}.\n")
        git(noop, "add", "doc-00000.md")
        for hook_id, times in noop_times.items():
            times.append(timed([*pre_commit, "run", hook_id], noop, env))
    (repo / "notes.txt").write_text("not a governance document\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    nothing = timed([*pre_commit, "run"], repo, env)
    git(repo, "commit", "-qm", "notes", "--no-verify")
    for kept in (repo / ".aims-lint-cache").glob("base-*.json"):
        kept.unlink()  # as after a pull: no state of HEAD kept
    after_pull = one_file_commit(arguments.commits + 1)
    run([str(hook), "resident", "--stop"], repo, env, check=False)

    print(f"one-file commit, pre-commit run (median of {len(commits)}): {statistics.median(commits):.3f} s "
          f"(min {min(commits):.3f}, max {max(commits):.3f})")
    print(f"the same without the resident checker (AIMS_LINT_RESIDENT=0): {statistics.median(in_process):.3f} s "
          f"(min {min(in_process):.3f}, max {max(in_process):.3f})")
    print(f"one-file commit right after a pull (HEAD's findings not kept): {after_pull:.3f} s")
    print(f"commit staging no Markdown, configuration or deletion: {nothing:.3f} s")
    print(f"pre-commit with a no-op hook (its own cost, median of 5): {statistics.median(noop_times['noop']):.3f} s; "
          f"with a no-op Python hook: {statistics.median(noop_times['noop-python']):.3f} s")


if __name__ == "__main__":
    main()
