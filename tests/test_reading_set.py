"""The labelled reading set (tests/reading_set/): real tables and sections quoted from the
corpus, each with the items a careful reader extracts from it, written by hand.

Each fixture ``tests/reading_set/<repo>__<slug>.md`` is an excerpt (its first line an
HTML comment naming the source, dropped before reading); ``expected.yaml`` lists, per
fixture, the items per concept. This test reads the excerpt through the real document
model and reading layer and compares what a reader would agree on: ids, decisions,
scores and levels, and whether an owner, justification, metric ... is there. Concepts a
fixture does not list are not checked; an empty list means "nothing of this concept
here" (a scale table gives no risks, a coverage matrix no SoA entries).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from aims_lint.document import Document
from aims_lint.reading import competence, metadata, objectives, review_record, risks, roles, soa, systems, templates
from aims_lint.reading.soa import _columns as soa_columns

HERE = Path(__file__).resolve().parent / "reading_set"
LABELS = YAML(typ="safe").load((HERE / "expected.yaml").read_text(encoding="utf-8"))
SOURCE = re.compile(r"^<!-- source: [^\n]*-->\n")


def norm(text: object) -> str:
    """Casefolded, without emphasis, backticks, trailing punctuation or repeated spaces."""
    text = re.sub(r"[*_`]+", "", str(text))
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .:;").casefold()


def document(name: str, label: dict) -> Document:
    text = SOURCE.sub("", (HERE / name).read_text(encoding="utf-8"), count=1)
    doc = Document(Path(name), name, text)
    doc.doc_type = label.get("type")
    return doc


def check_value(what: str, got_text: str, present: bool, expected) -> list[str]:
    if isinstance(expected, bool):
        return [] if present == expected else [f"{what}: expected {'present' if expected else 'absent'}, read {got_text!r}"]
    if norm(got_text) != norm(expected):
        return [f"{what}: expected {expected!r}, read {got_text!r}"]
    return []


# ---------------------------------------------------------------------------
# Per concept: what was read, projected to what the label states


def risk_problems(doc, expected: list) -> list[str]:
    read = risks.risks(doc)
    problems = []
    ids = [risk.ident for risk in read]
    if [norm(item["id"]) for item in expected] != [norm(ident) for ident in ids]:
        return [f"risks: expected ids {[item['id'] for item in expected]}, read {ids}"]
    for item, risk in zip(expected, read):
        for name, value in item.items():
            if name == "id":
                continue
            what = f"{item['id']}.{name}"
            if name in ("likelihood", "severity") and isinstance(value, int) and not isinstance(value, bool):
                got = getattr(risk, name)
                if got != value:
                    problems.append(f"{what}: expected {value}, read {got} ({risk.get(name)!r})")
            elif name in ("rating", "residual") and isinstance(value, int) and not isinstance(value, bool):
                got = risks.parse_rating(risk.get(name))[0]
                if got != value:
                    problems.append(f"{what}: expected score {value}, read {risk.get(name)!r}")
            elif name in ("likelihood", "severity", "rating", "residual") and isinstance(value, str):
                if risks.level_of(risk.get(name)) != risks.level_of(value) or not risk.get(name):
                    if norm(risk.get(name)) != norm(value):
                        problems.append(f"{what}: expected {value!r}, read {risk.get(name)!r}")
            else:
                problems += check_value(what, risk.get(name), risk.has(name), value)
    return problems


def soa_problems(doc, expected: list) -> list[str]:
    read = soa.entries(doc)
    controls = [entry.control for entry in read]
    if [item["control"] for item in expected] != controls:
        return [f"soa: expected {[item['control'] for item in expected]}, read {controls}"]
    problems = []
    for item, entry in zip(expected, read):
        for name, value in item.items():
            if name == "control":
                continue
            what = f"{item['control']}.{name}"
            if name == "decision":
                if entry.decision != value:
                    problems.append(f"{what}: expected {value}, read {entry.decision}")
                continue
            got = entry.values.get(name)
            text = got.text if got is not None else ""
            filled = bool(text.strip()) and not templates.is_placeholder(text) and not templates.is_blank(text)
            filled = filled or got is not None and got.is_template_variable  # "{{ role_CISO }}": filled in by the generator
            problems += check_value(what, text, filled, value)
    return problems


def objective_problems(doc, expected: list) -> list[str]:
    read = objectives.objectives(doc)
    if len(read) != len(expected):
        return [f"objectives: expected {len(expected)}, read {len(read)}: {[o.name for o in read]}"]
    problems = []
    for item, objective in zip(expected, read):
        names = item["name"] if isinstance(item["name"], list) else [item["name"]]  # heading or statement
        if not any(norm(name) in norm(objective.name) or norm(objective.name) in norm(name) for name in names):
            problems.append(f"objective: expected {item['name']!r}, read {objective.name!r}")
            continue
        for part, value in item.items():
            if part == "name":
                continue
            text = objective.values.get(part, "")
            present = part not in objective.absent and objectives.filled(text)
            problems += check_value(f"{names[0]}.{part}", text, present, value)
    return problems


def competence_problems(doc, expected: list) -> list[str]:
    read = competence.entries(doc)
    if [norm(item["who"]) for item in expected] != [norm(entry.who) for entry in read]:
        return [f"competence: expected {[item['who'] for item in expected]}, read {[entry.who for entry in read]}"]
    problems = []
    for item, entry in zip(expected, read):
        for name, value in item.items():
            if name == "who":
                continue
            text = getattr(entry, name)
            if name == "competence" and isinstance(value, str):
                if norm(value) not in norm(text):
                    problems.append(f"{item['who']}.competence: expected {value!r} in {text!r}")
                continue
            problems += check_value(f"{item['who']}.{name}", text, bool(text.strip()), value)
    return problems


def name_set_problems(concept: str, read: list[str], expected: list[str]) -> list[str]:
    got, want = sorted({norm(name) for name in read}), sorted({norm(name) for name in expected})
    return [] if got == want else [f"{concept}: expected {want}, read {got}"]


def metadata_problems(doc, expected: dict) -> list[str]:
    read = metadata.metadata(doc)
    problems = []
    for key, value in expected.items():
        item = read.get(key)
        if value is None:
            if item is not None:
                problems.append(f"metadata.{key}: expected absent, read {item.text!r}")
        elif item is None:
            problems.append(f"metadata.{key}: expected {value!r}, absent")
        elif isinstance(value, bool):
            if item.filled != value:
                problems.append(f"metadata.{key}: expected {'filled' if value else 'unfilled'}, read {item.text!r}")
        elif key in metadata.DATE_KEYS and re.match(r"^\d{4}-\d\d-\d\d$", str(value)):
            if str(item.date()) != str(value):
                problems.append(f"metadata.{key}: expected {value}, read {item.text!r}")
        elif norm(item.text) != norm(value):
            problems.append(f"metadata.{key}: expected {value!r}, read {item.text!r}")
    return problems


def table_role_problems(doc, expected: dict) -> list[str]:
    problems = []
    for reading, want in expected.items():
        if reading == "risks":
            roles_read = [role for _, role in sorted(risks.reading(doc).roles.items())]
        elif reading == "soa":
            roles_read = [(columns.role if (columns := soa_columns(table)) is not None else None) for table in doc.tables]
        else:
            roles_read = [competence.table_role(table) for table in doc.tables]
        if roles_read != want:
            problems.append(f"{reading} table roles: expected {want}, read {roles_read}")
    return problems


def problems_of(name: str, label: dict) -> list[str]:
    doc = document(name, label)
    found: list[str] = []
    if "risks" in label:
        found += risk_problems(doc, label["risks"])
    if "soa" in label:
        found += soa_problems(doc, label["soa"])
    if "objectives" in label:
        found += objective_problems(doc, label["objectives"])
    if "competence" in label:
        found += competence_problems(doc, label["competence"])
    if "roles" in label:
        found += name_set_problems("roles", [role.name for role in roles.roles(doc)], label["roles"])
    if "systems" in label:
        found += name_set_problems("systems", [system.name or system.ident for system in systems.systems(doc)], label["systems"])
    if "metadata" in label:
        found += metadata_problems(doc, label["metadata"])
    if "review" in label:
        kind = review_record.kind(doc)
        if kind != label["review"]:
            found.append(f"review record: expected {label['review']}, read {kind}")
    if "template" in label:
        state = templates.state(doc)
        if state != label["template"]:
            found.append(f"template: expected {label['template']}, read {state}")
    if "table_roles" in label:
        found += table_role_problems(doc, label["table_roles"])
    return found


CONCEPTS = ("risks", "soa", "objectives", "competence", "roles", "systems", "metadata", "review", "template", "table_roles")


def cases():
    for name, label in LABELS.items():
        marks = [pytest.mark.xfail(reason=label["xfail"], strict=True)] if label.get("xfail") else []
        yield pytest.param(name, label, id=name, marks=marks)


@pytest.mark.parametrize(("name", "label"), list(cases()))
def test_reading_set(name, label):
    assert (HERE / name).is_file(), f"fixture {name} missing"
    assert any(concept in label for concept in CONCEPTS), "a label states at least one concept"
    problems = problems_of(name, label)
    assert not problems, "\n".join(problems)


def test_reading_set_size():
    """At least 60 fixtures from at least 15 repositories, every concept covered."""
    fixtures = sorted(path.name for path in HERE.glob("*.md") if path.name != "README.md")
    assert sorted(LABELS) == fixtures, "every fixture has a label and every label a fixture"
    repos = {name.rsplit("__", 1)[0] for name in fixtures}
    assert len(fixtures) >= 60 and len(repos) >= 15
    covered = {concept for label in LABELS.values() for concept in CONCEPTS if concept in label}
    assert covered == set(CONCEPTS)
    for name in fixtures:
        first = (HERE / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert SOURCE.match(first + "\n"), f"{name}: first line names the source"
