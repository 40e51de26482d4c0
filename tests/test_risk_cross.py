"""Risk ratings against the document's own method (issue 13): products written in cells
(RSK006), residual ratings that do not follow from their inputs (RSK008), word scales
rated two ways (RSK009), summary counts that disagree with the register (RSK010); in a
register table, a section with labelled fields per risk and a key/value table per risk."""

import pytest

from .conftest import lint

FM = """---
id: RA-001
type: risk-assessment
title: AI risk assessment
owner: Chief Risk Officer
version: "2.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-03-01
next_review: 2027-03-01
---
# AI risk assessment

## Method

Rating = likelihood × severity, each from 1 to 5.

| Band | Score |
|---|---|
| Low | 1-6 |
| Medium | 8-12 |
| High | 15-25 |

"""
NO_METHOD = FM.replace("Rating = likelihood × severity, each from 1 to 5.", "Likelihood and severity are rated from 1 to 5.").split("| Band |")[0]


def found(repo, text, code):
    return lint(repo({"ra.md": text}), select=[code]).active


def table(*rows, header="| ID | Risk | Likelihood | Severity | Rating | Residual likelihood | Residual severity | Residual | Owner | Treatment |"):
    return "## Register\n\n" + header + "\n" + "|---" * (header.count("|") - 1) + "|\n" + "\n".join(rows) + "\n"


def section(ident, **values):
    lines = [f"## {ident} Risk of the credit model", ""] + [f"- **{label.replace('_', ' ').capitalize()}:** {value}" for label, value in values.items()]
    return "\n".join(lines) + "\n\n"


def kv(ident, **values):
    lines = [f"### {ident} Risk of the credit model", "", "| Field | Value |", "|---|---|"] + [
        f"| {label.replace('_', ' ').capitalize()} | {value} |" for label, value in values.items()
    ]
    return "\n".join(lines) + "\n\n"


def _line(text, needle):
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


# ---------------------------------------------------------------------------
# RSK006: a product written in a cell


def test_wrong_arithmetic_in_a_cell_even_without_a_stated_method(repo):
    text = NO_METHOD + table("| R-01 | Bias | 3 | 4 | 4×3=15 | 2 | 4 | 8 | Head of DS | Reduce |")
    (finding,) = found(repo, text, "RSK006")
    assert "rating written as '4×3=15' but 4 × 3 = 12" in finding.message and finding.line == _line(text, "| R-01 |")


def test_a_product_whose_factors_are_not_the_risks_inputs(repo):
    text = FM + table("| R-01 | Bias | 3 | 4 | 4×4=16 | 2 | 4 | 8 | Head of DS | Reduce |")
    (finding,) = found(repo, text, "RSK006")
    assert "rating written as '4×4=16' but the risk's likelihood is 3 and its severity 4" in finding.message


def test_a_right_product_passes(repo):
    text = NO_METHOD + table("| R-01 | Bias | 3 | 4 | 3×4=12 | 2 | 4 | 8 | Head of DS | Reduce |")
    assert found(repo, text, "RSK006") == []


# ---------------------------------------------------------------------------
# RSK008: residual ratings


@pytest.mark.parametrize(
    "layout",
    [
        lambda: table("| R-01 | Bias | 3 | 4 | 12 | 2 | 4 | 9 | Head of DS | Reduce |"),
        lambda: section("R-01", likelihood=3, severity=4, rating=12, residual_likelihood=2, residual_severity=4, residual_rating=9, owner="Head of DS", treatment="Reduce"),
        lambda: kv("R-01", likelihood=3, severity=4, rating=12, residual_likelihood=2, residual_severity=4, residual_rating=9, owner="Head of DS", treatment="Reduce"),
    ],
    ids=["table", "sections", "key-value"],
)
def test_residual_not_the_product_of_its_inputs(repo, layout):
    text = FM + layout()
    (finding,) = found(repo, text, "RSK008")
    assert "residual rating 9 is not residual likelihood 2 × residual severity 4 = 8" in finding.message
    assert finding.line == _line(text, "| R-01 |" if "| R-01 |" in text else "Residual rating")


def test_residual_input_higher_than_inherent(repo):
    text = FM + table("| R-01 | Bias | 2 | 3 | 6 | 2 | 4 | 8 | Head of DS | Reduce |")
    (finding,) = found(repo, text, "RSK008")
    assert "residual severity 4 is higher than the inherent 3" in finding.message


