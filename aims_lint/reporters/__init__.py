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

    def readiness(self, result: Result):
        """The run's audit readiness (aims_lint.readiness), for reporters that show it."""
        from aims_lint.readiness import assess

        cached = getattr(self, "_readiness", None)
        if cached is None or cached[0] is not result:
            cached = self._readiness = (
                result, assess(result, self.stage2_date, self.today or _dt.date.today(), self.planning)
            )
        return cached[1]


def render(format_name: str, result: Result, report: Report) -> str:
    module = importlib.import_module(f"aims_lint.reporters.{format_name}")
    return module.render(result, report)
