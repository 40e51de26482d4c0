"""Compiled patterns kept between runs (aims_lint.patterns): a pattern made from its kept
program is the pattern ``re.compile`` makes, and a kept program that does not hold is
compiled again as usual."""

from __future__ import annotations

import json
import re

import pytest

from aims_lint import cache, patterns

PATTERNS = [
    (r"(?<![\w-])(?:a(?:i[\s-]+ethics|udit)|o(?:wner))(?![\w-])", re.I),
    (r"\b(?P<year>20\d\d)-(?P<month>\d\d)\b", 0),
    (r"^\s*[-*]\s+(.+?)\s*$", re.M),
    (r"Ä\w+ straße", re.I),
]
TEXT = "The AI  ethics owner audited 2026-11 and 2027-01.\n - first item \n* second\nÄpfel STRASSE, äpfel straße"


@pytest.fixture
def programs(tmp_path, monkeypatch):
    """A cache folder, and the module's kept programs as a fresh run finds them."""
    folder = tmp_path / cache.CACHE_DIR
    folder.mkdir()
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_made", [])
    return folder


def _behaviour(compiled: re.Pattern) -> tuple:
    return (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex,
            [match.groups() or match.group() for match in compiled.finditer(TEXT)])


def test_a_pattern_from_its_kept_program_is_the_pattern_re_compiles(programs, monkeypatch):
    patterns.keep_programs(programs)
    made = [patterns.compile_pattern(pattern, flags) for pattern, flags in PATTERNS]
    patterns.save_programs(programs)
    assert (programs / "patterns.json").is_file()

    monkeypatch.setattr(patterns, "_programs", None)  # the next run
    compiled_again = []
    monkeypatch.setattr(patterns, "_program", lambda *arguments: compiled_again.append(arguments))
    patterns.keep_programs(programs)
    kept = [patterns.compile_pattern(pattern, flags) for pattern, flags in PATTERNS]
    assert compiled_again == []  # every one from its program
    expected = [_behaviour(re.compile(pattern, flags)) for pattern, flags in PATTERNS]
    assert [_behaviour(item) for item in kept] == [_behaviour(item) for item in made] == expected


@pytest.mark.parametrize("damage", ["a program the engine refuses", "another key", "rows of another shape"])
def test_kept_programs_that_do_not_hold_are_compiled_again(programs, monkeypatch, damage):
    patterns.keep_programs(programs)
    for pattern, flags in PATTERNS:
        patterns.compile_pattern(pattern, flags)
    patterns.save_programs(programs)
    path = programs / "patterns.json"
    data = json.loads(path.read_text())
    if damage == "a program the engine refuses":
        for row in data["programs"]:
            row[3] = [99999, 1, 2, 3]
    elif damage == "another key":
        data["key"][-1] = "another code"
    else:
        data["programs"] = [[1, 2]] * len(data["programs"])
    path.write_text(json.dumps(data))

    monkeypatch.setattr(patterns, "_programs", None)
    patterns.keep_programs(programs)
    kept = [patterns.compile_pattern(pattern, flags) for pattern, flags in PATTERNS]
    assert [_behaviour(item) for item in kept] == [_behaviour(re.compile(pattern, flags)) for pattern, flags in PATTERNS]


def test_without_a_cache_patterns_compile_as_usual(programs):
    patterns.keep_programs(None)
    assert patterns._programs is None
    assert _behaviour(patterns.compile_pattern(*PATTERNS[1])) == _behaviour(re.compile(*PATTERNS[1]))
    patterns.save_programs(programs)
    assert not (programs / "patterns.json").exists()
