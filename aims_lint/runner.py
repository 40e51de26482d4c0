"""Run the enabled rules over the linted files and collect findings.

Order of a run: discover targets; the kept results still true (``aims_lint.results``)
taken as they are; per-document rules on each other target; workspace rules once, or
their kept results (their findings kept for targets only); the documents whose kept
results waited on facts judged; inline suppressions applied; rules that judge the
suppressions themselves; per-file ignores; sort.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from aims_lint import cache, pack, patterns, results, suppress
from aims_lint.config import Config
from aims_lint.findings import Finding, Location, Result, RunError
from aims_lint.reading import templates
from aims_lint.rule import ANY_TYPE, Problem, Rule, RuleContext
from aims_lint.workspace import MARKDOWN_SUFFIXES, Matcher, UnreadInput, Workspace


class UsageError(Exception):
    """A problem with what the user asked for (exit 2)."""


def select_rules(config: Config, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    from aims_lint.config import check_against_rules

    rules = rules if rules is not None else pack.load_rules()
    check_against_rules(config, rules)  # unknown rules, options, vocabularies: exit 2 with the line
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
        if not workspace.inside_root(path):
            # A link (or a folder reached through one) that leaves the repository: the
            # run goes on without it, and never walks where it leads.
            workspace.notes.append(f"{relpath}: skipped: it resolves to a file outside the repository")
        elif path.is_dir():
            if path.is_symlink():
                workspace.notes.append(f"{relpath}: skipped: a symlinked folder (its files are linted where they are)")
            else:
                targets.extend(workspace.relpaths_under(path))
        elif not path.name.lower().endswith(MARKDOWN_SUFFIXES):
            workspace.notes.append(f"{relpath}: skipped: not a Markdown file")
        elif not workspace.is_excluded(relpath):
            targets.append(relpath)
    return list(dict.fromkeys(targets))


# Below this many files a process pool costs more than it saves (measured: bench/).
PARALLEL_MIN_FILES = 200


def default_jobs(files: int) -> int:
    if files < PARALLEL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


@dataclass
class _DocumentResult:
    """What linting one file gives, before workspace findings join it."""

    relpath: str
    governance: bool
    owner: str | None = None
    findings: list[Finding] = field(default_factory=list)
    directives: list = field(default_factory=list)


@dataclass
class _Batch:
    documents: list[_DocumentResult] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # what a worker read from other files, for the cache
    kept: dict = field(default_factory=dict)  # relpath -> results entry (aims_lint.results)
    memos: dict = field(default_factory=dict)  # the memo versions the entries use (a worker's)


def run(
    config: Config,
    paths: list[Path],
    today: _dt.date,
    overrides: dict[str, bytes | UnreadInput] | None = None,
    rules: list[Rule] | None = None,
    jobs: int | None = None,
    progress=None,
    evidence: bool = True,
    reach: results.Reach | None = None,
    keep_reach: bool = False,
) -> Result:
    """Lint ``paths`` (everything when empty). ``jobs``: worker processes (None: one
    per core for large runs); results are the same whatever the number of jobs.
    ``progress(done, total)``, when given, is told how many files are checked.
    ``evidence``: False when no readiness verdict will be given (a change's findings).

    ``reach`` (a run over the whole repository, with the cache): what the results of an
    earlier state rested on (``results.Reach``). The documents it shows untouched since
    are not judged: their findings are that state's, and the result holds only the
    others' (``Result.untouched`` names them; a comparison with that state counts them
    as existing, ``aims_lint.changes``). ``keep_reach``: give this state's reach in
    ``Result.reach``."""
    enabled = rules if rules is not None else select_rules(config)
    workspace = Workspace(config, overrides)
    targets = resolve_targets(workspace, paths)
    workspace.targets = targets
    if config.standalone and paths:
        workspace.limit_to(targets)
    workspace_rules = [item for item in enabled if item.scope == "workspace"]
    result = Result()
    result.whole_repository = not paths or any(workspace.relpath(path) == "." for path in paths)

    contexts = _contexts(enabled, config, today, workspace)
    store = results.Store(workspace, enabled, today) if workspace.use_cache else None
    kept_in = cache.cache_folder(workspace.root) if workspace.use_cache else None
    patterns.keep_programs(kept_in)
    untouched: set[str] = set()
    pending: dict[str, list[str]] = {}  # untouched if the memos they used keep their values
    if reach is not None and store is not None and not paths:
        untouched, pending = reach.untouched(workspace, store.key) or (set(), {})
    reused, to_lint, waiting = _reusable(
        store, [relpath for relpath in targets if relpath not in untouched and relpath not in pending]
    )
    jobs = default_jobs(len(to_lint)) if jobs is None else max(1, jobs)
    if jobs > 1 and len(to_lint) > 1:
        batches, by_rule = _lint_in_parallel(workspace, enabled, today, to_lint, jobs, contexts, result.errors, store, progress)
    else:
        batches = [_lint_documents(workspace, enabled, contexts, to_lint, progress, keep=store.memos if store is not None else None)]
        by_rule = _run_workspace_rules(workspace_rules, workspace, contexts, result.errors, store)
    for batch in batches:
        workspace.add_facts(batch.facts)  # facts the workers computed: some waiting results need them
        if store is not None:
            store.add_memos(batch.memos)
    if store is not None:
        store.facts_computed()
    if waiting:
        # Their reads wait on facts of changed files that the lint above has mostly
        # computed: each is used again if its facts are unchanged, or linted.
        batches.append(_lint_documents(workspace, enabled, contexts, waiting, keep=store.memos, store=store))
    held: set[str] = set()
    for relpath in (relpath for relpath in targets if relpath in pending):
        # Untouched if the memos it used, computed again by this run, kept their values;
        # else judged (through its kept result), which computes those memos for the next.
        versions = pending[relpath]
        if reach.held(workspace, versions) == set(versions):
            untouched.add(relpath)
            held.update(versions)
        else:
            batches.append(_lint_documents(workspace, enabled, contexts, [relpath], keep=store.memos, store=store))
    by_path = _workspace_findings(workspace, _settle_rules(by_rule, store, workspace, contexts, result.errors), contexts)
    if untouched.intersection(by_path):
        # An untouched document with a workspace rule's finding: its directives (in its
        # kept result) may suppress that finding, so it is taken in with them.
        shown = [relpath for relpath in targets if relpath in untouched and relpath in by_path]
        batches.append(_lint_documents(workspace, enabled, contexts, shown, keep=store.memos, store=store))
        untouched.difference_update(shown)
    if store is not None:
        for batch in batches:
            for relpath, made in batch.kept.items():
                store.keep_document(relpath, made)
    batches.insert(0, _Batch(documents=list(reused.values())))
    order = {relpath: position for position, relpath in enumerate(targets)}

    suppression_rules = [item for item in enabled if item.scope == "suppressions"]
    ignores = [(Matcher([glob]), selectors) for glob, selectors in config.per_file_ignores.items()]
    documents = sorted((document for batch in batches for document in batch.documents), key=lambda item: order[item.relpath])
    for batch in batches:
        result.errors.extend(batch.errors)
        result.notes.extend(batch.notes)
    for document in documents:
        result.files_checked += 1
        result.linted.append(document.relpath)
        result.documents_checked += document.governance
        if document.owner:
            result.owners[document.relpath] = document.owner
        extra = by_path.get(document.relpath, [])
        suppress.apply(extra, document.directives)
        found = document.findings + extra
        if document.governance:
            for item in suppression_rules:
                found.extend(_run_check(item, document.directives, document.relpath, contexts[item.code], result.errors))
        # The globs are matched once per file, not once per finding (10,000 globs
        # times every finding multiplied the run time: issue 10).
        ignored = [selector for matcher, selectors in ignores if matcher.match(document.relpath) for selector in selectors]
        for finding in found:
            if not (ignored and _selected(ignored, finding)):
                result.findings.append(finding)
    if untouched:
        result.untouched = frozenset(untouched)
        result.files_checked += len(untouched)
        index = workspace.index()
        result.documents_checked += sum(1 for relpath in untouched if index[relpath][0])
        judged = set(result.linted)
        result.linted = [relpath for relpath in targets if relpath in judged or relpath in untouched]
    if keep_reach and store is not None and not paths:
        result.reach = store.reach([document.relpath for document in documents], reach if untouched or held else None, held)
    if not paths or any(path.is_dir() for path in paths):
        # Findings about the repository as a whole (a mandatory document missing) belong to
        # runs over the repository, not to a pre-commit or editor run on a few files.
        repository_findings = by_path.get(".", [])
        if repository_findings:
            anchor = _repository_anchor(workspace)
            for finding in repository_findings:
                if finding.path == ".":
                    finding.path = anchor
        result.findings.extend(repository_findings)
        if evidence:
            result.evidence = _evidence(workspace, result.errors)
    workspace.save_cache()
    if store is not None:
        store.save(whole_repository=not paths)
    patterns.save_programs(kept_in)
    result.findings.sort(key=Finding.sort_key)
    result.notes = sorted(set(result.notes + workspace.notes))
    result.errors[:0] = [RunError(relpath, message) for relpath, message in workspace.errors]
    return result


def run_buffer(
    config: Config, path: Path, data: bytes | UnreadInput, today: _dt.date, rules: list[Rule] | None = None
) -> Result:
    """Lint ``data`` as if it were the file at ``path`` (``--stdin-filename``, the language
    server's open buffers): the rest of the repository is read from disk as usual, and
    ``data`` is held to max-file-size as a file on disk is."""
    from aims_lint.workspace import relative_path

    overrides = {relative_path(path, config.root.resolve()): data}
    return run(config, [path], today, overrides, rules, jobs=1)


def _contexts(enabled: list[Rule], config: Config, today: _dt.date, workspace: Workspace) -> dict[str, RuleContext]:
    return {item.code: RuleContext(item, config, today, pack.vocabulary, enabled, workspace) for item in enabled}


def _lint_documents(
    workspace: Workspace, enabled: list[Rule], contexts: dict[str, RuleContext], relpaths: list[str], progress=None,
    keep: results.Memos | None = None, store: results.Store | None = None,
) -> _Batch:
    """Per-document rules over ``relpaths``, with their inline suppressions applied.
    ``keep``: also make a results entry (``aims_lint.results``) for each document linted
    cleanly, its memos kept there; ``store``: use the kept result of a document where it
    still holds."""
    document_rules = [item for item in enabled if item.scope == "document"]
    batch = _Batch()
    for done, relpath in enumerate(relpaths):
        if progress is not None:
            progress(done, len(relpaths))
        if store is not None:
            document, _ = _kept_document(store, relpath)
            if document is not None:
                batch.documents.append(document)
                continue
        quiet = (len(workspace.notes), len(workspace.errors), len(batch.errors))
        with workspace.recording() as reads:
            document = _lint_document(workspace, document_rules, contexts, relpath, batch.errors)
        if document is not None and document.governance:
            # Asked of every governance document by the workspace rules: read now, while
            # the document is parsed.
            workspace.fact(relpath, templates.STATE_FACT, templates.state, str)
        workspace.forget(relpath)
        if store is not None:
            store.facts_computed()  # the next waiting document may find the facts it waits on
        if document is None:
            continue
        if keep is not None and relpath not in workspace.overrides and quiet == (len(workspace.notes), len(workspace.errors), len(batch.errors)):
            reads.files.discard(relpath)
            batch.kept[relpath] = results.entry(workspace, reads, workspace.token(relpath), _document_json(document), keep)
        suppress.apply(document.findings, document.directives)
        batch.documents.append(document)
    if progress is not None:
        progress(len(relpaths), len(relpaths))
    return batch


def _lint_document(workspace: Workspace, document_rules, contexts, relpath: str, errors: list[RunError]) -> _DocumentResult | None:
    """The findings of the per-document rules on one file, before inline suppressions."""
    doc = workspace.document(relpath)
    if doc is None:
        return None
    document = _DocumentResult(relpath, bool(doc.doc_type), _owner(doc) if doc.doc_type else None)
    template: bool | None = None  # an unfilled template? (read once, when a rule asks)
    for item in document_rules:
        if item.applies_to(doc.doc_type) and (doc.read_error is None or item.types == (ANY_TYPE,)):
            if not item.judges_templates and doc.doc_type and doc.read_error is None:
                if template is None:
                    template = _is_unfilled(doc, relpath, errors)
                if template:
                    continue  # the template's own finding says it; its blanks are no findings
            document.findings.extend(_run_check(item, doc, relpath, contexts[item.code], errors))
    if doc.read_error is None:
        document.directives = doc.suppressions
    return document


def _document_json(document: _DocumentResult) -> dict:
    return {
        "governance": document.governance,
        "owner": document.owner,
        "findings": [results.finding_row(finding) for finding in document.findings],
        "directives": [results.directive_row(directive) for directive in document.directives],
    }


def _from_kept(relpath: str, kept: dict) -> _DocumentResult | None:
    """A document's kept result, its suppressions applied; None when it does not validate."""
    governance, owner = kept.get("governance"), kept.get("owner")
    findings, directives = kept.get("findings"), kept.get("directives")
    if type(governance) is not bool or not (owner is None or type(owner) is str):
        return None
    if not isinstance(findings, list) or not isinstance(directives, list):
        return None
    try:
        document = _DocumentResult(
            relpath, governance, owner, [results.finding_from(row) for row in findings],
            [results.directive_from(row) for row in directives],
        )
    except ValueError:
        return None
    if any(finding.path != relpath for finding in document.findings):
        return None
    suppress.apply(document.findings, document.directives)
    return document


def _reusable(store: results.Store | None, targets: list[str]):
    """(relpath -> kept result still true, the documents to lint, the documents whose
    kept result waits on facts the other documents' lint will compute)."""
    reused: dict[str, _DocumentResult] = {}
    if store is None:
        return reused, targets, []
    to_lint, waiting = [], []
    for relpath in targets:
        document, verdict = _kept_document(store, relpath)
        if document is not None:
            reused[relpath] = document
        else:
            (waiting if verdict == results.WAIT else to_lint).append(relpath)
    return reused, to_lint, waiting


def _kept_document(store: results.Store, relpath: str) -> tuple[_DocumentResult | None, str]:
    """(the document's kept result when it still holds and validates, the verdict)."""
    verdict, kept = store.document(relpath)
    if verdict != results.HIT:
        return None, verdict
    document = _from_kept(relpath, kept)  # None when it does not validate: linted again
    return document, results.HIT if document is not None else results.MISS


def _is_unfilled(doc, relpath: str, errors: list[RunError]) -> bool:
    try:
        return templates.is_unfilled(doc)
    except Exception as error:  # a reading that fails must not stop the run
        errors.append(RunError(relpath, f"internal error reading templates: {_describe(error)}"))
        return False


def _evidence(workspace: Workspace, errors: list[RunError]):
    """What the readiness verdict needs of the repository's records (None when it fails:
    the run goes on, the verdict then rests on the findings)."""
    from aims_lint import evidence

    try:
        return evidence.evidence_of(workspace)
    except Exception as error:  # a reading that fails must not stop the run
        errors.append(RunError(".", f"internal error collecting readiness evidence: {_describe(error)}"))
        return None


def _repository_anchor(workspace: Workspace) -> str:
    """Where a finding about the repository as a whole is shown, when its rule names no
    document: the configuration file (where the repository's documents are typed), else
    the AIMS scope, else the README at the root, else the first governance document."""
    from aims_lint.workspace import relative_path

    config = workspace.config
    if config.file is not None:
        relpath = relative_path(config.file, workspace.root)
        if not relpath.startswith(("/", "../")):
            return relpath
    index = workspace.index()
    for doc_type in ("aims-scope", None):
        typed = sorted(relpath for relpath, (kind, _) in index.items() if kind and (doc_type is None or kind == doc_type))
        if typed and doc_type:
            return typed[0]
        if doc_type is None:
            if "README.md" in index:
                return "README.md"
            if typed:
                return typed[0]
    return "."


def _owner(doc) -> str | None:
    """The document's ``owner`` (front matter or body document-control block) as text, a
    list of roles joined; None when absent or unfilled."""
    value = doc.meta.get("owner")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item).strip() for item in value if isinstance(item, (str, int, float)))
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        value = None
    text = " ".join(str(value).split()) if value is not None else ""
    if text or doc.read_error is not None:
        return text or None
    from aims_lint.reading.metadata import metadata  # a body document-control block

    return metadata(doc).text("owner") or None


