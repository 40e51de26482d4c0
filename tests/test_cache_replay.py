"""The cache can never change a result: after any sequence of edits, configuration
changes, renames and deletions, a run that reads and writes .aims-lint-cache/ gives
exactly the findings (with every location), errors and notes of a run without it.

Random sequences (seeded: a failure names its seed and replays) of changes to a small
AIMS copied from examples/aims. Half of the sequences run as on a file system whose
timestamps tick once a second (the stamps' times are cut to whole seconds): an edit
within the same second that keeps the size and the inode then keeps the stamp, and
only the racy-entry digest (aims_lint.cache) tells the cache that the file changed. A
third of them trust the stamps alone (no entry is racy): nanosecond times, and the
status-change time that no ``touch -r`` can put back, must then tell every change.
Each step compares a run over the whole repository or one over a single file (what
pre-commit and the editor run: the other files are read through the cache)."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from aims_lint import cache, runner
from aims_lint.config import load_config
from aims_lint.pack import load_rules

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aims"
TODAY = dt.date(2026, 6, 1)
SEQUENCES = int(os.environ.get("AIMS_LINT_CACHE_SEQUENCES", "30"))
STEPS = 8

TYPES = ["aims-scope", "ai-policy", "risk-assessment", "soa", "ai-objectives", "impact-assessment",
         "competence-matrix", "management-review", "procedure"]
CONFIGURATIONS = [
    "",
    "exclude: ['planning/']\n",
    "exclude: ['records/**', 'impact/']\n",
    "max-file-size: 3 KB\n",
    "max-file-size: 6 KB\n",
    "types:\n  'planning/*.md': risk-assessment\n  'notes/**': procedure\n",
    "types:\n  '**/*.md': soa\n",
    "roles: [Chief Risk Officer, Head of Data Science]\n",
    "roles: [Nobody]\n",
    "stage2-date: 2026-09-01\n",
    "rule-options:\n  DOC007: {grace-days: 400}\n",
    "vocabularies:\n  vague_owners: [chief risk officer]\n",
    "header-words:\n  risks: {likelihood: [Band]}\n",
]


def _outcome(root: Path, use_cache: bool, paths: tuple[Path, ...] = ()):
    """What a run over the repository (or over ``paths``: a pre-commit or editor run,
    which reads the other files through the cache) gives."""
    config = load_config(root)
    config.cache = use_cache
    result = runner.run(config, list(paths), TODAY, rules=runner.select_rules(config, load_rules()))
    findings = [
        (f.path, f.line, f.column, f.code, f.classification, f.message, f.suppressed,
         tuple((item.path, item.line, item.column, item.message) for item in f.locations))
        for f in result.findings
    ]
    return findings, [str(error) for error in result.errors], result.notes, result.files_checked


def _markdown(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.md") if ".aims-lint-cache" not in path.parts)


def _keep_times(path: Path, change) -> None:
    """``change(path)``, then the modification time put back (``touch -r``, or a file
    system too coarse to tell the two writes apart)."""
    status = path.stat()
    change(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


KINDS = ("edit-same-size", "insert-lines", "retype", "rename", "swap", "delete", "restore", "configure", "suppress", "evidence")


def _step(rng: random.Random, root: Path, originals: dict[str, bytes], kinds: tuple[str, ...] = KINDS) -> str:
    files = _markdown(root)
    kind = rng.choice(kinds)
    if kind != "configure" and not files:
        kind = "restore"
    if kind == "edit-same-size":
        # A year changed for another: same size, same inode, the modification time kept.
        path = rng.choice(files)
        text = path.read_text(encoding="utf-8")
        years = [match.start() for match in re.finditer(r"20[2-9]\d", text)]
        if years:
            at = rng.choice(years)
            new = rng.choice(["2019", "2026", "2027", "2099"])
            _keep_times(path, lambda p: p.write_text(text[:at] + new + text[at + 4:], encoding="utf-8"))
        return f"{kind} {path.relative_to(root)}"
    if kind == "insert-lines":
        path = rng.choice(files)
        text = path.read_text(encoding="utf-8")
        end = text.find("\n---\n", 4)
        at = end + 5 if text.startswith("---\n") and end > 0 else 0
        path.write_text(text[:at] + "Note.\n\n" * rng.randint(1, 3) + text[at:], encoding="utf-8")
        return f"{kind} {path.relative_to(root)}"
    if kind == "retype":
        path = rng.choice(files)
        text = path.read_text(encoding="utf-8")
        if re.search(r"^type: .*$", text, re.M):
            replacement = "" if rng.random() < 0.2 else f"type: {rng.choice(TYPES)}"
            path.write_text(re.sub(r"^type: .*$", replacement, text, count=1, flags=re.M), encoding="utf-8")
        return f"{kind} {path.relative_to(root)}"
    if kind == "suppress":
        # An inline directive: kept results must have their suppressions applied again.
        path = rng.choice(files)
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        at = rng.randint(len(lines) // 2, len(lines))
        directive = rng.choice(["<!-- aims-lint-disable -- accepted -->", "<!-- aims-lint-disable-file DOC -- accepted -->",
                                "<!-- aims-lint-disable-next-line -- accepted -->", "<!-- aims-lint-enable -->"])
        path.write_text("\n".join(lines[:at] + ["", directive, ""] + lines[at:]), encoding="utf-8")
        return f"{kind} {path.relative_to(root)} at {at}"
    if kind == "evidence":
        # A file that is not Markdown, which documents link to: it comes and goes, and
        # every link to it is judged again by its existence.
        path = rng.choice(files)
        name = rng.choice(["records/evidence.pdf", "evidence.csv"])
        if rng.random() < 0.6:  # else only the file comes or goes
            with path.open("a", encoding="utf-8") as stream:
                stream.write(f"\nEvidence: [export]({os.path.relpath(root / name, path.parent)})\n")
        evidence = root / name
        if evidence.exists() and rng.random() < 0.5:
            evidence.unlink()
        else:
            evidence.parent.mkdir(parents=True, exist_ok=True)
            evidence.write_bytes(b"%PDF")
        return f"{kind} {path.relative_to(root)} -> {name}"
    if kind == "rename":
        path = rng.choice(files)
        folder = rng.choice(["", "planning", "notes", "records"])
        target = root / folder / rng.choice([path.name, "renamed.md", "soa.md", "scope.md"])
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, target)  # the same inode, the same modification time
        return f"{kind} {path.relative_to(root)} -> {target.relative_to(root)}"
    if kind == "swap":
        if len(files) >= 2:
            first, second = rng.sample(files, 2)
            temporary = root / "swap.tmp"
            os.rename(first, temporary)
            os.rename(second, first)
            os.rename(temporary, second)
            return f"{kind} {first.relative_to(root)} <-> {second.relative_to(root)}"
        return kind
    if kind == "delete":
        path = rng.choice(files)
        path.unlink()
        return f"{kind} {path.relative_to(root)}"
    if kind == "restore":
        relpath = rng.choice(sorted(originals))
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(originals[relpath])
        return f"{kind} {relpath}"
    configuration = rng.choice(CONFIGURATIONS)
    (root / ".aims-lint.yaml").write_text(configuration, encoding="utf-8")
    return f"{kind} {configuration!r}"


def copy_of_example(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """(a copy of the example with a configuration file to change, its Markdown files'
    original bytes by relative path, for the steps that restore them)."""
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    (root / ".aims-lint.yaml").write_text("", encoding="utf-8")
    return root, {path.relative_to(root).as_posix(): path.read_bytes() for path in _markdown(root)}


def _coarse_stamp(status: os.stat_result) -> list[int]:
    """A stamp on a file system whose times tick once a second."""
    second = 1_000_000_000
    return [status.st_mtime_ns // second * second, status.st_ctime_ns // second * second, status.st_ino, status.st_size]


@pytest.mark.parametrize("seed", range(SEQUENCES))
def test_a_cached_run_gives_what_an_uncached_run_gives(tmp_path, monkeypatch, seed):
    if seed % 3 == 1:
        monkeypatch.setattr(cache, "stamp_of", _coarse_stamp)
    elif seed % 3 == 2:
        monkeypatch.setattr(cache, "RACY_SECONDS", -3600)  # no entry is racy: the stamp alone decides
    rng = random.Random(seed)
    root, originals = copy_of_example(tmp_path)
    assert _outcome(root, True) == _outcome(root, False)
    done = []
    for _ in range(STEPS):
        done.append(_step(rng, root, originals))
        files = _markdown(root)
        paths = (rng.choice(files),) if files and rng.random() < 0.5 else ()
        cached = _outcome(root, True, paths)
        assert cached == _outcome(root, False, paths), f"seed {seed}, paths {paths}, after: {done}"
        if rng.random() < 0.3:  # a second run reads what the first one wrote
            assert _outcome(root, True, paths) == cached, f"seed {seed} (warm), after: {done}"
