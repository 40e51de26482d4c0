"""The index cache keeps a digest only while a file's stamp could hide a change.

A file changed less than ``cache.RACY_SECONDS`` before it was read is cached with a
digest of its content, and checked by that digest (read and hashed) on later runs. Once
a run finds it unchanged long enough after its last change, the stamp alone is enough:
the entry drops its digest and later runs no longer read the file to check it.
"""

from __future__ import annotations

import json

from aims_lint import cache

from .conftest import codes, lint
from .test_document_control import GOOD


def _digests(root):
    entries = json.loads((root / cache.CACHE_DIR / "index.json").read_text())["files"]
    return {relpath: entry[4] for relpath, entry in entries.items()}


def test_a_file_indexed_while_racy_is_checked_by_digest_then_by_stamp(repo, monkeypatch):
    root = repo({"policy.md": GOOD})
    first = lint(root)
    assert _digests(root)["policy.md"] is not None  # just written: its stamp could hide a change

    later = cache.now_ns() + (cache.RACY_SECONDS + 1) * 1_000_000_000
    monkeypatch.setattr(cache, "now_ns", lambda: later)
    hashed = []
    digest = cache.content_digest
    monkeypatch.setattr(cache, "content_digest", lambda data: hashed.append(1) or digest(data))
    second = lint(root)
    assert hashed and _digests(root)["policy.md"] is None  # checked by digest once, then settled

    hashed.clear()
    third = lint(root)
    assert not hashed  # the stamp alone
    assert codes(first) == codes(second) == codes(third)



def _facts_entry(workspace, relpath, key, value, digest):
    stamp = cache.stat_stamp(workspace.root / relpath)
    return {relpath: {"stamp": stamp, "digest": digest, "facts": {key: value}}}


def test_facts_read_while_racy_and_once_settled_join_when_the_content_is_the_same(repo):
    # Two worker processes read one file, the first while it was racy (its facts kept
    # with a digest), the second once it had settled: both sets of facts are the file's.
    from aims_lint.config import load_config
    from aims_lint.workspace import Workspace

    root = repo({"policy.md": GOOD})
    workspace = Workspace(load_config(root))
    digest = cache.content_digest((root / "policy.md").read_bytes())
    workspace.add_facts(_facts_entry(workspace, "policy.md", "first", 1, digest))
    workspace.add_facts(_facts_entry(workspace, "policy.md", "second", 2, None))
    entry = workspace.new_facts()["policy.md"]
    assert entry["facts"] == {"first": 1, "second": 2} and entry["digest"] is None

    # A digest the file no longer has: the facts read with it are not the file's.
    other = Workspace(load_config(root))
    other.add_facts(_facts_entry(other, "policy.md", "first", 1, "not-its-digest"))
    other.add_facts(_facts_entry(other, "policy.md", "second", 2, None))
    assert other.new_facts()["policy.md"]["facts"] == {"second": 2}
