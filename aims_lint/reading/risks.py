"""Risks, read from a risk assessment whatever its layout.

A risk register comes as:

- a **register table**: one row per risk (``Risk ID | Risk | Likelihood | Impact | ...``),
  its columns recognised by header words, by abbreviations the document defines
  ("Likelihood (L)"), by the usual letters (``L``, ``P``, ``S``, ``I``, ``P x I``), in
  English or German, and by what the cells hold (``P2``, ``S5``, ``4×3=12``);
- **one section per risk** with labelled fields (``- **Likelihood:** 3``,
  ``**Likelihood (L):** 3``), the identifier in the heading ("Risk R-001: ...") or in a
  field, "Inherent" and "Residual" values under sub-headings or lead-in items;
- **one key/value table per risk** (``| Risk ID | R-01 |``, ``| Likelihood | 3 |``);
- a register **drawn with box characters** in a code fence, or an HTML ``<table>``;
- **labelled lines in a code fence** or a box panel: one record per risk ("Risk ID:
  AIR-001", "Risk Title:", "Probability: 35%", "Risk Owner:", "Treatment Plan:" with the
  plan below), or a list of risks, each a bullet with its fields in nested bullets
  ("• Data quality issues: ..." / "- Likelihood: 40%"); only assessed records are risks.

Only a register's rows are risks. Every table gets a role from its shape and content:
``register``, ``scale`` (``| 1 | Rare | ... |``, a heat map), ``options`` (Avoid / Reduce
/ Transfer / Accept), ``plan`` (actions with owners and dates, no ratings), ``schema``
(``Field | Description``: what a register entry holds), ``archive`` (closed risks), or
``other`` (asset lists, category overviews, RACI, history). The same risk identifier in
several register tables of one document (identification, analysis, treatment) is one
risk with the values of all of them.

The reading is computed once per document (``Document.memo``). Rules judge ``Risk``
items; they do not look at tables or headings.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from aims_lint.document import Row, Table
from aims_lint.fields import canonical_name, normalise_label
from aims_lint.patterns import lazy, replace_delimited

from .tables import box_tables, bullet_depth, fenced_groups, html_tables, labelled_pairs

# The four things every assessed risk carries (6.1.2 d, 6.1.3 a), in message order.
ASSESSMENT_PARTS = ("likelihood", "severity", "owner", "treatment")
PART_NAMES = {"likelihood": "likelihood", "severity": "severity/impact", "owner": "owner", "treatment": "treatment"}

# Bumped when the reading changes what it extracts (part of cross-document cache keys).
READING_VERSION = 3

# ---------------------------------------------------------------------------
# Empty values

_EMPTY = lazy(
    r"^[\s\-–—_?.*/]*$|^(tbd|tbc|n/?a|none|not assessed|to be (determined|assessed|defined|completed)"
    r"|pending|x|xx|xxx)$",
    re.I,
)
_PLACEHOLDER = lazy(r"^(\[[^\]]{0,120}\]|<[^<>]{0,120}>|_{2,}|\.{3,}|…)$")
_CHECKBOX = lazy(r"\[([ xX✓✔])\]")


_ROLE_VARIABLE = lazy(r"\{\{[^{}]{0,80}\b(role|roles|owner|officer|manager)\b[^{}]{0,80}\}\}", re.I)


def _without_templates(text: str) -> str:
    """``text`` without ``{{ ... }}``, ``{% ... %}`` and ``[[ ... ]]`` (linear time)."""
    if "{" not in text and "[[" not in text:
        return text
    return replace_delimited(text, "{{", "}}", "{%", "%}", "[[", "]]", replacement="", across_lines=False)


def is_empty(text: str | None) -> bool:
    """True for a value that says nothing: blank, dashes, TBD, N/A, template syntax, an
    unfilled placeholder ("[Name]", "<owner>", "___") or a checkbox list with no box
    ticked ("[ ] High [ ] Medium [ ] Low")."""
    if text is None:
        return True
    text = _without_templates(html.unescape(text)).strip()
    if not text or _EMPTY.match(text) or _PLACEHOLDER.match(text):
        return True
    if text.endswith(":") and len(text) <= 40:
        return True  # a label whose value was never written ("To Individuals:")
    if text.count("/") >= 2 and len(text) <= 60:
        options = [part.strip() for part in text.split("/")]
        if len(options) >= 3 and all(0 < len(part) <= 15 and " " not in part.strip() for part in options):
            return True  # "Low/Med/High", "Monthly/Quarterly/Annually": a choice left open
    if "[" in text and "]" in text:
        boxes = _CHECKBOX.findall(text)
        if boxes and all(box == " " for box in boxes):
            return True
    return False


# ---------------------------------------------------------------------------
# Items


@dataclass(eq=False)
class Value:
    text: str
    line: int
    column: int
    label: str = ""


@dataclass(eq=False)
class Risk:
    """One risk of the register: where it is written and its values by name.

    Names: ``id``, ``risk`` (title or description), ``dimension`` (category),
    ``likelihood``, ``severity``, ``rating`` (score or level), ``owner``, ``treatment``,
    ``controls``, ``action``, ``status``, ``due``, and ``residual_likelihood``,
    ``residual_severity``, ``residual`` (the residual rating).
    """

    line: int
    column: int
    ident: str
    text: str  # the risk's wording (title, description), for vocabulary scans
    context: str  # headings above it and its category, for dimension scans
    values: dict[str, Value] = field(default_factory=dict)
    source: str = "table"  # "table", "section", "key-value", "box", "html"
    register: int = 0  # line of the register (table or first section) it was read from

    def has(self, name: str) -> bool:
        value = self.values.get(name)
        if value is None:
            return False
        if name == "owner" and _ROLE_VARIABLE.search(value.text):
            return True  # "{{ meta-organisation-role.role_cio }}": a role the generator fills in
        return not is_empty(value.text)

    def get(self, name: str) -> str:
        value = self.values.get(name)
        return value.text if value is not None and not is_empty(value.text) else ""

    def missing(self) -> list[str]:
        return [part for part in ASSESSMENT_PARTS if not self.has(part)]

    @property
    def label(self) -> str:
        return self.ident or f"line {self.line}"

    @property
    def likelihood(self) -> int | None:
        return _part_score(self, "likelihood", 0)

    @property
    def severity(self) -> int | None:
        return _part_score(self, "severity", 1)

    @property
    def category(self) -> str:
        return self.get("dimension")

    @property
    def owner(self) -> str:
        return self.get("owner")

    @property
    def treatment(self) -> str:
        return self.get("treatment")


def _part_score(risk: Risk, name: str, position: int) -> int | None:
    value = risk.values.get(name)
    if value is not None:
        score = parse_score(value.text)
        if score is not None:
            return score
    rating = risk.values.get("rating")
    product = parse_product(rating.text) if rating is not None else None
    return product[position] if product else None


@dataclass(eq=False)
class RiskReading:
    risks: list[Risk]
    roles: dict[int, str]  # table line -> role
    mentions_register: bool  # the prose speaks of a risk register (kept here or elsewhere)


# ---------------------------------------------------------------------------
# Scores and ratings in cells

_LEVEL = lazy(
    r"\b(very low|very high|low|medium|moderate|high|critical|extreme|severe"
    r"|sehr niedrig|sehr hoch|niedrig|mittel|hoch|kritisch)\b",
    re.I,
)
_LEVEL_SAME = {
    "moderate": "medium", "severe": "high", "sehr niedrig": "very low", "niedrig": "low",
    "mittel": "medium", "hoch": "high", "sehr hoch": "very high", "kritisch": "critical",
}
_PRODUCT = lazy(r"(?<![\d.])(\d{1,2})\s*[x×*·]\s*(\d{1,2})(?:\s*=\s*(\d{1,3}))?(?![\d.])", re.I)
_SCORE = lazy(
    r"^\s*(?:[A-Za-z]{1,2}\s?)?(\d{1,2})(?![\d.,])"  # "3", "P2", "S5", "L 4", "3 - Likely"
    r"|\((\d{1,2})\)\s*$"  # "Likely (4)"
)
_NUMBER = lazy(r"(?<![\d.,])(\d{1,3})(?![\d.,])")


def level_of(text: str) -> str | None:
    """The rating level a text names ("High", "Mittel" -> "medium"), lower-case."""
    match = _LEVEL.search(text or "")
    if not match:
        return None
    word = match.group(1).lower()
    return _LEVEL_SAME.get(word, word)


def parse_product(text: str) -> tuple[int, int, int] | None:
    """(likelihood, severity, score) of "4×3=12", "4 x 3", "3*4 = 12"."""
    match = _PRODUCT.search(text or "")
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return first, second, int(match.group(3)) if match.group(3) else first * second


def parse_score(text: str) -> int | None:
    """A likelihood or severity score: "3", "P2", "S5", "3 - Likely", "4 (Likely)",
    "Likely (4)"; None for words alone ("Medium") and for products."""
    if not text or _PRODUCT.search(text):
        return None
    match = _SCORE.search(text.strip())
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def parse_rating(text: str) -> tuple[int | None, str | None]:
    """(score, level) of a rating: "High (12)", "20 (Critical)", "4×3=12", "12", "Medium"."""
    if not text:
        return None, None
    product = parse_product(text)
    if product:
        return product[2], level_of(text)
    number = _NUMBER.search(text)
    return (int(number.group(1)) if number else None, level_of(text))


# ---------------------------------------------------------------------------
# What a column (or a field label) means

_RESIDUAL = lazy(
    r"\b(residual|post[- ]?(treatment|mitigation|control)s?|after (treatment|mitigation|controls?)|target risk"
    r"|net risk|restrisiko|nach (behandlung|massnahmen))\b",
    re.I,
)
_INHERENT = lazy(r"\b(inherent|initial|gross|pre[- ]?(treatment|mitigation)|before (treatment|controls?)|brutto)\b", re.I)
_PRODUCT_HEADER = lazy(r"^(risk )?(score|rating|level|value)? ?\b[lpw] ?(x|×|\*|times) ?[isca]\b|\b[lpw] ?(x|×|\*) ?[isca]\b", re.I)
_GERMAN = (
    ("likelihood", lazy(r"wahrscheinlichkeit|eintritts", re.I)),
    ("severity", lazy(r"auswirkung|schadens|ausma(ss|ß)", re.I)),
    ("rating", lazy(r"risiko(bewertung|wert|stufe|niveau|klasse|score)|^bewertung$", re.I)),
    ("owner", lazy(r"eigent(ü|ue)mer|verantwortlich|risk owner", re.I)),
    ("treatment", lazy(r"behandlung|ma(ss|ß)nahme|^mitigation", re.I)),
    ("dimension", lazy(r"kategorie", re.I)),
    ("id", lazy(r"^risiko[- ]?(id|nr)", re.I)),
    ("risk", lazy(r"^(risiko|bedrohung|risikobeschreibung|beschreibung)$", re.I)),
    ("due", lazy(r"zieltermin|frist|f(ä|ae)llig", re.I)),
)
_LETTERS = {"l": "likelihood", "p": "likelihood", "w": "likelihood", "s": "severity", "i": "severity"}
_ABBREVIATION = lazy(
    r"\b(likelihood|probability|severity|impact|consequence|risk score|risk rating|risk level|score)\s*\(\s*([A-Za-z]{1,3})\s*\)",
    re.I,
)
_CONCEPT_OF_WORD = {
    "likelihood": "likelihood", "probability": "likelihood", "severity": "severity", "impact": "severity",
    "consequence": "severity", "risk score": "rating", "risk rating": "rating", "risk level": "rating", "score": "rating",
}
_CONTROLS_WORD = lazy(r"\bcontrols?\b|\bsafeguards?\b|\bmeasures?\b", re.I)
_ID_HEADER = lazy(r"\bid\b|\bref\b|^#$|^no\.?$|^nr\.?$", re.I)


def abbreviations(doc) -> dict[str, str]:
    """Letters the document defines for its scales: "Likelihood (L)", "Impact (I)"."""

    def compute(doc) -> dict[str, str]:
        found: dict[str, str] = {}
        for _, text in doc.prose_lines:
            if "(" not in text:
                continue
            for match in _ABBREVIATION.finditer(text):
                found.setdefault(match.group(2).lower(), _CONCEPT_OF_WORD[match.group(1).lower()])
        return found

    return doc.memo("risks.abbreviations", compute)


def concept(label: str, letters: dict[str, str] | None = None, words=None) -> str | None:
    """What a register column or field label means (see ``Risk``), or None. ``words``:
    the organisation's header words (``header-words: risks:`` in the configuration),
    which win over the built-in ones."""
    text = normalise_label(label)
    raw = label.strip(" *_:").lower()
    if not text:
        return None
    configured = words.field("risks", label) if words else None
    if configured is not None:
        return configured
    if "effectiveness" in text or "wirksamkeit" in text:
        return None  # "Control Effectiveness": how well controls work, not the controls
    residual = bool(_RESIDUAL.search(raw))
    if _PRODUCT_HEADER.search(raw):
        return "residual" if residual else "rating"
    letters = {**_LETTERS, **(letters or {})}
    if text in letters:
        name = letters[text]
        return f"residual_{name}" if residual and name != "rating" else ("residual" if residual else name)
    name = canonical_name(label)
    if name is None:
        for german, pattern in _GERMAN:
            if pattern.search(raw) or pattern.search(text):
                name = german
                break
    if name is None and _CONTROLS_WORD.search(text):
        name = "controls"
    if name is None:
        return None
    if name == "id" and text not in ("id", "ref", "#", "no", "no.", "nr") and "risk" not in text and "risiko" not in text:
        return None  # "Treatment ID", "Control ID", "Item": not the risk's identifier
    if _ID_HEADER.search(text) and "risk" in text and name != "id":
        name = "id"  # "Risk ID" read as risk by a looser pattern
    if name in ("control", "controls"):
        name = "controls"
    elif name in ("description", "title"):
        name = "risk"
    elif name == "action" and "treat" in text:
        name = "treatment"
    elif name in ("target", "baseline") and residual:
        name = "residual"
    elif name == "residual":
        # "Residual Likelihood", "Residual Impact", "Residual Risk (Score)"
        if re.search(r"likelihood|probability", text):
            return "residual_likelihood"
        if re.search(r"impact|severity|consequence", text):
            return "residual_severity"
        return "residual"
    elif name == "review_frequency" and text.startswith("frequency"):
        name = None  # "Frequency" of a likelihood scale, not a review cycle
    if residual and name in ("likelihood", "severity"):
        return f"residual_{name}"
    if residual and name == "rating":
        return "residual"
    return name


_RATINGISH = ("likelihood", "severity", "rating", "residual", "residual_likelihood", "residual_severity")


# Cell contents that give a column its meaning when the header does not
_P_CELL = lazy(r"^[PL]\s?\d{1,2}$")
_S_CELL = lazy(r"^[SI]\s?\d{1,2}$")


def _content_concept(values: list[str]) -> str | None:
    filled = [value.strip() for value in values if not is_empty(value)]
    if len(filled) < 2:
        return None
    share = 0.6 * len(filled)
    if sum(1 for value in filled if _P_CELL.match(value)) >= share:
        return "likelihood"
    if sum(1 for value in filled if _S_CELL.match(value)) >= share:
        return "severity"
    if sum(1 for value in filled if _PRODUCT.search(value)) >= share:
        return "rating"
    return None


# ---------------------------------------------------------------------------
# Table roles

_RISK_ID = lazy(r"^(?:[A-Z][A-Za-z]{0,9}[-_.]?){1,3}\d{1,5}(?:[-_.][A-Za-z0-9]{1,5})?$")
_SCALE_KEY = lazy(
    r"^(?:\d{1,2}(?:\.\d)?\s*(?:[-–—:.)(]|$)|\d{1,2}\s*(?:-|–|to)\s*\d{1,2}|[<>≤≥]=?\s*\d"
    r"|(?:\d{1,2} )?(?:very |sehr )?(?:low|medium|moderate|high|critical|extreme|niedrig|mittel|hoch|kritisch)\b"
    r"|(?:\d{1,2} )?(?:rare|unlikely|possible|likely|almost certain|certain|frequent|remote|occasional|probable|improbable"
    r"|negligible|insignificant|minor|major|severe|catastrophic|significant|limited|minimal))",  # "1 Insignificant"
    re.I,
)
_OPTION = lazy(
    r"^\W*(avoid|avoidance|reduce|reduction|mitigate|mitigation|modify|transfer|share|sharing|accept|acceptance"
    r"|retain|retention|tolerate|terminate|treat|exploit|enhance|vermeiden|mindern|(ü|ue)bertragen|akzeptieren)\b",
    re.I,
)
_SCHEMA_HEADER = lazy(r"^(description|definition|meaning|explanation|format|purpose|guidance|scale|example|examples|beschreibung)$", re.I)
_PLAN_TITLE = lazy(r"\b(action|plan|roadmap|implementation|timeline|milestones?|tasks?|massnahmenplan)\b", re.I)
_ASSET_HEADER = lazy(r"^(information )?(assets?|process(es)?|systems?|activit(y|ies)|prozess|stakeholders?|roles?)\b", re.I)
_ARCHIVE_TITLE = lazy(r"\b(closed|archive[d]?|retired|treated risks|geschlossen|archiv)\b", re.I)
_ACCEPTED_TITLE = lazy(r"\b(accepted|retained|tolerated|akzeptiert\w*)\b", re.I)
_CLOSED = lazy(r"^\W*(closed|retired|archived|geschlossen)\b", re.I)


def _first_column_share(table: Table, pattern) -> float:
    firsts = [row.cells[0].text.strip(" *_") for row in table.rows if row.cells and row.cells[0].text.strip()]
    if not firsts:
        return 0.0
    return sum(1 for text in firsts if pattern.match(text)) / len(firsts)


def _ids_in_first_column(table: Table) -> int:
    return sum(1 for row in table.rows if row.cells and _RISK_ID.match(row.cells[0].text.strip(" *_")))


def _table_concepts(doc, table: Table) -> list[str | None]:
    letters = abbreviations(doc)
    names = [concept(cell.text, letters, doc.header_words) for cell in table.header]
    for index, name in enumerate(names):
        if name is None:
            names[index] = _content_concept([row.cells[index].text for row in table.rows if index < len(row.cells)])
    return names


_EXAMPLE_CAPTION = lazy(r"^\W*(?:\d{1,2}[.)]\s*)?\W*(?:examples?|e\.g\.|for example|illustrative)\b", re.I)


def _caption_is_example(doc, table: Table) -> bool:
    """The line just above the table introduces it as an example ("**Example Control
    Design:**"): an illustration in a procedure, not the organisation's register."""
    ends = doc.memo("risks.block_ends", lambda doc: {block.end_line: block for block in doc.blocks if block.kind != "table"})
    for line in (table.line - 1, table.line - 2):
        block = ends.get(line)
        if block is not None:
            return bool(_EXAMPLE_CAPTION.match(block.text.split("\n")[-1]))
    return False


def table_role(doc, table: Table, names: list[str | None] | None = None) -> str:
    """``register``, ``scale``, ``options``, ``plan``, ``schema``, ``archive`` or ``other``."""
    if names is None:
        names = _table_concepts(doc, table)
    present = set(name for name in names if name)
    if len(table.header) < 3 or not table.rows:
        return "other"
    # A heat map: header cells are levels or numbers ("Minor (2)", "1 Negligible").
    header_levels = sum(1 for cell in table.header[1:] if _SCALE_KEY.match(cell.text.strip(" *_")))
    if header_levels >= max(3, len(table.header) - 2):
        return "scale"
    if _caption_is_example(doc, table):
        return "example"
    ids = _ids_in_first_column(table)
    if ids == 0 and names[0] != "id" and _first_column_share(table, _SCALE_KEY) >= 0.6:
        return "scale"
    if ids == 0 and _first_column_share(table, _OPTION) >= 0.6:
        return "options"
    if len(table.header) >= 2 and _SCHEMA_HEADER.match(normalise_label(table.header[1].text)) and ids == 0:
        first = normalise_label(table.header[0].text)
        if first in ("field", "element", "attribute", "column", "item", "parameter", "feld") or "id" not in present:
            return "schema"
    has_subject = "id" in present or "risk" in present
    if not has_subject:
        return "other"
    if "id" not in present and names[0] is None and _ASSET_HEADER.match(normalise_label(table.header[0].text)):
        return "other"  # an asset, process or system list with owners and descriptions
    ratingish = present & set(_RATINGISH)
    section_title = " ".join(table.section.path) if table.section is not None else ""
    if not ratingish:
        if "owner" not in present and "treatment" not in present and "controls" not in present:
            return "other"
        first = names[0] if names else None
        if first == "action" or (("action" in present or "due" in present) and _PLAN_TITLE.search(section_title)):
            return "plan"
    if _ARCHIVE_TITLE.search(table.section.title if table.section is not None else ""):
        return "archive"
    return "register"


# ---------------------------------------------------------------------------
# Register tables

_TEMPLATE_ROW = ("{{#", "{%", "{{/")


def _row_risk(table: Table, row: Row, names: list[str | None], source: str) -> Risk | None:
    texts = [cell.text for cell in row.cells]
    if any(marker in text for text in texts for marker in _TEMPLATE_ROW):
        return None  # a mustache/Jinja loop line of a template
    filled = [text for text in texts if text.strip()]
    if sum(1 for text in filled if "{{" in text or "{%" in text) * 2 >= len(filled):
        return None  # a row of template expressions ("{{ risk.description }}")
    if sum(1 for text in texts if not is_empty(text)) <= 1:
        return None  # a blank line of a template register, or a stray line
    values: dict[str, Value] = {}
    phase = None  # the last rating column read: "rating" (inherent) or "residual"
    previous = None  # the concept of the column just before
    for name, header, cell in zip(names, table.header, row.cells):
        if name is None:
            previous = None
            continue
        if name in values and not is_empty(values[name].text):
            if name in ("controls", "treatment") and not is_empty(cell.text):
                values[name].text += "; " + cell.text  # "Treatment" and "Measure/Control" read together
            elif name in ("rating", "residual") and level_of(cell.text) and not level_of(values[name].text) and phase in (None, name):
                values[name].text += " " + cell.text  # "Risk Score | Risk Level" read together
            elif (
                name == "rating" and previous == "residual" and level_of(cell.text) and "residual" in values
                and not is_empty(values["residual"].text) and not level_of(values["residual"].text)
            ):
                # "Inherent Score | Residual Score | Rating": the level beside the residual
                # score is the residual's (never the inherent score's, two columns away).
                values["residual"].text += " " + cell.text
            previous = name
            continue
        if name in _RATINGISH:
            phase = "residual" if name.startswith("residual") else "rating"
        values[name] = Value(cell.text, cell.line, cell.column, header.text)
        previous = name
    _complete(values)
    ident = values["id"].text.strip() if "id" in values and not is_empty(values["id"].text) else ""
    text = values["risk"].text if "risk" in values else ""
    if not ident and is_empty(text):
        return None
    first = row.cells[0] if row.cells else None
    context = " ".join(table.section.path) if table.section is not None else ""
    return Risk(row.line, first.column if first else 1, ident, text, context, values, source, table.line)


def _complete(values: dict[str, Value]) -> None:
    """Values one can read off others: L and S from "4×3=12"; controls as treatment."""
    if "treatment" not in values or is_empty(values["treatment"].text):
        for name in ("controls", "action"):
            if name in values and not is_empty(values[name].text):
                values["treatment"] = values[name]
                break
    for rating, first, second in (("rating", "likelihood", "severity"), ("residual", "residual_likelihood", "residual_severity")):
        if rating in values:
            product = parse_product(values[rating].text)
            if product:
                for name, score in ((first, product[0]), (second, product[1])):
                    if name not in values or is_empty(values[name].text):
                        where = values[rating]
                        values[name] = Value(str(score), where.line, where.column, where.label)


def _table_risks(doc, tables, roles: dict[int, str], source: str = "table") -> list[Risk]:
    found = []
    for table in tables:
        names = _table_concepts(doc, table)
        role = table_role(doc, table, names)
        roles[table.line] = role
        if role != "register":
            continue
        accepted = table.section is not None and _ACCEPTED_TITLE.search(table.section.title) and "treatment" not in names
        for row in table.rows:
            risk = _row_risk(table, row, names, source)
            if risk is None:
                continue
            if accepted:
                risk.values["treatment"] = Value("accepted", table.section.line, 1, table.section.title)
            status = risk.values.get("status")
            if status is not None and _CLOSED.match(status.text):
                continue  # a closed risk kept on the register for the record
            found.append(risk)
    return found


# ---------------------------------------------------------------------------
# One section per risk, with labelled fields or a key/value table

_HEADING_ID = lazy(
    r"^\W*(?:risk\s*(?:id)?\s*[:#]?\s*)?((?:[A-Z][A-Za-z]{0,9}[-_.]?){1,3}\d{1,5}(?:[-_.][A-Za-z0-9]{1,5})?)\b\s*(?:[:.\-–—|)]\s*)?(.*)$",
    re.I,
)
_PHASE_RESIDUAL = lazy(r"^\W*(residual|post[- ]?(treatment|mitigation)|after (treatment|mitigation|controls?)|target)\b", re.I)
_PHASE_INHERENT = lazy(r"^\W*(inherent|initial|gross|pre[- ]?(treatment|mitigation)|current risk|before)\b", re.I)
_VALUE_HEADERS = frozenset(("value", "entry", "score", "rating", "answer", "response", "details", "wert", "eintrag", "level"))
_LABEL_ONLY = lazy(r"^\s*([A-Za-z][\w/&()' .-]{0,47}?)\s*:\s*$")
_DESCRIPTION_TITLE = lazy(r"descri|cause|scenario|consequence|statement", re.I)
_TREATMENT_TITLE = lazy(r"treatment|mitigation|controls?\b|response|action plan", re.I)
_SCHEMA_VALUE = lazy(r"^(unique identifier|identifier|the |a |an |name of|description of|e\.g\.|\d ?\(.{1,20}\) to \d)", re.I)


def _phase_name(name: str | None, phase: str) -> str | None:
    if name is None or phase != "residual":
        return name
    if name in ("likelihood", "severity"):
        return f"residual_{name}"
    if name == "rating":
        return "residual"
    return name


def _heading_ident(title: str) -> tuple[str, str]:
    match = _HEADING_ID.match(title)
    if not match:
        return "", title
    ident = match.group(1)
    if not re.search(r"[A-Za-z]", ident) or not _RISK_ID.match(ident):
        return "", title
    return ident, match.group(2).strip()


def _section_values(doc, section, letters) -> dict[str, Value]:
    """Labelled values under a heading (its subsections included): fields of
    paragraphs and list items, and rows of key/value tables."""
    values: dict[str, Value] = {}
    ids: set[str] = set()
    end = section.end_line or len(doc.lines)

    def add(label: str, text: str, line: int, column: int, phase: str) -> None:
        name = _phase_name(concept(label, letters, doc.header_words), phase)
        if name is None:
            return
        if name == "id" and not is_empty(text):
            ids.add(text.strip(" *_`"))
        if name in values and not is_empty(values[name].text):
            return
        values[name] = Value(text, line, column, label)

    def phase_of(sub) -> str:
        titles = " ".join(s.title for s in _ancestors(sub, section))
        if _PHASE_RESIDUAL.search(titles) or _RESIDUAL.search(titles):
            return "residual"
        return ""

    lines, tables = doc.memo("risks.tables_by_line", lambda doc: ([t.line for t in doc.tables], doc.tables))
    for table in tables[bisect_left(lines, section.line):bisect_right(lines, end)]:
        if _caption_is_example(doc, table):
            continue
        if len(table.header) < 2:
            continue
        heads = [normalise_label(cell.text) for cell in table.header]
        at = next((index for index, head in enumerate(heads) if index and head in _VALUE_HEADERS), 1)
        rows = []
        if concept(table.header[0].text, letters, doc.header_words) and not concept(table.header[1].text, letters, doc.header_words) and heads[1] not in _VALUE_HEADERS:
            rows.append((table.header[0], table.header[1]))  # "| Risk ID | R-01 |" as the header row
        rows += [(row.cells[0], row.cells[at]) for row in table.rows if len(row.cells) > at]
        labelled = [(label, value) for label, value in rows if concept(label.text, letters, doc.header_words)]
        if len(labelled) < 2 or len(labelled) * 2 < len(rows):
            continue
        if len(table.header) >= 2 and _SCHEMA_HEADER.match(normalise_label(table.header[-1].text)):
            continue  # "Field | Description": what an entry holds, not an entry
        sub = doc.section_at(table.line) or section
        for label, value in labelled:
            phase = "residual" if _RESIDUAL.search(label.text) else phase_of(sub)
            add(label.text, value.text, value.line, value.column, phase)
    phase, marker_depth = "", -1
    for sub in section.walk():
        sub_phase = phase_of(sub)
        phase, marker_depth = "", -1
        pending = None  # "- **Mitigation Strategy**:" with the value in the nested list below
        for block in sub.blocks:
            if block.kind == "table":
                continue
            head = block.text.split("\n", 1)[0]
            if pending is not None:
                label, depth, pending_phase = pending
                if block.kind == "list_item" and block.depth > depth:
                    add(label, block.text, block.line, 1, pending_phase)
                    continue
                pending = None
            label_only = _LABEL_ONLY.match(head) if "\n" not in block.text else None
            if label_only and concept(label_only.group(1), letters, doc.header_words) and not (
                _PHASE_RESIDUAL.match(head) or _PHASE_INHERENT.match(head)
            ):
                current = "residual" if "residual" in (sub_phase, phase) or _RESIDUAL.search(head) else ""
                pending = (label_only.group(1), block.depth if block.kind == "list_item" else 0, current)
                continue
            if marker_depth >= 0 and block.depth <= marker_depth and block.kind == "list_item":
                phase, marker_depth = "", -1
            if len(head) < 60 and (_PHASE_RESIDUAL.match(head) or _PHASE_INHERENT.match(head)) and not re.search(r":\s*\S", head):
                phase = "residual" if _PHASE_RESIDUAL.match(head) else "inherent"
                marker_depth = block.depth if block.kind == "list_item" else 0
                continue
            current = "residual" if "residual" in (sub_phase, phase) else ""
            for item in _block_fields(doc, block):
                add(item.label, item.value, item.line, item.column, current)
    if len(ids) > 1:
        values["id"] = Value("", section.line, 1, "several")  # a section holding several records
    return values


def _in_table(doc, line: int) -> bool:
    return any(table.line <= line <= table.end_line for table in doc.tables)


def _ancestors(sub, top):
    chain, node = [], sub
    while node is not None and node is not top:
        chain.append(node)
        node = node.parent
    return chain


def _block_fields(doc, block):
    fields = doc.memo("risks.fields_by_line", _fields_by_line)
    for line in range(block.line, block.end_line + 1):
        yield from fields.get(line, ())


def _fields_by_line(doc):
    by_line: dict[int, list] = {}
    for item in doc.fields:
        if item.block is not None:
            by_line.setdefault(item.line, []).append(item)
    return by_line


def _section_risks(doc, roles: dict[int, str]) -> list[Risk]:
    letters = abbreviations(doc)
    risks: list[Risk] = []
    taken_until = 0
    for section in doc.sections:
        if section.line <= taken_until:
            continue
        size = sum(1 for _ in section.walk())
        if size > 25 or section.level == 1 and size > 7:
            continue  # a whole document or chapter, not one risk
        ident, title = _heading_ident(section.title)
        values = _section_values(doc, section, letters)
        if "id" in values and values["id"].label == "several":
            continue
        if not ident and "id" in values and _RISK_ID.match(values["id"].text.strip(" *_`")):
            ident = values["id"].text.strip(" *_`")
        if not ident:
            continue
        if "id" in values and _SCHEMA_VALUE.match(values["id"].text.strip()):
            continue
        assessed = [name for name in (*_RATINGISH, "owner", "treatment", "controls", "dimension") if name in values]
        if not assessed:
            continue
        if all(is_empty(value.text) for name, value in values.items() if name != "id"):
            continue  # "#### Risk ID: R001" over empty fields and "Low/Medium/High": a template's slot, not a risk
        # Only the innermost section that holds the whole record: a parent section
        # holding several risks is not itself one.
        if sum(1 for child in section.children if _heading_ident(child.title)[0]) > 1:
            continue
        if "risk" not in values:
            values["risk"] = Value(title, section.line, 1, "heading")
        if "treatment" not in values:
            for sub in section.walk():
                if sub is not section and _TREATMENT_TITLE.search(sub.title) and sub.text.strip():
                    values["treatment"] = Value(sub.text.split("\n", 1)[0], sub.line, 1, sub.title)
                    break
        _complete(values)
        description = " ".join(
            sub.text for sub in section.walk() if sub is not section and _DESCRIPTION_TITLE.search(sub.title)
        )
        source = "key-value" if any(value.label != "heading" and value.column > 1 and _in_table(doc, value.line) for value in values.values()) else "section"
        context = " ".join(section.path)
        # The risks under one heading ("Top 10 risks", "Additional risks") are one register.
        register = section.parent.line if section.parent is not None else 0
        risks.append(Risk(section.line, 1, ident, f"{title} {values['risk'].text} {description}".strip(),
                          context, values, source, register))
        taken_until = section.end_line or len(doc.lines)
    return risks


# ---------------------------------------------------------------------------
# Risks written as labelled lines in a code fence or a box panel


def _fence_values(pairs, letters, lines_after) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for label, cell in pairs:
        name = concept(label, letters)
        if name is None or name in values and not is_empty(values[name].text):
            continue
        text = cell.text
        if not text.strip():
            text = lines_after.get(cell.line, "")  # "Treatment Plan:" with the plan below
        values[name] = Value(text, cell.line, cell.column, label)
    return values


def _fence_risks(doc) -> list[Risk]:
    """Risks written as labelled lines in a code fence or a box panel
    (``reading.tables.fenced_groups``): a record that names the risk ("Risk ID: AIR-001",
    "Risk Title: ...") with fields ("Probability: 35%", "Risk Owner: CRO", "Treatment
    Plan:"); or a list of risks, each a bullet ("• Data quality issues: incomplete data")
    whose nested bullets are its fields ("- Likelihood: 40%", "- Impact: ...").

    A record is a risk only when it is assessed: a likelihood, severity or rating (two of
    them for a bullet of a list; a list of actions with owners and due dates under a
    treatment plan is not a list of risks, nor is a step of a method with its "Impact")."""
    letters = abbreviations(doc)
    found: list[Risk] = []
    for group in fenced_groups(doc):
        texts = [(line, text) for line, text in group if text.strip()]
        lines_after = {
            line: texts[index + 1][1].strip(" \t•·▪‣◦*-–✓✔⚠️") for index, (line, _) in enumerate(texts[:-1])
        }
        whole: list = []
        heads: list[list] = []  # [line, title, depth, pairs]
        current = None
        for line, text in texts:
            depth = bullet_depth(text)
            pairs = labelled_pairs(text, line)
            named = [(label, cell) for label, cell in pairs if concept(label, letters)]
            if current is not None and depth is not None and depth > current[2]:
                current[3].extend(named)
                continue
            current = None
            if depth is not None and pairs and not named:
                label, cell = pairs[0]
                current = [line, f"{label}: {cell.text}".strip(" :"), depth, []]
                heads.append(current)
                continue
            whole.extend(named)
        context = " ".join(doc.section_at(group[0][0]).path) if doc.section_at(group[0][0]) is not None else ""
        values = _fence_values(whole, letters, lines_after)
        # The risks of one fence are one register (a taxonomy drawn as several panels).
        register = next((code.line for code in doc.code_blocks if code.line < group[0][0] <= code.line + code.text.count("\n") + 1), group[0][0])
        ident = values["id"].text.strip(" *_`") if "id" in values else ""
        rated = sum(1 for name in _RATINGISH if name in values)
        # A record names its risk by an identifier ("Risk ID: AIR-001"), or by a title with
        # two ratings: "Risk Scoring Methodology:" above "Impact Assessment (1-5):" is a method.
        if rated and _RISK_ID.match(ident) or rated >= 2 and "risk" in values and not ident:
            _complete(values)
            text = values["risk"].text if "risk" in values else ""
            found.append(Risk(group[0][0], 1, ident, text, context, values, "fence", register))
            continue
        for line, title, _, pairs in heads:
            values = _fence_values(pairs, letters, lines_after)
            if sum(1 for name in _RATINGISH if name in values) < 2:
                continue  # "- Impact: revenue loss" under a step of a method: not a rated risk
            values.setdefault("risk", Value(title, line, 1, "heading"))
            _complete(values)
            found.append(Risk(line, 1, "", title, context, values, "fence", register))
    return found


# ---------------------------------------------------------------------------
# The reading

_REGISTER_WORDS = lazy(r"\b(risk register|risk log|risikoregister|register of (ai )?risks|ai risk register)\b", re.I)


def _merge(found: list[Risk]) -> list[Risk]:
    """The same identifier in several register tables (identification, analysis,
    treatment) is one risk: later tables add the values the first one lacks."""
    by_id: dict[str, Risk] = {}
    merged = []
    for risk in found:
        key = risk.ident.upper()
        first = by_id.get(key) if key else None
        if first is None or first.register == risk.register:
            if key:
                by_id.setdefault(key, risk)
            merged.append(risk)
            continue
        for name, value in risk.values.items():
            if name not in first.values or is_empty(first.values[name].text):
                first.values[name] = value
        if is_empty(first.text) and not is_empty(risk.text):
            first.text = risk.text
    return merged


def _read(doc) -> RiskReading:
    roles: dict[int, str] = {}
    found = _table_risks(doc, doc.tables, roles)
    found += _table_risks(doc, box_tables(doc), roles, "box")
    found += _table_risks(doc, html_tables(doc), roles, "html")
    found += _section_risks(doc, roles)
    found += _fence_risks(doc)
    found.sort(key=lambda risk: risk.line)
    found = _merge(found)
    mentions = any(_REGISTER_WORDS.search(text) for _, text in doc.prose_lines) or any(
        "register" in link.target.lower() for link in doc.links
    )
    return RiskReading(found, roles, mentions)


def reading(doc) -> RiskReading:
    """The document's risks and its tables' roles (computed once per document)."""
    return doc.memo("risks.reading", _read)


def risks(doc) -> list[Risk]:
    """Every risk the document registers, in document order."""
    return reading(doc).risks


def unassessed(found: list[Risk]) -> list[Risk]:
    """Risks with none of likelihood, severity, owner and treatment: catalogue entries."""
    return [risk for risk in found if len(risk.missing()) == len(ASSESSMENT_PARTS)]


def register_tables(doc) -> list[Table]:
    """The tables read as registers (for criteria readers that skip them)."""
    roles = reading(doc).roles
    return [table for table in doc.tables if roles.get(table.line) in ("register", "archive")]