def _run_workspace_rules(
    workspace_rules, workspace: Workspace, contexts, errors: list[RunError], store: results.Store | None
) -> dict[str, list[tuple[str, Finding]] | None]:
    """Rule code -> (relpath, finding) of each workspace rule; None for a rule whose kept
    result waits on facts that the documents' lint computes (``_settle_rules``)."""
    return {
        item.code: _workspace_rule(item, workspace, contexts[item.code], errors, store, wait=True) for item in workspace_rules
    }


def _settle_rules(by_rule, store, workspace: Workspace, contexts, errors: list[RunError]) -> dict[str, list[tuple[str, Finding]]]:
    return {
        code: found if found is not None else _workspace_rule(contexts[code].rule, workspace, contexts[code], errors, store, wait=False)
        for code, found in by_rule.items()
    }


def _workspace_rule(item: Rule, workspace: Workspace, context: RuleContext, errors: list[RunError], store, wait: bool):
    if store is not None:
        verdict, kept = store.rule(item.code)
        if verdict == results.HIT:
            found = _found_from(kept)
            if found is not None:
                return found
        elif verdict == results.WAIT and wait:
            return None
    quiet = (len(workspace.notes), len(workspace.errors), len(errors))
    with workspace.recording() as reads:
        found = _run_workspace_check(item, workspace, context, errors)
    if store is not None and quiet == (len(workspace.notes), len(workspace.errors), len(errors)):
        rows = [[relpath, results.finding_row(finding)] for relpath, finding in found]
        store.keep_rule(item.code, results.entry(workspace, reads, None, {"findings": rows}, store.memos))
    return found


