"""Objectives (6.2) read against the monitoring and measurement results (9.1), across
the repository, from the facts cache (``aims_lint.reading.records``): shared by OBJ005,
OBJ006 and OBJ007."""

from __future__ import annotations

from aims_lint.reading import templates
from aims_lint.reading.matching import ObjectiveMatcher
from aims_lint.reading.records import (
    OBJECTIVES_FACT, OBJECTIVES_SHAPE, RESULTS_FACT, RESULTS_SHAPE, objective_facts, results,
)

OBJECTIVES_TYPE = "ai-objectives"
# Documents that report measured results: records (monitoring reports, dashboards,
# test reports) and management-review minutes. Procedures and policies describe KPIs
# and their targets ("Target value"), not results; reading only records also keeps a
# cold run from parsing every document twice.
RESULT_TYPES = frozenset({"record", "management-review"})
_RESULT_TYPE_WORDS = ("monitor", "measure", "kpi", "metric", "dashboard", "report", "test")


def reports_results(doc_type: str) -> bool:
    return doc_type in RESULT_TYPES or any(word in doc_type for word in _RESULT_TYPE_WORDS)


def _read(workspace):
    objectives = []  # (relpath, [id, name, target, due, result, line])
    found = []  # (relpath, [ref, value, target, missed, action, line])
    for relpath, (doc_type, _) in sorted(workspace.index().items()):
        if not doc_type:
            continue
        if workspace.fact(relpath, templates.STATE_FACT, templates.state, str) == templates.UNFILLED:
            continue
        if doc_type == OBJECTIVES_TYPE:
            objectives += [(relpath, item) for item in workspace.fact(relpath, OBJECTIVES_FACT, objective_facts, OBJECTIVES_SHAPE) or []]
        elif reports_results(doc_type):
            found += [(relpath, item) for item in workspace.fact(relpath, RESULTS_FACT, results, RESULTS_SHAPE) or []]
    return objectives, found


def read(workspace):
    """(objectives, results) of the repository, once per run."""
    return workspace.memo("objectives.results", _read)


def matcher(workspace) -> ObjectiveMatcher:
    """The repository's objectives, to find the one a result speaks of (by id, name or
    metric: ``aims_lint.reading.matching``), once per run."""
    return workspace.memo("objectives.matcher", lambda workspace: ObjectiveMatcher(read(workspace)[0]))
