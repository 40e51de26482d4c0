"""The resident checker: a warm aims-lint process that serves the pre-commit hook.

A one-file commit's ``aims-lint check --staged`` spent more time starting Python and
importing (click, markdown-it-py, ruamel.yaml, the rule pack) than checking. So, as Nx
and Turborepo do with their daemons, the first such run in a repository starts a
resident checker in the background, and later runs hand it their arguments, working
folder, environment and standard streams (the file descriptors themselves). It runs the
same command with the same code in its warm process, writing to the caller's own
streams, and sends back the exit code, which the caller exits with. Output, exit code
and the caches written are those of a run in the caller's process.

- It serves only ``check --staged`` without ``--no-cache`` run at the folder that holds
  ``.aims-lint-cache/`` (the repository root, where pre-commit runs hooks). It is never
  started in CI (``CI`` or another CI_VARIABLES set); ``AIMS_LINT_RESIDENT=0`` turns it
  off, ``=1`` on even in CI.
- It exits after ``AIMS_LINT_RESIDENT_IDLE`` seconds without a request (default
  IDLE_SECONDS), when its socket is removed (the cache folder deleted), and when the code
  it would run changed on disk (an upgrade, a rule pack installed or edited): the caller
  that finds it stale runs the check itself and starts a new one.
- It is only reached through ``.aims-lint-cache/resident/<key>.sock``, in a folder only
  its user can enter (0700, owned, never a link: checked by both sides). The key
  separates Python installations and the environment variables that change what Python
  imports or how it decodes (``PYTHON*``, locale), so a checker never serves a caller
  that would run other code. Where the system tells (Linux), each side also checks the
  other's user id.

Protocol, one request per connection:

- caller: a 4-byte length and a request (``op``: run, status or stop) in marshal's format;
- checker: ``A`` (accepted), or ``S`` (stale: run it yourself);
- caller: ``G`` (go), with its standard input, output and error as file descriptors
  (SCM_RIGHTS). A caller that gave up waiting for ``A`` (the checker busy with another
  request) runs the check itself; without ``G`` the checker drops the request, so it
  never runs twice. The streams are sent only with ``G``: held in a socket nobody reads
  yet, they would keep pre-commit waiting for the end of the hook's output;
- checker: ``F`` when it cannot take the streams (the caller runs the check itself), else
  ``X`` and the exit code (4 bytes) when done.
"""

from __future__ import annotations

import os
import sys

# Imports here are few and cheap: this module is the entry point of every aims-lint
# command, and the caller of a resident checker imports nothing else.

PROTOCOL = 1
CACHE_FOLDER = ".aims-lint-cache"  # aims_lint.cache.CACHE_DIR, without importing it (json)
FOLDER = os.path.join(CACHE_FOLDER, "resident")
IDLE_SECONDS = 1800.0
POLL_SECONDS = 2.0  # how often an idle checker looks for its socket
ACCEPT_SECONDS = 2.0  # how long a caller waits for a checker busy with another request
GO_SECONDS = 5.0
MAX_REQUEST_BYTES = 1 << 24
EXIT_ERROR = 2  # aims_lint.cli.EXIT_ERROR, without importing click

