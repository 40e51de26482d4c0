"""What aims-lint asks git: the files a commit is about to change.

File names come back NUL-separated and become paths inside aims-lint: they never pass
through a command line, where a name such as ``-opolicies/x.md`` or ``--config=x.md``
would be read as an option.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from aims_lint.workspace import MARKDOWN_SUFFIXES


class GitError(Exception):
    """git is missing, or the folder is not in a git repository (a usage error)."""


def staged_markdown_files(cwd: Path) -> list[Path]:
    """The Markdown files under ``cwd`` that the index adds, copies, modifies or renames
    (what ``git commit`` would record), as paths relative to ``cwd``."""
    try:
        completed = subprocess.run(
            ["git", "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--relative", "--"],
            cwd=cwd, capture_output=True, check=False,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git cannot list the staged files: {reason[0] if reason else 'exit ' + str(completed.returncode)}")
    names = [name for name in completed.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
    return [Path(name) for name in names if name.lower().endswith(MARKDOWN_SUFFIXES)]
