"""Text from documents and file names, made safe to print.

File names, ids, titles, owners and messages that quote a document are written by
whoever wrote the repository. Printed raw, a control character acts instead of being
shown: an escape sequence retitles the terminal, hides lines or recolours the log; a
newline starts a line of its own, which a CI log reads as a workflow command
(``::error::``, ``::add-mask::``); most C0 characters make XML ill-formed; a lone
surrogate (an undecodable byte of a file name, kept by ``surrogateescape``) cannot be
written as UTF-8 at all. Every reporter and every message the command line prints
passes such text through this module, so a new one only has to call it.

``printable`` replaces each such character with a visible escape in Python's notation
(ESC → ``\\x1b``, LF → ``\\n``, U+202E → ``\\u202e``, the undecodable byte 0xff →
``\\xff``). The result is one line, shows what the document holds, and is valid XML 1.0
and valid UTF-8. A tab is kept by default: it moves the cursor and nothing else, and
is valid everywhere except where a format says otherwise.

The GitHub runner also reads ``##[command]data`` anywhere in a line (the legacy
workflow-command syntax: ``##[add-mask]``, ``##[stop-commands]``, which silences every
later annotation): its bracket is shown escaped too, ``##\\x5b``. A line whose first
non-blank characters are ``::`` is a command as well; line breaks being escaped, only a
path at the start of a line can do that, hence ``printable_path``.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import quote

# Beyond the C0 controls: DEL and the C1 controls (0x9b is CSI to some terminals); the
# line and paragraph separators (a line break to some viewers); the bidirectional
# embeddings, overrides and isolates, which reorder what a line shows ("Trojan Source");
# U+FFFE and U+FFFF, which XML 1.0 forbids.
_NOT_C0 = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_SURROGATES = "\ud800-\udfff"
_UNSAFE_BUT_TAB = re.compile(f"[\x00-\x08\x0a-\x1f{_NOT_C0}{_SURROGATES}]")
_UNSAFE_WITH_TAB = re.compile(f"[\x00-\x1f{_NOT_C0}{_SURROGATES}]")
_SURROGATE = re.compile(f"[{_SURROGATES}]")
# json.dumps escapes the C0 controls itself but leaves these raw (ensure_ascii=False).
_JSON_RAW_UNSAFE = re.compile(f"[{_NOT_C0}]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte the file name really holds
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep: str = "\t") -> str:
    """``text`` with every character that would act rather than show replaced by a
    visible escape. ``keep`` lists characters of the unsafe set to leave as they are:
    the tab by default; ``""`` for one-line formats that escape tabs too; ``"\\r\\n"``
    for a format with its own encoding of line breaks (GitHub workflow commands)."""
    if keep == "\t":
        text = _UNSAFE_BUT_TAB.sub(_visible, text)
    elif keep == "":
        text = _UNSAFE_WITH_TAB.sub(_visible, text)
    else:
        text = _UNSAFE_WITH_TAB.sub(lambda match: match.group() if match.group() in keep else _visible(match), text)
    return text.replace("##[", "##\\x5b")


def printable_path(relpath: str) -> str:
    """A relative path as it may open a printed line: ``printable``, and behind ``./``
    when it starts with a blank or a colon, so that no line reads as a workflow command
    (``::error::x.md:1:1: ...``). ``./`` names the same file."""
    text = printable(relpath)
    return "./" + text if text[:1].isspace() or text.startswith(":") else text


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates replaced by visible escapes: what UTF-8 can encode.
    For formats that escape control characters themselves (JSON)."""
    return _SURROGATE.sub(_visible, text)


def _valid_unicode_tree(data: Any) -> Any:
    if isinstance(data, str):
        return valid_unicode(data)
    if isinstance(data, dict):
        return {valid_unicode(key) if isinstance(key, str) else key: _valid_unicode_tree(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_valid_unicode_tree(item) for item in data]
    return data


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON text that is valid UTF-8 and safe to print: non-ASCII stays readable, lone
    surrogates become visible escapes (strict parsers reject ``\\udcff``), and the
    characters a terminal or a CI runner acts on are written as ``\\u`` escapes (the
    same string to a JSON parser)."""
    text = json.dumps(_valid_unicode_tree(data), indent=indent, ensure_ascii=False)
    text = _JSON_RAW_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text.replace("##[", "##\\u005b")  # only ever inside a string: the same string


def uri_reference(relpath: str) -> str:
    """A relative path (forward slashes) as an RFC 3986 relative reference to the same
    file. Every byte of the file-system name but unreserved characters and ``/`` is
    percent-encoded: a colon cannot make the first segment a scheme
    (``javascript:alert(1).md``), ``#``, ``?`` and ``%`` stay part of the path, and an
    undecodable byte is encoded as itself, so the reference names the real file."""
    return quote(os.fsencode(relpath), safe="/")
