"""A Markdown summary of a run, for GitHub's job summary (``$GITHUB_STEP_SUMMARY``):
the verdict, the counts, and the findings with links to their lines.

Links point at ``https://github.com/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/<path>#L<line>``
when both variables are set (paths are made relative to the git root, where GitHub
counts them); without them the location is shown as text. Paths are shown
repository-relative, as GitHub annotations are, wherever aims-lint runs. Text from the documents is
escaped for Markdown and HTML: a finding's message cannot add a link, an image or markup.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from aims_lint.escape import printable

SHOWN = 100
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>&~])")


def _text(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(value, keep="")).replace("\n", " ")


def _prefix(root: Path) -> str:
    """The root's path inside the git repository ('' at the top), for links."""
    from aims_lint.config import find_git_root

    top = find_git_root(root)
    if top is None:
        return ""
    relative = os.path.relpath(root.resolve(), top.resolve()).replace(os.sep, "/")
    return "" if relative == "." else relative + "/"


def render_summary(result, report, config, comparison=None) -> str:
    import dataclasses

    # Read on GitHub, where no current folder exists: paths repository-relative, as in
    # GitHub's annotations, whatever folder the run was in.
    report = dataclasses.replace(report, cwd=None)
    repository, sha = os.environ.get("GITHUB_REPOSITORY", ""), os.environ.get("GITHUB_SHA", "")
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    prefix = _prefix(config.root)
    failed = result.fails(config.fail_on) or bool(result.errors)
    active = result.active
    counts = result.counts()
    lines = ["## aims-lint", ""]
    if comparison is not None:
        verdict = (
            f"❌ Failed: this change introduces findings at or above **{config.fail_on}**" if failed
            else f"✅ Passed: this change introduces no finding at or above **{config.fail_on}**"
        )
        lines.append(verdict + f" (compared with `{_text(comparison.base)}`).")
        lines.append("")
        lines.append(
            f"{len(active)} new ({counts['major']} major, {counts['minor']} minor, {counts['advisory']} advisory); "
            f"{comparison.existing} existing finding{'s' if comparison.existing != 1 else ''} not blamed on this change; "
            f"{comparison.fixed} fixed."
        )
    else:
        lines.append(f"{'❌ Failed' if failed else '✅ Passed'} (fail-on: **{config.fail_on}**).")
        lines.append("")
        lines.append(
            f"{len(active)} finding{'s' if len(active) != 1 else ''} ({counts['major']} major, {counts['minor']} minor, "
            f"{counts['advisory']} advisory) in {result.files_checked} files."
        )
        readiness = report.readiness(result)
        if readiness.verdict:
            lines.append("")
            lines.append(f"**Readiness:** {readiness.label}: {_text(readiness.reason or '')}")
        if result.baselined:
            lines.append("")
            lines.append(f"{len(result.baselined)} accepted by baseline (the auditor will still see them).")
    if result.errors:
        lines.append("")
        lines.append(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}: the run is incomplete.")
    if active:
        lines += ["", "| Where | Rule | Class | Finding |", "| --- | --- | --- | --- |"]
        for finding in active[:SHOWN]:
            where = f"{finding.path}:{finding.line}" if finding.path != "." else "repository"
            if repository and sha and finding.path != ".":
                url = f"{server}/{repository}/blob/{sha}/{quote(prefix + finding.path)}#L{finding.line}"
                cell = f"[{_text(where)}]({url})"
            else:
                cell = _text(where)
            lines.append(f"| {cell} | {_text(finding.code)} | {finding.classification} | {_text(finding.message)} |")
        if len(active) > SHOWN:
            lines.append("")
            lines.append(f"… and {len(active) - SHOWN} more.")
    return "\n".join(lines) + "\n\n"
