"""Fuzzing the whole pipeline (document model and every rule) with generated Markdown and
YAML and with mutations of the real corpus: nothing may crash, hang or raise an internal
error, and every finding points inside its file.

CI runs a bounded, reproducible amount (derandomized); run more locally with
``AIMS_LINT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py``. An input that
ever crashed is kept in tests/fixtures/fuzz/ and replayed by the last test.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint import runner
from aims_lint.config import Config
from aims_lint.pack import load_rules

from .test_corpus import CORPUS

EXAMPLES = int(os.environ.get("AIMS_LINT_FUZZ_EXAMPLES", "600"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="AIMS_LINT_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
RULES = list(load_rules())
TYPES = ["ai-policy", "ai-objectives", "risk-assessment", "soa", "impact-assessment", "competence-matrix",
         "management-review", "internal-audit", "aims-scope", "procedure", "record", "isms-policy", "ai-polcy"]


def lint_bytes(tmp_root: Path, content: bytes, name: str = "doc.md", extra: dict[str, bytes] | None = None):
    """Lint ``content`` as ``name`` in an otherwise empty repository, without writing it."""
    config = Config(root=tmp_root, cache=False)
    files = {name: content, **(extra or {})}
    result = runner.run(config, [tmp_root / name], dt.date(2026, 11, 27), overrides=files, rules=RULES, jobs=1)
    assert result.errors == [], [str(error) for error in result.errors]
    lines = content.count(b"\n") + content.count(b"\r") + 2
    for finding in result.findings:
        assert 1 <= finding.line <= lines and finding.column >= 1, finding
    return result


# -- generated documents ------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
word = st.sampled_from(["AI", "owner", "TBD", "[Organization Name]", "<owner>", "___", "{{ x }}", "A.5.2", "A.2.1",
                        "no issues identified", "+7d", "Owner:", "Due:", "likelihood", "severity", "webinar", "|",
                        "**", "`", "\\", "<!--", "-->", "#", "- [ ]", "1.", ">", "[x](../../etc/passwd)", "2026-13-45"])
phrase = st.lists(st.one_of(word, text), max_size=8).map(" ".join)

yaml_value = st.one_of(
    st.sampled_from(["", "~", "no", "yes", "2026-01-01", "2026-13-45", "'quoted'", "[a, b]", "{a: 1}", "&x [1]",
                     "*x", "!!python/object:os.system {}", "|\n  block", "- item", "12 months", "TBD", "[", "{"]),
    text.map(lambda value: value.replace("\n", " ")),
)
yaml_key = st.sampled_from(["id", "type", "title", "owner", "version", "status", "approved_by", "approved_on",
                            "next_review", "last_reviewed", "review_interval", "ai_system", "ai_systems",
                            "risk_register", "attendees", "date", "scope", "x"])
front_matter = st.lists(
    st.one_of(st.tuples(yaml_key, yaml_value).map(lambda kv: f"{kv[0]}: {kv[1]}"),
              st.sampled_from(TYPES).map(lambda kind: f"type: {kind}"), text),
    max_size=12,
)


def table(rows):
    header, *body = rows
    width = max(len(header), 1)
    lines = ["| " + " | ".join(header or ["Control"]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


cell = st.one_of(word, text.map(lambda value: value.replace("\n", " ").replace("|", "/")))
block = st.one_of(
    st.tuples(st.integers(1, 7), phrase).map(lambda hp: "#" * hp[0] + " " + hp[1]),
    phrase,
    st.lists(phrase, min_size=1, max_size=5).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(phrase, min_size=1, max_size=3).map(lambda items: "\n".join(f"- [ ] {item} — Owner: X — Due: {item}" for item in items)),
    st.lists(st.lists(cell, max_size=6), min_size=1, max_size=6).map(table),
    phrase.map(lambda value: f"<!-- aims-lint-disable-next-line DOC008 -- {value} -->"),
    phrase.map(lambda value: f"```\n{value}\n```"),
    st.sampled_from(["---", "***", "<details>", "> quote", "[ref]: https://example.org", "\t\tindented"]),
)
document = st.tuples(st.booleans(), front_matter, st.booleans(), st.lists(block, max_size=15)).map(
    lambda parts: (("---\n" + "\n".join(parts[1]) + ("\n---\n" if parts[2] else "\n")) if parts[0] else "")
    + "\n\n".join(parts[3])
)


@FUZZ
@given(document=document, newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_documents_never_crash(tmp_path_factory, document, newline):
    root = tmp_path_factory.mktemp("fuzz", numbered=True)
    lint_bytes(root, document.replace("\n", newline).encode("utf-8"))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes", numbered=True)
    lint_bytes(root, b"---\ntype: ai-policy\n---\n" + data)


# -- mutations of the real corpus ---------------------------------------------------

CORPUS_FILES = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []
mutation = st.tuples(st.sampled_from(["delete", "insert", "duplicate", "flip", "truncate"]), st.integers(0, 10**6),
                     st.integers(1, 400), st.binary(min_size=1, max_size=40))


def mutate(data: bytes, operations) -> bytes:
    for kind, position, length, payload in operations:
        if not data:
            return payload
        at = position % len(data)
        if kind == "delete":
            data = data[:at] + data[at + length:]
        elif kind == "insert":
            data = data[:at] + payload + data[at:]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + length] * 3 + data[at:]
        elif kind == "flip":
            data = data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:]
        else:
            data = data[:at]
    return data


@pytest.mark.skipif(not CORPUS_FILES, reason="corpus not found")
@FUZZ
@given(index=st.integers(0, 10**6), operations=st.lists(mutation, min_size=1, max_size=6),
       kind=st.sampled_from(TYPES), with_type=st.booleans())
def test_mutated_corpus_documents_never_crash(tmp_path_factory, index, operations, kind, with_type):
    source = CORPUS_FILES[index % len(CORPUS_FILES)].read_bytes()
    if with_type:
        source = f"---\ntype: {kind}\nid: X\n---\n".encode() + source
    root = tmp_path_factory.mktemp("mutant", numbered=True)
    lint_bytes(root, mutate(source, operations))


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.md")), ids=lambda path: path.name)
def test_inputs_that_once_crashed(tmp_path, fixture):
    lint_bytes(tmp_path, fixture.read_bytes(), name="doc.md")
