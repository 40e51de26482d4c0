"""The language server's input, frame by frame: pygls gets only frames it can read;
anything else is reported and skipped to the next header (tests of the server process
itself are in test_server.py)."""

import io

from aims_lint.framing import SKIP_CHUNK, FramedInput


def frame(body: bytes, header: bytes | None = None) -> bytes:
    return (header if header is not None else b"Content-Length: %d\r\n" % len(body)) + b"\r\n" + body


def read_all(data: bytes, max_body: int = 1000) -> tuple[list[bytes], list[str]]:
    """(the bodies pygls reads, as its loop reads them, the problems reported)."""
    problems: list[str] = []
    framed = FramedInput(io.BytesIO(data), max_body, problems.append)
    bodies = []
    while header := framed.readline():
        length = int(header.removeprefix(b"Content-Length: "))
        assert framed.readline() == b"\r\n"
        bodies.append(framed.read(length))
    return bodies, problems


def test_sound_frames_pass_unchanged_whatever_their_other_header_fields():
    typed = frame(b'{"b": 2}', b"Content-Length: 8\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n")
    assert read_all(frame(b'{"a": 1}') + typed + b"\r\n" + frame(b"{}")) == ([b'{"a": 1}', b'{"b": 2}', b"{}"], [])


def test_a_frame_over_the_limit_is_skipped_even_when_its_header_straddles_two_chunks():
    skipped = b'"' + b"x" * (SKIP_CHUNK - 10)  # the next header starts 9 bytes before a chunk ends
    bodies, problems = read_all(frame(skipped) + frame(b'{"next": 1}'))
    assert bodies == [b'{"next": 1}']
    (problem,) = problems
    assert problem.startswith(f"aims-lint: error: a message of {len(skipped)} bytes from the editor is over the limit")


def test_a_body_longer_than_its_header_says_loses_only_itself():
    bodies, problems = read_all(frame(b'{"a": 1}', b"Content-Length: 5\r\n") + frame(b'{"b": 2}'))
    assert bodies == [b'{"a":', b'{"b": 2}']  # pygls reports the first as bad JSON
    assert problems == ["aims-lint: error: unreadable bytes before a message from the editor: skipped"]


def test_the_input_ending_inside_a_frame_or_while_skipping_ends_the_reading_with_a_report():
    assert read_all(b"Content-Length: 50\r\n\r\n{}") == ([], ["aims-lint: error: the input ended inside a message"])
    assert read_all(frame(b"{}", b"Content-Length: x\r\n") + b"trailing") == ([], [
        "aims-lint: error: unreadable message from the editor (Content-Length 'x' is not a size in bytes): skipped",
        "aims-lint: error: the input ended while skipping a message",
    ])
