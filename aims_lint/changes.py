"""What a change does to the whole AIMS: the findings it introduces, wherever they land.

A governance repository is a web of documents: deleting an impact assessment leaves an
in-scope system unassessed (the finding belongs to the scope document), excluding a
control breaks a risk treatment that relies on it (the finding belongs to the risk
assessment), narrowing ``roles`` in the configuration makes owners elsewhere undefined.
So a change is judged by linting the whole repository twice, as it is and as it was at
the base, each state with its own configuration, and keeping the findings of the new
state whose content key (``aims_lint.fingerprint``) the base does not have, counted.
A finding that existed before is not blamed on the change, even when lines moved.

- ``aims-lint check --new-since REF``: the working tree against the commit REF (a pull
  request against its base branch).
- ``aims-lint check --staged`` (the pre-commit hook): what ``git commit`` would record
  (the index) against HEAD; when nothing relevant is staged (no Markdown file, whether
  added, modified, renamed or deleted, and no configuration file) it answers at once.

The base state is the working tree with the changed Markdown files put back as they were
(the cache serves the unchanged files); when a configuration file changed, or a file that
is not Markdown was deleted, it is read from git into a temporary folder
outside the repository instead (``git ls-tree`` and ``git cat-file``). Its findings are
kept in the cache (``.aims-lint-cache/base-*.json``, the newest few states) as counted
short content keys, all that a comparison needs, under a digest of the tree's files, the
code, the options and the date, so that successive commits on one base lint it once.
The documents of both states are judged through the kept results
(``aims_lint.results``): a one-file commit judges again that file and what read it.

The pre-commit hook keeps the state it lints, which the commit makes the next base, with
its reach (``results.Reach``): the next commit's run then judges only the documents its
change can touch, and counts the others' findings, the same in both states, as existing
without reading them. Nothing else is written inside the repository.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aims_lint.config import CONFIG_FILES
from aims_lint.findings import Finding
from aims_lint.git import GitError
from aims_lint.workspace import MARKDOWN_SUFFIXES

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's id of the empty tree


def git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {reason[0] if reason else 'exit ' + str(completed.returncode)}")
    return completed.stdout


def toplevel(cwd: Path) -> Path:
    return Path(os.fsdecode(git(cwd, "rev-parse", "--show-toplevel").strip()))


def toplevel_and_head(cwd: Path) -> tuple[Path, str | None]:
    """(the repository's root, the id of HEAD's tree, None when there is no commit yet),
    asked of git once."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--verify", "--quiet", "HEAD^{tree}"],
            cwd=cwd, capture_output=True, check=False,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    lines = completed.stdout.splitlines()
    if completed.returncode == 0 and len(lines) == 2:
        return Path(os.fsdecode(lines[0])), lines[1].decode()
    if completed.returncode == 1 and len(lines) == 1:
        return Path(os.fsdecode(lines[0])), None
    return toplevel(cwd), None  # git's own message for what went wrong (not a repository)


def tree_of(cwd: Path, ref: str) -> str:
    """The id of the tree of commit ``ref`` (``--end-of-options``: a ref is never an option)."""
    try:
        return git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{tree}}").decode().strip()
    except GitError:
        raise GitError(f"'{ref}' is not a commit in this repository") from None


def relevant(name: str, baseline_name: str | None = None) -> bool:
    """Can a change to the file ``name`` (relative to the git root) change a finding?"""
    base = name.rsplit("/", 1)[-1]
    return name.lower().endswith(MARKDOWN_SUFFIXES) or base in CONFIG_FILES or (baseline_name is not None and base == baseline_name)


def staged_changes(cwd: Path, head: bool) -> list[tuple[str, str]]:
    """(status, path) of every path the index changes against HEAD (``head``: there is
    one; A added, D deleted, M modified; a rename is a deletion and an addition), paths
    relative to the git root."""
    if not head:
        out = git(cwd, "ls-files", "-z", "--cached", "--full-name")
        return [("A", name) for name in os.fsdecode(out).split("\0") if name]
    return _name_status(git(cwd, "diff", "--cached", "--name-status", "-z", "--no-renames", "HEAD", "--"))


def relevant_change(status: str, name: str, baseline_name: str | None = None) -> bool:
    """Can this change alter a finding? Markdown and configuration files, and the
    deletion of any file (a document may link to it)."""
    return status == "D" or relevant(name, baseline_name)


def unstaged_names(cwd: Path) -> list[str]:
    """Tracked files whose working copy differs from the index, relative to the git root."""
    out = git(cwd, "diff", "--name-only", "-z", "--no-renames", "--")
    return [name for name in os.fsdecode(out).split("\0") if name]