# Set by CI services: CI by most, the others by those that do not set it.
CI_VARIABLES = ("CI", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION", "CODEBUILD_BUILD_ID")

# Why a check was not served: no checker, one busy with another check, one whose code
# changed, one that could not take the caller's streams.
ABSENT, BUSY, STALE, REFUSED = "absent", "busy", "stale", "refused"


def run() -> None:
    """The ``aims-lint`` command (console script and ``python -m aims_lint``): through
    this repository's resident checker when one serves it, else in this process."""
    served = check_through_resident() if wanted_for(sys.argv[1:], os.environ) and _usable_here() else None
    if isinstance(served, int):
        os._exit(served)
    from aims_lint import cli

    code = cli.outcome()
    if served in (ABSENT, STALE):
        cli.flush_output()  # the caller's output is complete before anything else starts
        start()
    cli.finish(code)


def wanted_for(arguments: list[str], environ) -> bool:
    """Whether these command-line arguments, in this environment, go to a resident
    checker: ``check --staged`` with the cache, unless turned off or in CI."""
    setting = environ.get("AIMS_LINT_RESIDENT", "").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    if setting not in ("1", "true", "yes", "on") and any(
        environ.get(name, "").strip().lower() not in ("", "0", "false") for name in CI_VARIABLES
    ):
        return False
    options = set(arguments)
    return "check" in options and "--staged" in options and not options & {"--no-cache", "-h", "--help", "--version"}


def _usable_here() -> bool:
    import _socket

    return os.name == "posix" and hasattr(_socket, "AF_UNIX") and hasattr(_socket, "SCM_RIGHTS") and _real_folder(CACHE_FOLDER)


def _real_folder(path: str, private: bool = False) -> bool:
    """A folder of this user's, not a link (as ``aims_lint.cache.cache_folder`` asks of
    the cache folder); with ``private``, closed to everyone else."""
    import stat

    try:
        status = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        return False
    return not (private and status.st_mode & 0o077)


def key() -> str:
    """What a checker and its callers must share: this protocol, this Python (and its
    options) and this installation of aims_lint, the user, and the environment that
    changes what Python imports or how it decodes."""
    import zlib

    parts = [
        str(PROTOCOL), sys.prefix, os.path.realpath(sys.executable), sys.version, _flags(),
        os.path.dirname(os.path.abspath(__file__)), str(os.getuid()),
        *sorted(f"{name}={value}" for name, value in os.environ.items()
                if name.startswith(("PYTHON", "LC_")) or name in ("LANG", "LANGUAGE")),
    ]
    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _flags() -> str:
    """The interpreter's options that change what a run imports or how it decodes (not
    -P, which the checker is started with)."""
    flags = sys.flags
    return repr([flags.utf8_mode, flags.optimize, flags.isolated, flags.ignore_environment, flags.no_site,
                 flags.no_user_site, flags.dev_mode, flags.int_max_str_digits])


def socket_path() -> str:
    return os.path.join(FOLDER, f"{key()}.sock")


def _connect():
    """A connection to this folder's resident checker, or why there is none."""
    # _socket, the socket module's C part: the socket module itself (its enums) took a
    # third of a served check's time in the caller.
    import _socket
    import stat

    path = socket_path()
    try:
        status = os.lstat(path)
    except OSError:
        return ABSENT
    if not (stat.S_ISSOCK(status.st_mode) and status.st_uid == os.getuid() and _real_folder(FOLDER, private=True)):
        return ABSENT
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.settimeout(ACCEPT_SECONDS)
        connection.connect(path)
        if _peer_is_this_user(connection):
            return connection
    except TimeoutError:
        connection.close()
        return BUSY
    except OSError:
        pass
    connection.close()
    return ABSENT


def _send(connection, request: dict) -> bytes:
    """Send ``request``; the checker's first answer. In marshal's format, which both
    sides read the same way (the key includes Python's version), with no import: only
    this user's processes reach the checker."""
    import marshal

    data = marshal.dumps(request)
    connection.sendall(len(data).to_bytes(4, "big") + data)
    return _receive(connection, 1)


def check_through_resident() -> int | str:
    """Have this folder's resident checker run this process's command: its exit code
    (the checker wrote the output to this process's streams), or why it was not served
    (ABSENT, BUSY, STALE or REFUSED): then nothing was run."""
    streams = _stream_settings()
    if streams is None:
        return REFUSED
    import _socket

    connection = _connect()
    if isinstance(connection, str):
        return connection
    umask = os.umask(0o077)
    os.umask(umask)
    request = {"op": "run", "argv": sys.argv, "cwd": os.getcwd(), "environ": dict(os.environ), "streams": streams,
               "umask": umask}
    try:
        try:
            answer = _send(connection, request)
            if answer != b"A":
                return STALE if answer == b"S" else ABSENT
            streams_data = b"".join(descriptor.to_bytes(4, sys.byteorder) for descriptor in (0, 1, 2))
            connection.sendmsg([b"G"], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, streams_data)])
        except TimeoutError:
            return BUSY
        except (OSError, ValueError):
            return ABSENT
        # The checker runs the command now: wait for it as for a check in this process.
        try:
            connection.settimeout(None)
            done = _receive(connection, 1)
            if done == b"F":
                return REFUSED  # it could not take the streams: nothing was run
            done += _receive(connection, 4)
        except OSError:
            done = b""
        except KeyboardInterrupt:  # as click ends a command interrupted
            sys.stderr.write("Aborted!\n")
            return 1
    finally:
        connection.close()
    if len(done) == 5 and done[:1] == b"X":
        return int.from_bytes(done[1:], "big", signed=True)
    sys.stderr.write("aims-lint: error: the resident checker stopped before it finished the check; run it again "
                     "(AIMS_LINT_RESIDENT=0 runs it without one)\n")
    return EXIT_ERROR


