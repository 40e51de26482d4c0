"""The repository caches: for each Markdown file, its declared type and id (the index),
and what cross-document rules read from it (facts), keyed by modification time and
size, so that cross-document rules can find "the document with id RA-001", "every
aims-scope" or "the roles of the competence matrix" without reading every file of a
large repository on every save.

Stored as JSON (never pickle: a repository under review may be hostile) in
``.aims-lint-cache/`` at the repository root, beside a ``.gitignore`` that keeps it out
of version control. Any problem reading or writing it is ignored: the cache only ever
saves time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from aims_lint import __version__

CACHE_DIR = ".aims-lint-cache"
_FILE = "index.json"
_FACTS_FILE = "facts.json"


def load(root: Path) -> dict[str, list]:
    """relpath -> [mtime_ns, size, declared type or None, id or None]; {} when unusable."""
    files = _read(root, _FILE)
    entries = {}
    for relpath, entry in files.items():
        if (
            isinstance(entry, list) and len(entry) == 4
            and all(isinstance(number, int) for number in entry[:2])
            and all(value is None or isinstance(value, str) for value in entry[2:])
        ):
            entries[relpath] = entry
    return entries


def save(root: Path, entries: dict[str, list]) -> None:
    _write(root, _FILE, entries)


def load_facts(root: Path) -> dict[str, dict]:
    """relpath -> {"stamp": [mtime_ns, size], "facts": {key: value}}: what cross-document
    rules read from a file (a competence matrix's roles), so that a single-file run does
    not parse the other files again. Values are plain JSON; rules check their shape."""
    entries = {}
    for relpath, entry in _read(root, _FACTS_FILE).items():
        if (
            isinstance(entry, dict) and isinstance(entry.get("facts"), dict)
            and isinstance(entry.get("stamp"), list) and len(entry["stamp"]) == 2
            and all(isinstance(number, int) for number in entry["stamp"])
        ):
            entries[relpath] = entry
    return entries


def save_facts(root: Path, entries: dict[str, dict]) -> None:
    _write(root, _FACTS_FILE, entries)


def _read(root: Path, name: str) -> dict:
    try:
        data = json.loads((root / CACHE_DIR / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != __version__ or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _write(root: Path, name: str, entries: dict) -> None:
    """Write a cache file atomically; silently give up where the folder is not writable."""
    import tempfile  # only when there is something to write: it costs start-up time

    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by aims-lint\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"version": __version__, "files": entries}, stream, separators=(",", ":"))
        os.replace(temporary, folder / name)
    except OSError:
        pass
