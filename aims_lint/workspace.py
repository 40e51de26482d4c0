"""The repository as aims-lint sees it: which Markdown files exist, what type each is,
and each one's Document, loaded only when a rule asks for it.

Per-document rules need only the files being linted; workspace rules (duplicate ids,
links) reach the rest through this index, so a single-file run in a large repository
reads only what the cross-document rules use.
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
from collections import OrderedDict
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator
from urllib.parse import unquote

from aims_lint.config import Config
from aims_lint.document import Document, ReadError

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Folder names never holding governance documents: VCS data, dependencies, virtual
# environments, caches and site build output. Any folder with a pyvenv.cfg is skipped too.
DEFAULT_EXCLUDED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__",
        ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache", "site", "_site", "build", "dist",
        ".eggs", ".aims-lint-cache",
    }
)


@dataclass(frozen=True)
class UnreadInput:
    """Standard input too large to lint: read to its end to count its bytes, never kept
    (it is over max-file-size, which the workspace reports as for a file on disk)."""

    size: int

    def __len__(self) -> int:
        return self.size


INPUT_CHUNK = 1 << 20


def read_input(stream: BinaryIO, limit: int) -> bytes | UnreadInput:
    """All of ``stream`` when it holds at most ``limit`` bytes; else only its size: the
    rest is read and dropped in chunks, so memory stays bounded and the writer (an
    editor piping a buffer) is not cut off with a broken pipe."""
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    size = len(data)
    del data
    while chunk := stream.read(INPUT_CHUNK):
        size += len(chunk)
    return UnreadInput(size)


def decode(data: bytes) -> tuple[str, ReadError | None]:
    """Text of a Markdown file with newlines normalised, or why it cannot be read."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "", ReadError("file is UTF-32 encoded; aims-lint reads UTF-8: save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "", ReadError("file is UTF-16 encoded; aims-lint reads UTF-8: save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        return "", ReadError("binary content (NUL byte): not a Markdown text", line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        byte = data[error.start]
        return "", ReadError(f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8", line, column)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes (a symlinked file keeps its own name)."""
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


@lru_cache(maxsize=1024)  # asked of every file's declared type on every run
def normalise_type(name: str) -> str:
    """'AI Policy', 'ai_policy' and 'ai-policy' are one type."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


_EXTERNAL_LINK = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class LinkTarget:
    """Where a link points: a repository-relative path (None for external links and
    links that leave the repository) and a heading anchor."""

    relpath: str | None
    anchor: str
    external: bool = False
    leaves_repository: bool = False


def resolve_link(from_relpath: str, target: str) -> LinkTarget:
    """Resolve a link written in the document at ``from_relpath``, by text alone: nothing
    is read, so a link that leaves the repository is never followed."""
    target = target.strip()
    if _EXTERNAL_LINK.match(target):
        return LinkTarget(None, "", external=True)
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return LinkTarget(from_relpath, anchor)
    base = "" if path.startswith("/") else posixpath.dirname(from_relpath)  # "/x.md": from the root
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
        return LinkTarget(None, anchor, leaves_repository=True)
    return LinkTarget(joined, anchor)


class Matcher:
    """Gitignore-style globs against repository-relative paths (built only if used).

    pathspec reads the globs the way git does; its regular expressions are then made
    linear where they are not (see ``_linear_stars``). All the globs of a Matcher are
    one spec, compiled once."""

    def __init__(self, patterns: list[str]):
        self.patterns = patterns
        self._spec = None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, relpath: str) -> bool:
        if not self.patterns:
            return False
        if self._spec is None:
            self._spec = _compile_globs(self.patterns)
        return self._spec.match_file(relpath)


def _compile_globs(globs: list[str]):
    import pathspec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    patterns = []
    for glob in globs:
        pattern = GitIgnoreSpecPattern(glob)
        if pattern.regex is not None:
            linear = _linear_stars(pattern.regex.pattern)
            if linear != pattern.regex.pattern:
                pattern.regex = re.compile(linear)
        patterns.append(pattern)
    return pathspec.GitIgnoreSpec(patterns)


_STAR = r"[^/]*"
_ANY_STAR = (r"[^/]*", r"[^/]+")
# A star, an escape, a character class or one character.
_TOKEN = re.compile(r"\[\^/\][*+]|\\.|\[\^?\]?[^\]]*\]|.", re.S)


def _linear_stars(source: str) -> str:
    """pathspec's regular expression with each ``*`` that another ``*`` follows in the
    same path component made atomic and lazy: ``[^/]*-[^/]*-old`` becomes
    ``(?>[^/]*?-)[^/]*-old``.

    As written, every ``*`` tries every length: ``drafts/*-*-*-*-*-old.md`` against one
    long hyphenated name took a minute (issue 10, item 8). Between two stars stands a
    fixed-length piece (characters, ``?``, classes), and taking its first occurrence
    leaves the most room to what follows, so committing to it finds the same matches;
    the last star of a component keeps backtracking, once."""
    tokens = _TOKEN.findall(source)
    stars = [index for index, token in enumerate(tokens) if token in _ANY_STAR]
    out, position = [], 0
    for star, following in zip(stars, stars[1:]):
        piece = tokens[star + 1:following]
        if tokens[star] != _STAR or not piece or not all(_single_character(token) for token in piece):
            continue  # not two stars of one component with a fixed piece between them
        out += tokens[position:star] + ["(?>[^/]*?", *piece, ")"]
        position = following
    return "".join(out + tokens[position:])


def _single_character(token: str) -> bool:
    """True for a token matching one character that is never "/"."""
    if token.startswith("\\"):
        return token[1:] != "/"
    if token.startswith("[") and token != "[":
        # "[^a]" (from "[!a]") matches "/" too; "[^/]" ("?") and "[ab]" do not.
        return ("/" in token) == token.startswith("[^")
    return token not in "/()|?*+.^$[]{}"


# Documents kept after use, at most this many and this much text: a rule that reads one
# fact of every policy, then another, would parse each policy again for each fact.
RECENT_DOCUMENTS = 256
RECENT_TEXT = 8 * 1024 * 1024


class Reads:
    """What one judgement (a document's rules, a workspace rule, a memo) read of the
    repository besides its own document: findings kept with it stay true while all of
    it is unchanged (``aims_lint.results``). What a memo read is kept once, as the memo
    (a value many documents use would otherwise copy its reads into each of them)."""

    __slots__ = ("index", "targets", "files", "facts", "states", "memos")

    def __init__(self):
        self.index = False  # the files' list, types and ids
        self.targets = False  # which files the run lints
        self.files: set[str] = set()  # files whose content it read
        self.facts: dict[tuple[str, str], str] = {}  # (relpath, key) -> digest of the value read
        self.states: dict[str, list[bool]] = {}  # relpath -> what the file system said of it
        self.memos: dict[str, Reads] = {}  # memo key -> what computing the memo read (its value: Workspace.memo_digest)


class Workspace:
    def __init__(self, config: Config, overrides: dict[str, bytes | UnreadInput | None] | None = None):
        self.config = config
        self.root = config.root.resolve()
        # relpath -> bytes (an editor buffer, standard input, the file at another commit),
        # UnreadInput (too large to read) or None (no such file at that commit)
        self.overrides = dict(overrides or {})
        self.exclude = Matcher(config.exclude)
        self._type_globs = [(Matcher([glob]), doc_type) for glob, doc_type in config.types.items()]
        self._paths: dict[str, str] | None = None
        self._documents: dict[str, Document | None] = {}
        self._recent: OrderedDict[str, Document] = OrderedDict()  # forgotten, kept a while
        self._recent_text = 0  # characters of the documents in _recent
        self.notes: list[str] = []
        self.errors: list[tuple[str, str]] = []  # (relpath, message)
        self._index: dict[str, tuple[str | None, str | None]] | None = None  # relpath -> (type, id)
        self.use_cache = config.cache and not config.standalone
        self._targets: list[str] = []  # the files being linted; set by the runner
        self._memo: dict[str, tuple[object, Reads]] = {}
        self._memo_digests: dict[str, str | None] = {}
        # What the judgements under way read (nested: a memo computed inside a rule's
        # check reads for both); empty when nothing records.
        self._reads: list[Reads] = []
        self._entries: dict[str, list] = {}  # relpath -> index entry (stamp, digest, type, id)
        self._fact_digests: dict[tuple[str, str], str] = {}
        self._override_facts: dict[tuple[str, str], object] = {}  # facts of buffers, for this run
        self._index_digest: str | None = None
        self._facts: dict[str, dict] | None = None  # relpath -> {"stamp", "facts"}, from the cache
        self._new_facts: set[str] = set()  # relpaths whose facts this run computed
        # relpath -> (stamp, digest or None) of the content this run read from disk
        self._read_stamps: dict[str, tuple[list[int], str | None]] = {}
        self._checked: dict[str, tuple] = {}  # relpath -> ((stamp, digest), still current?, when checked)
        self._config_fingerprint: str | None = None
        from aims_lint.fields import header_words_of

        self.header_words = header_words_of(config)

    @property
    def targets(self) -> list[str]:
        for reads in self._reads:
            reads.targets = True
        return self._targets

    @targets.setter
    def targets(self, relpaths: list[str]) -> None:
        self._targets = relpaths

    # -- what a judgement reads (aims_lint.results) ----------------------------------

    @contextmanager
    def recording(self) -> Iterator[Reads]:
        """Record what is read of the repository until the block ends."""
        reads = Reads()
        self._reads.append(reads)
        try:
            yield reads
        finally:
            self._reads.remove(reads)

    @contextmanager
    def _unrecorded(self) -> Iterator[None]:
        """Reads that the caller records in its own terms (a fact by its value, the index
        by its digest), not as the files read to compute them."""
        recording, self._reads = self._reads, []
        try:
            yield
        finally:
            self._reads = recording

    def _record_file(self, relpath: str) -> None:
        for reads in self._reads:
            reads.files.add(relpath)

    def _record_index(self) -> None:
        for reads in self._reads:
            reads.index = True

    def token(self, relpath: str) -> list | None:
        """What identifies the content of the file at ``relpath`` in this run: its index
        entry's stamp and digest, the digest of a buffer, the stamp of another file, or
        None when there is no such file."""
        if relpath in self.overrides:
            data = self.overrides[relpath]
            if data is None:
                return None
            from aims_lint import cache

            return ["=", cache.content_digest(data) if isinstance(data, bytes) else f"unread {len(data)}"]
        self.index()
        entry = self._entries.get(relpath)
        if entry is not None:
            return entry[:5]
        from aims_lint import cache

        return cache.stat_stamp(self.root / relpath)

    def same_content(self, relpath: str, token) -> bool:
        """Is the file at ``relpath`` what ``token`` (from an earlier run) identified?
        A token kept with a digest, while the file was recently changed, still holds
        once the index has settled the file (same stamp, digest dropped) if the content
        has that digest: checked by reading the file once."""
        current = self.token(relpath)
        if current == token:
            return True
        if (
            type(token) is list and type(current) is list and len(token) == len(current) == 5
            and token[:4] == current[:4] and token[4] is not None and current[4] is None
        ):
            return self._current(relpath, token[:4], token[4])
        return False

    def index_digest(self) -> str:
        """A digest of the index (every Markdown file with its type and id)."""
        if self._index_digest is None:
            import json

            from aims_lint import cache

            self._index_digest = cache.value_digest(json.dumps(sorted(self.index().items())))
        return self._index_digest

    def targets_digest(self) -> str:
        import json

        from aims_lint import cache

        return cache.value_digest(json.dumps(self._targets))

    def _fact_digest(self, relpath: str, key: str, value) -> str:
        digest = self._fact_digests.get((relpath, key))
        if digest is None:
            import json

            from aims_lint import cache

            digest = self._fact_digests[(relpath, key)] = cache.value_digest(json.dumps(value, sort_keys=True))
        return digest

    def known_fact_digest(self, relpath: str, key: str) -> str | None:
        """The digest of the fact ``key`` of the file at ``relpath`` as it is now, when
        the cache or this run knows it without reading the file; None otherwise."""
        if (relpath, key) in self._fact_digests:
            return self._fact_digests[(relpath, key)]
        if relpath in self.overrides:
            if (relpath, key) not in self._override_facts:
                return None
            return self._fact_digest(relpath, key, self._override_facts[(relpath, key)])
        if self._facts is None:
            from aims_lint import cache

            self._facts = cache.load_facts(self.root, self._fingerprint()) if self.use_cache else {}
        entry = self._facts.get(relpath)
        if entry is None or key not in entry["facts"] or not self._facts_current(relpath, entry):
            return None
        return self._fact_digest(relpath, key, entry["facts"][key])

    def memo_digest(self, key: str) -> str | None:
        """A digest of the value of the memo ``key`` when this run computed it and the
        value is plain data (else None): a result that used the memo stays true when the
        value is the same, even if what it was computed from changed."""
        if key not in self._memo:
            return None
        if key not in self._memo_digests:
            self._memo_digests[key] = _plain_digest(self._memo[key][0])
        return self._memo_digests[key]

    def memo_reads(self, key: str) -> Reads | None:
        """What computing the memo ``key`` read in this run (None: not computed)."""
        return self._memo[key][1] if key in self._memo else None

    def file_state(self, relpath: str) -> list[bool]:
        """[inside the repository once links are resolved, a symbolic link, exists] of
        the path ``relpath`` (a link target that is not a Markdown file)."""
        path = self.root / relpath
        state = [self.inside_root(path), path.is_symlink(), path.exists()]
        for reads in self._reads:
            reads.states[relpath] = state
        return state

    def memo(self, key: str, compute):
        """``compute(self)`` once per run, for what rules derive from other documents (the
        SoA's controls, the systems in scope): linted documents are dropped after their
        rules ran, so a per-document memo would not survive to the next file. What the
        computation read is recorded for every judgement that uses the value."""
        try:
            value, reads = self._memo[key]
        except KeyError:
            reads, recording = Reads(), self._reads
            self._reads = [reads]  # the judgements under way record the memo, not its reads
            try:
                value = compute(self)
            finally:
                self._reads = recording
            self._memo[key] = (value, reads)
        for recording in self._reads:
            recording.memos[key] = reads
        return value

    def fact(self, relpath: str, key: str, compute, shape):
        """``compute(doc)`` for the readable document at ``relpath``, kept in the cache
        with the file's stamp: what a cross-document rule reads from another file (the
        roles of a competence matrix) costs one parse per change of that file, not one
        per run. ``compute`` must return plain JSON of ``shape`` (see ``cache.matches``):
        a cached value of another shape is discarded and computed again. The cache's
        fingerprint includes a stamp of the code (``cache.code_stamp``): a rule that
        changes what it computes need not change its key. None for unreadable files."""
        with self._unrecorded():
            value = self._fact(relpath, key, compute, shape)
        if self._reads:
            digest = self._fact_digest(relpath, key, value)
            for reads in self._reads:
                reads.facts[(relpath, key)] = digest
        return value

    def _fact(self, relpath: str, key: str, compute, shape):
        from aims_lint import cache

        if relpath in self.overrides and (relpath, key) in self._override_facts:
            return self._override_facts[(relpath, key)]
        if self._facts is None:
            self._facts = cache.load_facts(self.root, self._fingerprint()) if self.use_cache else {}
        entry = self._facts.get(relpath)
        if (
            entry is not None and key in entry["facts"] and relpath not in self.overrides
            and (entry["facts"][key] is None or cache.matches(entry["facts"][key], shape))
        ):
            if self._facts_current(relpath, entry):
                return entry["facts"][key]
        loaded = relpath in self._documents
        doc = self.document(relpath)
        value = compute(doc) if doc is not None and doc.read_error is None else None
        if not loaded:
            self.forget(relpath)
        if relpath in self.overrides:
            self._override_facts[(relpath, key)] = value
        read = self._read_stamps.get(relpath)
        if read is not None:  # kept for this run even without the cache; an open buffer never
            stamp, digest = read
            if entry is None or entry["stamp"] != stamp or entry["digest"] != digest:
                entry = self._facts[relpath] = {"stamp": stamp, "digest": digest, "facts": {}}
            entry["facts"][key] = value
            self._new_facts.add(relpath)
        return value

    def _facts_current(self, relpath: str, entry: dict) -> bool:
        """Are the facts cached in ``entry`` still true of the file? A digest they were
        kept with is dropped once the stamp alone will do (``_settled``)."""
        if not self._current(relpath, entry["stamp"], entry["digest"]):
            return False
        if self._settled(relpath, entry["stamp"], entry["digest"]):
            entry["digest"] = None
            self._new_facts.add(relpath)
        return True

    def _current(self, relpath: str, stamp: list[int], digest: str | None) -> bool:
        """Is a cache entry made with ``stamp`` and ``digest`` still true of the file?
        Checked once per file and run."""
        known = self._checked.get(relpath)
        if known is None or known[0] != (stamp, digest):
            from aims_lint import cache

            checked = cache.now_ns()  # before the file is read
            known = self._checked[relpath] = (
                (stamp, digest), cache.still_current(os.path.join(self.root, relpath), stamp, digest), checked
            )
        return known[1]

    def _settled(self, relpath: str, stamp: list[int], digest: str | None) -> bool:
        """True when a cache entry with a digest was found current by that digest, and its
        stamp was old enough when the file was read that the stamp alone will do from
        now on (``cache.settled``): later runs need not read and hash the file."""
        from aims_lint import cache

        known = self._checked.get(relpath)
        return (
            digest is not None and known is not None and known[0] == (stamp, digest) and known[1]
            and cache.settled(stamp, known[2])
        )

    def _fingerprint(self) -> str:
        if self._config_fingerprint is None:
            from aims_lint import cache

            self._config_fingerprint = cache.fingerprint(self.config)
        return self._config_fingerprint

    def new_facts(self, take: bool = False) -> dict[str, dict]:
        """The facts this run computed (a worker process hands them to the main one);
        ``take``: those computed since the last time they were taken."""
        found = {relpath: self._facts[relpath] for relpath in self._new_facts} if self._facts else {}
        if take:
            self._new_facts = set()
        return found

    def add_facts(self, facts: dict[str, dict]) -> None:
        if not facts:
            return
        if self._facts is None:
            from aims_lint import cache

            self._facts = cache.load_facts(self.root, self._fingerprint()) if self.use_cache else {}
        for relpath, entry in facts.items():
            mine = self._facts.get(relpath)
            if mine is not None and mine["stamp"] == entry["stamp"] and (
                mine["digest"] == entry["digest"]
                # One process read the file while it was racy (kept with a digest), the
                # other once it had settled: the same content if the digest still holds.
                or (None in (mine["digest"], entry["digest"])
                    and self._current(relpath, mine["stamp"], mine["digest"] or entry["digest"]))
            ):
                mine["facts"].update(entry["facts"])
                if entry["digest"] is None:
                    mine["digest"] = None  # settled: the stamp alone will do
            else:
                self._facts[relpath] = entry
            self._new_facts.add(relpath)

    def save_cache(self) -> None:
        """Write the facts computed in this run (the index is written when it is built)."""
        if self._new_facts and self.use_cache:
            from aims_lint import cache

            live = self.paths()
            cache.save_facts(
                self.root, self._fingerprint(), {relpath: entry for relpath, entry in self._facts.items() if relpath in live}
            )
            self._new_facts = set()

    # -- paths -----------------------------------------------------------

    def relpath(self, path: Path) -> str:
        return relative_path(path, self.root)

    def is_excluded(self, relpath: str, is_dir: bool = False) -> bool:
        parts = relpath.split("/")
        if any(part in DEFAULT_EXCLUDED_DIRS for part in (parts if is_dir else parts[:-1])):
            return True
        return bool(self.exclude) and self.exclude.match(relpath + ("/" if is_dir else ""))

    def limit_to(self, relpaths: list[str]) -> None:
        """A standalone run (no configuration, no git repository): the repository is the
        files named, so that linting a stray file does not index the folder around it."""
        self._paths = {relpath: os.path.join(self.root, relpath) for relpath in relpaths}
        self._apply_overrides(self._paths)

    def paths(self) -> dict[str, str]:
        """Every Markdown file of the repository: relative path -> its path (discovered
        once; text, not a Path: a Path per file costs a fifth of indexing 1,000 files)."""
        self._record_index()
        if self._paths is None:
            self._paths = dict(self._walk(self.root, ""))
            self._apply_overrides(self._paths)
        return self._paths

    def _apply_overrides(self, paths: dict[str, str]) -> None:
        """An override adds its file; an override of None takes the file away (the state
        of another commit, where it does not exist: aims_lint.changes)."""
        for relpath, data in self.overrides.items():
            if data is None:
                paths.pop(relpath, None)
            else:
                paths.setdefault(relpath, os.path.join(self.root, relpath))

    def relpaths_under(self, folder: Path) -> Iterator[str]:
        """Relative paths of the Markdown files under ``folder`` (excluded folders and
        symlinked folders skipped)."""
        base = self.relpath(folder)
        for relpath, _ in self._walk(folder, "" if base == "." else base):
            yield relpath

    def _walk(self, folder: Path, folder_relpath: str) -> Iterator[tuple[str, str]]:
        """(relpath, path) of the Markdown files under ``folder`` (relpaths built as text:
        path arithmetic per file would cost more than reading the folder)."""
        stack = [(str(folder), folder_relpath)]
        while stack:
            current, current_relpath = stack.pop()
            try:
                entries = sorted(os.scandir(current), key=lambda entry: entry.name)
            except OSError as error:
                self.notes.append(f"{current_relpath or '.'}: skipped folder: {error.strerror or error}")
                continue
            folders = []
            for entry in entries:
                relpath = f"{current_relpath}/{entry.name}" if current_relpath else entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not self.is_excluded(relpath, is_dir=True) and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                            folders.append((entry.path, relpath))
                        continue
                    if entry.is_symlink() and entry.is_dir():
                        continue  # symlinked folders can loop; their files are linted where they live
                except OSError:
                    continue
                if entry.name.lower().endswith(MARKDOWN_SUFFIXES) and not self.is_excluded(relpath):
                    # Walking from the root without following folder links, only a file
                    # link can lead outside the repository.
                    if not entry.is_symlink() or self.inside_root(Path(entry.path)):
                        yield relpath, entry.path
                    else:
                        self.notes.append(f"{relpath}: skipped: symlink to a file outside the repository")
            stack.extend(reversed(folders))

    def inside_root(self, path: Path) -> bool:
        """True when a path, after resolving symlinks, stays inside the repository."""
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling link or symlink loop
            return False
        return resolved == self.root or self.root in resolved.parents

    # -- documents ---------------------------------------------------------

    def document(self, relpath: str) -> Document | None:
        """The Document at a relative path (parsed once), or None if it cannot be read."""
        self._record_file(relpath)
        if relpath in self._documents:
            return self._documents[relpath]
        if relpath in self._recent:
            self._recent.move_to_end(relpath)
            return self._recent[relpath]
        doc = self._documents[relpath] = self._load(relpath)
        return doc

    def forget(self, relpath: str) -> None:
        """Done with a loaded document: it stays among the last few used (facts of the same
        documents are asked one key after another, by several rules), and is read again
        if something asks for it after that."""
        doc = self._documents.pop(relpath, None)
        if doc is None:
            return
        self._recent[relpath] = doc
        self._recent_text += len(doc.text)
        while len(self._recent) > RECENT_DOCUMENTS or self._recent_text > RECENT_TEXT:
            _, dropped = self._recent.popitem(last=False)
            self._recent_text -= len(dropped.text)

    def _load(self, relpath: str) -> Document | None:
        path = self.root / relpath
        if relpath in self.overrides:  # an editor buffer, standard input, another commit's file
            data = self.overrides[relpath]
            if data is None:  # not there in that state
                return None
            if self._over_size_limit(relpath, len(data)):  # an UnreadInput always is
                return None
        else:
            try:
                if path.is_symlink() and not self.inside_root(path):
                    self.notes.append(f"{relpath}: skipped: it resolves to a file outside the repository")
                    return None
                from aims_lint import cache

                status = os.stat(path)
                stamp = cache.stamp_of(status)
                if self._over_size_limit(relpath, status.st_size):
                    self._read_stamps[relpath] = (stamp, None)  # the size alone decides: the stamp has it
                    return None
                read_ns = cache.now_ns()
                data = path.read_bytes()
                self._read_stamps[relpath] = (stamp, cache.digest_if_racy(stamp, data, read_ns))
            except OSError as error:
                self.errors.append((relpath, f"cannot read file: {error.strerror or error}"))
                return None
        text, error = decode(data)
        doc = Document(path, relpath, text, read_error=error)
        doc.header_words = self.header_words
        self._assign_type(doc)
        return doc

    def _over_size_limit(self, relpath: str, size: int) -> bool:
        """True, with a note, when a file or buffer of ``size`` bytes is over max-file-size:
        the one check every document's bytes pass before they are parsed."""
        if size <= self.config.max_file_size:
            return False
        self.notes.append(
            f"{relpath}: skipped: {size / 1048576:.1f} MB is over the max-file-size of "
            f"{self.config.max_file_size / 1048576:.1f} MB"
        )
        return True

    def _assign_type(self, doc: Document) -> None:
        declared = doc.declared_type
        if declared:
            doc.doc_type, doc.type_source = normalise_type(declared), "front matter"
            return
        typed = self._glob_type(doc.relpath)
        if typed:
            doc.doc_type, doc.type_source = typed[0], f"types: {typed[1]}"

    def _glob_type(self, relpath: str) -> tuple[str, str] | None:
        """(type, glob) from the first configured glob that matches ``relpath``."""
        for matcher, doc_type in self._type_globs:
            if matcher.match(relpath):
                return normalise_type(doc_type), matcher.patterns[0]
        return None

    def linted_documents(self, *doc_types: str) -> Iterator[Document]:
        """The governance documents being linted (of ``doc_types``, when given): workspace
        rules report only on these. The index says each file's type, so only the
        documents asked for are read."""
        index = self.index()
        for relpath in self.targets:
            doc_type = index.get(relpath, (None, None))[0]
            if not doc_type or doc_types and doc_type not in doc_types:
                continue
            doc = self.document(relpath)
            if doc is not None and doc.doc_type and doc.read_error is None:
                yield doc

    def linked_document(self, doc: Document, target: str) -> Document | None:
        """The readable Markdown document a link (or a relative path) points to, if any."""
        resolved = resolve_link(doc.relpath, target)
        if resolved.relpath is None or resolved.relpath not in self.paths():
            return None
        linked = self.document(resolved.relpath)
        return linked if linked is not None and linked.read_error is None else None

    # -- the index: type and id of every file, without parsing every file ---------

    def index(self) -> dict[str, tuple[str | None, str | None]]:
        """relpath -> (type, id) for every Markdown file; ``type`` as the rules see it
        (front matter, else a configured glob). Read from the cache where the file is
        unchanged (see ``cache``)."""
        self._record_index()
        if self._index is None:
            with self._unrecorded():
                self._build_index()
        return self._index

    def _build_index(self) -> None:
        from aims_lint import cache

        cached = cache.load(self.root, self._fingerprint()) if self.use_cache else {}
        fresh: dict[str, list] = {}
        self._index = {}
        for relpath in self.paths():
            entry = cached.get(relpath)
            if entry is None or relpath in self.overrides or not self._current(relpath, entry[:4], entry[4]):
                loaded = relpath in self._documents
                doc = self.document(relpath)
                declared, doc_id = (doc.declared_type, doc.id) if doc else (None, None)
                if not loaded:
                    self.forget(relpath)  # indexing a large repository must not hold it all in memory
                # An open buffer, or a file that could not be read, is not cached.
                read = self._read_stamps.get(relpath) if relpath not in self.overrides else None
                entry = [*read[0], read[1], declared, doc_id] if read else None
            else:
                declared, doc_id = entry[5], entry[6]
                # Unread, as a file over the limit is: the same note as reading it gives.
                self._over_size_limit(relpath, entry[3])
                if self._settled(relpath, entry[:4], entry[4]):
                    entry = [*entry[:4], None, *entry[5:]]
            if entry is not None:
                fresh[relpath] = entry
            typed = self._glob_type(relpath) if not declared else None
            self._index[relpath] = (normalise_type(declared) if declared else typed and typed[0], doc_id)
        self._entries = fresh
        if self.use_cache and fresh != cached:
            cache.save(self.root, self._fingerprint(), fresh)

    def ids(self) -> dict[str, list[str]]:
        """Document id -> relpaths of the governance documents that declare it: in front
        matter (the index), else in a body document-control block (read once per change
        of the file, through the facts cache)."""
        return self.memo("workspace:ids", _ids)

    def documents_with_id(self, doc_id: str) -> list[Document]:
        relpaths = self.ids().get(str(doc_id).strip(), []) if doc_id else []
        return [doc for doc in map(self.document, relpaths) if doc is not None]

    def relpaths_of_type(self, *doc_types: str) -> list[str]:
        """Relative paths of the governance documents of the given types (nothing parsed)."""
        return [relpath for relpath, (doc_type, _) in self.index().items() if doc_type in doc_types]

    def documents_of_type(self, *doc_types: str) -> list[Document]:
        """Readable governance documents of the given types (only those are parsed)."""
        relpaths = [relpath for relpath, (doc_type, _) in self.index().items() if doc_type in doc_types]
        return [doc for doc in map(self.document, relpaths) if doc is not None and doc.read_error is None]

    def types(self) -> set[str]:
        return {doc_type for doc_type, _ in self.index().values() if doc_type}


def _ids(workspace: Workspace) -> dict[str, list[str]]:
    from aims_lint.cache import OPTIONAL_TEXT
    from aims_lint.reading.metadata import BODY_ID_FACT, body_id

    ids: dict[str, list[str]] = {}
    for relpath, (doc_type, doc_id) in workspace.index().items():
        if doc_type and not doc_id:
            doc_id = workspace.fact(relpath, BODY_ID_FACT, body_id, OPTIONAL_TEXT)
        if doc_type and doc_id:
            ids.setdefault(doc_id, []).append(relpath)
    return ids


def _plain_digest(value) -> str | None:
    """A digest of ``value`` as plain data (dataclasses, sets and paths made JSON), or
    None when it holds anything else (an object whose identity may matter)."""
    import dataclasses
    import json

    from aims_lint import cache

    def plain(item):
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return {"__dataclass__": type(item).__qualname__, **{field.name: getattr(item, field.name) for field in dataclasses.fields(item)}}
        if isinstance(item, (set, frozenset)):
            return sorted(item, key=repr)
        if isinstance(item, Path):
            return str(item)
        raise TypeError("not plain data")

    try:
        return cache.value_digest(json.dumps(value, sort_keys=True, default=plain))
    except (TypeError, ValueError, RecursionError):
        return None
