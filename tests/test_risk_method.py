"""Risk ratings against a method written in another document (issue 13): the
likelihood/severity scales, the rating bands and "rating = likelihood × severity" kept
in a risk-management procedure or methodology that the register only applies. The
register is judged against the method of the documents it links to, else against the
repository's one risk-method document; never when two methods disagree or none is
clearly the register's."""

import pytest

from .conftest import lint

REGISTER_HEAD = """---
id: RA-001
type: risk-assessment
title: AI risk register
owner: Chief Risk Officer
version: "2.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-03-01
next_review: 2027-03-01
---
# AI risk register

{lead}

## Register

| ID | Risk | Category | Likelihood | Severity | Rating | Residual likelihood | Residual severity | Residual | Owner | Treatment |
|---|---|---|---|---|---|---|---|---|---|---|
"""
LINKED = "Risks are rated with the [risk management procedure](risk-procedure.md)."
UNLINKED = "Risks are rated with the organisation's risk management procedure."

PROCEDURE = """---
id: PROC-RISK
type: {type}
title: {title}
owner: Chief Risk Officer
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-15
next_review: 2027-01-15
---
# {title}

## Likelihood

| Score | Likelihood |
|---|---|
| 1 | Rare: less than once in five years |
| 2 | Unlikely: once in two to five years |
| 3 | Possible: about once a year |
| 4 | Likely: several times a year |
| 5 | Almost certain: monthly or more |

## Severity

| Score | Severity |
|---|---|
| 1 | Negligible: no lasting effect on anyone |
| 2 | Minor: an inconvenience, quickly reversed |
| 3 | Moderate: harm to individuals, reversible on appeal |
| 4 | Major: significant harm to individuals or groups |
| 5 | Severe: irreversible harm, or harm to society |

## Rating

{formula}

| Rating | Score |
|---|---|
| Low | {low} |
| Medium | 5-9 |
| High | 10-25 |

A rating of 10 or more is not acceptable without a treatment approved by the Chief Risk Officer.
"""


def procedure(type="procedure", title="AI risk management procedure", formula="Rating = likelihood × severity.", low="1-4"):
    return PROCEDURE.format(type=type, title=title, formula=formula, low=low)


def register(*rows, lead=LINKED):
    return REGISTER_HEAD.format(lead=lead) + "\n".join(rows) + "\n"


GOOD = "| R-01 | Scoring model disadvantages young applicants | Fairness | 3 | 4 | 12 (High) | 2 | 4 | 8 (Medium) | Head of Data Science | Reduce: monthly fairness testing |"
MISLABELLED = GOOD.replace("12 (High)", "12 (Medium)")
NOT_A_PRODUCT = GOOD.replace("12 (High)", "10 (High)")
RESIDUAL_OFF = GOOD.replace("8 (Medium)", "6 (Medium)")


def findings(root, codes, paths=None):
    return [f for f in lint(root, paths=paths, select=codes).active]


def _line(text, needle):
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


# ---------------------------------------------------------------------------
# RSK006 against a linked procedure


def test_a_label_outside_the_linked_procedures_band(repo):
    text = register(MISLABELLED)
    root = repo({"register.md": text, "risk-procedure.md": procedure()})
    (finding,) = findings(root, ["RSK006"])
    assert finding.path == "register.md" and finding.line == _line(text, "| R-01 |")
    assert "rating 12 is labelled 'Medium' but the bands of the method 'risk-procedure.md' put 12 in 'High' (10-25, line" in finding.message
    # the band is a related location in the procedure
    assert [(item.path, item.message) for item in finding.locations] == [("risk-procedure.md", "the band 'High' (10-25)")]


def test_a_rating_that_is_not_the_procedures_product(repo):
    root = repo({"register.md": register(NOT_A_PRODUCT), "risk-procedure.md": procedure()})
    (finding,) = findings(root, ["RSK006"])
    assert "rating 10 is not likelihood 3 × severity 4 = 12" in finding.message
    assert ("risk-procedure.md", "the method: likelihood × severity") in [(item.path, item.message) for item in finding.locations]