def test_residual_product_with_wrong_arithmetic(repo):
    text = NO_METHOD + table("| R-01 | Bias | 3 | 4 | 12 | | | 3×2=8 | Head of DS | Reduce |")
    (finding,) = found(repo, text, "RSK008")
    assert "residual written as '3×2=8' but 3 × 2 = 6" in finding.message


def test_residual_rating_higher_than_inherent(repo):
    text = FM + table("| R-01 | Bias | 2 | 3 | 6 | | | 8 | Head of DS | Reduce |",
                      header="| ID | Risk | Likelihood | Severity | Rating | Residual likelihood | Residual severity | Residual | Owner | Treatment |")
    (finding,) = found(repo, text, "RSK008")
    assert "residual rating 8 is higher than the inherent 6" in finding.message


def test_consistent_residuals_pass(repo):
    text = FM + table("| R-01 | Bias | 3 | 4 | 12 | 2 | 4 | 8 | Head of DS | Reduce |", "| R-02 | Drift | 3 | 3 | 9 | 3 | 3 | 9 | Head of DS | Accept |")
    assert found(repo, text, "RSK008") == []


def test_no_method_no_residual_product_no_judgement(repo):
    # Nothing says the residual is a product: a residual 5 beside 2 and 3 is not judged.
    text = NO_METHOD + table("| R-01 | Bias | 3 | 4 | 12 | 2 | 3 | 5 | Head of DS | Reduce |")
    assert found(repo, text, "RSK008") == []


def test_level_word_residuals_are_not_compared(repo):
    text = FM + table("| R-01 | Bias | 3 | 4 | 12 | | | Medium | Head of DS | Reduce |")
    assert found(repo, text, "RSK008") == []


# ---------------------------------------------------------------------------
# RSK009: word scales


WORDS = "| ID | Risk | Likelihood | Severity | Rating | Owner | Treatment |"


def test_the_same_pair_of_words_rated_twice(repo):
    text = NO_METHOD + table(
        "| R-01 | Bias | High | High | 15 | Head of DS | Reduce |",
        "| R-02 | Drift | High | High | 15 | Head of DS | Reduce |",
        "| R-03 | Supplier | High | High | 12 | Head of DS | Reduce |",
        "| R-04 | Opacity | Medium | High | 12 | Head of DS | Reduce |",
        header=WORDS,
    )
    (finding,) = found(repo, text, "RSK009")
    assert finding.line == _line(text, "| R-03 |")
    assert finding.message.startswith("likelihood 'High' × severity 'High' is rated 12 for risk 'R-03' but 15 elsewhere in the register ('R-01', 'R-02')")
    assert [item.line for item in finding.locations] == [_line(text, "| R-01 |"), _line(text, "| R-02 |")]


def test_word_scales_in_sections(repo):
    text = NO_METHOD + section("R-01", likelihood="High", severity="High", rating=15, owner="Head of DS", treatment="Reduce") + section(
        "R-02", likelihood="High", severity="High", rating=12, owner="Head of DS", treatment="Reduce"
    )
    (finding,) = found(repo, text, "RSK009")
    assert "rated 12 for risk 'R-02' but 15" in finding.message


def test_numbers_and_consistent_words_pass(repo):
    text = NO_METHOD + table(
        "| R-01 | Bias | High | High | 15 | Head of DS | Reduce |",
        "| R-02 | Drift | High | High | 15 | Head of DS | Reduce |",
        "| R-03 | Supplier | 3 | 4 | 12 | Head of DS | Reduce |",
        "| R-04 | Opacity | 4 | 3 | 12 | Head of DS | Reduce |",
        header=WORDS,
    )
    assert found(repo, text, "RSK009") == []


# ---------------------------------------------------------------------------
# RSK010: summary counts


REGISTER = table(
    "| R-01 | Bias | 3 | 5 | 15 | 2 | 5 | 10 | Head of DS | Reduce |",
    "| R-02 | Drift | 3 | 3 | 9 | 2 | 3 | 6 | Head of DS | Reduce |",
    "| R-03 | Supplier | 2 | 4 | 8 | 1 | 4 | 4 | Head of DS | Reduce |",
)


def test_a_count_that_disagrees_with_the_register(repo):
    text = FM + "## Summary\n\nThe register identifies 3 high risks and two medium risks.\n\n" + REGISTER
    (finding,) = found(repo, text, "RSK010")
    assert finding.message.startswith("the text counts 3 High risks but the register rates 1 risks High ('R-01')")
    assert finding.line == _line(text, "3 high risks") and [item.line for item in finding.locations] == [_line(text, "| R-01 |")]