def _found_from(kept: dict) -> list[tuple[str, Finding]] | None:
    rows = kept.get("findings")
    if not isinstance(rows, list):
        return None
    try:
        return [(row[0], results.finding_from(row[1])) for row in rows if isinstance(row, list) and len(row) == 2 and type(row[0]) is str]
    except ValueError:
        return None


def _workspace_findings(workspace: Workspace, by_rule: dict[str, list[tuple[str, Finding]]], contexts) -> dict[str, list[Finding]]:
    """The workspace rules' findings by path, kept for the linted files and the repository."""
    by_path: dict[str, list[Finding]] = {}
    linted = set(workspace.targets)
    for code, found in by_rule.items():
        judges_templates = contexts[code].rule.judges_templates
        for relpath, finding in found:
            if relpath in linted or relpath == ".":
                if relpath != "." and not judges_templates and _unfilled_fact(workspace, relpath):
                    continue  # as for per-document rules: an unfilled template is one finding
                by_path.setdefault(relpath, []).append(finding)
    return by_path


def _unfilled_fact(workspace: Workspace, relpath: str) -> bool:
    """Is the file at ``relpath`` an unfilled template (kept in the facts cache)?"""
    return workspace.fact(relpath, templates.STATE_FACT, templates.state, str) == templates.UNFILLED