def test_ratings_that_follow_the_linked_procedure_pass(repo):
    root = repo({"register.md": register(GOOD), "risk-procedure.md": procedure()})
    assert findings(root, ["RSK006", "RSK008", "RSK009", "RSK001"]) == []


def test_a_single_file_run_reads_the_method_too(repo):
    root = repo({"register.md": register(MISLABELLED), "risk-procedure.md": procedure()})
    assert [f.code for f in findings(root, ["RSK006"], paths=[root / "register.md"])] == ["RSK006"]
    # and again, with the method from the facts cache
    assert [f.code for f in findings(root, ["RSK006"], paths=[root / "register.md"])] == ["RSK006"]


def test_the_registers_own_bands_win(repo):
    own = register(MISLABELLED).replace(LINKED, LINKED + "\n\n| Rating | Score |\n|---|---|\n| Low | 1-4 |\n| Medium | 5-12 |\n| High | 15-25 |")
    root = repo({"register.md": own, "risk-procedure.md": procedure()})
    assert findings(root, ["RSK006"]) == []


def test_a_method_in_a_document_named_by_id_in_front_matter(repo):
    text = register(MISLABELLED, lead=UNLINKED).replace("version:", "risk_method: PROC-RISK\nversion:", 1)
    root = repo({"register.md": text, "procedures/risk.md": procedure(title="Risk scoring criteria")})
    assert [f.code for f in findings(root, ["RSK006"])] == ["RSK006"]


# ---------------------------------------------------------------------------
# Which document is the register's method


def test_the_repositorys_one_risk_method_document_applies_unlinked(repo):
    root = repo({"register.md": register(MISLABELLED, lead=UNLINKED), "method.md": procedure(type="risk-assessment", title="AI risk methodology")})
    assert [f.code for f in findings(root, ["RSK006"])] == ["RSK006"]


def test_two_unlinked_method_documents_are_not_chosen_between(repo):
    root = repo({
        "register.md": register(MISLABELLED, lead=UNLINKED),
        "method.md": procedure(type="risk-assessment", title="AI risk methodology"),
        "enterprise/method.md": procedure(type="risk-assessment", title="Enterprise risk methodology").replace("PROC-RISK", "ERM-1"),
    })
    assert findings(root, ["RSK006"]) == []


def test_two_linked_methods_that_disagree_are_not_judged(repo):
    lead = "Rated with the [procedure](risk-procedure.md) and the [criteria](criteria.md)."
    other = procedure(type="risk-assessment", title="Risk acceptance criteria", low="1-3").replace("PROC-RISK", "RAC-1")
    root = repo({"register.md": register(MISLABELLED, lead=lead), "risk-procedure.md": procedure(), "criteria.md": other})
    assert findings(root, ["RSK006"]) == []
    # the same bands in both: one method
    same = procedure(type="risk-assessment", title="Risk acceptance criteria").replace("PROC-RISK", "RAC-1")
    root = repo({"register.md": register(MISLABELLED, lead=lead), "risk-procedure.md": procedure(), "criteria.md": same})
    assert [f.code for f in findings(root, ["RSK006"])] == ["RSK006"]


def test_a_linked_policy_that_is_not_a_risk_method_is_not_read_as_one(repo):
    policy = procedure(type="ai-policy", title="AI policy")
    root = repo({"register.md": register(MISLABELLED).replace("risk-procedure.md", "policy.md"), "policy.md": policy})
    assert findings(root, ["RSK006"]) == []


def test_a_linked_register_is_not_a_method(repo):
    # Another register with its own ratings (a worked example beside the main register)
    # applies a method; it is not one.
    other = register(GOOD, lead="Bands: Low 1-4, Medium 5-9.").replace("RA-001", "RA-002") + "\n| Rating | Score |\n|---|---|\n| Low | 1-3 |\n| Medium | 4-12 |\n| High | 15-25 |\n"
    root = repo({"register.md": register(MISLABELLED).replace("risk-procedure.md", "other.md"), "other.md": other})
    assert [f for f in findings(root, ["RSK006"]) if f.path == "register.md"] == []


# ---------------------------------------------------------------------------
# RSK008 and RSK009 against the method