def test_levels_written_in_the_rating(repo):
    register = table("| R-01 | Bias | 3 | 5 | High | Head of DS | Reduce |", "| R-02 | Drift | 3 | 3 | Medium | Head of DS | Reduce |", header=WORDS)
    text = NO_METHOD + "Summary: no high risks; one medium risk.\n\n" + register
    (finding,) = found(repo, text, "RSK010")
    assert finding.message.startswith("the text counts 0 High risks but the register rates 1 risks High")


@pytest.mark.parametrize(
    "sentence",
    [
        "The register identifies 1 high risk and two medium risks.",
        "Three new high risks were added this quarter.",  # a period, not the register
        "The top 3 high risks are reviewed monthly.",  # a subset
        "After treatment, 0 high risks remain.",  # residual
    ],
)
def test_right_counts_and_counts_of_something_else_pass(repo, sentence):
    text = FM + f"## Summary\n\n{sentence}\n\n" + REGISTER
    assert found(repo, text, "RSK010") == []


def test_unreadable_levels_are_not_counted(repo):
    text = NO_METHOD + "The register identifies 3 high risks.\n\n" + table("| R-01 | Bias | 3 | 5 | 15 | 2 | 5 | 10 | Head of DS | Reduce |", "| R-02 | Drift | 3 | 3 | 9 | 2 | 3 | 6 | Head of DS | Reduce |")
    assert found(repo, text, "RSK010") == []


def test_a_third_factor_in_the_rating_is_not_a_contradiction(repo):
    # FMEA: severity × occurrence × detection; the same pair may carry two ratings.
    text = NO_METHOD + table(
        "| R-01 | Bias | High | High | 15 | Low | Head of DS | Reduce |",
        "| R-02 | Drift | High | High | 12 | High | Head of DS | Reduce |",
        header="| ID | Risk | Likelihood | Severity | Rating | Detectability | Owner | Treatment |",
    )
    assert found(repo, text, "RSK009") == []


def test_residual_with_a_third_factor_is_not_a_product(repo):
    text = FM + table(
        "| R-01 | Bias | 3 | 4 | 12 | 2 | 4 | 4 | 0.5 | Head of DS | Reduce |",
        header="| ID | Risk | Likelihood | Severity | Rating | Residual likelihood | Residual severity | Residual | Control weighting | Owner | Treatment |",
    )
    assert found(repo, text, "RSK008") == []


def test_findings_point_at_the_method_and_the_band_they_rest_on(repo):
    text = FM + table("| R-01 | Bias | 3 | 4 | 12 | 2 | 4 | 9 | Head of DS | Reduce |", "| R-02 | Drift | 3 | 3 | 10 (High) | 3 | 3 | 9 | Head of DS | Reduce |")
    method, medium = _line(text, "Rating = likelihood"), _line(text, "| Medium | 8-12 |")
    (residual,) = found(repo, text, "RSK008")
    assert [(item.line, item.message) for item in residual.locations] == [(method, "the method: likelihood × severity")]
    (rating,) = found(repo, text, "RSK006")
    assert [(item.line, item.message) for item in rating.locations] == [(method, "the method: likelihood × severity"), (medium, "the band 'Medium' (8-12)")]


# ---------------------------------------------------------------------------
# RSK010: summary tables


@pytest.mark.parametrize(
    "summary",
    [
        "| Level | Count |\n|---|---|\n| High | 2 |\n| Medium | 1 |\n| Low | 0 |\n| Total | 3 |",
        "| Risk level | Number of risks | Risks |\n|---|---|---|\n| **High** | 2 | R-01, R-02 |\n| **Medium** | 1 | R-03 |\n| **Total** | 3 | |",
        "| | High | Medium | Low | Total |\n|---|---|---|---|---|\n| Number of risks | 2 | 1 | 0 | 3 |",
        "| High | Medium | Low |\n|---|---|---|\n| 2 | 1 | 0 |",
    ],
    ids=["row-per-level", "row-per-level-with-ids", "column-per-level", "column-per-level-unlabelled"],
)
def test_a_summary_table_that_disagrees_with_the_register(repo, summary):
    text = FM + "## Summary\n\n" + summary + "\n\n" + REGISTER
    (finding,) = found(repo, text, "RSK010")
    assert finding.message == (
        "the summary table counts 2 High risks, 1 Medium risk but the register holds 1 High ('R-01'),"
        " 2 Medium ('R-02', 'R-03'); correct the summary or the ratings so the two agree"
    )
    summary_start = _line(text, "## Summary")
    first_count = next(n for n, line in enumerate(text.splitlines(), 1) if n > summary_start and " 2 |" in line and "---" not in line)
    assert finding.line == first_count
    assert [item.message for item in finding.locations] == ["the count 1 Medium risk", "the register"]