def untracked_names(cwd: Path) -> list[str]:
    out = git(cwd, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/")
    return [name for name in os.fsdecode(out).split("\0") if name]


def extract_tree(cwd: Path, tree: str, folder: Path) -> None:
    """Write the files of ``tree`` into ``folder`` (outside the repository): Markdown and
    configuration files with their content, every other file empty (only its existence
    is judged, by links). Read with ``git ls-tree`` and ``git cat-file`` rather than
    ``git archive``, which would leave out files marked ``export-ignore``. Symbolic links
    and submodules are not written."""
    if tree == EMPTY_TREE:
        return
    listing = os.fsdecode(git(cwd, "ls-tree", "-r", "-z", "--full-tree", tree)).split("\0")
    wanted, empty = [], []
    for entry in listing:
        if not entry or "\t" not in entry:
            continue
        meta, name = entry.split("\t", 1)
        mode, kind = meta.split()[:2]
        if kind != "blob" or mode not in ("100644", "100755") or "\n" in name:
            continue
        base = name.rsplit("/", 1)[-1]
        (wanted if name.lower().endswith(MARKDOWN_SUFFIXES) or base in CONFIG_FILES or base.endswith(".json") else empty).append(name)
    root = Path(os.path.abspath(folder))
    for name, data in [*blobs(cwd, tree, wanted).items(), *((name, b"") for name in empty)]:
        if data is None:
            continue
        target = root / name
        if root not in target.parents:  # git forbids such names; never write outside
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def extract_index(cwd: Path, folder: Path) -> None:
    """Write the files of the index (what ``git commit`` would record) into ``folder``."""
    prefix = str(folder).rstrip("/") + "/"
    git(toplevel(cwd), "checkout-index", "--all", "--force", f"--prefix={prefix}")


@dataclass
class Comparison:
    new: list[Finding]
    existing: int  # findings of the new state that the base had too
    fixed: int  # findings of the base that the new state no longer has
    base: str  # what was compared with, as the user named it


@dataclass
class State:
    """What the cache keeps of a linted state of the repository: the short content keys
    (``fingerprint.short_key``) of its active findings, counted, and, for a state the
    pre-commit hook linted in the working tree, its reach (``results.Reach``)."""

    keys: Counter
    reach: Any = None

    def carried(self, untouched: frozenset, workspace_codes: set[str]) -> Counter:
        """The keys of the findings of documents a later run left ``untouched``: those
        of their own rules, still theirs (a workspace rule is always judged again)."""
        return Counter({
            item: number for item, number in self.keys.items() if item[1] in untouched and item[0] not in workspace_codes
        })


def compare(current: list[Finding], base: State, ref: str, carried: Counter | None = None) -> Comparison:
    """``current`` against the base's findings. ``carried``: findings of documents the
    run did not judge (``State.carried``), the same in both states: existing, never new."""
    from aims_lint import fingerprint

    matched, new, unused = fingerprint.match(current, base.keys, key=fingerprint.short_key)
    same = sum((carried or Counter()).values())
    return Comparison(new, len(matched) + same, sum(unused.values()) - same, ref)


# -- the states already linted ---------------------------------------------------

_STATE_FILE = "base-{}.json"
_KEPT = 3  # states kept: the base, the state just committed (the next commit's base), one spare


def kept_state(root: Path, key: str) -> State | None:
    """The state ``key`` names (a tree's content with the code, options and date), when a
    run kept it."""
    from aims_lint.cache import cache_folder, read_json, value_digest

    folder = cache_folder(root)
    data = read_json(folder / _STATE_FILE.format(value_digest(key)[:24])) if folder is not None else None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("keys"), dict):
        return None
    counted: Counter = Counter()
    for path, rows in data["keys"].items():  # path -> [code, message digest, count] of its findings
        if type(rows) is not list:
            return None
        for row in rows:
            if not (type(row) is list and len(row) == 3 and type(row[0]) is str and type(row[1]) is str
                    and type(row[2]) is int and row[2] > 0):
                return None
            counted[(row[0], path, row[1])] += row[2]
    reach = None
    if data.get("reach") is not None:
        from aims_lint.results import Reach

        reach = Reach.from_json(data["reach"])
    return State(counted, reach)


