"""Reporters turn a Result into text for people or machines. Each module has one
``render(result, report) -> str``; only the chosen one is imported."""

from __future__ import annotations

import datetime as _dt
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from aims_lint.findings import Result
from aims_lint.rule import Rule

FORMATS = ("text", "json", "github", "sarif", "junit")


@dataclass
class Report:
    """What a reporter needs besides the result."""

    root: Path
    rules: dict[str, Rule] = field(default_factory=dict)  # every known rule by code
    enabled: list[Rule] = field(default_factory=list)
    show_suppressed: bool = False
    statistics: bool = False
    quiet: bool = False
    color: bool = False
    fail_on: str = "minor"
    stage2_date: _dt.date | None = None  # from the configuration: the readiness verdict
    today: _dt.date | None = None  # the run's today (--today); None: the real date
    planning: dict[str, int] | None = None  # the configuration's planning settings
    # The folder aims-lint runs in: text, JSON and JUnit show paths relative to it (as
    # Ruff does), findings and the readiness summary alike, so that an editor's quickfix
    # list and a terminal's links resolve from a sub-folder too; SARIF and GitHub keep
    # repository-relative paths, as those formats require (the command leaves it None
    # for them). None: repository-relative everywhere.
    cwd: Path | None = None

    def display(self, relpath: str) -> str:
        """A repository-relative path as the reader in ``cwd`` reaches it (forward slashes)."""
        if self.cwd is None or relpath == ".":
            return relpath
        import os
        import posixpath

        root = os.path.abspath(self.root)
        cwd = os.path.abspath(self.cwd)
        if root == cwd:
            return relpath
        target = os.path.join(root, *relpath.split("/")) if not posixpath.isabs(relpath) else relpath
        try:
            return Path(os.path.relpath(target, cwd)).as_posix()
        except ValueError:  # another drive (Windows): the absolute path
            return Path(target).as_posix()

    def displayed(self, finding):
        """The finding with its paths (and its locations' paths) as ``display`` shows them."""
        return finding if self.relative_to_root else finding.with_paths(self.display)

    @property
    def relative_to_root(self) -> bool:
        """Paths are shown as they are (repository-relative): no ``cwd``, or ``cwd`` is the root."""
        return self.cwd is None or os_same(self.root, self.cwd)

    def readiness(self, result: Result):
        """The run's audit readiness (aims_lint.readiness), for reporters that show it,
        with the paths in it (findings, reasons) as ``display`` shows them."""
        from aims_lint.readiness import assess

        cached = getattr(self, "_readiness", None)
        if cached is None or cached[0] is not result:
            display = None if self.relative_to_root else self.display
            cached = self._readiness = (
                result, assess(result, self.stage2_date, self.today or _dt.date.today(), self.planning, display)
            )
        return cached[1]


def os_same(first: Path, second: Path) -> bool:
    import os

    return os.path.abspath(first) == os.path.abspath(second)


def render(format_name: str, result: Result, report: Report) -> str:
    module = importlib.import_module(f"aims_lint.reporters.{format_name}")
    return module.render(result, report)
