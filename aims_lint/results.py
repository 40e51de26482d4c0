"""Findings kept between runs: a document is judged again only when something it was
judged on has changed (Ruff's cache, with the dependencies of a governance repository).

A document's findings depend on its own content and on what its rules read of the rest
of the repository, always through the workspace (``aims_lint.workspace.Reads``): the
index (the files with their types and ids), the content of other files, facts of other
files (by value: a risk assessment that reads the SoA's decisions is not judged again
when only the SoA's prose changed), what the file system says of a link target, and
which files the run lints. These are recorded while the rules run and kept with the
findings; the findings are used again only when every one of them is unchanged, under
the same key: the code and configuration (``cache.fingerprint``, which stamps the
code), every other setting of the configuration, the rules enabled, the date and the
tool's version. Workspace rules are kept the same way, one entry per rule.

A read whose file changed is not always a change: a fact is compared by value. When the
value is not known yet (nothing has computed it this run), the judgement waits until the
other documents have been linted, which compute most such facts; it is judged again if
the value is still unknown then.

What is kept is the raw findings, before inline suppressions, and the document's
directives: suppressions are applied again on every run, exactly as for a fresh lint.
Nothing is kept for a document whose lint gave a note or an error, for an editor buffer
or other content that is not on disk, or when the cache is off.

Stored as JSON under ``.aims-lint-cache/results/``: one small file per document (a run
on one file reads one), named by a digest of its path, and ``workspace.json`` for the
workspace rules. Up to two entries per document are kept (the state of a branch and of
its base, for the pre-commit hook). Files are read and written as the other cache files
are (``aims_lint.cache``): never through a link, atomically, and anything that does
not validate is discarded.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from aims_lint import __version__, cache
from aims_lint.findings import Finding, Location
from aims_lint.suppress import Directive

FOLDER = "results"
_WORKSPACE_FILE = "workspace.json"
_MEMOS_FILE = "memos.json"
_KEPT = 2  # entries per document: a branch's state and its base's
# Settings that never change what a rule finds (they act after it, or only say where
# the configuration came from).
_NOT_IN_KEY = {"file", "notes", "sources", "lines", "line_finder", "fail_on", "baseline", "per_file_ignores"}

HIT, MISS, WAIT = "hit", "miss", "wait"


def run_key(config, enabled, today) -> str:
    """What every kept result depends on besides what it read."""
    settings = {
        item.name: getattr(config, item.name) for item in dataclasses.fields(config) if item.name not in _NOT_IN_KEY
    }
    data = json.dumps(
        [__version__, cache.fingerprint(config), settings, sorted(item.code for item in enabled), str(today)],
        sort_keys=True, default=str,
    )
    return cache.value_digest(data)


# -- entries: what was read, and the result ----------------------------------------


class Memos:
    """What the memos used by the entries made in one process read, each kept once:
    version (a digest of its reads) -> its reads as JSON."""

    def __init__(self):
        self.table: dict[str, dict] = {}
        self.made = False  # a version the table did not hold
        self._versions: dict[int, str] = {}  # id of a memo's Reads (alive for the run) -> version

    def version(self, workspace, reads) -> str:
        known = self._versions.get(id(reads))
        if known is None:
            data = reads_json(workspace, reads, self)
            known = self._versions[id(reads)] = cache.value_digest(json.dumps(data, sort_keys=True))
            if known not in self.table:
                self.table[known] = data
                self.made = True
        return known


def reads_json(workspace, reads, memos: Memos) -> dict:
    """What was read, as JSON: each file by its token, each fact by the digest of its
    value, each memo by its version."""
    return {
        "index": workspace.index_digest() if reads.index else None,
        "targets": workspace.targets_digest() if reads.targets else None,
        "files": sorted([relpath, workspace.token(relpath)] for relpath in reads.files),
        # With the file's token: while the file is unchanged, so is the fact (no digest made).
        "facts": sorted([relpath, key, digest, workspace.token(relpath)] for (relpath, key), digest in reads.facts.items()),
        "states": sorted([relpath, state] for relpath, state in reads.states.items()),
        "memos": sorted(
            [key, memos.version(workspace, memo), workspace.memo_digest(key)] for key, memo in reads.memos.items()
        ),
    }


def entry(workspace, reads, own: list | None, result: dict, memos: Memos) -> dict:
    """A result with what it was judged on, as JSON; ``own``: the token of the judged
    document (None for a workspace rule)."""
    return {"own": own, "reads": reads_json(workspace, reads, memos), "result": result}


class _Judge:
    """Is what a kept result read unchanged? HIT, MISS, or WAIT when a fact of a changed
    file is not known yet. Each memo version is judged once per run."""

    def __init__(self, workspace, table: dict[str, dict], memos: Memos):
        self.workspace = workspace
        self.table = table
        self.memos = memos  # to name the version of a memo this run computed
        self._memos: dict[str, str] = {}
        self.settled = False  # a token of what was judged was updated: write it back

    def __call__(self, reads: dict) -> str:
        # What was read is checked as it is used: anything of another shape (a damaged
        # or forged file) raises, and is a MISS.
        try:
            return self._judge(reads)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError):
            return MISS

    def _judge(self, reads: dict) -> str:
        workspace = self.workspace
        if reads["index"] is not None and reads["index"] != workspace.index_digest():
            return MISS
        if reads["targets"] is not None and reads["targets"] != workspace.targets_digest():
            return MISS
        for item in reads["files"]:
            if not self._same(item, 1):
                return MISS
        for relpath, state in reads["states"]:
            if workspace.file_state(relpath) != state:
                return MISS
        verdict = HIT
        for item in reads["memos"]:
            key, version, value = item
            known = self._memos.get(version)
            if known is None:
                memo = self.table.get(version)
                self._memos[version] = WAIT  # a version that names itself is not followed again
                known = self._memos[version] = MISS if memo is None else self(memo)
            if known == HIT:
                continue
            # What the memo read changed, or waits: its value may still be the same.
            current = workspace.memo_digest(key)
            if value is not None and current is not None:
                if current != value:
                    return MISS
                # The same value from new reads: the result now rests on the memo as this
                # run computed it, so a later run judges its reads without waiting for it.
                item[1] = self.memos.version(workspace, workspace.memo_reads(key))
                self.settled = True
            elif value is None and known == MISS:
                return MISS
            else:
                verdict = WAIT  # until something of this run computes the memo
        for item in reads["facts"]:
            relpath, key, digest, token = item
            if token is not None and self._same(item, 3):
                continue
            current = workspace.known_fact_digest(relpath, key)
            if current is None:
                verdict = WAIT
            elif current != digest:
                return MISS
        return verdict

    def _same(self, item: list, position: int) -> bool:
        """Is the file ``item[0]`` what the token at ``item[position]`` identified? A
        token the file has settled since is updated (``settled``), so that later runs
        compare stamps without reading the file."""
        relpath, token = item[0], item[position]
        if not self.workspace.same_content(relpath, token):
            return False
        current = self.workspace.token(relpath)
        if current != token:
            item[position] = current
            self.settled = True
        return True

    def forget_waiting(self) -> None:
        """Facts have been computed since: memos that waited are judged again."""
        self._memos = {version: verdict for version, verdict in self._memos.items() if verdict != WAIT}


def _valid_entry(value: Any) -> bool:
    """The outline of an entry; what it read is checked as it is judged (``_Judge``),
    its findings as they are rebuilt."""
    return (
        isinstance(value, dict) and value.keys() == {"own", "reads", "result"} and _token(value["own"])
        and isinstance(value["result"], dict) and isinstance(value["reads"], dict)
    )


def _optional_text(value: Any) -> bool:
    return value is None or type(value) is str


def _texts(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _token(value: Any) -> bool:
    return value is None or type(value) is list and all(item is None or type(item) in (int, str) for item in value)


# -- findings and directives as JSON ------------------------------------------------


def finding_row(finding: Finding) -> list:
    return [
        finding.path, finding.line, finding.column, finding.code, finding.name, finding.clause,
        finding.classification, finding.message, finding.remediation,
        [[item.path, item.line, item.column, item.message] for item in finding.locations], finding.repository,
    ]


def finding_from(row: Any) -> Finding:
    """The finding of a row; ValueError when the row is not one."""
    if not isinstance(row, list) or len(row) != 11:
        raise ValueError("not a finding")
    path, line, column, code, name, clause, classification, message, remediation, locations, repository = row
    texts = (path, code, name, clause, classification, message, remediation)
    if not (all(type(item) is str for item in texts) and type(line) is int and type(column) is int
            and type(repository) is bool and isinstance(locations, list)):
        raise ValueError("not a finding")
    places = []
    for place in locations:
        if not (isinstance(place, list) and len(place) == 4 and type(place[0]) is str and type(place[1]) is int
                and type(place[2]) is int and (place[3] is None or type(place[3]) is str)):
            raise ValueError("not a location")
        places.append(Location(*place))
    return Finding(path, line, column, code, name, clause, classification, message, remediation,
                   locations=places, repository=repository)


def directive_row(directive: Directive) -> list:
    return [directive.kind, directive.selectors, directive.reason, directive.line, directive.column,
            directive.first_line, directive.last_line]


_DIRECTIVE = (str, [str], cache.OPTIONAL_TEXT, int, int, int, int)


def directive_from(row: Any) -> Directive:
    if not cache.matches(row, _DIRECTIVE):
        raise ValueError("not a directive")
    kind, selectors, reason, line, column, first_line, last_line = row
    return Directive(kind, selectors, reason, line, column, first_line, last_line)


# -- the reach of a state: which documents a change can touch -----------------------


@dataclasses.dataclass
class Reach:
    """What the results of a whole-repository run rest on, document by document: enough
    to tell, in a later run, which documents a change can touch without reading their
    kept results. The pre-commit hook keeps it with the findings of the state it linted
    (``aims_lint.changes``): the next commit, one document edited, judges that document
    and the documents that read it, and takes every other document's findings as they
    were in that state (no file of theirs, nor anything they read, has changed).

    ``depends``: document -> [the other files whose content, facts or existence its
    result read, the memos it used] (None: judged again whatever changes); ``memos``:
    memo version -> [its key, the digest of its value (None: not plain data), the files
    it read, through other memos too] (a memo is shared by many documents: its files are
    kept once); ``tokens``: each of those files and each document -> its token then;
    ``states``: link targets -> what the file system said of them; ``key``, ``index``
    and ``targets``: the run key, the index's digest and the linted files' digest then,
    any change of which leaves no document untouched."""

    key: str
    index: str
    targets: str
    tokens: dict[str, Any]
    states: dict[str, Any]
    memos: dict[str, list]
    depends: dict[str, Any]

    def untouched(self, workspace, key: str) -> tuple[set[str], dict[str, list[str]]] | None:
        """(the documents of this run whose findings are those of the state: their files
        and what they read unchanged; the documents whose own files are unchanged but a
        memo they used read a changed file -> those memos' versions: untouched too if the
        memos keep their values, ``held``). None when the run key, the index or the
        linted files changed: then nothing is known untouched."""
        if key != self.key or workspace.index_digest() != self.index or workspace.targets_digest() != self.targets:
            return None
        changed = {relpath for relpath, token in self.tokens.items() if not workspace.same_content(relpath, token)}
        changed.update(relpath for relpath, state in self.states.items() if workspace.file_state(relpath) != state)
        touched = {version for version, (_, _, files) in self.memos.items() if not changed.isdisjoint(files)}
        untouched, pending = set(), {}
        for relpath in workspace.targets:
            depends = self.depends.get(relpath)
            if depends is None or relpath in changed or not changed.isdisjoint(depends[0]):
                continue
            versions = touched.intersection(depends[1])
            if not versions:
                untouched.add(relpath)
            elif all(self.memos[version][1] is not None for version in versions):
                pending[relpath] = sorted(versions)
        return untouched, pending

    def held(self, workspace, versions) -> set[str]:
        """Of the memo ``versions``, those this run computed with the value they had."""
        return {
            version for version in versions
            if workspace.memo_digest(self.memos[version][0]) == self.memos[version][1] is not None
        }

    def to_json(self) -> dict:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}  # shares, never copies

    @classmethod
    def from_json(cls, data: Any) -> Reach | None:
        """The reach kept as JSON; None when it does not validate."""
        if not isinstance(data, dict) or data.keys() != {field.name for field in dataclasses.fields(cls)}:
            return None
        reach = cls(**data)
        if not (type(reach.key) is type(reach.index) is type(reach.targets) is str
                and type(reach.tokens) is type(reach.states) is type(reach.memos) is type(reach.depends) is dict):
            return None
        if not (all(map(_token, reach.tokens.values()))
                and all(type(state) is list and all(type(item) is bool for item in state) for state in reach.states.values())
                and all(type(memo) is list and len(memo) == 3 and type(memo[0]) is str and _optional_text(memo[1])
                        and _texts(memo[2]) for memo in reach.memos.values())
                and all(depends is None or (type(depends) is list and len(depends) == 2 and _texts(depends[0])
                                            and _texts(depends[1]) and reach.memos.keys() >= set(depends[1]))
                        for depends in reach.depends.values())):
            return None
        return reach


# -- the store ------------------------------------------------------------------


class Store:
    """The kept results of one repository, for one run key."""

    def __init__(self, workspace, enabled, today):
        self.workspace = workspace
        self.key = run_key(workspace.config, enabled, today)
        self.folder = workspace.root / cache.CACHE_DIR / FOLDER
        self._documents: dict[str, list[dict]] = {}  # relpath -> entries read or made, newest first
        self._changed: set[str] = set()
        self._rules: dict[str, list[dict]] | None = None
        self._rules_changed = False
        self.memos = Memos()  # the memos of the entries made in this process
        self._memo_table: dict[str, dict] | None = None  # every kept memo version
        self._judge: _Judge | None = None
        self._folder_ok: bool | None = None

    def _judged(self, reads: dict) -> tuple[str, bool]:
        """(the verdict on what a kept result read, whether a token of it settled and was
        updated: the entry is then written back)."""
        if self._judge is None:
            self._judge = _Judge(self.workspace, self._memo_versions(), self.memos)
        self._judge.settled = False
        return self._judge(reads), self._judge.settled

    def facts_computed(self) -> None:
        if self._judge is not None:
            self._judge.forget_waiting()

    def add_memos(self, table: dict[str, dict]) -> None:
        """Memo versions made by another process (a worker)."""
        self._memo_versions().update(table)

    def _memo_versions(self) -> dict[str, dict]:
        if self._memo_table is None:
            data = _read(self.folder / _MEMOS_FILE) if self._readable() else {}
            table = data.get("memos") if data.get("key") == self.key else None
            self._memo_table = {
                version: reads for version, reads in (table.items() if isinstance(table, dict) else ())
                if type(version) is str and isinstance(reads, dict)
            }
            self._memo_table.update(self.memos.table)
            self.memos.table = self._memo_table  # versions made here join the table
        return self._memo_table

    # documents

    def document(self, relpath: str) -> tuple[str, dict | None]:
        """(HIT, the kept result) or (MISS or WAIT, None) for the document at ``relpath``."""
        if relpath in self.workspace.overrides:
            return MISS, None
        verdict = MISS
        for position, kept in enumerate(self._entries(relpath)):
            if kept["own"] is None or not self.workspace.same_content(relpath, kept["own"]):
                continue
            verdict, settled = self._judged(kept["reads"])
            if verdict == HIT:
                own = self.workspace.token(relpath)
                if position or settled or kept["own"] != own:
                    kept["own"] = own
                    entries = self._documents[relpath]
                    entries.insert(0, entries.pop(position))
                    self._changed.add(relpath)
                    self.memos.made |= settled  # a memo's tokens may have settled too
                return HIT, kept["result"]
            break  # one entry per state of the file
        return verdict, None

    def reach(self, judged: list[str], before: Reach | None, held: set[str] = frozenset()) -> Reach:
        """The reach of this run's state: of each document in ``judged``, what its kept
        result read; of every other document of the run, what ``before`` said, the memo
        versions in ``held`` (computed again by this run, to the same value) now reading
        what they read in this run."""
        workspace = self.workspace
        depends = dict(before.depends) if before is not None else {}
        states = dict(before.states) if before is not None else {}
        memos = dict(before.memos) if before is not None else {}
        for version in held:
            key, value, _ = memos[version]
            memos[version] = [key, value, sorted(_files_of(workspace.memo_reads(key), states))]
        for relpath in judged:
            depends[relpath] = self._depends(relpath, states, memos)
        depends = {relpath: depends.get(relpath) for relpath in workspace.targets}
        used = {version for item in depends.values() if item is not None for version in item[1]}
        files = set(workspace.targets)
        for item in depends.values():
            if item is not None:
                files.update(item[0])
        for version in used:
            files.update(memos[version][2])
        return Reach(
            self.key, workspace.index_digest(), workspace.targets_digest(),
            {relpath: workspace.token(relpath) for relpath in sorted(files)},
            {relpath: state for relpath, state in states.items() if relpath in files},
            {version: memos[version] for version in sorted(used)}, depends,
        )

    def _depends(self, relpath: str, states: dict, memos: dict) -> list | None:
        """[the other files the kept result of the document at ``relpath`` read, the memo
        versions it used] (added to ``memos``); None when no result of its content is
        kept (a note or an error) or a memo it used is not kept."""
        entries = self._documents.get(relpath)
        if not entries or entries[0]["own"] is None or not self.workspace.same_content(relpath, entries[0]["own"]):
            return None
        reads = entries[0]["reads"]
        for key, version, value in reads["memos"]:
            if version not in memos:
                files = self._memo_files(version, states)
                if files is None:
                    return None
                memos[version] = [key, value, sorted(files)]
        files = _files_read(reads, states)
        files.discard(relpath)
        return [sorted(files), sorted({version for _, version, _ in reads["memos"]})]

    def _memo_files(self, version: str, states: dict) -> set[str] | None:
        """The files the memo ``version`` read, through other memos too; None when it, or
        a memo it used, is not kept."""
        table = self._memo_versions()
        files: set[str] = set()
        waiting, seen = [version], {version}
        while waiting:
            reads = table.get(waiting.pop())
            if reads is None:
                return None
            files.update(_files_read(reads, states))
            for _, used, _ in reads["memos"]:
                if used not in seen:
                    seen.add(used)
                    waiting.append(used)
        return files

    def keep_document(self, relpath: str, made: dict) -> None:
        # One entry per state of the file: the same stamp is the same content.
        entries = [kept for kept in self._entries(relpath) if (kept["own"] or [])[:4] != made["own"][:4]]
        self._documents[relpath] = [made, *entries][:_KEPT]
        self._changed.add(relpath)

    def _readable(self) -> bool:
        """Is the results folder a real folder inside a real cache folder (never a link)?"""
        if self._folder_ok is None:
            cache_folder = self.folder.parent
            self._folder_ok = not cache_folder.is_symlink() and not self.folder.is_symlink() and self.folder.is_dir()
        return self._folder_ok

    def _entries(self, relpath: str) -> list[dict]:
        if relpath not in self._documents:
            data = _read(self.folder / _file_name(relpath)) if self._readable() else {}
            entries = data.get("entries") if data.get("key") == self.key and data.get("relpath") == relpath else None
            self._documents[relpath] = [kept for kept in entries if _valid_entry(kept)][:_KEPT] if isinstance(entries, list) else []
        return self._documents[relpath]

    # workspace rules

    def rule(self, code: str) -> tuple[str, dict | None]:
        entries = self._rule_entries().get(code)
        if not entries:
            return MISS, None
        verdict, settled = self._judged(entries[0]["reads"])
        if verdict != HIT:
            return verdict, None
        if settled:
            self._rules_changed = True
            self.memos.made = True
        return HIT, entries[0]["result"]

    def keep_rule(self, code: str, made: dict) -> None:
        self._rule_entries()[code] = [made]
        self._rules_changed = True

    def _rule_entries(self) -> dict[str, list[dict]]:
        if self._rules is None:
            data = _read(self.folder / _WORKSPACE_FILE) if self._readable() else {}
            rules = data.get("rules") if data.get("key") == self.key else None
            self._rules = {
                code: [kept for kept in entries if _valid_entry(kept)][:1]
                for code, entries in (rules.items() if isinstance(rules, dict) else ())
                if isinstance(code, str) and isinstance(entries, list)
            }
        return self._rules

    # files

    def save(self, whole_repository: bool) -> None:
        """Write what changed; on a run over the whole repository, also drop the files
        of documents that are gone."""
        if not (self._changed or self._rules_changed or self.memos.made or whole_repository):
            return
        if not _make_folder(self.folder):
            return
        for relpath in sorted(self._changed):
            cache.write_json(self.folder, _file_name(relpath), {"key": self.key, "relpath": relpath, "entries": self._documents[relpath]})
        if self._rules_changed:
            cache.write_json(self.folder, _WORKSPACE_FILE, {"key": self.key, "rules": self._rules})
        table = self._memo_versions()
        if whole_repository:
            # Only the memo versions that kept results use (the others can never match).
            table = self._used_memos(table)
        if self.memos.made or whole_repository:
            cache.write_json(self.folder, _MEMOS_FILE, {"key": self.key, "memos": table})
        if whole_repository:
            live = {_file_name(relpath) for relpath in self.workspace.paths()} | {_WORKSPACE_FILE, _MEMOS_FILE}
            try:
                stale = [entry.name for entry in os.scandir(self.folder) if entry.name.endswith(".json") and entry.name not in live]
            except OSError:
                return
            for name in stale:
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    pass


    def _used_memos(self, table: dict[str, dict]) -> dict[str, dict]:
        used: dict[str, dict] = {}
        waiting = [
            kept["reads"] for entries in [*self._documents.values(), *self._rule_entries().values()] for kept in entries
        ]
        while waiting:
            for _, version, _ in waiting.pop()["memos"]:
                if version not in used and version in table:
                    used[version] = table[version]
                    waiting.append(table[version])
        return used


def _files_read(reads: dict, states: dict) -> set[str]:
    """The files whose content, facts or existence ``reads`` (an entry's) read; what the
    file system said of link targets is put in ``states``."""
    files = {item[0] for item in reads["files"]}
    files.update(item[0] for item in reads["facts"])
    for target, state in reads["states"]:
        files.add(target)
        states[target] = state
    return files


def _files_of(reads, states: dict) -> set[str]:
    """The files a memo's ``Reads`` (of this run) read, through other memos too."""
    files: set[str] = set()
    waiting, seen = [reads], set()
    while waiting:
        reads = waiting.pop()
        if id(reads) in seen:
            continue
        seen.add(id(reads))
        files.update(reads.files)
        files.update(relpath for relpath, _ in reads.facts)
        for target, state in reads.states.items():
            files.add(target)
            states[target] = state
        waiting.extend(reads.memos.values())
    return files


def _file_name(relpath: str) -> str:
    return cache.value_digest(relpath)[:24] + ".json"


def _read(path: Path) -> dict:
    """A results file's JSON ({} when absent or not an object); the folders were checked
    once (``Store._readable``)."""
    data = cache.read_json(path)
    return data if isinstance(data, dict) else {}


def _make_folder(folder: Path) -> bool:
    """The results folder inside an existing cache folder, never through a link."""
    parent = folder.parent
    if parent.is_symlink() or not parent.is_dir():
        return False
    try:
        if not folder.is_symlink() and not folder.exists():
            folder.mkdir()
    except OSError:
        return False
    return not folder.is_symlink() and folder.is_dir()
