"""Broken and hostile input: a clear finding or error naming file and line, the run
goes on with the other files, nothing is written, no traceback."""

import os
import time

import pytest

from .conftest import codes, lint
from .test_document_control import GOOD, with_keys

BAD = with_keys(owner="everyone")  # one DOC009 at line 5: proves the run went on


def findings_for(result, path):
    return [(f.code, f.line, f.column, f.message) for f in result.active if f.path == path]


def snapshot(root):
    """Every file and its stamp, but aims-lint's own index cache."""
    return {
        p: (p.stat().st_mtime_ns, p.stat().st_size)
        for p in root.rglob("*")
        if p.is_file() and ".aims-lint-cache" not in p.parts
    }


def test_non_utf8_file_is_a_finding_at_the_bad_byte(repo):
    root = repo({"latin1.md": "---\ntype: ai-policy\n---\nPolítica".encode("latin-1"), "other.md": BAD})
    result = lint(root)
    assert findings_for(result, "latin1.md") == [("DOC001", 4, 4, "invalid UTF-8 (byte 0xed); save the file as UTF-8")]
    assert findings_for(result, "other.md")[0][0] == "DOC009"


@pytest.mark.parametrize(
    "content, message",
    [
        ("\ufeff---\ntype: ai-policy\n---\n".encode("utf-16"), "UTF-16"),
        (b"---\ntype: ai-policy\n---\nabc\x00def", "binary content"),
    ],
)
def test_utf16_and_binary(repo, content, message):
    result = lint(repo({"x.md": content, "other.md": BAD}))
    assert message in findings_for(result, "x.md")[0][3]
    assert findings_for(result, "other.md")


def test_bom_crlf_and_lone_cr_keep_line_numbers(repo):
    crlf = ("\ufeff" + BAD).replace("\n", "\r\n").encode("utf-8")
    cr = BAD.replace("POL-AI-001", "POL-AI-002").replace("\n", "\r").encode("utf-8")
    result = lint(repo({"crlf.md": crlf, "cr.md": cr}))
    assert findings_for(result, "crlf.md")[0][:2] == ("DOC009", 5)
    assert findings_for(result, "cr.md")[0][:2] == ("DOC009", 5)


def test_empty_file_and_empty_front_matter(repo):
    result = lint(repo({"empty.md": "", "blank-fm.md": "---\n---\n# Title\n", "other.md": BAD}))
    assert findings_for(result, "empty.md") == [] and findings_for(result, "blank-fm.md") == []


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        ("- a\n- b", "is a list"),
        ("just a string", "a single value"),
        ("a: " + "[" * 500 + "]" * 500, "nests deeper"),
        ("a: 1\na: 2", "duplicate"),
    ],
)
def test_front_matter_that_is_not_a_usable_mapping(repo, front_matter, expected):
    glob = ".aims-lint.yaml"
    root = repo({glob: "types:\n  'x.md': ai-policy\n", "x.md": f"---\n{front_matter}\n---\n# X\n", "other.md": BAD})
    result = lint(root)
    (finding,) = [f for f in result.active if f.path == "x.md" and f.code.startswith("DOC")]
    assert finding.code == "DOC003" and expected in finding.message


def test_python_object_tags_construct_nothing(repo, tmp_path):
    marker = tmp_path / "pwned"
    text = f"---\ntype: ai-policy\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    lint(repo({"x.md": text}))
    assert not marker.exists()


def test_billion_laughs_is_bounded(repo):
    lines = ["---", "type: ai-policy", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    root = repo({"bomb.md": "\n".join(lines + ["---", "# Bomb", ""])})
    started = time.perf_counter()
    result = lint(root)
    assert time.perf_counter() - started < 10
    assert not result.errors


def test_missing_closing_delimiter(repo):
    root = repo({"x.md": "---\ntype: ai-policy\nid: X\n\n# Heading\n", "other.md": BAD})
    result = lint(root)
    assert findings_for(result, "x.md")[0][:2] == ("DOC003", 1)


def test_huge_file_is_skipped_with_a_note(repo):
    root = repo({".aims-lint.yaml": "max-file-size: 1 KB\n", "big.md": GOOD + "x" * 2048, "other.md": BAD})
    result = lint(root)
    assert any("big.md: skipped" in note and "max-file-size" in note for note in result.notes)
    assert findings_for(result, "other.md") and not findings_for(result, "big.md")


def test_one_megabyte_line_and_deep_nesting_finish(repo):
    deep_list = "\n".join("  " * depth + "- item" for depth in range(2000))
    quotes = ">" * 10000 + " deep"
    wide = "|" + "|".join(f"c{i}" for i in range(10000)) + "|\n|" + "---|" * 10000 + "\n"
    root = repo({"line.md": GOOD + "x" * 1_000_000 + "\n", "deep.md": GOOD + deep_list + "\n\n" + quotes + "\n\n" + wide})
    started = time.perf_counter()
    result = lint(root)
    assert time.perf_counter() - started < 30 and not result.errors


@pytest.mark.skipif(os.name != "posix", reason="symlinks and permissions")
def test_symlinks_loops_outside_files_and_unreadable_files(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(BAD)
    root = repo({"other.md": BAD, "locked.md": BAD})
    (root / "leak.md").symlink_to(outside)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "a.md").symlink_to(root / "b.md")
    (root / "b.md").symlink_to(root / "a.md")
    (root / "locked.md").chmod(0)
    try:
        before = snapshot(root / "other.md" if False else root)
        result = lint(root)
    finally:
        (root / "locked.md").chmod(0o644)
    paths = {f.path for f in result.active}
    assert paths == {"other.md"} or (os.geteuid() == 0 and paths == {"other.md", "locked.md"})
    assert any("leak.md" in note and "outside the repository" in note for note in result.notes)
    if os.geteuid() != 0:  # root reads any file
        assert [str(error) for error in result.errors] == ["locked.md: cannot read file: Permission denied"]
    assert snapshot(root) == before


def test_odd_file_names(repo):
    root = repo({"with space.md": BAD, "ünïcode — policy.md": BAD, "-leading-dash.md": BAD})
    assert {path for path, _, _ in codes(lint(root))} == {"with space.md", "ünïcode — policy.md", "-leading-dash.md"}