# A worker process's workspace and rules, made once per worker by the pool's initializer:
# the workspace's memos (the index's ids, the SoA's controls, the systems in scope) are
# then computed once per worker, not once per chunk, as in a serial run's one workspace.
_worker: tuple[Workspace, list[Rule], dict[str, RuleContext], results.Memos] | None = None


def _start_worker(config: Config, codes: list[str], today: _dt.date, overrides, targets: list[str]) -> None:
    global _worker
    enabled = [item for item in pack.load_rules() if item.code in set(codes)]
    workspace = Workspace(config, overrides)
    workspace.targets = targets
    _worker = (workspace, enabled, _contexts(enabled, config, today, workspace), results.Memos())


def _lint_chunk(relpaths: list[str]) -> _Batch:
    """A worker process's share: its own workspace (other files load lazily, as needed)."""
    assert _worker is not None, "the pool starts each worker with _start_worker"
    workspace, enabled, contexts, memos = _worker
    notes, errors = len(workspace.notes), len(workspace.errors)
    batch = _lint_documents(workspace, enabled, contexts, relpaths, keep=memos if workspace.use_cache else None)
    batch.memos = dict(memos.table)
    batch.notes.extend(workspace.notes[notes:])
    batch.errors[:0] = [RunError(relpath, message) for relpath, message in workspace.errors[errors:]]
    batch.facts = workspace.new_facts(take=True)
    return batch