def status() -> dict | None:
    """This folder's resident checker: its process id, the checks it served and how long
    it has been running (seconds); None when there is none."""
    import marshal

    connection = _connect()
    if isinstance(connection, str):
        return None
    try:
        if _send(connection, {"op": "status"}) != b"A":
            return None
        answer = marshal.loads(_receive(connection, int.from_bytes(_receive(connection, 4), "big")))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        connection.close()
    return answer if isinstance(answer, dict) else None


def stop() -> bool:
    """Stop this folder's resident checker; whether there was one to stop."""
    connection = _connect()
    if isinstance(connection, str):
        return False
    try:
        return _send(connection, {"op": "stop"}) == b"A"
    except OSError:
        return False
    finally:
        connection.close()


def _stream_settings() -> list | None:
    """How this process's standard streams encode and buffer, for the checker's copies;
    None when one is missing (a closed descriptor)."""
    settings = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            os.fstat(stream.fileno())
            settings.append([stream.encoding, stream.errors, stream.line_buffering, stream.write_through])
        except (AttributeError, OSError, ValueError):
            return None
    return settings


def _receive(connection, size: int) -> bytes:
    """``size`` bytes, or fewer when the other side closed."""
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _peer_is_this_user(connection) -> bool:
    import _socket

    if not hasattr(_socket, "SO_PEERCRED"):
        return True  # the private folder alone keeps other users out
    credentials = connection.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)  # struct ucred: pid, uid, gid
    return int.from_bytes(credentials[4:8], sys.byteorder) == os.getuid()


