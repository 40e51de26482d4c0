"""Every rule says what it rests on (issue 12): its documentation has exactly one line
"Requirement: ISO/IEC 42001 <clause> …" (a "shall" of the standard, for a major or
minor rule) or "Advisory: good practice, not required by a "shall" of ISO/IEC 42001 …"
(for an advisory rule), and that line agrees with the rule's classification and clause."""

from __future__ import annotations

import re

import pytest

from aims_lint.pack import load_rules

RULES = load_rules()
_BASIS = re.compile(r"^(Requirement|Advisory): ", re.M)
ADVISORY = 'Advisory: good practice, not required by a "shall" of ISO/IEC 42001'


def _basis_lines(rule) -> list[str]:
    text = rule.doc_path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if _BASIS.match(line)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_documentation_states_the_requirement_or_that_it_is_advisory(rule):
    lines = _basis_lines(rule)
    assert len(lines) == 1, f"{rule.code}: expected one 'Requirement:' or 'Advisory:' line, found {lines}"
    (line,) = lines
    if rule.classification == "advisory":
        assert line.startswith(ADVISORY), f"{rule.code} is advisory: {line}"
    else:
        assert line.startswith("Requirement: "), f"{rule.code} is {rule.classification}: {line}"
        # The clause the rule cites is the one the line names (the organisation's own
        # rule may come first, as for competence re-evaluation dates).
        for clause in rule.clause.split("/"):
            assert re.search(rf"(?<![\d.]){re.escape(clause)}(?![\d])", line), f"{rule.code}: clause {clause} not in {line}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_line_sits_in_why_an_auditor_flags_it(rule):
    text = rule.doc_path.read_text(encoding="utf-8")
    why = text.split("## Why an auditor flags it\n\n", 1)[1]
    assert _BASIS.match(why), f"{rule.code}: the requirement line opens 'Why an auditor flags it'"


def test_the_classifications_a_lead_auditor_named():
    """Examples issue 12 names: good practice the standard's 'shall' does not require."""
    by_code = {rule.code: rule for rule in RULES}
    advisory = ["SOA003", "SOA004", "SOA005", "DOC004", "RSK003", "IMP006", "CMP004", "SUP001", "SUP002", "AIMS002"]
    assert {code: by_code[code].classification for code in advisory} == dict.fromkeys(advisory, "advisory")
    assert by_code["DOC012"].classification == "minor"


def test_clauses_cite_the_requirement():
    by_code = {rule.code: rule.clause for rule in RULES}
    # Impact assessment rests on 6.1.4 / 8.4; Annex A.5 is the control, never the only basis.
    assert all(by_code[code] in ("6.1.4", "8.4") for code in by_code if code.startswith("IMP") or code == "TRC005")
    assert by_code["RSK002"] == "6.1.1/6.1.2"
    assert by_code["POL009"] == "5.2"
    assert by_code["DOC007"] != "7.5.2" and by_code["CMP003"] == "7.2"
    assert by_code["SUP001"] == by_code["SUP002"] == "tool"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_a_doc_that_says_when_a_finding_is_raised_or_lowered_has_a_check_that_does_it(rule):
    """'major when …' in a requirement line is a promise: the check sets the finding's
    own classification (Problem(classification=...)), or delegates to a helper that does."""
    (line,) = _basis_lines(rule)
    promises = re.search(r"\bmajor when\b|\ban advisory finding when\b|\bare minor findings\b|\bis a minor finding\b|\bminor when\b", line)
    source = rule.doc_path.with_suffix(".py").read_text(encoding="utf-8")
    # The decorator names the rule's classification once; any further one is a finding's.
    sets_it = len(re.findall(r"\bclassification=|\*\*_basis\(", source)) >= 2
    if promises:
        assert sets_it, f"{rule.code}: the doc promises a finding-level classification the check does not set"
