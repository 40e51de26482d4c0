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
