"""Regular expressions compiled on first use, and their compiled programs kept between
runs.

Compiling the hundred-odd patterns of the rule pack costs about a fifth of a single-file
run, and most of them belong to document types the file being linted is not. A module
declares ``NAME = lazy(r"...", re.I)`` and uses it like a compiled pattern.

Compiling is Python code (the ``re`` module parses the pattern and generates the program
its C engine runs): the two hundred patterns a one-file pre-commit run uses took 40 ms
of it. A run with the cache keeps each program (``.aims-lint-cache/patterns.json``) and
the next run hands it to the engine directly, which checks it (an invalid program is an
error, and the pattern is compiled as usual). The programs are kept for this Python, its
``re`` and this code (``cache.code_stamp``); anything that does not validate, or an
interpreter whose ``re`` is not built this way, compiles as usual.
"""

from __future__ import annotations

import re


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self._arguments = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        # Only reached for what the proxy itself lacks (search, match, sub, pattern, ...);
        # the answer is kept on the proxy, so hot loops pay for the indirection once.
        if name.startswith("__"):
            # Introspection (the rule loader asks every module global for __aims_rule__)
            # must not compile the pattern.
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_pattern(*self._arguments)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)


# -- compiled programs kept between runs --------------------------------------------

_PROGRAMS_FILE = "patterns.json"
_MOST_PROGRAMS = 2000  # the oldest beyond these are dropped (vocabularies change patterns)
_programs: dict[tuple[str, int], list] | None = None  # (pattern, flags) -> program; None: not kept
_made: list[tuple[str, int]] = []  # programs this process made


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    flags = int(flags)
    if _programs is None:
        return re.compile(pattern, flags)
    program = _programs.get((pattern, flags))
    if program is not None:
        try:
            return _from_program(pattern, program)
        except Exception:  # not a program this engine takes (checked by it): compiled as usual
            del _programs[(pattern, flags)]
    try:
        program = _program(pattern, flags)
        compiled = _from_program(pattern, program)
    except Exception:  # an interpreter whose re is built otherwise
        return re.compile(pattern, flags)
    _programs[(pattern, flags)] = program
    _made.append((pattern, flags))
    return compiled


def _program(pattern: str, flags: int) -> list:
    """What ``re._compiler.compile`` hands to the engine: [flags, code, groups,
    group index, index group]."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]


def _from_program(pattern: str, program: list) -> re.Pattern:
    import _sre

    return _sre.compile(pattern, program[0], program[1], program[2], program[3], tuple(program[4]))


def _programs_key() -> list:
    import sys

    from aims_lint.cache import code_stamp

    return [sys.version, getattr(re._compiler, "MAGIC", None), code_stamp()]


def keep_programs(folder) -> None:
    """Use, and keep, the compiled programs in the cache ``folder`` (None: compile as
    usual). Called once the run knows its cache."""
    global _programs
    if folder is None or _programs is not None:
        return
    from aims_lint.cache import read_json

    data = read_json(folder / _PROGRAMS_FILE)
    programs: dict[tuple[str, int], list] = {}
    if isinstance(data, dict) and data.get("key") == _programs_key() and isinstance(data.get("programs"), list):
        for row in data["programs"]:
            if (type(row) is list and len(row) == 7 and type(row[0]) is str and type(row[1]) is int
                    and type(row[2]) is int and type(row[3]) is list and type(row[4]) is int
                    and type(row[5]) is dict and type(row[6]) is list):
                programs[(row[0], row[1])] = row[2:]
    _programs = programs


def save_programs(folder) -> None:
    """Write the programs when this run made new ones."""
    if folder is None or _programs is None or not _made:
        return
    from aims_lint.cache import write_json

    rows = [[pattern, flags, *program] for (pattern, flags), program in _programs.items()][-_MOST_PROGRAMS:]
    write_json(folder, _PROGRAMS_FILE, {"key": _programs_key(), "programs": rows})
    _made.clear()


def delimited_spans(text: str, *delimiters: str, across_lines: bool = True):
    """(start, end) of every non-overlapping ``opener ... closer`` in ``text``, leftmost
    first, for delimiters given as opener, closer pairs: what ``re.finditer`` finds with
    ``escape(opener) + ".*?" + escape(closer)`` (several pairs: their alternation, in
    order) and ``re.S`` (none when not ``across_lines``), but in linear time.

    The regular expression retries from every opener and, when no closer follows, scans
    to the end each time: a text of 50,000 unclosed ``<!--`` costs 50,000 scans of it.
    Here each pair's next opener and first closer are found once and reused.
    """
    pairs = [[opener, closer, -1, -1] for opener, closer in zip(delimiters[::2], delimiters[1::2])]
    position = 0
    while pairs:
        for pair in list(pairs):  # each pair's next opener at or after ``position``
            if pair[2] < position:
                pair[2] = text.find(pair[0], position)
                if pair[2] < 0:
                    pairs.remove(pair)
        if not pairs:
            return
        pair = min(pairs, key=lambda candidate: candidate[2])  # leftmost; first pair on a tie
        opener, closer, start, closer_at = pair
        inner = start + len(opener)
        if closer_at < inner:
            closer_at = pair[3] = text.find(closer, inner)
            if closer_at < 0:
                pairs.remove(pair)  # no closer after this opener, so none after a later one
                continue
        if not across_lines:
            newline = text.find("\n", inner, closer_at)
            if newline >= 0:
                # No opener of this pair before the line break reaches a closer.
                pair[2] = text.find(opener, newline + 1)
                if pair[2] < 0:
                    pairs.remove(pair)
                continue
        position = closer_at + len(closer)
        yield start, position


def replace_delimited(text: str, *delimiters: str, replacement: str = " ", across_lines: bool = True) -> str:
    """``text`` with every span ``delimited_spans`` finds replaced: the linear-time
    ``re.sub(escape(opener) + ".*?" + escape(closer), replacement, text)``."""
    parts, position = [], 0
    for start, end in delimited_spans(text, *delimiters, across_lines=across_lines):
        parts += (text[position:start], replacement)
        position = end
    return "".join(parts) + text[position:] if parts else text