def _lint_in_parallel(workspace: Workspace, enabled, today, relpaths, jobs, contexts, errors: list[RunError], store, progress=None):
    """(batches from the workers linting ``relpaths``, workspace rules' findings by code)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    config, overrides = workspace.config, workspace.overrides
    workspace_rules = [item for item in enabled if item.scope == "workspace"]
    if config.cache:
        workspace.index()  # written to the cache first, so that no worker has to build it
    codes = [item.code for item in enabled]
    size = max(1, -(-len(relpaths) // (jobs * 4)))  # a few chunks per worker balance the load
    chunks = [relpaths[index:index + size] for index in range(0, len(relpaths), size)]
    initargs = (config, codes, today, overrides, workspace.targets)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=initargs) as pool:
        futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
        # Workspace rules run here while the workers lint the files.
        by_rule = _run_workspace_rules(workspace_rules, workspace, contexts, errors, store)
        if progress is not None:
            done = 0
            sizes = {future: len(chunk) for future, chunk in zip(futures, chunks)}
            for future in as_completed(futures):
                done += sizes[future]
                progress(done, len(relpaths))
        return [future.result() for future in futures], by_rule


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
        clause=problem.clause or item.clause,
        classification=problem.classification or item.classification,
        message=item.format(problem),
        remediation=item.remediation,
        locations=_locations(relpath, problem),
    )


def _locations(relpath: str, problem: Problem) -> list[Location]:
    """The problem's other places, in document order, each once and never the primary."""
    if not problem.related:
        return []
    seen = {(relpath, problem.line, problem.column)}
    found = []
    for item in problem.related:
        path = relpath if item.doc is None else item.doc if isinstance(item.doc, str) else item.doc.relpath
        if (path, item.line, item.column) not in seen:
            seen.add((path, item.line, item.column))
            found.append(Location(path, item.line, item.column, item.message))
    # The finding's own document first (where a reader is), then the others by path.
    found.sort(key=lambda location: (location.path != relpath, location.sort_key()))
    return found


def _run_check(item: Rule, subject, relpath: str, context: RuleContext, errors: list[RunError]) -> list[Finding]:
    """Findings of one rule on one document (or, for suppression rules, its directives)."""
    try:
        return [_finding(item, relpath, problem) for problem in item.check(subject, context)]
    except Exception as error:  # one broken rule must not stop the run
        errors.append(RunError(relpath, f"internal error in rule {item.code} ({item.name}): {_describe(error)}"))
        return []


def _run_workspace_check(item: Rule, workspace: Workspace, context: RuleContext, errors: list[RunError]):
    try:
        found = []
        for problem in item.check(workspace, context):
            relpath = problem.doc.relpath if problem.doc is not None else "."
            finding = _finding(item, relpath, problem)
            if problem.doc is None:
                finding.repository = True
                finding.path = problem.anchor or "."  # "." until the run knows its anchor
            found.append((relpath, finding))
        return found
    except Exception as error:
        errors.append(RunError(".", f"internal error in rule {item.code} ({item.name}): {_describe(error)}"))
        return []


def _describe(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
