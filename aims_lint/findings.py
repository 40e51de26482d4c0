"""What a run produces: findings, errors and notes, independent of how they are printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aims_lint.config import CLASSIFICATIONS


@dataclass(frozen=True)
class Location:
    """Another place where a finding's gap shows (SARIF's related location)."""

    path: str  # as Finding.path
    line: int
    column: int
    message: str | None = None  # what is there, in a few words; None: the finding's own

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.message or "")

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@dataclass
class Finding:
    path: str  # relative to the repository root, forward slashes
    line: int
    column: int
    code: str
    name: str
    clause: str
    classification: str
    message: str
    remediation: str = ""
    suppressed: bool = False
    suppression_reason: str | None = None
    # Accepted by the baseline (aims_lint.baseline): not reported, not failing the run,
    # but still counted by the readiness summary, since the auditor still sees it.
    baselined: bool = False
    # The other places where the same gap shows, in order, without the primary one
    # (path/line/column above). A directive covering one of them in the finding's own
    # document takes that place out of the finding (aims_lint.suppress).
    locations: list[Location] = field(default_factory=list)
    # About the repository as a whole (a mandatory document missing): shown at a real
    # file (the configuration, or the document that should hold the missing item), kept
    # to runs over the repository, never to a run over a few files.
    repository: bool = False

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message, tuple(item.sort_key() for item in self.locations))

    def with_paths(self, display) -> Finding:
        """This finding with its path and its other places' paths as ``display`` (a
        function of a repository-relative path, e.g. ``Report.display``) shows them."""
        import dataclasses

        locations = [dataclasses.replace(item, path=display(item.path)) for item in self.locations]
        return dataclasses.replace(self, path=display(self.path), locations=locations)

    def as_json(self) -> dict[str, Any]:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "clause": self.clause,
            "classification": self.classification,
            "message": self.message,
            "remediation": self.remediation,
            "locations": [item.as_json() for item in self.locations],
        }
        if self.repository:
            data["repository"] = True
        if self.suppressed:
            data["suppressed"] = True
            data["suppression_reason"] = self.suppression_reason
        if self.baselined:
            data["baselined"] = True
        return data


@dataclass
class RunError:
    """A file that could not be linted or a rule that crashed (exit 2)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # skipped files and the like (stderr, no exit change)
    files_checked: int = 0
    documents_checked: int = 0  # files with a governance type
    linted: list[str] = field(default_factory=list)  # the relative paths of the files checked
    # Front matter ``owner`` of each linted governance document that names one (the
    # plan and the report say who closes a finding); relpath -> owner.
    owners: dict[str, str] = field(default_factory=dict)
    # False when only some files were linted (pre-commit, an editor buffer): a readiness
    # verdict then speaks for those files, not for the AIMS.
    whole_repository: bool = True
    # What the readiness verdict knows of the repository's records (aims_lint.evidence):
    # collected on runs over the repository, None on runs over a few files.
    evidence: Any = None
    # A run that judges a change (check --new-since, --staged): aims_lint.changes.Comparison.
    # Its findings are those the change introduces; no readiness verdict is given.
    comparison: Any = None
    # Documents whose findings an earlier state's still are (runner.run's ``reach``): not
    # judged, so not in ``findings``; and this state's aims_lint.results.Reach when asked.
    untouched: frozenset = frozenset()
    reach: Any = None

    @property
    def active(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.suppressed and not finding.baselined]

    @property
    def suppressed(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.suppressed]

    @property
    def baselined(self) -> list[Finding]:
        """Findings the baseline accepts (and that no inline directive suppresses)."""
        return [finding for finding in self.findings if finding.baselined and not finding.suppressed]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CLASSIFICATIONS, 0)
        for finding in self.active:
            counts[finding.classification] += 1
        return counts

    def summary(self) -> dict[str, Any]:
        by_code: dict[str, int] = {}
        for finding in self.active:
            by_code[finding.code] = by_code.get(finding.code, 0) + 1
        return {
            "files": self.files_checked,
            "documents": self.documents_checked,
            "findings": len(self.active),
            "by_classification": self.counts(),
            "by_code": dict(sorted(by_code.items())),
            "suppressed": len(self.suppressed),
            "baselined": len(self.baselined),
            "errors": [str(error) for error in self.errors],
        }

    def fails(self, threshold: str) -> bool:
        """True when an active finding is at least as severe as ``threshold``."""
        limit = CLASSIFICATIONS.index(threshold)
        return any(CLASSIFICATIONS.index(finding.classification) <= limit for finding in self.active)
