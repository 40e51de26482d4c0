"""Progress of a long run on a terminal: ``checked 340/1000 files`` on stderr, written over
in place and cleared at the end, as cargo and pre-commit show theirs.

Shown only when stderr is a terminal, only once a run has taken PROGRESS_AFTER_SECONDS
(a run of a few files says nothing), at most every REDRAW_SECONDS, and never in the
modes whose stderr a program reads (``--stdin-filename``, the language server) or with
``-q``: the command line decides (``Progress.for_stderr``); the runner only counts.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

PROGRESS_AFTER_SECONDS = 1.0
REDRAW_SECONDS = 0.1
_CLEAR = "\r\x1b[K"  # back to the start of the line and erase it


class Progress:
    def __init__(self, stream: TextIO, after: float | None = None):
        self.stream = stream
        self.after = PROGRESS_AFTER_SECONDS if after is None else after
        self.started = time.monotonic()
        self.drawn_at: float | None = None  # when the line was last drawn; None: never

    @classmethod
    def for_stderr(cls) -> Progress | None:
        """A Progress on stderr when it is a terminal, else None."""
        stream = sys.stderr
        try:
            if stream is None or not stream.isatty():
                return None
        except (AttributeError, ValueError):  # closed or not a real stream
            return None
        return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        """``done`` of ``total`` files checked."""
        now = time.monotonic()
        if now - self.started < self.after:
            return
        if self.drawn_at is not None and now - self.drawn_at < REDRAW_SECONDS and done < total:
            return
        self.drawn_at = now
        self._write(f"{_CLEAR}checked {done}/{total} files")

    def finish(self) -> None:
        """Erase the line, if one was drawn: the findings and summary follow on a clean line."""
        if self.drawn_at is not None:
            self.drawn_at = None
            self._write(_CLEAR)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth an error
            pass
