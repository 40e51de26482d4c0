"""The repository caches: for each Markdown file, its declared type and id (the index),
and what cross-document rules read from it (facts), so that cross-document rules can
find "the document with id RA-001", "every aims-scope" or "the roles of the competence
matrix" without reading every file of a large repository on every save.

The cache must never change a result, only save time:

- an entry is keyed on the file's stamp: modification and status-change times, inode
  and size. ``touch -r`` can forge a modification time but not the status-change time,
  and a file replaced by another has another inode;
- an entry made while the file could still change within the same timestamp tick (it
  was modified less than ``RACY_SECONDS`` before it was read) also keeps a digest of
  the content read, checked before the entry is trusted (git's "racy" index entries);
- the cache records the configuration that shapes what is read (document types by
  glob, max-file-size, vocabularies, header words, rule options, planning, roles) and the
  code that reads it (a stamp of every file of aims_lint and of the built-in pack):
  another configuration, or an edited reading, starts a new cache, with no version or
  key to bump by hand;
- anything that does not validate (wrong version, wrong shape, too deep to parse) is
  discarded and rebuilt.

Stored as JSON (never pickle: a repository under review may be hostile) in
``.aims-lint-cache/`` at the repository root, beside a ``.gitignore`` that keeps it out
of version control. It is never read or written through a symlink: a cache folder or
file committed as a link to elsewhere is left alone, and the run goes on without it.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path
from typing import Any

from aims_lint import __version__

CACHE_DIR = ".aims-lint-cache"
_FILE = "index.json"
_FACTS_FILE = "facts.json"
RACY_SECONDS = 2  # coarser than any file system's timestamp tick that matters here


def fingerprint(config) -> str:
    """What of the configuration and of the code changes how files are read or what
    facts say."""
    return json.dumps(
        [
            config.types, config.max_file_size, config.vocabularies, config.rule_options, config.roles, config.external_refs,
            config.header_words, config.planning, code_stamp(),
        ],
        sort_keys=True, default=str,
    )


_CODE_STAMP: list[str] = []


def code_stamp() -> str:
    """A digest of the name, size and modification time of every source and data file
    of aims_lint, of the built-in rule pack and of the third-party packs loaded, computed
    once per process: a fact, a reading or a stored shape that changes with the code
    starts a new cache by itself."""
    if not _CODE_STAMP:
        _CODE_STAMP.append(current_code_stamp())
    return _CODE_STAMP[0]


def current_code_stamp() -> str:
    """``code_stamp`` as the files are now: a resident checker (aims_lint.resident) tells
    by it that the code it runs has changed on disk."""
    import zlib  # hashlib costs more to import than the whole walk

    from aims_lint.pack import THIRD_PARTY_FOLDERS

    base = Path(__file__).resolve().parent
    skip = len(str(base.parent)) + 1  # names relative to the installation, wherever it is
    parts = [f"pack\0{folder}" for folder in THIRD_PARTY_FOLDERS]
    folders = [str(base), str(base.parent / "rules"), *THIRD_PARTY_FOLDERS]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    folders.append(entry.path)
            elif entry.name.endswith((".py", ".yaml", ".txt")):
                try:
                    status = entry.stat()
                except OSError:
                    continue
                parts.append(f"{entry.path[skip:]}\0{status.st_size}\0{status.st_mtime_ns}")
    parts.sort()
    data = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(parts)}"


# -- stamps -------------------------------------------------------------------


def stamp_of(status: os.stat_result) -> list[int]:
    return [status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_size]


def stat_stamp(path: Path | str) -> list[int] | None:
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def digest_if_racy(stamp: list[int], data: bytes, read_ns: int) -> str | None:
    """A digest of ``data`` when the file changed so recently before it was read that a
    further change could keep the same stamp; None otherwise (the stamp is enough)."""
    if max(stamp[0], stamp[1]) < read_ns - RACY_SECONDS * 1_000_000_000:
        return None
    return content_digest(data)


def content_digest(data: bytes) -> str:
    try:
        # hashlib.blake2b is this built-in one; importing hashlib also loads OpenSSL
        # (about 5 ms, a few per cent of a single-file run).
        from _blake2 import blake2b
    except ImportError:  # an interpreter built without it
        from hashlib import blake2b

    return blake2b(data, digest_size=16).hexdigest()


def value_digest(text: str) -> str:
    """A digest of what was computed (a fact's value, the index, a key), as opposed to
    a file's content (``content_digest``)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter built without it
        from hashlib import blake2b

    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def settled(stamp: list[int], now: int) -> bool:
    """True when a file with ``stamp`` last changed long enough before ``now`` that any
    later change must change its stamp: a digest kept for it is no longer needed."""
    return max(stamp[0], stamp[1]) < now - RACY_SECONDS * 1_000_000_000


def still_current(path: Path | str, stamp: list[int], digest: str | None) -> bool:
    """True when the file at ``path`` is what an entry with ``stamp`` and ``digest``
    was made from."""
    if stat_stamp(path) != stamp:
        return False
    if digest is None:
        return True
    try:
        with open(path, "rb") as stream:
            return content_digest(stream.read()) == digest
    except OSError:
        return False


def now_ns() -> int:
    return time.time_ns()


# -- shapes: what a cached value must look like --------------------------------


def matches(value: Any, shape: Any) -> bool:
    """Does a JSON value have ``shape``? A shape is a type (``str``, ``int``, ``bool``,
    ``type(None)``), ``[shape]`` (a list of any length), a tuple of shapes (a list of
    exactly those), a dict of key -> shape (exactly those keys) or a frozenset of
    alternative shapes."""
    if isinstance(shape, frozenset):
        return any(matches(value, alternative) for alternative in shape)
    if isinstance(shape, type):
        if shape is int:
            return type(value) is int  # JSON true is not a number here
        return isinstance(value, shape)
    if isinstance(shape, list):
        return isinstance(value, list) and all(matches(item, shape[0]) for item in value)
    if isinstance(shape, tuple):
        return isinstance(value, list) and len(value) == len(shape) and all(map(matches, value, shape))
    if isinstance(shape, dict):
        return isinstance(value, dict) and value.keys() == shape.keys() and all(
            matches(value[key], item) for key, item in shape.items()
        )
    raise TypeError(f"not a shape: {shape!r}")  # pragma: no cover - a rule's mistake


OPTIONAL_TEXT = frozenset({str, type(None)})
_STAMP = (int, int, int, int)
_FACTS_ENTRY = {"stamp": _STAMP, "digest": OPTIONAL_TEXT, "facts": dict}


# -- files --------------------------------------------------------------------


def load(root: Path, config_fingerprint: str) -> dict[str, list]:
    """relpath -> index entry; {} when unusable."""
    files = _read(root, _FILE, config_fingerprint)
    return {relpath: entry for relpath, entry in files.items() if _index_entry(entry)}


def _index_entry(entry: Any) -> bool:
    """[mtime_ns, ctime_ns, inode, size, digest or None, declared type or None, id or
    None] (checked by hand, not with ``matches``: it is asked of every file on every run)."""
    return (
        type(entry) is list and len(entry) == 7
        and type(entry[0]) is int and type(entry[1]) is int and type(entry[2]) is int and type(entry[3]) is int
        and (entry[4] is None or type(entry[4]) is str) and (entry[5] is None or type(entry[5]) is str)
        and (entry[6] is None or type(entry[6]) is str)
    )


def save(root: Path, config_fingerprint: str, entries: dict[str, list]) -> None:
    _write(root, _FILE, config_fingerprint, entries)


def load_facts(root: Path, config_fingerprint: str) -> dict[str, dict]:
    """relpath -> {"stamp", "digest", "facts": {key: value}}: what cross-document rules
    read from a file (a competence matrix's roles), so that a single-file run does not
    parse the other files again. Each value is checked against its shape when used."""
    files = _read(root, _FACTS_FILE, config_fingerprint)
    return {relpath: entry for relpath, entry in files.items() if _facts_entry(entry)}


def _facts_entry(entry: Any) -> bool:
    """``matches(entry, _FACTS_ENTRY)``, written out: it runs for every file of the
    repository on every run."""
    if type(entry) is not dict or entry.keys() != _FACTS_ENTRY.keys():
        return False
    stamp, digest = entry["stamp"], entry["digest"]
    return (
        type(stamp) is list and len(stamp) == 4 and all(type(part) is int for part in stamp)
        and (digest is None or type(digest) is str) and type(entry["facts"]) is dict
    )


def save_facts(root: Path, config_fingerprint: str, entries: dict[str, dict]) -> None:
    _write(root, _FACTS_FILE, config_fingerprint, entries)


def cache_folder(root: Path) -> Path | None:
    """The cache folder, or None when it is a symlink or not a folder."""
    folder = root / CACHE_DIR
    return folder if not folder.is_symlink() and folder.is_dir() else None


def read_json(path: Path) -> Any:
    """The JSON of a cache file; None when it is absent, not JSON, or a link (opened with
    O_NOFOLLOW: a cache file that is a link to elsewhere is not read)."""
    if _HELD:
        write_held(keep_holding=True)  # a run reads what it wrote
    if _USED is not None:
        _USED.add(str(path))
    try:
        data = _read_bytes(path)
        ahead = _AHEAD.pop(str(path), None)
        if ahead is not None and ahead[0] == data:
            return ahead[1]
        return json.loads(data)
    except (OSError, ValueError, RecursionError):
        return None


def _read_bytes(path: Path | str) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read()


# A resident checker reads its next run's cache files ahead, while it waits for that run
# (``read_ahead``): path -> (the file's bytes, their JSON), each taken once by the run,
# and only while the file holds those very bytes. The paths this run read or wrote, when
# they are noted (``hold_writes``).
_AHEAD: dict[str, tuple[bytes, Any]] = {}
_USED: set[str] | None = None


def read_ahead() -> None:
    """Parse again the cache files this run read or wrote, for the next run, and stop
    noting them."""
    global _USED
    used, _USED = _USED or set(), None
    _AHEAD.clear()
    for path in sorted(used):
        try:
            data = _read_bytes(path)
            _AHEAD[path] = (data, json.loads(data))
        except (OSError, ValueError, RecursionError):
            pass


_WRITES = itertools.count()  # this process's temporary files, numbered
# Writes held back (folder/name -> (folder, name, data)) while a resident checker's caller
# waits (aims_lint.resident); None when writes are made at once.
_HELD: dict[str, tuple[Path, str, Any]] | None = None


def hold_writes() -> None:
    """Hold cache writes back until ``write_held``: a resident checker answers its caller
    first. A run's writes are made at its end, from data it no longer changes, and a read
    of the caches makes the held writes first. The files read and written are noted for
    ``read_ahead``."""
    global _HELD, _USED
    _HELD, _USED = {}, set()


def write_held(keep_holding: bool = False) -> None:
    """Make the held writes, in order (the last write of a file wins); then write at once
    unless ``keep_holding``."""
    global _HELD
    held, _HELD = _HELD, None
    try:
        for folder, name, data in (held or {}).values():
            write_json(folder, name, data)
    finally:
        if keep_holding:
            _HELD = {}


def write_json(folder: Path, name: str, data: Any) -> None:
    """Write ``data`` as ``folder/name`` atomically (a temporary file replaced into place,
    which replaces a link at that name and never follows it); silently give up where the
    folder is not writable."""
    path = os.path.join(folder, name)
    if _USED is not None:
        _USED.add(path)
    if _HELD is not None:
        _HELD.pop(path, None)  # the latest write of a file goes last
        _HELD[path] = (folder, name, data)
        return
    # A new file of a name no other file has (O_EXCL never opens an existing file or
    # link), as tempfile.mkstemp makes, without importing tempfile (5 ms of a hook run).
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{next(_WRITES)}.{time.time_ns() & 0xFFFFFF:x}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(temporary, flags, 0o600)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # dumps, not dump: only the one-shot encoder is the C one
                stream.write(json.dumps(data, separators=(",", ":")))
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError:
        pass


def _read(root: Path, name: str, config_fingerprint: str) -> dict:
    folder = cache_folder(root)
    data = read_json(folder / name) if folder is not None else None
    if (
        not isinstance(data, dict) or data.get("version") != __version__
        or data.get("configuration") != config_fingerprint or not isinstance(data.get("files"), dict)
    ):
        return {}
    return data["files"]


def _write(root: Path, name: str, config_fingerprint: str, entries: dict) -> None:
    """Write a cache file atomically; silently give up where the folder is not writable
    or is not a real folder of the repository."""
    folder = root / CACHE_DIR
    try:
        if not folder.is_symlink() and not folder.exists():
            folder.mkdir()
        if cache_folder(root) is None:
            return
        ignore = folder / ".gitignore"
        if not os.path.lexists(ignore):
            # O_EXCL|O_NOFOLLOW: never write through a link, even one created meanwhile.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(ignore, flags, 0o666), "w", encoding="utf-8") as stream:
                stream.write("# written by aims-lint\n*\n")
    except OSError:
        return
    write_json(folder, name, {"version": __version__, "configuration": config_fingerprint, "files": entries})
