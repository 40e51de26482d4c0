"""Regular expressions compiled on first use.

Compiling the hundred-odd patterns of the rule pack costs about a fifth of a single-file
run, and most of them belong to document types the file being linted is not. A module
declares ``NAME = lazy(r"...", re.I)`` and uses it like a compiled pattern.
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
            compiled = self._compiled = re.compile(*self._arguments)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)


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
