"""The language server's input, read frame by frame with bounds.

An LSP message is a header (``Content-Length: <bytes>``, other fields, a blank line)
and a JSON body of that many bytes. pygls trusts the header: ``Content-Length:
99999999999999`` makes it allocate that much (the server dies of MemoryError), a
length of 3 GB makes it wait for 3 GB and swallow every later message, and a length
it cannot parse (negative, not a number, missing) makes it lose that message and
every one after it, since a body ends without a line break and the next header then
reads as part of a line.

``FramedInput`` stands between standard input and pygls: it hands pygls only frames
of at most ``max_body`` bytes with a well-formed header, and skips any other frame
to the next ``Content-Length`` header. That header can be found because a JSON body
cannot contain it: JSON has no raw line break inside a string, and a header line
ends in one. What was skipped is reported; the message itself is lost (a request in
it gets no answer), the server goes on with the next one.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Callable

# Header lines are short ("Content-Type: application/vscode-jsonrpc; charset=utf-8").
MAX_HEADER_LINE = 1024
SKIP_CHUNK = 1 << 16
_CONTENT_LENGTH = re.compile(rb"Content-Length: *(\d{1,20})\r\n\Z")  # at the end of what was read


class BadFrame(Exception):
    """A frame whose header cannot be trusted."""


class FramedInput:
    """A binary stream for pygls (``readline``/``read``) that yields only sound frames:
    for each, the line ``Content-Length: n``, a blank line, then its ``n`` bytes."""

    def __init__(self, stream: BinaryIO, max_body: int, report: Callable[[str], None]):
        self.stream = stream
        self.max_body = max_body
        self.report = report
        self._body: bytes | None = None  # the frame being handed over

    def readline(self, size: int = -1) -> bytes:
        if self._body is None:
            body = self.next_body()
            if body is None:
                return b""  # end of input: pygls stops
            self._body = body
            return b"Content-Length: %d\r\n" % len(body)
        return b"\r\n"

    def read(self, size: int = -1) -> bytes:
        body, self._body = self._body or b"", None
        return body

    def next_body(self) -> bytes | None:
        """The body of the next sound frame; None at the end of the input."""
        length = None  # from a header found while skipping
        while True:
            try:
                length = self._read_header(length)
            except BadFrame as problem:
                self.report(f"aims-lint: error: unreadable message from the editor ({problem}): skipped")
                length = self._skip_to_next_header()
                if length is None:
                    return None
                continue
            if length is None:
                return None
            if length > self.max_body:
                self.report(
                    f"aims-lint: error: a message of {length} bytes from the editor is over the limit of "
                    f"{self.max_body // 1048576} MB: skipped"
                )
                length = self._skip_to_next_header()
                if length is None:
                    return None
                continue
            body = self.stream.read(length)
            if len(body) < length:
                self.report("aims-lint: error: the input ended inside a message")
                return None
            if body:
                return body
            length = None  # an empty frame holds no message

    def _read_header(self, length: int | None) -> int | None:
        """The Content-Length of the header being read (``length``: the one already read
        from it, if any); None at the end of the input."""
        started = length is not None
        while True:
            line = self.stream.readline(MAX_HEADER_LINE)
            if not line:
                if started:
                    self.report("aims-lint: error: the input ended inside a message header")
                return None
            if not line.endswith(b"\n"):
                raise BadFrame(f"a header line over {MAX_HEADER_LINE} bytes")
            if not line.strip():
                if not started:
                    continue  # a stray blank line between frames
                if length is None:
                    raise BadFrame("no Content-Length")
                return length
            started = True
            name, _, value = line.partition(b":")
            glued = _CONTENT_LENGTH.search(line)
            if glued and glued.start() > 0:  # the end of a body longer than its header said
                self.report("aims-lint: error: unreadable bytes before a message from the editor: skipped")
                length = int(glued.group(1))
            elif name.strip().lower() == b"content-length":
                value = value.strip()
                if not value.isdigit() or len(value) > 20:
                    raise BadFrame(f"Content-Length {value[:40].decode('ascii', 'replace')!r} is not a size in bytes")
                length = int(value)

    def _skip_to_next_header(self) -> int | None:
        """Read on, in chunks that are dropped, to the next ``Content-Length`` header line;
        its length, or None at the end of the input."""
        tail = b""  # the end of a chunk that stopped mid-line: a header may straddle two
        while True:
            chunk = self.stream.readline(SKIP_CHUNK)
            if not chunk:
                self.report("aims-lint: error: the input ended while skipping a message")
                return None
            if chunk.endswith(b"\n"):
                found = _CONTENT_LENGTH.search(tail + chunk[-64:])
                if found:
                    return int(found.group(1))
                tail = b""
            else:
                tail = (tail + chunk)[-64:]
