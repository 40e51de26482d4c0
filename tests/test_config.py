"""Configuration files: discovery, validation with file and line, selection."""

import pytest

from aims_lint.config import ConfigError, load_config
from aims_lint.pack import PackError

from .conftest import codes, lint
from .test_document_control import GOOD, with_keys


def test_yaml_config_values_and_their_sources(repo):
    root = repo({".aims-lint.yaml": "roles:\n  - AI Governance Lead\nstage2-date: 2027-03-01\nfail-on: major\n"})
    config = load_config(root / "sub" if (root / "sub").exists() else root)
    assert config.roles == ["AI Governance Lead"] and str(config.stage2_date) == "2027-03-01"
    assert config.sources["fail-on"].endswith(".aims-lint.yaml:4")
    assert config.sources["select"] == "default"


def test_pyproject_table_is_found_from_a_subfolder(repo):
    root = repo({"pyproject.toml": '[project]\nname = "x"\n\n[tool.aims-lint]\nignore = ["DOC014"]\n', "docs/p.md": GOOD})
    config = load_config(root / "docs")
    assert config.root == root and config.ignore == ["DOC014"]
    assert config.sources["ignore"].endswith("pyproject.toml:5")


def test_unknown_key_names_key_file_and_line(repo):
    root = repo({".aims-lint.yaml": "select: [ALL]\nselct: [DOC]\n"})
    with pytest.raises(ConfigError, match=r"\.aims-lint\.yaml:2: unknown configuration key 'selct' \(did you mean 'select'\?\)"):
        load_config(root)


@pytest.mark.parametrize(
    "text, message",
    [
        ("fail-on: critical\n", "bad value for 'fail-on'"),
        ("stage2-date: next spring\n", "bad value for 'stage2-date'"),
        ("types: [a, b]\n", "bad value for 'types'"),
        ("roles: 3\n", "bad value for 'roles'"),
        ("- just\n- a list\n", "must be a mapping"),
        ("key: [unclosed\n", "invalid YAML"),
        ("planning: 8\n", "bad value for 'planning'"),
        ("planning: {evidence-week: 8}\n", "unknown key 'evidence-week'"),
        ("planning: {many-minors: 0}\n", "many-minors: expected a whole number of at least 1"),
        ("planning: {evidence-weeks: eight}\n", "evidence-weeks: expected a whole number"),
    ],
)
def test_bad_values_are_usage_errors(repo, text, message):
    root = repo({".aims-lint.yaml": text})
    with pytest.raises(ConfigError, match=message):
        load_config(root)


def test_toml_config(repo):
    root = repo({".aims-lint.toml": 'select = ["DOC"]\n[per-file-ignores]\n"legacy/*.md" = ["DOC008"]\n'})
    config = load_config(root)
    assert config.per_file_ignores == {"legacy/*.md": ["DOC008"]}


def test_select_by_code_prefix_name_and_ignore(repo):
    root = repo({"p.md": with_keys(owner="everyone", next_review="2026-01-01")})
    assert {c for _, c, _ in codes(lint(root))} == {"DOC007", "DOC009"}
    assert {c for _, c, _ in codes(lint(root, select=["vague-owner"]))} == {"DOC009"}
    assert {c for _, c, _ in codes(lint(root, select=["DOC00"]))} == {"DOC007", "DOC009"}
    (root / ".aims-lint.toml").write_text('ignore = ["DOC009"]\n')
    assert {c for _, c, _ in codes(lint(root))} == {"DOC007"}


def test_more_specific_select_beats_broader_ignore(repo):
    root = repo({".aims-lint.toml": 'ignore = ["DOC"]\nextend-select = ["DOC009"]\n', "p.md": with_keys(owner="everyone")})
    assert [c for _, c, _ in codes(lint(root))] == ["DOC009"]


def test_unknown_selector_is_a_usage_error(repo):
    root = repo({".aims-lint.toml": 'select = ["DOX"]\n', "p.md": GOOD})
    with pytest.raises(ConfigError, match="'DOX' in 'select' matches no rule"):
        lint(root)


def test_per_file_ignores(repo):
    root = repo({".aims-lint.toml": '[per-file-ignores]\n"legacy/**" = ["DOC008"]\n', "legacy/p.md": GOOD.replace("Text.", "TBD")})
    assert codes(lint(root)) == []


