"""The whole rule pack on real public governance documents (../shared/corpus): no
crash, no internal error, and the findings a consultant would expect on known files."""

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aims_lint.cli import main


def _find_corpus() -> Path:
    """$AIMS_LINT_CORPUS, else shared/corpus beside the checkout or one of its parents."""
    if os.environ.get("AIMS_LINT_CORPUS"):
        return Path(os.environ["AIMS_LINT_CORPUS"])
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


CORPUS = _find_corpus()


def corpus_repo(root: Path, files: dict[str, str], doc_type: str) -> Path:
    """A repository at ``root`` holding corpus files (name -> path in the corpus), all
    typed ``doc_type`` by a configured glob, as a team adopting aims-lint would."""
    root.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        shutil.copy(CORPUS / source, root / name)
    (root / ".aims-lint.yaml").write_text(f"types:\n  '*.md': {doc_type}\n")
    return root
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS} (set AIMS_LINT_CORPUS)")

# The corpus has almost no front matter: assign types by file name the way a team
# adopting aims-lint would, so every rule meets real documents.
TYPES = {
    "**/*[Pp]olicy*.md": "ai-policy",
    "**/*POLICY*.md": "ai-policy",
    "**/*[Oo]bjectives*.md": "ai-objectives",
    "**/*OBJECTIVES*.md": "ai-objectives",
    "**/*[Rr]isk*.md": "risk-assessment",
    "**/*RISK*.md": "risk-assessment",
    "**/*STATEMENT-OF-APPLICABILITY*.md": "soa",
    "**/*statement-of-applicability*.md": "soa",
    "**/*SOA*.md": "soa",
    "**/*[Ii]mpact*.md": "impact-assessment",
    "**/*IMPACT*.md": "impact-assessment",
    "**/*[Cc]ompetence*.md": "competence-matrix",
    "**/*COMPETENCE*.md": "competence-matrix",
    "**/*MANAGEMENT-REVIEW*.md": "management-review",
    "**/*[Mm]inutes*.md": "management-review",
    "**/*[Aa]udit*.md": "internal-audit",
}


def check(root: Path):
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = runner.invoke(main, ["check", "--format", "json", "--today", "2026-11-27"], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    return result


@pytest.fixture(scope="module")
def typed_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, root)
    (root / ".aims-lint.yaml").write_text("types:\n" + "".join(f"  '{glob}': {kind}\n" for glob, kind in TYPES.items()))
    return root


def test_corpus_as_is_runs_clean_of_errors(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    (root / ".aims-lint.toml").write_text("")
    result = check(root)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == []
    assert data["summary"]["files"] >= 55  # every .md file (the .md.tmpl templates are not Markdown files)


def test_every_corpus_file_typed_no_crash_and_expected_findings(typed_corpus):
    result = check(typed_corpus)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == []
    found = {(f["path"], f["code"]) for f in data["findings"]}
    # strongdm/comply: a YAML header closed by '---' but never opened.
    assert ("strongdm__comply/themes/comply-soc2/policies/risk.md", "DOC003") in found
    # Ankit's templates: approver and dates left as placeholders (7.5.2).
    assert ("Ankit-Uniyal__iso-42001-ai-governance-toolkit/04-CLAUSE5-LEADERSHIP/AIMS-POLICY-TEMPLATE.md", "DOC008") in found
    # llm-agent-mcp: next_review in the past.
    overdue = [f for f in data["findings"] if f["code"] == "DOC007"]
    assert any("Management_Review_Minutes_MR-2025-002" in f["path"] for f in overdue)
    # A filled, well-kept record set gives no placeholder finding.
    assert not any(f["code"] == "DOC008" and "CenedrilTeam__iso27001-starter-kit/templates/management-review" in f["path"] for f in data["findings"])
