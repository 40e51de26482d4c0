"""``aims-lint init``: a scaffold that ``check`` reads as unfilled templates, one finding
per document, never ready; that becomes audit-ready when its blanks are filled; written
without overwriting anything, outside nothing, through no link."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from aims_lint import cli, pack, scaffold
from aims_lint.cli import main
from aims_lint.reading.soa import catalogue

from . import scaffold_fill

pack.builtin_package()
TEMPLATE_RULES = importlib.import_module(f"{pack.BUILTIN_PACK}.mandatory").TEMPLATE_RULES
ARGS = ["--organisation", scaffold_fill.ORGANISATION, "--ai-system", "credit-scoring,chatbot",
        "--stage2-date", scaffold_fill.STAGE2, "--today", scaffold_fill.TODAY]
DOCUMENTS = [
    "scope.md", "policies/ai-policy.md", "planning/risk-assessment.md", "planning/soa.md", "planning/objectives.md",
    "impact/credit-scoring.md", "impact/chatbot.md", "support/competence-matrix.md", "records/internal-audit.md",
    "records/nonconformity-log.md", "records/management-review.md",
]


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, env={"NO_COLOR": "1"}, catch_exceptions=False)


def init(folder: Path, *extra):
    return invoke("init", str(folder), *ARGS, *extra)


def check_json(folder: Path) -> dict:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = invoke("check", "--today", scaffold_fill.TODAY, "--no-cache", "--format", "json", "--select", "ALL")
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# ---------------------------------------------------------------------------
# An empty folder


def test_init_writes_every_document_of_the_aims(tmp_path):
    target = tmp_path / "aims"
    result = init(target)
    assert result.exit_code == 0, result.output
    written = sorted(str(path.relative_to(target)) for path in target.rglob("*") if path.is_file())
    assert written == sorted([".aims-lint.yaml", "README.md", *DOCUMENTS])
    config = (target / ".aims-lint.yaml").read_text()
    assert "stage2-date: 2027-06-01" in config and "AI Governance Lead" in config
    scope = (target / "scope.md").read_text()
    assert "  - id: credit-scoring\n" in scope and "  - id: chatbot\n" in scope
    soa = (target / "planning/soa.md").read_text()
    for control, title in catalogue().items():  # all 38, with their titles
        assert f"| {control} | {title} |" in soa
    assert len(catalogue()) == 38
    assert "ai_system: chatbot" in (target / "impact/chatbot.md").read_text()


def test_a_fresh_scaffold_reports_each_document_once_and_is_never_ready(tmp_path):
    init(tmp_path)
    report = check_json(tmp_path)
    by_path: dict[str, list[str]] = {}
    for finding in report["findings"]:
        by_path.setdefault(finding["path"], []).append(finding["code"])
    assert sorted(by_path) == sorted(DOCUMENTS)  # each document, no repository-level noise
    assert all(len(codes) == 1 and codes[0] in TEMPLATE_RULES for codes in by_path.values()), by_path
    assert report["summary"]["errors"] == []
    assert report["summary"]["readiness"]["verdict"] != "ready"


def test_the_readme_orders_the_work_and_dates_it_back_from_stage2(tmp_path):
    init(tmp_path)
    text = (tmp_path / "README.md").read_text()
    assert text.startswith(f"# AI management system of {scaffold_fill.ORGANISATION}")
    order = [text.index(f"]({document})") for document in DOCUMENTS[:5]]
    assert order == sorted(order)  # scope, policy, risk, SoA, objectives
    # Milestones of aims_lint.plan, counted back from 2027-06-01: Stage 1 30 days before,
    # the internal audit by the 60-day planning target at the latest.
    assert "| Stage 1 audit | 2027-05-02 |" in text
    assert "| Stage 2 audit | 2027-06-01 |" in text
    assert "| Full-scope internal audit held | 2027-04-02 |" in text


def test_init_help_lists_the_documents():
    result = invoke("init", "--help")
    assert result.exit_code == 0
    for document in ("scope.md", "planning/soa.md", "impact/ID.md", "records/management-review.md", "README.md"):
        assert document in result.output


# ---------------------------------------------------------------------------
# Filled in, the scaffold is audit-ready


def test_the_filled_scaffold_passes(tmp_path):
    init(tmp_path)
    scaffold_fill.fill(tmp_path)
    assert [blank for blank in scaffold_fill.leftover_blanks(tmp_path) if not blank.startswith("README.md")] == []
    report = check_json(tmp_path)
    assert report["findings"] == [], [(f["path"], f["code"], f["message"]) for f in report["findings"]]
    assert report["summary"]["readiness"]["verdict"] == "ready"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_scaffold_filled_one_document_at_a_time_never_crashes(tmp_path, document):
    init(tmp_path)
    filled = tmp_path / "filled"
    init(filled)
    scaffold_fill.fill(filled)
    (tmp_path / document).write_bytes((filled / document).read_bytes())
    report = check_json(tmp_path)
    paths = {finding["path"] for finding in report["findings"]}
    assert document not in paths or all(f["code"] not in TEMPLATE_RULES for f in report["findings"] if f["path"] == document)
    assert report["summary"]["readiness"]["verdict"] != "ready"


# ---------------------------------------------------------------------------
# Nothing overwritten, idempotent


def test_init_in_a_non_empty_folder_leaves_existing_files_byte_for_byte(tmp_path):
    existing = {
        "README.md": b"# Our governance repository\n",
        "scope.md": b"---\nid: OUR-SCOPE\ntype: aims-scope\n---\n# Our scope\r\n\xc3\xa9\n",
        "notes.txt": b"\x00\x01binary",
        "policies/old-policy.md": b"# An old policy\n",
    }
    for relpath, data in existing.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_bytes(data)
    result = init(tmp_path)
    assert result.exit_code == 0, result.output
    for relpath, data in existing.items():
        assert (tmp_path / relpath).read_bytes() == data
    assert "scope.md exists: left as it is" in result.stderr
    # The guide goes beside the folder's own README.
    guide = (tmp_path / "AIMS-README.md").read_text()
    assert "[scope.md](scope.md) (already there: not written)" in guide
    assert (tmp_path / "planning/soa.md").is_file()
    report = check_json(tmp_path)  # checks, with the existing documents among the templates
    assert report["summary"]["readiness"]["verdict"] != "ready"


def test_a_second_init_changes_nothing(tmp_path):
    init(tmp_path)
    (tmp_path / "scope.md").write_text("edited by the organisation\n")
    before = snapshot(tmp_path)
    result = init(tmp_path)
    assert result.exit_code == 0
    assert snapshot(tmp_path) == before
    assert "nothing written" in result.stderr
    assert not list(tmp_path.rglob("*.tmp"))


# ---------------------------------------------------------------------------
# Hostile names and links


@pytest.mark.parametrize("system", [
    "../escape", "a/b", "a\\b", "..", ".hidden", "-flag", "a b", "a\nb", "a\x1b[31m", "é", "x" * 65, "con", "NUL", "",
    "a.md",
])
def test_hostile_ai_system_ids_are_rejected(tmp_path, system):
    result = invoke("init", str(tmp_path / "aims"), "--organisation", "Acme", "--ai-system", system or ",",
                    "--stage2-date", "2027-06-01", "--today", "2026-12-01")
    assert result.exit_code == 2
    assert "--ai-system" in result.output
    assert not (tmp_path / "aims").exists()


@pytest.mark.parametrize("name", ["Acme/Evil", "Acme\\Evil", "Acme\nEvil", "Acme\x00", "Acme\u202eliveE", "  ", "A" * 121])
def test_hostile_organisation_names_are_rejected(tmp_path, name):
    result = invoke("init", str(tmp_path / "aims"), "--organisation", name, "--ai-system", "chatbot",
                    "--stage2-date", "2027-06-01", "--today", "2026-12-01")
    assert result.exit_code == 2
    assert "--organisation" in result.output
    assert not (tmp_path / "aims").exists()


def test_the_same_system_twice_is_rejected(tmp_path):
    with pytest.raises(scaffold.ScaffoldError, match="twice"):
        scaffold.check_systems(["chatbot", "Chatbot"])


def test_an_organisation_name_is_written_as_text_not_markup(tmp_path):
    invoke("init", str(tmp_path), "--organisation", 'Acme | "Quotes" $HOME', "--ai-system", "chatbot",
           "--stage2-date", "2027-06-01", "--today", "2026-12-01")
    assert "# AI management system of Acme \\| \"Quotes\" $HOME" in (tmp_path / "README.md").read_text()
    assert check_json(tmp_path)["summary"]["errors"] == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_no_link_below_the_folder_is_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "aims"
    target.mkdir()
    (target / "planning").symlink_to(outside, target_is_directory=True)  # a folder that is a link
    (target / "scope.md").symlink_to(outside / "scope.md")  # a dangling link to a file outside
    (target / "records").write_text("a file where a folder goes")
    result = init(target)
    assert result.exit_code == 2  # the files that could not be written are errors, named
    assert "planning/ is a symbolic link or not a folder: not followed" in result.stderr
    assert "records/ is a symbolic link or not a folder" in result.stderr
    assert list(outside.iterdir()) == []
    assert (target / "scope.md").is_symlink() and not (outside / "scope.md").exists()
    assert (target / "policies/ai-policy.md").is_file()  # the others are written


def test_dir_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = init(tmp_path / "file")
    assert result.exit_code == 2


# ---------------------------------------------------------------------------
# Prompts in a terminal, a usage error otherwise


def test_missing_options_are_a_usage_error_without_a_terminal(tmp_path):
    result = invoke("init", str(tmp_path), "--organisation", "Acme")
    assert result.exit_code == 2
    assert "missing --ai-system, --stage2-date" in result.output
    assert list(tmp_path.iterdir()) == []


def test_missing_options_are_asked_for_in_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    answers = "Acme/Bad\nAcme\n../x\ncredit-scoring, chatbot\n2020-01-01\n2027-06-01\n"
    result = invoke("init", str(tmp_path), "--today", "2026-12-01", input=answers)
    assert result.exit_code == 0, result.output
    assert "path separator" in result.output and "not after today" in result.output  # asked again
    assert (tmp_path / "impact/chatbot.md").is_file()
    assert "stage2-date: 2027-06-01" in (tmp_path / ".aims-lint.yaml").read_text()


def test_a_stage2_date_not_in_the_future_is_rejected(tmp_path):
    result = invoke("init", str(tmp_path), "--organisation", "Acme", "--ai-system", "chatbot",
                    "--stage2-date", "2026-12-01", "--today", "2026-12-01")
    assert result.exit_code == 2
    assert "not after today" in result.output


# ---------------------------------------------------------------------------
# The reading layer reads the templates' structure, blank or filled


def _document(folder: Path, relpath: str):
    from aims_lint.document import Document

    return Document(folder / relpath, relpath, (folder / relpath).read_text(encoding="utf-8"))


def test_the_reading_layer_reads_the_scaffold_before_and_after_filling(tmp_path):
    from aims_lint.reading import objectives, risks, soa, templates

    fresh, filled = tmp_path / "fresh", tmp_path / "filled"
    init(fresh)
    init(filled)
    scaffold_fill.fill(filled)
    for folder, state in ((fresh, templates.UNFILLED), (filled, templates.FILLED)):
        for relpath in DOCUMENTS:
            assert templates.state(_document(folder, relpath)) == state, (folder.name, relpath)
        register = risks.risks(_document(folder, "planning/risk-assessment.md"))
        assert [risk.ident for risk in register] == [f"R-0{n}" for n in range(1, 7)]
        assert all({"likelihood", "severity", "owner", "treatment", "controls", "dimension"} <= set(risk.values)
                   for risk in register)
        assert all(risk.has("treatment") for risk in register) == (folder is filled)
        controls = soa.read_soa(_document(folder, "planning/soa.md")).controls
        assert [entry.control for entry in controls] == list(catalogue())
        assert {entry.decision for entry in controls} == ({"included"} if folder is filled else {"unknown"})
        objectives_read = objectives.objectives(_document(folder, "planning/objectives.md"))
        assert len(objectives_read) == 5 and all(not item.absent for item in objectives_read)


def test_markup_in_the_organisation_name_stays_text(tmp_path):
    invoke("init", str(tmp_path), "--organisation", "Acme <Labs> [EU] *AI*", "--ai-system", "chatbot",
           "--stage2-date", "2027-06-01", "--today", "2026-12-01")
    policy = (tmp_path / "policies/ai-policy.md").read_text()
    assert "The AI policy of Acme \\<Labs\\> \\[EU\\] \\*AI\\*." in policy
    report = check_json(tmp_path)
    assert len(report["findings"]) == 10  # still one per document: the name adds no placeholder


def test_a_folder_name_with_control_characters_is_rejected(tmp_path):
    result = init(tmp_path / "aims\nfake")
    assert result.exit_code == 2 and "DIR" in result.output
    assert list(tmp_path.iterdir()) == []