def test_exclude_and_default_excludes(repo):
    bad = with_keys(owner="everyone")
    root = repo({".aims-lint.toml": 'exclude = ["drafts/"]\n', "drafts/p.md": bad, "node_modules/x/p.md": bad, "site/p.md": bad})
    assert lint(root).files_checked == 0


def test_glob_types_and_rule_options(repo):
    root = repo(
        {
            ".aims-lint.yaml": "types:\n  'policies/*.md': procedure\nrule-options:\n  DOC007:\n    grace-days: 60\n",
            "policies/p.md": with_keys(type=None, next_review="2026-05-01"),
        }
    )
    result = lint(root)
    assert codes(result) == [] and result.documents_checked == 1


def test_index_cache_is_used_and_invalidated(repo):
    from aims_lint import cache

    root = repo({"a.md": GOOD, "b.md": with_keys(id="POL-2")})
    assert codes(lint(root)) == []
    assert set(cache.load(root, cache.fingerprint(load_config(root)))) == {"a.md", "b.md"}
    assert (root / ".aims-lint-cache" / ".gitignore").read_text().strip().endswith("*")
    (root / "b.md").write_text(GOOD + "\nMore text.\n")  # now a duplicate id: the cache must not hide it
    assert [c for _, c, _ in codes(lint(root))] == ["DOC010", "DOC010"]


MATRIX = """---
id: COMP-001
type: competence-matrix
title: Competence matrix
owner: AI Governance Lead
---
# Competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
| AI Governance Lead | ISO/IEC 42001 | Exam | Competent | 2027-01-01 |
"""


def test_facts_other_files_give_are_cached_and_follow_their_changes(repo, monkeypatch):
    from aims_lint import cache
    from aims_lint.workspace import Workspace

    root = repo({"matrix.md": MATRIX, "p.md": with_keys(id="POL-2", owner="Head of Data")})
    single = [root / "p.md"]
    assert [c for _, c, _ in codes(lint(root, single, select=["TRC008"]))] == ["TRC008"]
    assert cache.load_facts(root, cache.fingerprint(load_config(root)))["matrix.md"]["facts"]["trc.roles.1"] == ["AI Governance Lead"]

    parsed = []
    document = Workspace.document
    monkeypatch.setattr(Workspace, "document", lambda self, relpath: parsed.append(relpath) or document(self, relpath))
    assert [c for _, c, _ in codes(lint(root, single, select=["TRC008"]))] == ["TRC008"]
    assert "matrix.md" not in parsed  # the roles came from the cache

    (root / "matrix.md").write_text(MATRIX + "| Head of Data | Data quality | Exam | Competent | 2027-01-01 |\n")
    assert codes(lint(root, single, select=["TRC008"])) == []  # the changed matrix is read again

    # A hostile cache with the right stamps but values of the wrong shape changes nothing.
    import json

    facts_file = root / ".aims-lint-cache" / "facts.json"
    data = json.loads(facts_file.read_text())
    for entry in data["files"].values():
        entry["facts"] = {key: [{"x": 1}, 7, None] for key in entry["facts"]} | {"trc.systems.1": [[1, 2]], "trc.soa.1": "x"}
    facts_file.write_text(json.dumps(data))
    result = lint(root, single, select=["TRC"])
    assert not result.errors and codes(result) == []  # no role catalogue left: nothing judged


def test_a_corrupt_or_hostile_cache_is_ignored(repo):
    root = repo({"a.md": GOOD, "b.md": GOOD.replace("POL-AI-001", "POL-2")})
    (root / ".aims-lint-cache").mkdir()
    (root / ".aims-lint-cache" / "index.json").write_text('{"version": "0", "files": {"a.md": [1, 2, "x", "POL-2"]}}')
    assert codes(lint(root)) == []
    (root / ".aims-lint-cache" / "index.json").write_text("\x00not json")
    assert codes(lint(root)) == []


def test_cache_can_be_turned_off(repo):
    root = repo({".aims-lint.toml": "cache = false\n", "a.md": GOOD})
    lint(root)
    assert not (root / ".aims-lint-cache").exists()


def test_planning_settings_fill_in_the_defaults(repo):
    root = repo({".aims-lint.yaml": "planning:\n  evidence-weeks: 4\n"})
    config = load_config(root)
    assert config.planning == {
        "evidence-weeks": 4, "internal-audit-lead-days": 60, "corrective-action-days": 21,
        "stage1-lead-days": 30, "many-minors": 5,
    }
