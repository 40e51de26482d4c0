"""The corpus snapshot: every finding aims-lint gives on the real documents of
``shared/corpus``, one file per repository in ``tests/corpus_snapshot/``, as Ruff's
ecosystem check keeps them. A change to reading or rules shows its effect on real
documents in review: ``test_corpus_snapshot`` fails until the snapshot is regenerated.

    python -m tests.corpus_snapshot            # per-family counts of the current snapshot
    python -m tests.corpus_snapshot --update   # lint the corpus again and rewrite it
    python -m tests.corpus_snapshot --review   # second batch: precision per family from the review

Each repository is linted on its own, as its owner would run aims-lint, on a fixed
date. Repositories of the second batch are typed by ``types/<repo>.yaml``; those of the
first batch, which have none, by file name (``tests.test_corpus.TYPES``).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "corpus_snapshot"
REVIEW = Path(__file__).resolve().parent / "corpus_review" / "second_batch.tsv"
FAMILIES = ("DOC", "POL", "OBJ", "RSK", "SOA", "IMP", "CMP", "MRV", "IAU", "TRC", "AIMS", "SUP")
LABELS = ("true", "false", "noise")
# A finding with other locations ends with "  [+N at line:col, other.md:line:col, ...]"
# (the first ten), which is not part of its message (nor of the review's key).
# A fourth label the harness gives, not the reviewer: "unverifiable". The corpus copies
# a selection of each repository's files (``shared/corpus/manifest.tsv``), so a link to
# a file the copy does not hold (DOC011 "does not exist in the repository") cannot be
# judged here: the file may exist upstream. Calling it noise would hide a real broken
# link, calling it true would count a finding nobody checked. It is printed in its own
# column and left out of the precision ratio. A true or false label a reviewer set after
# checking the upstream repository stands. DOC011 itself is unchanged: on a real
# repository every file is there and a missing target is a broken link.
UNVERIFIABLE = "unverifiable"
_MISSING_TARGET = re.compile(r"^link to '(?P<target>.*)' does not exist in the repository$")
FINDING = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+):(?P<column>\d+): (?P<code>\S+) \[(?P<classification>\w+)\] "
    r"(?P<message>.*?)(?P<locations>  \[\+\d+ at [^\]]*\])?$"
)
SHOWN_LOCATIONS = 10
TODAY = dt.date(2026, 11, 30)


def corpus() -> Path:
    from .test_corpus import CORPUS

    return CORPUS


def repositories() -> list[str]:
    return sorted(path.name for path in corpus().iterdir() if path.is_dir() and path.name != "types")


def second_batch() -> set[str]:
    return {path.stem for path in (corpus() / "types").glob("*.yaml")}


def lint_repository(name: str) -> list[str]:
    """The findings on one corpus repository, one line each, in a stable order."""
    from aims_lint import runner
    from aims_lint.config import load_config
    from aims_lint.escape import printable
    from aims_lint.pack import load_rules

    from .test_corpus import TYPES

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / name
        shutil.copytree(corpus() / name, root, symlinks=True)
        types = corpus() / "types" / f"{name}.yaml"
        if types.is_file():
            shutil.copy(types, root / ".aims-lint.yaml")
        else:
            (root / ".aims-lint.yaml").write_text("types:\n" + "".join(f"  '{glob}': {kind}\n" for glob, kind in TYPES.items()))
        config = load_config(root)
        config.cache = False
        result = runner.run(config, [], TODAY, rules=runner.select_rules(config, load_rules()))
    lines = [
        printable(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.classification}] {f.message}{_locations(f)}")
        for f in result.active
    ]
    lines += [printable(f"error: {error}") for error in result.errors]
    return lines


def _locations(finding) -> str:
    """"  [+N at line:col, ...]" for a finding with other locations (see FINDING)."""
    if not finding.locations:
        return ""
    places = [
        f"{item.line}:{item.column}" if item.path == finding.path else f"{item.path}:{item.line}:{item.column}"
        for item in finding.locations[:SHOWN_LOCATIONS]
    ]
    more = ", …" if len(finding.locations) > SHOWN_LOCATIONS else ""
    return f"  [+{len(finding.locations)} at {', '.join(places)}{more}]"


def snapshot_file(name: str) -> Path:
    return SNAPSHOT / f"{name}.txt"


def read_snapshot(name: str) -> list[str]:
    path = snapshot_file(name)
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def update() -> None:
    SNAPSHOT.mkdir(exist_ok=True)
    for stale in SNAPSHOT.glob("*.txt"):
        if stale.stem not in repositories():
            stale.unlink()
    for name in repositories():
        lines = lint_repository(name)
        snapshot_file(name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def family(line: str) -> str:
    """The rule family of a snapshot line (DOC, POL, RSK, ...)."""
    code = line.split(": ", 1)[1].split(" ", 1)[0] if ": " in line and not line.startswith("error: ") else "error"
    return code.rstrip("0123456789")


def counts(names: list[str]) -> dict[str, collections.Counter]:
    """Per family: findings by classification, over the snapshot of ``names``."""
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in names:
        for line in read_snapshot(name):
            classification = line.split("[", 1)[1].split("]", 1)[0] if "[" in line else "error"
            table[family(line)][classification] += 1
    return table


def read_review(folder: Path = REVIEW.parent) -> dict[tuple[str, str, str, str], str]:
    """The auditor's labels: (repo, path, code, message) -> true, false or noise (or '' if
    unlabelled), from every ``*.tsv`` of the review folder: ``second_batch.tsv`` (the
    review of the snapshot before the reading work) first, then files that label the
    findings later changes brought, in name order (a later label wins)."""
    labels: dict[tuple[str, str, str, str], str] = {}
    files = sorted(folder.glob("*.tsv"), key=lambda path: (path != REVIEW, path.name)) if folder.is_dir() else []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t") if lines else []
        for line in lines[1:]:
            if not line.strip():
                continue
            cells = dict(zip(header, line.split("\t")))
            key = (cells.get("repo", ""), cells.get("path", ""), cells.get("code", ""), cells.get("message", ""))
            labels[key] = cells.get("label", "").strip().lower()
    return labels


def copied_files() -> dict[str, set[str]]:
    """Per corpus folder (``owner__name``): the paths the copy holds, from the manifest."""
    held: dict[str, set[str]] = collections.defaultdict(set)
    manifest = corpus() / "manifest.tsv"
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 2:
                held[cells[0].replace("/", "__", 1)].add(cells[1])
    return held


def unverifiable(name: str, path: str, code: str, message: str, held: dict[str, set[str]]) -> bool:
    """A DOC011 link whose target the corpus copy of ``name`` does not hold (see UNVERIFIABLE)."""
    match = _MISSING_TARGET.match(message) if code == "DOC011" else None
    if match is None:
        return False
    from aims_lint.workspace import resolve_link

    resolved = resolve_link(path, match["target"].strip())
    return resolved.leaves_repository or resolved.relpath not in held.get(name, set())


def review(
    names: list[str], labels: dict[tuple[str, str, str, str], str], held: dict[str, set[str]] | None = None
) -> dict[str, collections.Counter]:
    """Per family: findings of the current snapshot of ``names`` by their label in the review
    (``held``: the files each copy holds, to tell the unverifiable links; None: no such label)."""
    table: dict[str, collections.Counter] = {name: collections.Counter() for name in FAMILIES}
    for name in names:
        for line in read_snapshot(name):
            match = FINDING.match(line)
            if not match:
                continue
            code = match["code"]
            label = labels.get((name, match["path"], code, match["message"]), "")
            if held is not None and label not in ("true", "false") and unverifiable(name, match["path"], code, match["message"], held):
                label = UNVERIFIABLE
            counter = table.setdefault(code.rstrip("0123456789"), collections.Counter())
            counter["findings"] += 1
            counter[label if label in LABELS + (UNVERIFIABLE,) else "unlabelled"] += 1
    return table


def print_review(table: dict[str, collections.Counter], unverifiable_column: bool = False) -> None:
    extra = f"{'unver.':>7}" if unverifiable_column else ""
    print(f"{'family':<7}{'findings':>9}{'true':>6}{'false':>6}{'noise':>6}{extra}{'unlab.':>7}  precision")
    total: collections.Counter = collections.Counter()
    for name, counter in table.items():
        total.update(counter)
        print(_review_row(name, counter, unverifiable_column))
    print(_review_row("total", total, unverifiable_column))


def _review_row(name: str, counter: collections.Counter, unverifiable_column: bool = False) -> str:
    labelled = sum(counter[label] for label in LABELS)
    precision = f"{counter['true'] / labelled:.2f}" if labelled else "-"
    cells = "".join(f"{counter[kind]:>6}" for kind in LABELS)
    extra = f"{counter[UNVERIFIABLE]:>7}" if unverifiable_column else ""
    return f"{name:<7}{counter['findings']:>9}{cells}{extra}{counter['unlabelled']:>7}  {precision}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="lint the corpus again and rewrite the snapshot")
    parser.add_argument(
        "--review", action="store_true", help="second batch: true/false/noise per family from tests/corpus_review"
    )
    arguments = parser.parse_args(argv)
    if arguments.update:
        update()
    if arguments.review:
        names = sorted(second_batch())
        print(f"second batch ({len(names)} repositories), labels from {REVIEW.parent.relative_to(REVIEW.parents[2])}/*.tsv")
        labels = read_review()
        print("precision = true / labelled (true + false + noise)")
        print("\nwithout the unverifiable label (every finding judged on the copy):")
        print_review(review(names, labels))
        print(
            "\nwith it: DOC011 links to files the corpus copy does not hold (manifest.tsv) are"
            " unverifiable, out of the ratio:"
        )
        print_review(review(names, labels, copied_files()), unverifiable_column=True)
        return
    batches = {"first batch": [n for n in repositories() if n not in second_batch()], "second batch": sorted(second_batch())}
    for title, names in batches.items():
        table = counts(names)
        total = sum(sum(counter.values()) for counter in table.values())
        print(f"{title} ({len(names)} repositories): {total} findings")
        for name in sorted(table):
            counter = table[name]
            detail = ", ".join(f"{counter[kind]} {kind}" for kind in ("major", "minor", "advisory", "error") if counter[kind])
            print(f"  {name:<5} {sum(counter.values()):>4}  ({detail})")


if __name__ == "__main__":
    sys.exit(main())
