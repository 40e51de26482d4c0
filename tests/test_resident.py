"""The resident checker (aims_lint.resident) serves ``check --staged`` with exactly the
output, exit code and caches of a run in the caller's process, only to its own user
through a private folder, never runs a request twice, and goes away when its code
changes, its folder is deleted or it is told to stop.

These tests start real checkers (``python -m aims_lint`` in subprocesses, as the hook's
console script does) and stop them at the end; the rest of the suite runs with
AIMS_LINT_RESIDENT=0 (conftest.py)."""

from __future__ import annotations

import marshal
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aims_lint import resident

from .test_cache_replay import KINDS, TODAY, _markdown, _step, copy_of_example
from .test_staged_replay import _commit_all, _git, compared

pytestmark = pytest.mark.skipif(not hasattr(socket, "send_fds") or os.name != "posix", reason="POSIX only")

STAGED = ["check", "--staged", "--today", TODAY.isoformat()]


# -- when a check goes to a resident checker --------------------------------------


@pytest.mark.parametrize(
    ("arguments", "environ", "wanted"),
    [
        (["check", "--staged"], {}, True),
        (["--debug", "check", "--staged", "--format", "json"], {}, True),
        (["check", "--staged", "--no-cache"], {}, False),  # nothing warm to use
        (["check"], {}, False),
        (["check", "--staged", "--help"], {}, False),
        (["baseline"], {}, False),
        (["check", "--staged"], {"CI": "true"}, False),  # never started in CI
        (["check", "--staged"], {"CI": "true", "AIMS_LINT_RESIDENT": "1"}, True),
        (["check", "--staged"], {"CI": "0"}, True),
        (["check", "--staged"], {"JENKINS_URL": "https://ci.example.invalid/"}, False),  # Jenkins sets no CI
        (["check", "--staged"], {"AIMS_LINT_RESIDENT": "0"}, False),
        (["check", "--staged"], {"AIMS_LINT_RESIDENT": "off"}, False),
    ],
)
def test_only_the_staged_check_with_its_cache_goes_to_a_resident_checker(arguments, environ, wanted):
    assert resident.wanted_for(arguments, environ) is wanted


def test_a_checker_is_shared_only_by_callers_that_would_import_and_decode_alike(monkeypatch):
    mine = resident.key()
    monkeypatch.setenv("AIMS_LINT_UNRELATED", "1")
    monkeypatch.setenv("GIT_INDEX_FILE", "/elsewhere/index")  # part of the request, not of the key
    assert resident.key() == mine
    for name, value in (("PYTHONPATH", "/elsewhere/site"), ("LC_ALL", "xx_XX.test"), ("PYTHONIOENCODING", "latin-1:test")):
        with monkeypatch.context() as changed:
            changed.setenv(name, value)
            assert resident.key() != mine, name


# -- real checkers ---------------------------------------------------------------


def _environ(**extra: str) -> dict[str, str]:
    return dict(os.environ, AIMS_LINT_RESIDENT="1", AIMS_LINT_RESIDENT_IDLE="120", NO_COLOR="1", **extra)