def test_residual_not_the_product_under_a_linked_method(repo):
    root = repo({"register.md": register(RESIDUAL_OFF), "risk-procedure.md": procedure()})
    (finding,) = findings(root, ["RSK008"])
    assert "residual rating 6 is not residual likelihood 2 × residual severity 4 = 8" in finding.message
    assert [(item.path, item.message) for item in finding.locations] == [("risk-procedure.md", "the method: likelihood × severity")]


@pytest.mark.parametrize("formula", [
    "Rating = likelihood × severity × detection (RPN).",
    "Composite score = (likelihood + modifiers) × (severity + modifiers).",
])
def test_a_method_with_a_third_factor_leaves_products_unjudged(repo, formula):
    rows = [NOT_A_PRODUCT.replace("10 (High)", "10"), RESIDUAL_OFF.replace("R-01", "R-02")]
    root = repo({"register.md": register(*rows), "risk-procedure.md": procedure(formula=formula)})
    assert findings(root, ["RSK006", "RSK008"]) == []


def test_word_pairs_rated_two_ways_are_not_judged_under_a_third_factor_method(repo):
    rows = [
        "| R-01 | Bias | Fairness | High | High | 12 | | | | Head of DS | Reduce |",
        "| R-02 | Drift | Technical | High | High | 16 | | | | Head of DS | Reduce |",
        "| R-03 | Outage | Third party | High | High | 12 | | | | Head of DS | Reduce |",
    ]
    plain = repo({"register.md": register(*rows), "risk-procedure.md": procedure()})
    assert [f.code for f in findings(plain, ["RSK009"])] == ["RSK009"]
    third = procedure(formula="Rating = likelihood × severity × detection (RPN).")
    root = repo({"register.md": register(*rows), "risk-procedure.md": third})
    assert findings(root, ["RSK009"]) == []


# ---------------------------------------------------------------------------
# RSK001: criteria in a method document


def test_criteria_in_an_unlinked_risk_management_procedure_count(repo):
    root = repo({"register.md": register(GOOD, lead=UNLINKED), "risk-procedure.md": procedure()})
    assert findings(root, ["RSK001"]) == []


def test_an_unlinked_procedure_that_is_not_a_risk_method_does_not_count(repo):
    other = procedure(title="Incident response procedure")
    root = repo({"register.md": register(GOOD, lead=UNLINKED), "incident.md": other})
    assert [f.code for f in findings(root, ["RSK001"])] == ["RSK001"]


# ---------------------------------------------------------------------------
# The reading: a level column after the residual score


def test_a_level_column_after_the_residual_score_is_not_the_inherent_ones(repo):
    """'Inherent Score | Residual Score | Rating' (jposluns/grc_library's AI risk
    register): the level may be the residual's; it is not read as the inherent
    score's label (it was: 'rating 12 labelled Medium' against the method's bands)."""
    text = """---
id: RA-002
type: risk-assessment
title: AI risk register
owner: Chief Risk Officer
---
# AI risk register

Method: [risk procedure](risk-procedure.md).

| Risk ID | Risk Description | Inherent Score | Residual Score | Rating | Owner | Treatment |
|---|---|---|---|---|---|---|
| AIR-001 | Model documentation incomplete | 4×3=12 | 4×2=8 | Medium | CRO | Reduce |
| AIR-002 | Drift undetected | 3×3=9 | 3×1=3 | Low | CRO | Reduce |
"""
    root = repo({"register.md": text, "risk-procedure.md": procedure()})
    assert findings(root, ["RSK006", "RSK008"]) == []


WORD_PROCEDURE = """---
id: PROC-RISK
type: procedure
title: AI risk assessment methodology
owner: Chief Risk Officer
---
# AI risk assessment methodology

**Likelihood scale**

| Score | Level | Meaning |
|---|---|---|
| 1 | Low | Less than once in five years |
| 2 | Medium | About once a year |
| 3 | High | Several times a year |

**Severity scale**

| Score | Level | Meaning |
|---|---|---|
| 1 | Low | An inconvenience, quickly reversed |
| 2 | Medium | Harm to individuals, reversible on appeal |
| 3 | High | Irreversible harm, or harm to groups |

The risk score is likelihood × severity; a score of 6 or more needs a treatment approved by the Chief Risk Officer.
"""


