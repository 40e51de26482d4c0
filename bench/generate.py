"""Generate a repository of realistic AIMS governance documents for the benchmark.

Each file has front matter, 5-15 headings, prose, lists, and about one file in four a
20-60-row SoA or risk-register table; sizes fall between 1 and 6 KB. The output is
deterministic for a given count and seed.

Usage: python bench/generate.py COUNT OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TYPES = ["ai-policy", "procedure", "ai-objectives", "risk-assessment", "soa", "impact-assessment", "competence-matrix"]
ROLES = ["AI Governance Lead", "Chief Risk Officer", "Head of Data Science", "Chief Executive Officer", "Head of Internal Audit"]
WORDS = (
    "the AI system model training data bias fairness oversight transparency explainability impact individuals "
    "society risk control owner review evidence record procedure objective metric target threshold monitoring "
    "validation deployment supplier third-party incident escalation assessment documented approved quarterly "
    "accuracy drift retraining human decision appeal customer lending credit scoring assistant governance "
    "management committee policy requirement legal regulatory continual improvement communication interested parties"
).split()
HEADINGS = [
    "Purpose", "Scope", "Roles and responsibilities", "Method", "Criteria", "Monitoring", "Evidence",
    "Escalation", "Review", "Related documents", "Definitions", "Exceptions", "Training", "Reporting",
    "Decisions", "Actions",
]
CONTROLS = [f"A.{group}.{number}" for group, count in ((2, 4), (3, 3), (4, 6), (5, 5), (7, 6), (8, 5), (9, 4), (10, 4)) for number in range(2, count + 1)]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def table(rng: random.Random, kind: str) -> str:
    rows = rng.randint(20, 60)
    if kind == "soa":
        lines = ["| Control | Applicable | Justification | Procedure | Evidence | Owner |", "|---|---|---|---|---|---|"]
        for index in range(rows):
            control = CONTROLS[index % len(CONTROLS)]
            lines.append(
                f"| {control} | Yes | Treats R-{index:02d} | [PROC-{index % 7}](procedures/proc-{index % 7}.md) "
                f"| REC-{index:03d} | {rng.choice(ROLES)} |"
            )
    else:
        lines = ["| ID | Risk | Category | Likelihood | Severity | Owner | Treatment |", "|---|---|---|---|---|---|---|"]
        for index in range(rows):
            lines.append(
                f"| R-{index:02d} | {sentence(rng)[:60]} | {rng.choice(['Technical', 'Data quality', 'Fairness', 'Societal'])} "
                f"| {rng.randint(1, 5)} | {rng.randint(1, 5)} | {rng.choice(ROLES)} | Reduce: {rng.choice(WORDS)} |"
            )
    return "\n".join(lines)


def document(index: int, rng: random.Random) -> str:
    doc_type = rng.choice(TYPES)
    owner, approver = rng.sample(ROLES, 2)
    front = (
        f"---\nid: DOC-{index:05d}\ntype: {doc_type}\ntitle: Document {index}\nowner: {owner}\n"
        f"version: \"1.{rng.randint(0, 9)}\"\nstatus: approved\napproved_by: {approver}\n"
        f"approved_on: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\nnext_review: 2027-0{rng.randint(1, 9)}-15\n---\n"
    )
    parts = [f"# Document {index}"]
    with_table = rng.random() < 0.25
    budget = rng.randint(900, 3500 if with_table else 5500)
    size = 0
    headings = rng.sample(HEADINGS, rng.randint(5, 15))
    for number, heading in enumerate(headings):
        parts.append(f"## {heading}")
        if number % 3 == 1:
            items = [f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items))
        else:
            parts.append(paragraph(rng))
        if number == 2 and index > 0 and rng.random() < 0.5:
            parts.append(f"See [the related document](doc-{(index - 1):05d}.md).")
        size = sum(len(part) for part in parts)
        if size > budget:
            break
    if with_table:
        parts.append(table(rng, "soa" if doc_type == "soa" else "register"))
    return front + "\n\n".join(parts) + "\n"


def generate(count: int, out: Path, seed: int = 42) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / ".aims-lint.toml").write_text("# benchmark repository\n", encoding="utf-8")
    for index in range(count):
        (out / f"doc-{index:05d}.md").write_text(document(index, rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=42)
    arguments = parser.parse_args()
    generate(arguments.count, arguments.out, arguments.seed)


if __name__ == "__main__":
    main()