def start() -> None:
    """Start this folder's resident checker in the background, detached from the caller
    (its own session, no inherited streams: pre-commit and git wait for nothing)."""
    import subprocess

    try:
        # -P: the checker imports what the caller's installation imports, never a
        # module of the repository it runs in.
        subprocess.Popen(
            [sys.executable, "-P", "-m", "aims_lint.resident"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )
    except OSError:
        pass


# -- the checker ----------------------------------------------------------------


def serve() -> None:
    """Serve the callers of this folder (the working folder) until idle or stale."""
    import fcntl
    import socket
    import time

    try:
        os.mkdir(FOLDER, 0o700)
    except OSError:
        pass
    if not (_real_folder(CACHE_FOLDER) and _real_folder(FOLDER, private=True)):
        return
    home = os.getcwd()
    name = key()
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        lock = os.open(os.path.join(FOLDER, f"{name}.lock"), flags, 0o600)  # held while this process lives
    except OSError:
        return
    for _ in range(30):  # a stale checker is still on its way out
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            time.sleep(0.1)
    else:
        return  # another checker serves this folder

    path = os.path.join(home, FOLDER, f"{name}.sock")
    try:
        os.unlink(path)  # a checker that was killed left its socket; the lock is ours now
    except OSError:
        pass
    # Bound before the imports of a check: where sockets cannot be made, a checker costs
    # nothing. Callers that come meanwhile wait for them (ACCEPT_SECONDS).
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(os.path.relpath(path))  # relative: a socket's path is limited to ~100 bytes
        listener.listen(8)
        inode = os.lstat(path).st_ino
    except OSError:
        listener.close()
        return
    try:
        _serve_at(listener, path, inode, home)
    finally:
        if _same_socket(path, inode):
            os.unlink(path)
        listener.close()


def _serve_at(listener, path: str, inode: int, home: str) -> None:
    """Import what a check imports, then serve the requests to ``listener`` one at a
    time until idle, stale, stopped or the socket at ``path`` is gone."""
    import importlib
    import select
    import time

    from aims_lint import cache

    before = cache.current_code_stamp()
    for module in ("aims_lint.cli", "aims_lint.changes", "aims_lint.runner"):  # warm: what every check imports
        importlib.import_module(module)
    from aims_lint import pack

    pack.load_rules()  # and every rule module
    # This process's code stamp (the one its runs key the caches on) is the one every
    # request is checked against.
    stamp = _installation_stamp(cache.code_stamp())
    if not pack.THIRD_PARTY_FOLDERS and stamp[0] != before:  # the code changed while it was imported
        return
    idle = _idle_seconds()
    served = 0
    last = started = time.monotonic()
    while True:
        ready, _, _ = select.select([listener], [], [], POLL_SECONDS)
        if not ready:
            if time.monotonic() - last > idle or not _same_socket(path, inode):
                return
            continue
        try:
            connection, _ = listener.accept()
        except OSError:
            continue
        with connection:
            status = {"pid": os.getpid(), "served": served, "seconds": round(time.monotonic() - started)}
            outcome = _serve_one(connection, stamp, home, status)
        if outcome == "ran":
            served += 1
        last = time.monotonic()
        if outcome == "stop":
            return


def _idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("AIMS_LINT_RESIDENT_IDLE", IDLE_SECONDS)))
    except ValueError:
        return IDLE_SECONDS


def _same_socket(path: str, inode: int) -> bool:
    try:
        return os.lstat(path).st_ino == inode
    except OSError:
        return False


def _installation_stamp(code_stamp: str) -> tuple:
    """The code a check would run (``code_stamp``: aims_lint, the rule packs loaded) and
    the folders Python imports from (a pack installed changes its site-packages)."""
    folders = []
    for folder in sys.path:
        try:
            folders.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            folders.append((folder, None))
    return code_stamp, tuple(folders)


def _serve_one(connection, stamp: tuple, home: str, status: dict) -> str:
    """One request: "ran", "stop", or "dropped" (nothing run)."""
    import marshal
    import socket

    descriptors: list[int] = []
    try:
        connection.settimeout(GO_SECONDS)
        if not _peer_is_this_user(connection):
            return "dropped"
        size = int.from_bytes(_receive(connection, 4), "big")
        if size > MAX_REQUEST_BYTES:
            return "dropped"
        request = marshal.loads(_receive(connection, size))
        if not isinstance(request, dict):
            return "dropped"
        if request.get("op") == "status":
            answer = marshal.dumps(status)
            connection.sendall(b"A" + len(answer).to_bytes(4, "big") + answer)
            return "dropped"
        if request.get("op") == "stop":
            connection.sendall(b"A")
            return "stop"
        # Only callers in its own folder find a checker's socket; the writes it holds back
        # until after the answer rely on that.
        if request.get("op") != "run" or not _valid_run(request) or not os.path.samefile(request["cwd"], home):
            return "dropped"
        from aims_lint import cache

        if _installation_stamp(cache.current_code_stamp()) != stamp:
            connection.sendall(b"S")
            return "stop"
        connection.sendall(b"A")
        go, descriptors, _, _ = socket.recv_fds(connection, 1, 3)
        if go != b"G" or len(descriptors) != 3:
            return "dropped"  # the caller gave up waiting and runs it itself
        streams = _streams(descriptors, request["streams"])
        descriptors = []  # the streams' own now, or closed
        if streams is None:
            connection.sendall(b"F")  # nothing written to them: the caller runs it itself
            return "dropped"
        cache.hold_writes()  # the caller has its answer first
        try:
            code = _run(request, streams, home)
            connection.sendall(b"X" + code.to_bytes(4, "big", signed=True))
        finally:
            cache.write_held()
            cache.read_ahead()  # what the next check reads, parsed while waiting for it
        return "ran"
    except (OSError, ValueError, TypeError, KeyError, AttributeError, OverflowError, EOFError):
        return "dropped"
    finally:
        for descriptor in descriptors:
            try:
                os.close(descriptor)
            except OSError:
                pass