def words_register(*ratings, lead=LINKED.replace("risk-procedure.md", "method.md")):
    rows = [
        f"| R-0{n} | Risk {n} | Fairness | High | {severity} | {rating} | | | | Head of DS | Reduce |"
        for n, (severity, rating) in enumerate(ratings, 1)
    ]
    return register(*rows, lead=lead)


def test_a_word_pair_not_rated_as_the_methods_scales_give_it(repo):
    text = words_register(("High", 6), ("Medium", 6))
    root = repo({"register.md": text, "method.md": WORD_PROCEDURE})
    (finding,) = findings(root, ["RSK009"])
    assert finding.line == _line(text, "| R-01 |")
    assert finding.message.startswith(
        "likelihood 'High' × severity 'High' is rated 6 for risk 'R-01' but the scales of the method 'method.md' put"
        " 'High' likelihood at 3 and 'High' severity at 3: 3 × 3 = 9"
    )
    assert {(item.path, item.message) for item in finding.locations} >= {
        ("method.md", "likelihood 'High' = 3"), ("method.md", "severity 'High' = 3"), ("method.md", "the method: likelihood × severity"),
    }


def test_word_pairs_rated_as_the_methods_scales_give_them_pass(repo):
    root = repo({"register.md": words_register(("High", 9), ("Medium", 6), ("Low", 3)), "method.md": WORD_PROCEDURE})
    assert findings(root, ["RSK009", "RSK006", "RSK001"]) == []


def test_word_scales_in_the_registers_own_document(repo):
    own = words_register(("High", 6), lead=WORD_PROCEDURE.split("# AI risk assessment methodology", 1)[1])
    root = repo({"register.md": own})
    (finding,) = findings(root, ["RSK009"])
    assert "but the register's own scales put 'High' likelihood at 3" in finding.message


def test_word_scales_without_a_product_say_nothing_of_the_rating(repo):
    method = WORD_PROCEDURE.replace("The risk score is likelihood × severity; a", "A")
    root = repo({"register.md": words_register(("High", 6)), "method.md": method})
    assert findings(root, ["RSK009"]) == []


def test_a_table_that_is_both_scales_at_once_gives_no_word_numbers(repo):
    both = WORD_PROCEDURE.split("**Likelihood scale**")[0] + """| Score | Likelihood | Severity |
|---|---|---|
| 1 | Low | Low |
| 2 | Medium | Medium |
| 3 | High | High |

The risk score is likelihood × severity.
"""
    root = repo({"register.md": words_register(("High", 6)), "method.md": both})
    assert findings(root, ["RSK009"]) == []


def test_a_register_with_a_method_of_its_own_is_not_judged_by_an_unlinked_one(repo):
    """The register states its own scales and product ('High (4)' rows): the repository's
    methodology, which it does not cite, gives the words other numbers; it is not the
    register's method (a false alarm found while writing RSK009's documentation)."""
    own = words_register(("High", 16), lead="""| Level | Likelihood | Severity |
|---|---|---|
| Low (2) | Unlikely | Minor |
| Medium (3) | Possible | Moderate |
| High (4) | Likely | Major |

Rating = likelihood × severity.""")
    root = repo({"register.md": own, "method.md": WORD_PROCEDURE})
    assert findings(root, ["RSK009", "RSK006"]) == []
    # a register that states only its product sentence and links the methodology takes
    # the methodology's bands and scales for what it lacks
    linked = words_register(("High", 6), lead="Rating = likelihood × severity, with the scales of the [methodology](method.md).")
    root = repo({"register.md": linked, "method.md": WORD_PROCEDURE})
    assert [f.code for f in findings(root, ["RSK009"])] == ["RSK009"]


def test_a_linked_method_without_front_matter_is_read_by_its_title(repo):
    untyped = procedure(title="Risk scoring methodology").split("---\n# ", 1)[1]
    root = repo({"register.md": register(MISLABELLED), "risk-procedure.md": "# " + untyped})
    assert [f.code for f in findings(root, ["RSK006"])] == ["RSK006"]
    # untitled as a method, it is not one
    root = repo({"register.md": register(MISLABELLED), "risk-procedure.md": "# Notes" + untyped.split("\n", 1)[1]})
    assert findings(root, ["RSK006"]) == []


