"""The configuration is validated completely, before anything is linted: a rule, an
option, a value of the wrong type, a vocabulary or a type that does not exist stops the
run with exit 2, one line naming the file, the line and the key, and what was probably
meant. And ``--config`` naming a file in a sub-folder keeps the repository root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aims_lint.config import ConfigError, load_config, load_config_for_run
from aims_lint.pack import load_rules
from aims_lint.runner import select_rules

from .test_document_control import GOOD


def _error(root: Path, name: str, text: str) -> str:
    (root / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        select_rules(load_config(root), load_rules())
    return str(caught.value).replace(str(root) + "/", "")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("select: [DOX]\n", ".aims-lint.yaml:1: 'DOX' in 'select' matches no rule code, prefix or name (did you mean 'DOC'?)"),
        ("ignore:\n  - DOC009\n  - vauge-owner\n",
         ".aims-lint.yaml:3: 'vauge-owner' in 'ignore' matches no rule code, prefix or name (did you mean 'vague-owner'?)"),
        ("per-file-ignores:\n  'legacy/**':\n    - DOC008\n    - DCO009\n",
         ".aims-lint.yaml:4: 'DCO009' in 'per-file-ignores: legacy/**' matches no rule code, prefix or name (did you mean 'DOC009'?)"),
        ("rule-options:\n  DOC07: {grace-days: 3}\n",
         ".aims-lint.yaml:2: rule-options: no rule with code or name 'DOC07' (did you mean 'DOC007'?)"),
        ("rule-options:\n  review-overdue:\n    grace-dys: 3\n",
         ".aims-lint.yaml:3: rule-options: DOC007 (review-overdue) has no option 'grace-dys' (did you mean 'grace-days'?); its options: grace-days"),
        ("rule-options:\n  DOC007:\n    grace-days: '14'\n",
         ".aims-lint.yaml:3: rule-options: DOC007 'grace-days': expected a whole number (like the default, 0), got '14'"),
        ("rule-options:\n  POL003:\n    threshold: high\n",
         ".aims-lint.yaml:3: rule-options: POL003 'threshold': expected a number (like the default, 0.3), got 'high'"),
        ("rule-options:\n  DOC008:\n    extra-placeholders: TBC\n",
         ".aims-lint.yaml:3: rule-options: DOC008 'extra-placeholders': expected a list of texts (like the default, []), got 'TBC'"),
        ("rule-options:\n  OBJ003:\n    required: [owner, frequncy]\n",
         ".aims-lint.yaml:3: rule-options: OBJ003 'required': 'frequncy' is not one of metric, owner, frequency, method, deadline (did you mean 'frequency'?)"),
        ("types:\n  'policies/*.md': ai-polcy\n",
         ".aims-lint.yaml:2: types: 'policies/*.md': type 'ai-polcy' is not one aims-lint knows; did you mean 'ai-policy'? "
         "(a type of your own that is not close to a known one is accepted)"),
        ("types:\n  'registers/*.md': Risk Register\n",
         ".aims-lint.yaml:2: types: 'registers/*.md': type 'Risk Register' is not one aims-lint knows; did you mean 'risk-assessment'? "
         "(a type of your own that is not close to a known one is accepted)"),
    ],
    ids=["select", "ignore", "per-file-ignores", "rule", "option", "int-option", "float-option", "list-option",
         "closed-list-option", "type-typo", "type-synonym"],
)
def test_a_mistake_names_file_line_key_and_what_was_meant(tmp_path, text, expected):
    assert _error(tmp_path, ".aims-lint.yaml", text) == expected


def test_an_unknown_vocabulary_is_named_with_the_known_ones(tmp_path):
    message = _error(tmp_path, ".aims-lint.yaml", "vocabularies:\n  vague_owner: [the project office]\n")
    assert message.startswith(".aims-lint.yaml:2: vocabularies: no vocabulary 'vague_owner' (did you mean 'vague_owners'?); vocabularies: ")
    assert "policy_ai_terms" in message


def test_toml_and_pyproject_name_the_line_of_the_nested_key(tmp_path):
    assert _error(tmp_path, ".aims-lint.toml", 'select = ["DOC"]\n\n[rule-options.DOC007]\ngrace-dais = 1\n') == (
        ".aims-lint.toml:4: rule-options: DOC007 (review-overdue) has no option 'grace-dais' (did you mean 'grace-days'?); "
        "its options: grace-days"
    )
    (tmp_path / ".aims-lint.toml").unlink()
    assert _error(tmp_path, "pyproject.toml", '[tool.aims-lint]\n\n[tool.aims-lint.rule-options]\nDOC007 = { grace-days = 1.5 }\n') == (
        "pyproject.toml:4: rule-options: DOC007 'grace-days': expected a whole number (like the default, 0), got 1.5"
    )


def test_valid_options_types_and_vocabularies_pass(tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text(
        "select: [ALL]\nignore: [DOC0, vague-owner]\n"
        "per-file-ignores: {'legacy/**': [DOC008]}\n"
        "rule-options:\n  DOC007: {grace-days: 14}\n  POL003: {threshold: 1}\n  placeholder-text: {extra-placeholders: [TBC]}\n"
        "  OBJ003: {required: [owner, deadline]}\n"
        "types: {'policies/*.md': AI Policy, 'privacy/*.md': privacy-policy, 'cards/*.md': model-card}\n"
        "vocabularies: {vague_owners: [the project office]}\n",
        encoding="utf-8",
    )
    assert select_rules(load_config(tmp_path), load_rules())


def test_every_rule_option_default_is_valid_for_its_own_type():
    for rule in load_rules():
        for name, default in rule.options.items():
            assert rule.option_error(name, list(default) if isinstance(default, tuple) else default) is None, (rule.code, name)


def test_the_command_line_says_which_option_is_wrong(tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "aims_lint", "check", "--select", "DOX"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr == "aims-lint: error: --select: 'DOX' in 'select' matches no rule code, prefix or name (did you mean 'DOC'?)\n"


def test_config_in_a_sub_folder_keeps_the_repository_root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "p.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "config").mkdir()
    settings = tmp_path / "config" / ".aims-lint.yaml"
    settings.write_text("exclude: ['drafts/']\n", encoding="utf-8")
    config = load_config_for_run([], settings, cwd=tmp_path)
    assert config.root == tmp_path and config.file == settings and config.exclude == ["drafts/"]
    # From a sub-folder of the repository too: the repository is still the git root.
    config = load_config_for_run([], settings, cwd=tmp_path / "policies")
    assert config.root == tmp_path
    # A configuration found where aims-lint runs keeps its folder as the root.
    (tmp_path / "policies" / ".aims-lint.yaml").write_text("", encoding="utf-8")
    assert load_config_for_run([], settings, cwd=tmp_path / "policies").root == tmp_path / "policies"
    # Outside any repository: the git root around the file, else its folder.
    outside = tmp_path.parent / (tmp_path.name + "-elsewhere")
    outside.mkdir()
    assert load_config_for_run([], settings, cwd=outside).root == tmp_path
    run = subprocess.run(
        [sys.executable, "-m", "aims_lint", "check", "-v", "--config", "config/.aims-lint.yaml"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert f"root: {tmp_path};" in run.stderr or run.stderr.rstrip().endswith(f"root: {tmp_path}"), run.stderr