def keep_state(root: Path, key: str, keys: Counter, reach=None) -> None:
    """Keep a state's counted short keys (and its reach) under ``key``; only the newest
    few states are kept."""
    from aims_lint.cache import cache_folder, value_digest, write_json

    folder = cache_folder(root)
    if folder is None:
        return
    name = _STATE_FILE.format(value_digest(key)[:24])
    by_path: dict[str, list] = {}
    for (code, path, digest), number in keys.items():
        by_path.setdefault(path, []).append([code, digest, number])
    write_json(folder, name, {"key": key, "keys": by_path, "reach": reach.to_json() if reach is not None else None})
    try:
        with os.scandir(folder) as entries:
            kept = [(entry.stat(follow_symlinks=False).st_mtime_ns, entry.name) for entry in entries
                    if entry.name.startswith("base-") and entry.name.endswith(".json") and entry.name != name]
    except OSError:
        return
    for _, stale in sorted(kept)[:max(0, len(kept) - (_KEPT - 1))]:
        try:
            os.unlink(folder / stale)
        except OSError:
            pass


def contents_key(top: Path, tree: str | None = None) -> str | None:
    """A key for the files of ``tree`` (None: of git's index, what the next commit will
    hold) in the repository whose root is ``top``: a digest of each file's mode, blob id
    and path. Read only: nothing is written into the repository (``git write-tree``
    would store tree objects), and the index and the commit made from it give the same
    key."""
    from aims_lint.cache import content_digest

    try:
        if tree is None:
            out = git(top, "ls-files", "-s", "-z")  # "mode blob stage\tpath", the whole index
        else:
            out = git(top, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", tree)  # "mode kind blob\tpath"
        entries = []
        for item in out.split(b"\0"):
            if not item:
                continue
            info, _, path = item.partition(b"\t")
            if tree is None:
                mode, blob, stage = info.split(b" ")
                if stage != b"0":
                    return None  # a conflicted index commits nothing
            else:
                mode, _kind, blob = info.split(b" ")
            entries.append(b"%s %s\t%s" % (mode, blob, path))
    except (GitError, ValueError):
        return None
    return content_digest(b"\0".join(sorted(entries)))


# -- the base as the working tree with the changed files put back ----------------------


def _name_status(out: bytes) -> list[tuple[str, str]]:
    parts = os.fsdecode(out).split("\0")
    return [(parts[index][:1], parts[index + 1]) for index in range(0, len(parts) - 1, 2) if parts[index]]


def blobs(cwd: Path, tree: str, names: list[str]) -> dict[str, bytes | None]:
    """The content of each of ``names`` (relative to the git root) in ``tree``; None for
    a name the tree does not hold (one ``git cat-file --batch`` for them all)."""
    if not names:
        return {}
    request = "".join(f"{tree}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    if any("\n" in name for name in names):
        raise GitError("a file name holds a line break")
    out = git(cwd, "cat-file", "--batch", data=request)
    found: dict[str, bytes | None] = {}
    position = 0
    for name in names:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[name] = out[position:position + size]
            position += size + 1
        else:
            found[name] = None  # "missing", or not a file (a folder, a submodule)
    return found


def base_overrides(cwd: Path, top: Path, root: Path, tree: str, staged: bool, untracked: list[str]) -> dict | None:
    """The base state as overrides of the working tree: relpath (from ``root``) -> the
    file's content at ``tree``, or None where it did not exist. None when that cannot be
    said of the working tree alone: a configuration file changed (the base has its own
    configuration), or a file that is not Markdown was deleted (a link to it is judged by
    its existence). Then the base is extracted instead."""
    if tree == EMPTY_TREE:
        return None
    if staged:
        out = git(cwd, "diff", "--cached", "--name-status", "-z", "--no-renames", tree, "--")
    else:
        out = git(cwd, "diff", "--name-status", "-z", "--no-renames", tree, "--")
    changed = _name_status(out)
    names = []
    for status, name in changed:
        base = name.rsplit("/", 1)[-1]
        if base in CONFIG_FILES or base == ".aims-lint-baseline.json":
            return None
        if name.lower().endswith(MARKDOWN_SUFFIXES):
            names.append(name)
        elif status not in ("A", "M"):
            # A file that is not Markdown is judged only by its existence (a link to it):
            # one the change deletes must be missing from the base's working tree too.
            # One it adds can only spare the base a finding, never make one look new.
            return None
    if not staged:
        names.extend(name for name in untracked if name.lower().endswith(MARKDOWN_SUFFIXES))
    contents = blobs(cwd, tree, sorted(set(names)))
    overrides = {}
    real_top, real_root = Path(os.path.realpath(top)), Path(os.path.realpath(root))
    for name, data in contents.items():
        try:
            relpath = (real_top / name).relative_to(real_root).as_posix()
        except ValueError:
            continue  # outside the linted root
        overrides[relpath] = data
    return overrides