def test_a_level_word_the_methods_bands_do_not_use_is_not_judged(repo):
    # The procedure bands Low / Medium / High; the register says "Critical": another
    # vocabulary, not a contradiction the linter can read.
    root = repo({"register.md": register(GOOD.replace("12 (High)", "12 (Critical)")), "risk-procedure.md": procedure()})
    assert findings(root, ["RSK006"]) == []


# ---------------------------------------------------------------------------
# Real documents

from pathlib import Path  # noqa: E402

from .test_corpus import CORPUS  # noqa: E402

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not found")


def _corpus(root: Path, repository: str, paths: list[str]) -> Path:
    import shutil

    for relpath in paths:
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / repository / relpath, root / relpath)
    (root / ".aims-lint.yaml").write_text("types:\n" + "".join(f"  '{relpath}': risk-assessment\n" for relpath in paths))
    return root


@needs_corpus
def test_jposluns_register_is_judged_against_the_procedure_it_links_and_is_consistent(tmp_path):
    """ai/register-ai-risk.md keeps no bands and links the methodology procedure (Low 1-4,
    Medium 5-9, High 10-16, Critical 17-25; "Inherent risk score = Likelihood ×
    Impact"). Its "Inherent Score | Residual Score | Rating" columns: the level is the
    residual's (8 -> Medium), which the procedure's bands confirm."""
    from aims_lint.config import load_config
    from aims_lint.workspace import Workspace
    from rules.risk_assessment.criteria import register_method
    from rules.risk_assessment.register import risks

    register, method = "ai/register-ai-risk.md", "risk/procedure-risk-assessment-methodology.md"
    root = _corpus(tmp_path, "jposluns__grc_library", [register, method])
    config = load_config(root)
    config.cache = False
    workspace = Workspace(config)
    doc = workspace.document(register)
    applied = register_method(workspace, doc)
    assert applied is not None and applied.sources == (method,) and len(applied.bands) == 4
    first = risks(doc)[0]
    assert first.values["rating"].text == "4×3=12"  # not "4×3=12 Medium" (read as 12 labelled Medium)
    assert first.values["residual"].text == "4×2=8 Medium"  # the level beside the residual score
    result = lint(root, select=["RSK001", "RSK006", "RSK008", "RSK009", "RSK010"])
    assert [f for f in result.active if f.path == register] == []


@needs_corpus
def test_jposluns_register_contradicts_the_procedure_once_its_bands_move(tmp_path):
    register, method = "ai/register-ai-risk.md", "risk/procedure-risk-assessment-methodology.md"
    root = _corpus(tmp_path, "jposluns__grc_library", [register, method])
    path = root / method
    path.write_text(path.read_text(encoding="utf-8").replace("| 5 to 9 | Medium |", "| 5 to 7 | Medium |").replace("| 10 to 16 | High |", "| 8 to 16 | High |"), encoding="utf-8")
    found = [f for f in lint(root, select=["RSK006"]).active if f.path == register]
    # AIR-2026-001, -003, -007 and -008 (residual 8) and -005 (residual 9), labelled Medium
    assert len(found) == 5
    assert all("is labelled 'Medium' but the bands of the method 'risk/procedure-risk-assessment-methodology.md' put" in f.message for f in found)


@needs_corpus
def test_surreal70_german_register_is_not_judged_by_an_english_criteria_document_it_does_not_cite(tmp_path):
    """The German register writes scales of its own and cites only the SoA and the
    management review; the repository's English acceptance criteria are not clearly
    its method."""
    from aims_lint.config import load_config
    from aims_lint.workspace import Workspace
    from rules.risk_assessment.criteria import register_method

    register = "templates/de/isms/0080_ISMS_Risikoregister_Template.md"
    criteria = "templates/en/isms/0070_ISMS_Risk_Acceptance_Criteria.md"
    root = _corpus(tmp_path, "surreal70__Handbook-Generator", [register, criteria])
    config = load_config(root)
    config.cache = False
    workspace = Workspace(config)
    assert register_method(workspace, workspace.document(register)) is None
    assert [f for f in lint(root, select=["RSK006", "RSK008", "RSK009", "RSK010"]).active if f.path == register] == []
