"""Progress on a terminal: a long run says how far it is on stderr ("checked 340/1000
files"), written over in place and cleared at the end; nothing when stderr is not a
terminal, with -q, or when an editor reads the output (--stdin-filename). stderr is made
a terminal with a pseudo-terminal (os.openpty), as a person's shell would give it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aims_lint.progress import Progress

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aims"

# The command line with the threshold of PROGRESS_AFTER_SECONDS made ``after`` seconds, so
# that a run of a few files counts as a long one.
_MAIN = (
    "import sys, aims_lint.progress as p; p.PROGRESS_AFTER_SECONDS = float(sys.argv.pop(1)); "
    "from aims_lint.cli import main; main(prog_name='aims-lint')"
)

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _run(root: Path, args: list[str], after: float = 0.0, terminal: bool = True, stdin: bytes = b"") -> tuple[str, str]:
    """(stdout, stderr) of ``aims-lint ARGS`` in ``root``, stderr a terminal when asked."""
    if terminal:
        leader, follower = os.openpty()
        stderr = follower
    else:
        stderr = subprocess.PIPE
    process = subprocess.Popen(
        [sys.executable, "-c", _MAIN, str(after), *args], cwd=root, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=stderr,
    )
    if terminal:
        os.close(follower)
    out, err = process.communicate(stdin, timeout=120)
    if terminal:
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other end is closed and everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        err = b"".join(chunks)
    return out.decode(), err.decode().replace("\r\n", "\n")  # the terminal's own line endings


@pytest.fixture
def aims(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLE, root)
    (root / ".aims-lint.yaml").write_text("cache: false\n", encoding="utf-8")
    return root


def test_a_long_run_on_a_terminal_shows_its_progress_in_place_and_clears_it(aims):
    out, err = _run(aims, ["check", "--today", "2026-06-01"])
    files = len(list(aims.rglob("*.md")))
    assert f"\r\x1b[Kchecked 0/{files} files" in err
    assert f"checked {files}/{files} files" in err  # to the last file
    # cleared at the end: the line is erased before anything else is written
    progress_end = err.rindex("checked ")
    assert "\r\x1b[K" in err[progress_end:]
    assert "checked" not in out and "\r" not in out  # the findings themselves are untouched
    assert "Found " in out


def test_a_short_run_shows_no_progress(aims):
    _, err = _run(aims, ["check", "--today", "2026-06-01"], after=60)
    assert "checked" not in err and "\x1b" not in err


def test_no_progress_when_stderr_is_not_a_terminal(aims):
    _, err = _run(aims, ["check", "--today", "2026-06-01"], terminal=False)
    assert "checked" not in err and "\x1b" not in err


def test_no_progress_with_quiet(aims):
    _, err = _run(aims, ["check", "-q", "--today", "2026-06-01"])
    assert "checked" not in err and "\x1b" not in err


def test_no_progress_when_an_editor_pipes_a_buffer(aims):
    text = (aims / "scope.md").read_bytes()
    out, err = _run(aims, ["check", "--stdin-filename", "scope.md", "--today", "2026-06-01"], stdin=text)
    assert "checked" not in err and "\x1b" not in err
    assert "checked" not in out


class _Terminal:
    def __init__(self):
        self.written = []

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_progress_redraws_at_most_every_tenth_of_a_second_but_always_shows_the_end():
    terminal = _Terminal()
    progress = Progress(terminal, after=0)
    for done in range(1000):
        progress(done, 1000)
    progress(1000, 1000)
    progress.finish()
    assert terminal.written[0] == "\r\x1b[Kchecked 0/1000 files"
    assert len(terminal.written) < 50  # not one write per file
    assert terminal.written[-2] == "\r\x1b[Kchecked 1000/1000 files"
    assert terminal.written[-1] == "\r\x1b[K"


def test_finish_writes_nothing_when_nothing_was_drawn():
    terminal = _Terminal()
    progress = Progress(terminal, after=60)
    progress(1, 2)
    progress.finish()
    assert terminal.written == []
