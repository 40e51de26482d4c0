"""A reader that stops early (``aims-lint rules | head -1``) closes the pipe under
aims-lint: every command then exits quietly with status 141, what the shell reports
for a process that SIGPIPE ended (128 + 13). Not 0: under ``set -o pipefail`` a
truncated check must not pass; not 1: that means findings."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import write_repo
from .test_document_control import GOOD

AIMS_LINT = str(Path(sys.executable).with_name("aims-lint"))
EXIT_PIPE_CLOSED = 141


@pytest.fixture
def gappy_repo(tmp_path):
    """Enough findings that the output outgrows a pipe's buffer."""
    document = GOOD.replace("owner: AI Governance Lead", "owner: everyone").replace("Text.", "TBD")
    files = {f"policies/p{index:03}.md": document.replace("POL-AI-001", f"POL-{index:03}") for index in range(150)}
    files["notes.txt"] = "not Markdown: a note on stderr"
    return write_repo(tmp_path, files)


def start(root: Path, args: list[str], stderr_into_pipe: bool = False) -> tuple[subprocess.Popen, int]:
    reader, writer = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 4096)  # the smallest buffer: a modest output fills it
    process = subprocess.Popen(
        [AIMS_LINT, *args], cwd=root, stdout=writer, stderr=writer if stderr_into_pipe else subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(writer)
    return process, reader


def read_line(reader: int) -> bytes:
    """One line and not a byte more, as ``head -1`` needs."""
    line = b""
    while not line.endswith(b"\n"):
        line += os.read(reader, 1)
    return line


def test_a_reader_that_stops_after_one_line_ends_the_command_quietly(gappy_repo):
    """``aims-lint rules | head -1``: the list is written line by line and outgrows the
    pipe, so a later line meets the closed pipe."""
    process, reader = start(gappy_repo, ["rules"])
    first_line = read_line(reader)
    os.close(reader)
    _, stderr = process.communicate(timeout=120)
    assert first_line.startswith(b"AIMS001 ")
    assert process.returncode == EXIT_PIPE_CLOSED
    assert stderr == b"", stderr


@pytest.mark.parametrize(
    "args, status",
    [
        (["check", "--today", "2026-06-01"], 1),
        (["check", "--today", "2026-06-01", "--format", "json"], 1),
        (["plan", "--today", "2026-06-01"], 0),
        (["rules", "--format", "json"], 0),
        (["explain", "SOA001"], 0),
    ],
)
def test_a_large_output_cut_after_one_line_ends_without_an_error(gappy_repo, args, status):
    """Written in one piece, the output may be taken by the pipe in part before the reader
    leaves (CPython then drops the rest without an error): the command's own status, or
    EXIT_PIPE_CLOSED; never an error message."""
    process, reader = start(gappy_repo, args)
    first_line = read_line(reader)
    os.close(reader)
    _, stderr = process.communicate(timeout=120)
    assert first_line.strip()
    assert process.returncode in (status, EXIT_PIPE_CLOSED)
    assert stderr == b"", stderr


@pytest.mark.parametrize(
    "args",
    [
        ["config"],
        ["rules"],
        ["rules", "--format", "json"],
        ["explain", "DOC008"],
        ["plan", "--today", "2026-06-01"],
        ["plan", "--today", "2026-06-01", "--format", "json"],
        ["check", "--today", "2026-06-01"],
        ["check", "--today", "2026-06-01", "--format", "sarif"],
    ],
)
def test_a_reader_gone_before_the_first_line_ends_the_command_quietly(gappy_repo, args):
    process, reader = start(gappy_repo, args)
    os.close(reader)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == EXIT_PIPE_CLOSED
    assert stderr == b"", stderr


def test_stderr_into_the_closed_pipe_too(gappy_repo):
    process, reader = start(gappy_repo, ["check", "--today", "2026-06-01", "--", "notes.txt", "policies"], stderr_into_pipe=True)
    os.close(reader)
    process.wait(timeout=120)
    assert process.returncode == EXIT_PIPE_CLOSED
