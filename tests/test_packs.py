"""A third-party rule pack installed as a distribution joins the built-in rules."""

from pathlib import Path

import pytest

from aims_lint import pack, runner
from aims_lint.config import load_config

from .conftest import TODAY, codes, lint
from .test_document_control import GOOD

PACK_INIT = 'RULE_MODULES = ("template_version",)\n'
PACK_RULE = '''
from aims_lint.rule import ALL_TYPES, Problem, rule


@rule(code="ORG001", name="template-version", clause="7.5.2", types=ALL_TYPES,
      classification="advisory", remediation="1 day", message="no 'template' key: say which template this follows")
def check(doc, ctx):
    if "template" not in doc.meta:
        yield Problem(1, 1)
'''


@pytest.fixture
def installed_pack(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "org_rules").mkdir(parents=True)
    (site / "org_rules" / "__init__.py").write_text(PACK_INIT)
    (site / "org_rules" / "template_version.py").write_text(PACK_RULE)
    dist = site / "org_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: org-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[aims_lint.packs]\norg = org_rules\n")
    monkeypatch.syspath_prepend(str(site))
    pack.load_rules.cache_clear()
    yield
    pack.load_rules.cache_clear()


def test_entry_point_pack_rules_are_loaded_and_run(installed_pack, tmp_path):
    rules = {rule.code: rule for rule in pack.load_rules()}
    assert rules["ORG001"].pack == "org" and "DOC007" in rules
    root = tmp_path / "repo"
    root.mkdir()
    (root / "p.md").write_text(GOOD)
    (root / ".aims-lint.toml").write_text("")
    assert codes(lint(root)) == [("p.md", "ORG001", 1)]


def test_without_a_pack_only_builtin_rules():
    pack.load_rules.cache_clear()
    assert all(rule.pack == "aims-lint" for rule in pack.load_rules())


def test_a_third_party_packs_code_is_part_of_the_cache_stamp(installed_pack, tmp_path, monkeypatch):
    # A pack's rules may keep facts in the cache: a new version of the pack must not
    # read facts its old version computed.
    from aims_lint import cache

    monkeypatch.setattr(cache, "_CODE_STAMP", [])
    pack.load_rules()
    with_pack = cache.code_stamp()
    (folder,) = pack.THIRD_PARTY_FOLDERS  # where the pack was imported from
    rule_file = Path(folder) / "template_version.py"
    rule_file.write_text(rule_file.read_text() + "\n# version 2\n")
    monkeypatch.setattr(cache, "_CODE_STAMP", [])
    assert cache.code_stamp() != with_pack
    pack.load_rules.cache_clear()
    monkeypatch.syspath_prepend(str(tmp_path))  # the pack no longer installed:
    monkeypatch.setattr(pack, "_third_party_packages", lambda: [])
    pack.load_rules()
    monkeypatch.setattr(cache, "_CODE_STAMP", [])
    assert cache.code_stamp() not in (with_pack, "")
    assert pack.THIRD_PARTY_FOLDERS == []


# -- rules whose modules load when first run -----------------------------------------


def _metadata(rules) -> list[dict]:
    return [{name: value for name, value in vars(item).items() if name != "check"} for item in rules]


def test_a_run_with_the_cache_reads_the_rules_from_their_kept_list_and_imports_a_module_when_its_check_runs(tmp_path):
    root = tmp_path / "repo"
    (root / ".aims-lint-cache").mkdir(parents=True)
    first = pack.rules_for_run(root)  # imports every rule module, keeps the list
    assert (root / ".aims-lint-cache" / "rules.json").is_file()
    kept = pack.rules_for_run(root)
    assert _metadata(kept) == _metadata(first) == _metadata(pack.load_rules())
    assert all(isinstance(item.check, pack._CheckOnFirstUse) for item in kept)
    (root / "p.md").write_text(GOOD.replace("next_review: 2027-01-10", "next_review: 2020-01-10"))

    def run(rules):
        return codes(runner.run(load_config(root), [], TODAY, rules=[item for item in rules if item.code == "DOC007"]))

    assert run(kept) == run(first) == [("p.md", "DOC007", 10)]  # the review date, overdue


@pytest.mark.parametrize("damage", ["not json", "another code", "a rule of another shape", "a module path that is not one"])
def test_a_kept_rule_list_that_does_not_hold_is_made_again(tmp_path, damage):
    import json

    root = tmp_path / "repo"
    (root / ".aims-lint-cache").mkdir(parents=True)
    pack.rules_for_run(root)
    manifest = root / ".aims-lint-cache" / "rules.json"
    data = json.loads(manifest.read_text())
    if damage == "not json":
        manifest.write_text("{")
    else:
        if damage == "another code":
            data["code"] = "elsewhere"
        elif damage == "a rule of another shape":
            data["rules"][0]["types"] = "*"
        else:
            data["rules"][0]["module"] = "../../elsewhere"
        manifest.write_text(json.dumps(data))
    rules = pack.rules_for_run(root)
    assert not any(isinstance(item.check, pack._CheckOnFirstUse) for item in rules)
    assert _metadata(rules) == _metadata(pack.load_rules())


def test_with_a_third_party_pack_every_rule_module_is_imported(installed_pack, tmp_path):
    root = tmp_path / "repo"
    (root / ".aims-lint-cache").mkdir(parents=True)
    pack.rules_for_run(root)
    assert "ORG001" in {item.code for item in pack.rules_for_run(root)}
    assert not (root / ".aims-lint-cache" / "rules.json").exists()
