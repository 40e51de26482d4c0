"""Run the enabled rules over the linted files and collect findings.

Order of a run: discover targets; per-document rules on each target; workspace rules
once (their findings kept for targets only); inline suppressions applied; rules that
judge the suppressions themselves; per-file ignores; sort.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from aims_lint import pack, suppress
from aims_lint.config import Config
from aims_lint.document import Document
from aims_lint.findings import Finding, Result, RunError
from aims_lint.rule import Problem, Rule, RuleContext
from aims_lint.workspace import MARKDOWN_SUFFIXES, Matcher, Workspace


class UsageError(Exception):
    """A problem with what the user asked for (exit 2)."""


def select_rules(config: Config, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    rules = rules if rules is not None else pack.load_rules()
    origin = str(config.file) if config.file else "options"
    for selectors in (config.select, config.extend_select, config.ignore, *config.per_file_ignores.values()):
        pack.check_selectors(selectors, rules, origin)
    return pack.enabled_rules(rules, config.select + config.extend_select, config.ignore)


def resolve_targets(workspace: Workspace, paths: list[Path]) -> list[str]:
    """Relative paths of the Markdown files to lint among ``paths`` (files or folders)."""
    if not paths:
        return list(workspace.paths())
    targets: list[str] = []
    for path in paths:
        relpath = workspace.relpath(path)
        if relpath in workspace.overrides:
            targets.append(relpath)
            continue
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            targets.extend(workspace.relpath(found) for found in workspace.walk(path))
        elif not path.name.lower().endswith(MARKDOWN_SUFFIXES):
            workspace.notes.append(f"{relpath}: skipped: not a Markdown file")
        elif workspace.is_excluded(relpath):
            continue
        elif not workspace.inside_root(path):
            workspace.notes.append(f"{relpath}: skipped: it resolves to a file outside the repository")
        else:
            targets.append(relpath)
    return list(dict.fromkeys(targets))


def run(
    config: Config,
    paths: list[Path],
    today: _dt.date,
    overrides: dict[str, bytes] | None = None,
    rules: list[Rule] | None = None,
) -> Result:
    enabled = rules if rules is not None else select_rules(config)
    workspace = Workspace(config, overrides)
    targets = resolve_targets(workspace, paths)
    workspace.targets = targets
    contexts = {item.code: RuleContext(item, config, today, pack.vocabulary, enabled, workspace) for item in enabled}
    document_rules = [item for item in enabled if item.scope == "document"]
    workspace_rules = [item for item in enabled if item.scope == "workspace"]
    suppression_rules = [item for item in enabled if item.scope == "suppressions"]
    result = Result()
    by_path: dict[str, list[Finding]] = {}
    documents: dict[str, Document] = {}

    for relpath in targets:
        doc = workspace.document(relpath)
        if doc is None:
            continue
        result.files_checked += 1
        documents[relpath] = doc
        if doc.doc_type:
            result.documents_checked += 1
        found = by_path.setdefault(relpath, [])
        for item in document_rules:
            if item.applies_to(doc.doc_type) and (doc.read_error is None or item.types == ("any",)):
                found.extend(_run_check(item, doc, contexts[item.code], result))

    for item in workspace_rules:
        for problem_doc, finding in _run_workspace_check(item, workspace, contexts[item.code], result):
            if problem_doc.relpath in documents or problem_doc.relpath == ".":
                by_path.setdefault(problem_doc.relpath, []).append(finding)

    for relpath, doc in documents.items():
        found = by_path.get(relpath, [])
        if doc.read_error is None:
            suppress.apply(found, doc.suppressions)
        if doc.doc_type:
            for item in suppression_rules:
                found.extend(_run_check(item, doc, contexts[item.code], result))

    ignores = [(Matcher([glob]), selectors) for glob, selectors in config.per_file_ignores.items()]
    for relpath, found in by_path.items():
        for finding in found:
            if any(matcher.match(relpath) and _selected(selectors, finding) for matcher, selectors in ignores):
                continue
            result.findings.append(finding)
    result.findings.sort(key=Finding.sort_key)
    result.notes.extend(workspace.notes)
    result.errors[:0] = [RunError(relpath, message) for relpath, message in workspace.errors]
    return result


def _selected(selectors: list[str], finding: Finding) -> bool:
    return any(
        selector == "ALL" or selector in (finding.code, finding.name) or finding.code.startswith(selector)
        for selector in selectors
    )


def _finding(item: Rule, relpath: str, problem: Problem) -> Finding:
    return Finding(
        path=relpath,
        line=problem.line,
        column=problem.column,
        code=item.code,
        name=item.name,
        clause=item.clause,
        classification=item.classification,
        message=item.format(problem),
        remediation=item.remediation,
    )


def _run_check(item: Rule, doc: Document, context: RuleContext, result: Result) -> list[Finding]:
    try:
        return [_finding(item, doc.relpath, problem) for problem in item.check(doc, context)]
    except Exception as error:  # one broken rule must not stop the run
        result.errors.append(RunError(doc.relpath, f"internal error in rule {item.code} ({item.name}): {_describe(error)}"))
        return []


def _run_workspace_check(item: Rule, workspace: Workspace, context: RuleContext, result: Result):
    try:
        found = []
        for problem in item.check(workspace, context):
            doc = problem.doc
            relpath = doc.relpath if doc is not None else "."
            found.append((doc if doc is not None else _Repository, _finding(item, relpath, problem)))
        return found
    except Exception as error:
        result.errors.append(RunError(".", f"internal error in rule {item.code} ({item.name}): {_describe(error)}"))
        return []


class _Repository:
    """Stands for the repository as a whole in findings about it (path ".")."""

    relpath = "."


def _describe(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