def test_a_summary_table_total_that_disagrees_with_the_register(repo):
    text = FM + "## Summary\n\n| Level | Count |\n|---|---|\n| High | 1 |\n| Medium | 2 |\n| Low | 0 |\n| Total | 4 |\n\n" + REGISTER
    (finding,) = found(repo, text, "RSK010")
    assert finding.message.startswith("the summary table counts 4 risks in total but the register holds 3 in all ('R-01' to 'R-03')")
    assert finding.line == _line(text, "| Total | 4 |")


@pytest.mark.parametrize(
    "summary",
    [
        "| Level | Count |\n|---|---|\n| High | 1 |\n| Medium | 2 |\n| Low | 0 |\n| Total | 3 |",  # right
        "| | High | Medium | Low |\n|---|---|---|---|\n| Inherent | 1 | 1 | 1 |\n| Residual | 0 | 1 | 2 |",  # by phase
        "### Residual risk profile\n\n| Level | Count |\n|---|---|\n| High | 0 |\n| Medium | 1 |\n| Low | 2 |",  # residual
        "New risks this quarter:\n\n| Level | Count |\n|---|---|\n| High | 3 |\n| Medium | 0 |",  # a period
        "### Top 10 risks\n\n| Level | Count |\n|---|---|\n| High | 5 |\n| Medium | 5 |",  # a subset
        "| Level | Inherent | Residual |\n|---|---|---|\n| High | 1 | 0 |\n| Medium | 1 | 1 |\n| Low | 1 | 2 |",  # two counts
        "| Level | Score |\n|---|---|\n| Low | 1-6 |\n| Medium | 8-12 |\n| High | 15-25 |",  # bands, not counts
        "| Level | Count |\n|---|---|\n| High | 4 |\n| Medium | 2 |\n| Fairness | 3 |",  # not only levels
        "| Quarter | High | Medium | Low |\n|---|---|---|---|\n| Q1 | 2 | 2 | 0 |\n| Q2 | 1 | 1 | 1 |",  # a trend
    ],
    ids=["right", "inherent-and-residual", "residual", "period", "top-n", "two-counts", "bands", "mixed", "trend"],
)
def test_right_summary_tables_and_tables_of_something_else_pass(repo, summary):
    text = FM + "## Summary\n\n" + summary + "\n\n" + REGISTER
    assert found(repo, text, "RSK010") == []


def test_a_summary_table_with_unreadable_levels_is_not_judged(repo):
    register = table("| R-01 | Bias | 3 | 5 | 15 | 2 | 5 | 10 | Head of DS | Reduce |", "| R-02 | Drift | 3 | 3 | 9 | 2 | 3 | 6 | Head of DS | Reduce |")
    text = NO_METHOD + "| Level | Count |\n|---|---|\n| High | 3 |\n| Low | 0 |\n\n" + register
    assert found(repo, text, "RSK010") == []


@pytest.mark.parametrize(
    "summary",
    [
        "| Low | Medium | High |\n|---|---|---|\n| 1 | 2 | 3 |",  # a scale's numbering
        "| Number | Level |\n|---|---|\n| 1 | Low |\n| 2 | Medium |\n| 3 | High |",  # the same, down the rows
        "### Levels in use\n\n| Critical | High | Medium | Low |\n|---|---|---|---|\n| 0 | 2 | 1 | 0 |",  # nothing says count
        "Risk profile:\n\n| High | Medium | Low |\n|---|---|---|\n| 0 | 1 | 2 |",  # the residual levels' counts
    ],
    ids=["scale-numbering", "numbering-in-rows", "unlabelled-numbers", "residual-profile"],
)
def test_tables_of_numbers_that_are_not_the_registers_counts_pass(repo, summary):
    text = FM + "## Summary\n\n" + summary + "\n\n" + REGISTER
    assert found(repo, text, "RSK010") == []


def test_an_unlabelled_row_of_counts_under_a_summary_caption_is_read(repo):
    text = FM + "## Summary\n\nRisk profile:\n\n| High | Medium | Low |\n|---|---|---|\n| 2 | 0 | 1 |\n\n" + REGISTER
    (finding,) = found(repo, text, "RSK010")
    assert finding.message.startswith("the summary table counts 2 High risks, 0 Medium risks, 1 Low risk")