def _valid_run(request: dict) -> bool:
    texts = lambda values: isinstance(values, list) and all(isinstance(value, str) for value in values)  # noqa: E731
    environ, streams = request.get("environ"), request.get("streams")
    return (
        texts(request.get("argv")) and isinstance(request.get("cwd"), str)
        and isinstance(environ, dict) and texts(list(environ)) and texts(list(environ.values()))
        and type(request.get("umask")) is int and 0 <= request["umask"] <= 0o777
        and isinstance(streams, list) and len(streams) == 3
        and all(isinstance(setting, list) and len(setting) == 4 and texts(setting[:2]) for setting in streams)
    )


def _streams(descriptors: list[int], settings: list) -> list | None:
    """The caller's standard input, output and error as this process's text streams, as
    Python made them in the caller; None (and the descriptors closed) when they cannot be."""
    import io

    files, streams = [], []  # each descriptor is closed once, by what owns it
    try:
        for descriptor, writes, (encoding, errors, line_buffering, write_through) in zip(
            descriptors, (False, True, True), settings
        ):
            files.append(io.FileIO(descriptor, "w" if writes else "r", closefd=True))
            buffered = io.BufferedWriter(files[-1]) if writes else io.BufferedReader(files[-1])
            streams.append(io.TextIOWrapper(buffered, encoding=encoding, errors=errors,
                                            line_buffering=bool(line_buffering), write_through=bool(write_through)))
    except (OSError, ValueError, LookupError):
        for file in files:
            file.close()
        for descriptor in descriptors[len(files):]:
            try:
                os.close(descriptor)
            except OSError:
                pass
        return None
    return streams


def _run(request: dict, streams: list, home: str) -> int:
    """Run the caller's command here, on its streams, in its folder, environment and
    umask, as the command would run in the caller's process; its exit code."""
    import traceback

    from aims_lint import cli

    saved_streams = (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__)
    saved_argv, saved_environ, saved_umask = sys.argv, dict(os.environ), os.umask(request["umask"])
    try:
        # The standard streams and their originals: the terminal size and colour are
        # those of the caller's streams.
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams
        sys.argv = list(request["argv"])
        os.environ.clear()
        os.environ.update(request["environ"])
        try:
            os.chdir(request["cwd"])
        except OSError as error:
            sys.stderr.write(f"aims-lint: error: cannot enter the working folder: {error.strerror}\n")
            return EXIT_ERROR
        try:
            return cli.outcome()
        except BaseException:  # what the interpreter does with an uncaught exception (--debug)
            traceback.print_exc()
            return 1
    finally:
        cli.flush_output()
        sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__ = saved_streams
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_environ)
        os.umask(saved_umask)
        os.chdir(home)
        for stream in streams:
            try:
                stream.close()
            except (OSError, ValueError):
                pass


if __name__ == "__main__":
    serve()
