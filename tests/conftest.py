"""Shared helpers: write a small repository to a temporary folder and lint it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from aims_lint import runner
from aims_lint.config import load_config
from aims_lint.pack import load_rules

TODAY = dt.date(2026, 6, 1)

# aims-lint run in a subprocess (the hook, the console script) must leave no resident
# checker behind; tests/test_resident.py starts and stops its own.
os.environ["AIMS_LINT_RESIDENT"] = "0"


def write_repo(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (relative path -> text or bytes) under root; add an empty config
    so the linted repository stops at root."""
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    placeholder = root / ".aims-lint.toml"
    configured = {".aims-lint.yaml", ".aims-lint.yml", "pyproject.toml"} & set(files)
    if configured and ".aims-lint.toml" not in files and placeholder.exists() and placeholder.stat().st_size == 0:
        placeholder.unlink()  # an earlier call's placeholder: one configuration per folder
    if not any((root / name).exists() for name in (".aims-lint.yaml", ".aims-lint.toml", "pyproject.toml")):
        placeholder.write_text("", encoding="utf-8")
    return root


def lint(root: Path, paths: list[Path] | None = None, select: list[str] | None = None, today: dt.date = TODAY,
         cache: bool = True):
    config = load_config(root)
    config.cache = config.cache and cache
    if select is not None:
        config.select = select
    enabled = runner.select_rules(config, load_rules())
    return runner.run(config, paths or [], today, rules=enabled)


def codes(result) -> list[tuple[str, str, int]]:
    """(path, code, line) of every active finding, in order."""
    return [(finding.path, finding.code, finding.line) for finding in result.active]


def exclude_a_control_a_treatment_needs(root: Path) -> None:
    """In a copy of the audit-ready example: A.6.2.6, which the treatment of risk R-02
    cites, excluded in the SoA."""
    soa = root / "planning" / "soa.md"
    lines = soa.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [number for number, line in enumerate(lines) if line.startswith("| A.6.2.6 |")]
    cells = lines[index].split("|")
    lines[index] = f"|{cells[1]}|{cells[2]}| No | Not needed for our systems | Not applicable | — | — | — |\n"
    soa.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """Build a repository: ``repo({"a.md": "..."})`` returns its root."""

    def build(files: dict[str, str | bytes]) -> Path:
        return write_repo(tmp_path, files)

    return build