def _aims_lint(root: Path, *arguments: str, environ: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aims_lint", *arguments], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=300)


def _wait_for_checker(present: bool = True, seconds: float = 30) -> dict | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = resident.status()
        if (status is not None) is present:
            return status
        time.sleep(0.1)
    raise AssertionError(f"the resident checker did not {'start' if present else 'stop'} in {seconds} s")


def _gone(pid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def callers_copy(tmp_path_factory) -> str:
    """The aims_lint/resident.py that ``python -m aims_lint`` imports outside this
    checkout: the installed package's, which a test process run from the checkout does
    not import when the package is not installed in editable mode (as in CI)."""
    outside = tmp_path_factory.mktemp("outside")
    found = subprocess.run([sys.executable, "-c", "import aims_lint.resident as r; print(r.__file__)"],
                           cwd=outside, capture_output=True, text=True, check=True)
    return found.stdout.strip()


@pytest.fixture
def repository(tmp_path, monkeypatch, callers_copy):
    """A git repository of examples/aims, the current folder of this test (as of the
    hook's), whose checkers are stopped at the end. This test process finds the checker
    of the callers' copy of aims_lint (the key names the copy)."""
    monkeypatch.setattr(resident, "__file__", callers_copy)
    root, _ = copy_of_example(tmp_path)
    _commit_all(root)
    monkeypatch.chdir(root)
    environ = _environ()
    for name in ("AIMS_LINT_RESIDENT", "AIMS_LINT_RESIDENT_IDLE"):
        monkeypatch.setenv(name, environ[name])
    pids: list[int] = []
    yield root, environ, pids
    status = resident.status() if (root / ".aims-lint-cache").is_dir() else None
    if status is not None:
        pids.append(status["pid"])
        resident.stop()
    # A checker still starting is gone one poll after its socket's folder is.
    shutil.rmtree(root / ".aims-lint-cache", ignore_errors=True)
    for pid in pids:
        if not _gone(pid, seconds=5):
            os.kill(pid, 9)


def _stage_vague_objective(root: Path, number: int) -> None:
    """A new objective with no metric, owner or frequency, staged."""
    objectives = root / "planning" / "objectives.md"
    lines = objectives.read_text(encoding="utf-8").splitlines(keepends=True)
    last_row = max(index for index, line in enumerate(lines) if line.startswith("| "))
    lines.insert(last_row + 1, f"| Use AI ethically in team {number} | Ensure ethical AI | | | | |\n")
    objectives.write_text("".join(lines), encoding="utf-8")
    _git(root, "add", "-A")


def test_a_served_check_prints_and_exits_as_a_check_in_the_callers_process(repository):
    root, environ, pids = repository
    first = _aims_lint(root, *STAGED, environ=environ)  # nothing serves yet: runs here, starts one
    assert first.returncode == 0, first.stderr
    status = _wait_for_checker()
    pids.append(status["pid"])
    assert status["served"] == 0
    for number, options in enumerate([[], ["--format", "json"], ["--format", "github"], ["-q"]]):
        _stage_vague_objective(root, number)
        served = _aims_lint(root, *STAGED, *options, environ=environ)
        here = _aims_lint(root, *STAGED, *options, environ=dict(environ, AIMS_LINT_RESIDENT="0"))
        assert (served.returncode, served.stdout, served.stderr) == (here.returncode, here.stdout, here.stderr)
        assert served.returncode == 1 and "ethically in team" in served.stdout
        _git(root, "commit", "-qm", f"objective {number}", "--no-verify")
    assert resident.status()["served"] == 4
    # A usage error is the command's too: one line on stderr, exit 2.
    wrong = _aims_lint(root, *STAGED, "--format", "nonsense", environ=environ)
    assert wrong.returncode == 2 and "nonsense" in wrong.stderr
    assert resident.status()["served"] == 5
    assert resident.stop() and _gone(status["pid"])
    assert not (root / resident.socket_path()).exists()


def test_a_served_check_writes_its_report_with_the_callers_umask(repository):
    root, environ, pids = repository
    _aims_lint(root, *STAGED, environ=environ)
    pids.append(_wait_for_checker()["pid"])
    _stage_vague_objective(root, 1)
    for umask, mode in ((0o077, 0o600), (0o022, 0o644)):
        report = root / f"report-{umask:o}.json"
        outcome = subprocess.run(
            ["sh", "-c", f'umask {umask:o} && exec "$0" -m aims_lint "$@"', sys.executable, *STAGED,
             "--format", "json", "-o", report.name],
            cwd=root, env=environ, capture_output=True, text=True, timeout=300,
        )
        assert outcome.returncode == 1, outcome.stderr
        assert report.stat().st_mode & 0o777 == mode
    assert resident.status()["served"] == 2


def test_sequences_of_commits_served_give_what_a_full_comparison_gives(repository):
    root, environ, pids = repository
    rng = random.Random(7)
    originals = {path.relative_to(root).as_posix(): path.read_bytes() for path in _markdown(root)}
    _aims_lint(root, *STAGED, environ=environ)
    pids.append(_wait_for_checker()["pid"])
    done = []
    for _ in range(5):
        done.append(_step(rng, root, originals, tuple(kind for kind in KINDS if kind != "edit-same-size")))
        _git(root, "add", "-A")
        served = _aims_lint(root, *STAGED, "--format", "json", environ=environ)
        full = _aims_lint(root, *STAGED, "--format", "json", "--no-cache", environ=environ)
        assert (served.returncode, compared(served.stdout)) == (full.returncode, compared(full.stdout)), done
        _git(root, "commit", "-qm", done[-1], "--no-verify", "--allow-empty")
    assert resident.status()["served"] == 5


def test_a_checker_whose_code_changed_hands_the_check_back_and_makes_way(repository, tmp_path, monkeypatch):
    root, environ, pids = repository
    imported = tmp_path / "imported"  # a folder Python imports from, as site-packages is
    imported.mkdir()
    environ = dict(environ, PYTHONPATH=str(imported))
    monkeypatch.setenv("PYTHONPATH", str(imported))  # part of the key: this test's is the callers'
    _aims_lint(root, *STAGED, environ=environ)
    old = _wait_for_checker()["pid"]
    pids.append(old)
    (imported / "a_pack_installed.py").write_text("", encoding="utf-8")
    _stage_vague_objective(root, 1)
    stale = _aims_lint(root, *STAGED, environ=environ)  # run here, by the caller
    assert stale.returncode == 1 and "ethically in team 1" in stale.stdout
    assert _gone(old)
    new = _wait_for_checker()
    pids.append(new["pid"])
    assert new["pid"] != old and new["served"] == 0


def test_a_checker_leaves_when_its_folder_is_deleted(repository):
    root, environ, pids = repository
    _aims_lint(root, *STAGED, environ=environ)
    pid = _wait_for_checker()["pid"]
    pids.append(pid)
    shutil.rmtree(root / ".aims-lint-cache")
    assert _gone(pid, seconds=resident.POLL_SECONDS * 5)


def _accepted_by_hand(root: Path, environ: dict, encoding: str) -> socket.socket:
    """A connection to the checker whose staged check it accepted (``A``), made as the
    caller makes it, with streams said to be in ``encoding``."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(resident.socket_path())
    request = {"op": "run", "argv": ["aims-lint", *STAGED], "cwd": str(root), "environ": environ,
               "streams": [[encoding, "strict", False, False]] * 3, "umask": 0o022}
    data = marshal.dumps(request)
    connection.sendall(len(data).to_bytes(4, "big") + data)
    assert connection.recv(1) == b"A"
    return connection


def test_a_request_the_caller_gave_up_on_is_never_run(repository):
    root, environ, pids = repository
    _aims_lint(root, *STAGED, environ=environ)
    pids.append(_wait_for_checker()["pid"])
    _stage_vague_objective(root, 1)
    connection = _accepted_by_hand(root, environ, encoding="utf-8")
    connection.close()  # no "G": the caller timed out and runs the check itself
    assert _wait_for_checker()["served"] == 0


def test_streams_the_checker_cannot_take_are_handed_back_before_anything_runs(repository):
    root, environ, pids = repository
    _aims_lint(root, *STAGED, environ=environ)
    pids.append(_wait_for_checker()["pid"])
    _stage_vague_objective(root, 1)
    reader, writer = os.pipe()
    connection = _accepted_by_hand(root, environ, encoding="no-such-encoding")
    socket.send_fds(connection, [b"G"], [reader, writer, writer])
    assert connection.recv(1) == b"F"  # the caller runs the check itself
    connection.close()
    os.close(writer)
    assert _wait_for_checker()["served"] == 0
    with os.fdopen(reader, "rb") as output:
        assert output.read() == b""  # the checker wrote nothing and kept no copy of the streams


def test_a_busy_or_foreign_socket_is_passed_over_and_the_check_runs_here(repository):
    root, environ, pids = repository
    _aims_lint(root, *STAGED, environ=environ)  # makes the cache folder
    pids.append(_wait_for_checker()["pid"])
    resident.stop()
    _wait_for_checker(present=False)
    _stage_vague_objective(root, 1)
    expected = _aims_lint(root, *STAGED, environ=dict(environ, AIMS_LINT_RESIDENT="0"))
    # A socket that accepts and never answers (a checker stuck on another request).
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(resident.socket_path())
    stuck.listen(1)
    try:
        started = time.monotonic()
        outcome = _aims_lint(root, *STAGED, environ=environ)
        assert (outcome.returncode, outcome.stdout) == (expected.returncode, expected.stdout)
        assert time.monotonic() - started >= resident.ACCEPT_SECONDS
    finally:
        stuck.close()
        os.unlink(resident.socket_path())
    # A live checker in a folder others may enter is not used; nor a file in its socket's place.
    _aims_lint(root, *STAGED, environ=environ)  # runs here, starts a checker
    pids.append(_wait_for_checker()["pid"])
    folder = root / resident.FOLDER
    folder.chmod(0o755)
    assert resident.status() is None
    outcome = _aims_lint(root, *STAGED, environ=environ)
    assert (outcome.returncode, outcome.stdout) == (expected.returncode, expected.stdout)
    folder.chmod(0o700)
    assert resident.status()["served"] == 0
    os.unlink(resident.socket_path())
    Path(resident.socket_path()).write_text("not a socket", encoding="utf-8")
    assert resident.status() is None
    outcome = _aims_lint(root, *STAGED, environ=environ)
    assert (outcome.returncode, outcome.stdout) == (expected.returncode, expected.stdout)


def test_a_linked_cache_folder_gets_no_checker(repository, tmp_path):
    root, environ, pids = repository
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(root / ".aims-lint-cache", ignore_errors=True)  # the example's own, if it has one
    (root / ".aims-lint-cache").symlink_to(elsewhere)
    _stage_vague_objective(root, 1)
    outcome = _aims_lint(root, *STAGED, environ=environ)
    assert outcome.returncode == 1
    time.sleep(1)
    assert list(elsewhere.iterdir()) == [] and resident.status() is None


def test_cache_writes_held_for_the_caller_are_made_after_it_and_read_back_before(tmp_path):
    from aims_lint import cache

    cache.hold_writes()
    try:
        cache.write_json(tmp_path, "index.json", {"files": 1})
        cache.write_json(tmp_path, "index.json", {"files": 2})  # the last write of a file wins
        assert not (tmp_path / "index.json").exists()
        assert cache.read_json(tmp_path / "index.json") == {"files": 2}  # a read makes the held writes first
        cache.write_json(tmp_path, "facts.json", {"facts": 3})
        assert not (tmp_path / "facts.json").exists()  # still held after that read
    finally:
        cache.write_held()
    assert cache.read_json(tmp_path / "facts.json") == {"facts": 3}
    cache.write_json(tmp_path, "facts.json", {"facts": 4})  # at once again
    assert cache.read_json(tmp_path / "facts.json") == {"facts": 4}


def test_cache_files_read_ahead_for_the_next_check_are_used_only_while_unchanged(tmp_path):
    from aims_lint import cache

    cache.write_json(tmp_path, "index.json", {"files": 1})
    cache.hold_writes()
    try:
        assert cache.read_json(tmp_path / "index.json") == {"files": 1}
        cache.write_json(tmp_path, "facts.json", {"facts": 1})
    finally:
        cache.write_held()
    cache.read_ahead()  # both files, as they are on disk now
    assert set(cache._AHEAD) == {str(tmp_path / "index.json"), str(tmp_path / "facts.json")}
    (tmp_path / "facts.json").write_text('{"facts": 2}', encoding="utf-8")  # another process wrote it since
    assert cache.read_json(tmp_path / "facts.json") == {"facts": 2}
    first = cache.read_json(tmp_path / "index.json")
    assert first == {"files": 1} and cache._AHEAD == {}  # each taken once
    first["files"] = 99  # the run's own copy: what it does with it stays with it
    assert cache.read_json(tmp_path / "index.json") == {"files": 1}
