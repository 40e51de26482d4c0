"""A third-party rule pack installed as a distribution joins the built-in rules."""

from pathlib import Path

import pytest

from aims_lint import pack

from .conftest import codes, lint
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
