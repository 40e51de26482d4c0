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


def delimited_spans(text: str, opener: str, closer: str, *, across_lines: bool = True):
    """(start, end) of every non-overlapping ``opener ... closer`` in ``text``, leftmost
    first: what ``re.finditer(escape(opener) + ".*?" + escape(closer), text, re.S)``
    finds (without ``re.S`` when not ``across_lines``), in linear time.

    The regular expression retries from every opener and, when no closer follows, scans
    to the end each time: a text of 50,000 unclosed ``<!--`` costs 50,000 scans of it.
    Here the first closer found is remembered and reused by the openers before it.
    """
    position, closer_at = 0, -1
    while True:
        start = text.find(opener, position)
        if start < 0:
            return
        inner = start + len(opener)
        if closer_at < inner:
            closer_at = text.find(closer, inner)
            if closer_at < 0:
                return  # no closer after this opener, so none after any later one
        if not across_lines:
            newline = text.find("\n", inner, closer_at)
            if newline >= 0:
                position = newline + 1  # no opener before the line break reaches a closer
                continue
        position = closer_at + len(closer)
        yield start, position
