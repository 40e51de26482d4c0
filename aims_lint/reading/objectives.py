"""Objectives (clause 6.2), whatever the layout: what the objective is, its metric and
target, owner, review frequency, evaluation method and deadline, with its source line.

Layouts read:

- an objectives table: a column of objectives ("Objective", "Strategic objective",
  "Goal"), or a scorecard / KPI table ("KPI | Description | Target",
  "Objective | KPI | Target | Owner | Frequency"): a metric column beside a target
  column; each row is an objective;
- one section per objective with labelled fields (Metric:, Target:, Owner:, Review
  frequency:, Evaluation method:, Due:);
- one section per objective in prose under an id-like heading ("## O4 Use AI
  responsibly", "### OBJ-02: Reduce bias", "## Objective 3 - Transparency"): the
  heading and its prose are the objective. It is read, not skipped, so that an
  intention with no metric is judged as one.

Rules judge ``objectives(doc)``; they do not look at tables or headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from aims_lint.fields import READING_FIELDS, canonical_name, header_text
from aims_lint.patterns import lazy

OBJECTIVES_TYPE = "ai-objectives"

# The parts of an objective (6.2) and the canonical column / field names that hold them.
PARTS = {
    "metric": ("metric", "target"),
    "owner": ("owner",),
    "frequency": ("review_frequency", "frequency"),
    "method": ("method",),
    "deadline": ("due",),
}
LABELS = {
    "metric": "measurable metric with a target",
    "owner": "owner",
    "frequency": "review frequency",
    "method": "evaluation method",
    "deadline": "deadline",
}
# Headers the model does not map but that say how an objective is measured.
_METHOD_HEADER = lazy(r"\b(?:data )?source\b|\bmeasurement\b|\bhow (?:we )?(?:measure|evaluate)|\bevaluat|\bverification\b", re.I)
_DEADLINE_HEADER = lazy(r"\b(?:by when|target (?:date|year|quarter)|achieve by|due by|completion)\b", re.I)
_ID = lazy(r"^[A-Z]{1,6}[-_ ]?\d{1,4}$|^\d{1,3}\.?$")

# A date, year or quarter that sets a deadline: "2026-12-31", "Q4 2026", "by end of 2026", "December 2026".
DATE = lazy(
    r"\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b"
    r"|\b(?:Q[1-4]|H[12]|FY|end of|by|before|until)\s*(?:19|20)\d\d\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:19|20)\d\d\b",
    re.I,
)
_YEAR = lazy(r"\b(?:19|20)\d\d\b")
# Things that look numeric but measure nothing: dates, years, clause and control numbers, IDs.
_NOT_A_MEASURE = lazy(
    r"\b(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\bQ[1-4]\b|\bH[12]\b"
    r"|\b(?:clause|annex|section|article|art\.?|ISO(?:/IEC)?|A)\s*[\d.]+\b|\bA\.\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b"
    r"|\b[A-Z]{2,}[-_]\d+\b|\b(?:ISO|IEC)\s*\d+",
    re.I,
)


def measurable(text: str) -> bool:
    """True when the text states a number, threshold, percentage or comparator."""
    cleaned = _NOT_A_MEASURE.sub(" ", text)
    return bool(re.search(r"\d|[≥≤<>=±%↑↓]", cleaned)) or bool(
        re.search(r"\b(?:zero|no more than|at least|at most|fewer than|less than|more than|greater than|within)\b", cleaned, re.I)
    )


def filled(text: str | None) -> bool:
    from aims_lint.pack import _builtin_package

    _builtin_package()  # the placeholder vocabulary lives in the built-in pack
    from aims_lint.rules.document_control.placeholders import is_placeholder

    if text is None:
        return False
    value = re.sub(r"[*_`]", "", text).strip()
    return bool(value) and not is_placeholder(value) and not re.fullmatch(r"[-–—_.\s?]*|n/?a|tbd|tbc|none|-", value, re.I)


@dataclass
class Objective:
    name: str
    line: int
    column: int
    values: dict[str, str] = field(default_factory=dict)  # part -> text ("" when the column is empty)
    absent: set[str] = field(default_factory=set)  # parts the source has no column or field for
    source: str = "table"  # "table" or "section"
    table: object = None


def column_names(table) -> list[str | None]:
    """The canonical name of each column, the organisation's header words first
    (``header-words: objectives:`` in the configuration)."""
    fields = READING_FIELDS["objectives"]
    return [
        fields[configured] if configured is not None else name
        for configured, name in zip(table.configured("objectives"), table.columns)
    ]


def _table_parts(table) -> tuple[dict[str, list[int]], set[str]]:
    """Column indexes holding each part, and the parts the table has no column for."""
    indexes: dict[str, list[int]] = {part: [] for part in PARTS}
    for index, (name, cell) in enumerate(zip(column_names(table), table.header)):
        for part, names in PARTS.items():
            if name in names:
                indexes[part].append(index)
        if name is None and _METHOD_HEADER.search(cell.text):
            indexes["method"].append(index)
        if name is None and _DEADLINE_HEADER.search(cell.text):
            indexes["deadline"].append(index)
    # "Target | Measure" where the measure column names where the figure comes from
    # ("External Audit Report", "Training Logs"): that column is the method, not the metric.
    if "target" in table.columns:
        for index in list(indexes["metric"]):
            if table.columns[index] == "metric" and _source_column(table, index):
                indexes["metric"].remove(index)
                indexes["method"].append(index)
    return indexes, {part for part, found in indexes.items() if not found}


_SOURCE = lazy(r"\b(?:reports?|logs?|records?|tickets?|dashboards?|surveys?|registers?|trackers?|minutes|results|tools?|system)\b", re.I)


def _source_column(table, index: int) -> bool:
    values = [row.cells[index].text for row in table.rows if index < len(row.cells) and filled(row.cells[index].text)]
    sources = [value for value in values if _SOURCE.search(value) and not measurable(value)]
    return bool(values) and len(sources) >= 0.6 * len(values)


_OBJECTIVE_HEADER = lazy(r"\bobjectives?\b|\bgoals?\b|\baims?\b", re.I)
_TARGET_HEADER = lazy(r"\btarget\b|\bthreshold\b|\bgoal value\b|\bsuccess criteri", re.I)


def objective_column(table) -> int | None:
    """The column naming each objective: "Objective", "Strategic objective", or a scorecard's KPI."""
    names = column_names(table)
    for index, name in enumerate(names):
        if name == "objective":
            return index
    headers = [header_text(cell) for cell in table.header]
    for index, header in enumerate(headers):
        if names[index] is None and _OBJECTIVE_HEADER.search(header) and not _TARGET_HEADER.search(header):
            return index
    for index, name in enumerate(names):
        if name == "metric":
            return index
    return None


def _is_objective_table(table) -> bool:
    if len(table.header) < 2:
        return False
    names = column_names(table)
    if "objective" in names and len(table.header) > 2:
        return True
    headers = [header_text(cell) for cell in table.header]
    has_target = "target" in names or any(_TARGET_HEADER.search(h) for h in headers)
    has_objective = any(_OBJECTIVE_HEADER.search(h) for h in headers) or "metric" in names
    return has_target and has_objective


def objective_tables(doc):
    """Objectives tables and scorecard / KPI tables (an objective or KPI column beside a target)."""
    from .tables import all_tables  # HTML <table> markup and box-drawn registers too

    return doc.memo("reading.objectives.tables", lambda d: [table for table in all_tables(d) if _is_objective_table(table)])


def blank_rows(table) -> list:
    """Rows whose every cell is empty, apart from an ID-like first cell."""
    blank = []
    for row in table.rows:
        texts = [cell.text.strip() for cell in row.cells]
        rest = texts[1:] if texts and _ID.match(texts[0] or "-") else texts
        if not any(filled(text) for text in rest):
            blank.append(row)
    return blank


def _period_deadline(doc, section) -> bool:
    """A deadline set for the whole set of objectives: a year in the heading above them
    ("Objectives for 2026"), front matter ``period``/``due``, or a document-level Due: field."""
    node = section
    while node is not None:
        if _YEAR.search(node.title):
            return True
        node = node.parent
    for key in ("period", "due", "target_date", "deadline", "year"):
        if doc.meta.get(key):
            return True
    return False


# Sections that state a part for every objective of the document at once.
_ELSEWHERE = {
    "owner": lazy(r"\bowners?(?:hip)?\b|\baccountab|\bresponsib", re.I),
    "frequency": lazy(r"\bfrequency\b|\bcadence\b|\breview(?:\scycle|\sschedule)?\b|\breporting\b", re.I),
    "method": lazy(r"\bdata\ssources?\b|\bmeasurement\b|\bmethod(?:ology)?\b|\bhow\s(?:we\s)?measure", re.I),
}


def stated_elsewhere(doc) -> set[str]:
    """Parts the document states once for all its objectives, in a section of their own
    ("Ownership", "Update frequency", "Governance and review", "Data sources")."""
    found = set()
    with_code = {id(block.section) for block in doc.code_blocks if block.text.strip()}
    for section in doc.sections:
        if not section.text.strip() and id(section) not in with_code:
            continue
        for part, pattern in _ELSEWHERE.items():
            if pattern.search(section.title):
                found.add(part)
    return found


def objectives(doc) -> list[Objective]:
    """The document's objectives, computed once per document."""
    return doc.memo("reading.objectives", read_objectives)


def _table_objectives(doc, tables, source: str = "table", elsewhere: set[str] | None = None) -> list[Objective]:
    """One objective per filled row of each objectives table."""
    found: list[Objective] = []
    if elsewhere is None:
        elsewhere = stated_elsewhere(doc) if tables else set()
    for table in tables:
        indexes, absent = _table_parts(table)
        blank = set(map(id, blank_rows(table)))
        period = _period_deadline(doc, table.section)
        for row in table.rows:
            if id(row) in blank:
                continue
            position = objective_column(table)
            cell = row.cells[position] if position is not None and position < len(row.cells) else None
            name = cell.text if cell is not None and cell.text else " ".join(c.text for c in row.cells[:2]).strip()
            values = {}
            if position is not None and position in indexes["metric"] and column_names(table)[position] == "metric":
                indexes = {**indexes, "metric": [i for i in indexes["metric"] if i != position] or indexes["metric"]}
            for part, columns in indexes.items():
                texts = [row.cells[index].text for index in columns if index < len(row.cells)]
                values[part] = " ".join(text for text in texts if filled(text))
            row_absent = set(absent)
            for part in elsewhere & row_absent:
                values[part] = "stated for all objectives"
                row_absent.discard(part)
            # A deadline written into the objective or its target ("by Q4 2026"), not a
            # "last measured" or "baseline" date elsewhere in the row.
            whole = " ".join((name, values["metric"]))
            if not values["deadline"] and (period or DATE.search(whole)):
                values["deadline"] = "period"
                row_absent.discard("deadline")
            if not values["metric"] and "metric" in row_absent and measurable(name):
                values["metric"] = name
                row_absent.discard("metric")
            found.append(Objective(name, row.line, (cell.column if cell is not None else 1), values, row_absent, source, table))
    return found


def read_objectives(doc) -> list[Objective]:
    tables = objective_tables(doc)
    found = _table_objectives(doc, tables)
    if tables:
        return found
    # One section per objective with labelled fields.
    by_section: dict[int, tuple] = {}
    words = doc.header_words
    for item in doc.fields:
        # Rows of a key/value table ("| Owner | ISM |") have no block: their section is the table's.
        section = item.block.section if item.block is not None else doc.section_at(item.line)
        if section is None:
            continue
        configured = words.canonical("objectives", item.label) if words else None
        if configured is not None and configured != item.name:
            item = replace(item, name=configured)
        by_section.setdefault(id(section), (section, []))[1].append(item)
    for section, items in sorted(by_section.values(), key=lambda pair: pair[0].line):
        names = {item.name for item in items}
        known = names & {"metric", "target", "owner", "review_frequency", "frequency", "method", "due"}
        if not (len(known) >= 2 or ("objective" in names and known) or (re.search(r"objective", section.title, re.I) and known)):
            continue
        values = {}
        for part, part_names in PARTS.items():
            values[part] = " ".join(item.value for item in items if item.name in part_names and filled(item.value))
        if not values["metric"]:
            values["metric"] = _listed_under(section, ("metric", "target"))
        for item in items:
            if item.name is None and _METHOD_HEADER.search(item.label) and filled(item.value):
                values["method"] = (values["method"] + " " + item.value).strip()
        statement = next((item.value for item in items if item.name == "objective"), "")
        milestones = any(DATE.search(item.label) for item in items)  # "- **Q4 2025:** Achieve the targets"
        if not values["deadline"] and (_period_deadline(doc, section.parent) or DATE.search(statement) or milestones):
            values["deadline"] = "period"
        if not values["metric"] and measurable(statement):
            values["metric"] = statement
        found.append(Objective(statement or section.title, section.line, 1, values, set(), "section"))
    found.extend(_prose_objectives(doc, {objective.line for objective in found}))
    return found


# ---------------------------------------------------------------------------
# Parts of a plan stated in prose ("The AI Governance Lead reviews this quarterly against
# the fairness dashboard; target: disparity below 5% by Q3 2026"). Only phrasing an
# auditor accepts as stating the part: a named role doing the reviewing or owning, a
# frequency attached to a review verb, a measuring verb with the instrument it uses, or
# an explicit label. Every pattern is bounded (no unbounded backtracking).

_ROLE = (
    r"(?:[A-Z][\w&/-]*+\s++){0,4}"
    r"(?:Lead|Officer|Manager|Owner|Head|Director|Committee|Board|Council|Team|Steward|Champion|Engineer"
    r"|Analyst|Architect|Counsel|Chair|CISO|CTO|CEO|CIO|CDO|DPO|CAIO)\b"
    r"(?:\s++of\s++[A-Z][\w&-]*+(?:\s++[A-Z][\w&-]*+){0,3})?"
)
_OWNER_PROSE = (
    lazy(r"\b(?:owner|accountable(?:\s++(?:owner|role))?|responsible(?:\s++(?:owner|role))?)\s*+:\s*+(?:the\s++)?(?P<role>[^;.,\n]{2,60})", re.I),
    lazy(r"\b(?:[Tt]he|[Oo]ur)\s++(?P<role>" + _ROLE + r")\s++(?:reviews|monitors|tracks|owns|measures|reports on|evaluates|assesses|checks|leads|is\s++(?:responsible|accountable))\b"),
    lazy(r"\b(?i:owned|led|monitored|tracked|measured|managed|delivered)\s++by\s++(?i:the\s++|our\s++)?(?P<role>" + _ROLE + r")"),
    lazy(r"\b(?i:responsibility)\s++of\s++(?i:the\s++|our\s++)?(?P<role>" + _ROLE + r")"),
)
_FREQUENCY_WORD = (
    r"(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?annually|semi-?annually"
    r"|every\s++(?:\d{1,2}\s++|two\s++|three\s++|six\s++|twelve\s++)?(?:day|week|month|quarter|year)s?+"
    r"|(?:each|per)\s++(?:week|month|quarter|year)|once\s++a\s++(?:week|month|quarter|year))"
)
_REVIEW_VERB = (
    r"(?:review(?:ed|s)?+|monitor(?:ed|s)?+|measure[ds]?+|track(?:ed|s)?+|report(?:ed|s)?+|assess(?:ed|es)?+"
    r"|evaluate[ds]?+|check(?:ed|s)?+|audit(?:ed|s)?+)"
)
_FREQUENCY_PROSE = (
    lazy(r"\b(?:review\s++|monitoring\s++|reporting\s++)?(?:frequency|cadence)\s*+:\s*+(?P<v>[^;.\n]{2,40})", re.I),
    lazy(r"\b" + _REVIEW_VERB + r"\b[^.;\n]{0,40}?\b(?P<v>" + _FREQUENCY_WORD + r")\b", re.I),
    lazy(r"\b(?P<v>" + _FREQUENCY_WORD + r")\s++(?:review|monitoring|reporting|measurement|assessment|check)s?\b", re.I),
)
_INSTRUMENT = (
    r"(?:evaluation\s++suite|test\s++suite|monitoring\s++tool|dashboard|survey|audit|testing|tests?|benchmark|report"
    r"|metrics|logs?|sampling|analysis|questionnaire|scorecard|red[- ]teaming)"
)
_METHOD_PROSE = (
    lazy(r"\b(?:evaluation\s++method|measurement\s++method|method|measured\s++by|data\s++source|verification)\s*+:\s*+(?P<v>[^;.\n]{2,60})", re.I),
    lazy(
        r"\b(?:" + _REVIEW_VERB + r"|calculated|verified)\b[^.;\n]{0,30}?\b(?:by|through|via|using|against|from|with|in)\s++"
        r"(?P<v>(?:the\s++|our\s++|an?\s++)?[^.;\n]{0,30}?\b" + _INSTRUMENT + r")\b",
        re.I,
    ),
)


def prose_parts(text: str) -> dict[str, str]:
    """Owner, review frequency and evaluation method an objective states in prose, by
    the conservative patterns above; a part not stated is left out."""
    found: dict[str, str] = {}
    for part, patterns in (("owner", _OWNER_PROSE), ("frequency", _FREQUENCY_PROSE), ("method", _METHOD_PROSE)):
        for pattern in patterns:
            match = pattern.search(text)
            if match is not None:
                value = match.group("role" if part == "owner" else "v").strip(" *_`")
                if value and filled(value):
                    found[part] = value
                    break
    return found


_BARE_LABEL = lazy(r"^\s*+\**([^*:\n]{1,40}?)\s*+:?\**\s*+:?\s*+$")


def _listed_under(section, names: tuple[str, ...]) -> str:
    """The items of the list below a bare label ("**Targets:**" over "- **Accuracy:** 95%")
    whose label means one of ``names``."""
    taken, collecting = [], False
    for block in section.blocks:
        if block.kind == "list_item":
            if collecting and filled(block.text):
                taken.append(block.text.split("\n", 1)[0])
            continue
        match = _BARE_LABEL.match(block.text) if block.kind == "paragraph" else None
        collecting = bool(match) and canonical_name(match.group(1)) in names
    return " ".join(taken)


# "O4 Use AI responsibly", "OBJ-02: Reduce bias", "Objective 3 - Transparency", "AI-OBJ-1 ...", "Goal 2: ..."
_ID_HEADING = lazy(
    r"^\W*+(?:\d{1,2}(?:\.\d{1,2})*+\.?\s++)?(?:(?:ai[-_ ]?)?(?:obj(?:ective)?|o|goal|g)[-_ ]?\d{1,3}+[a-z]?|(?:objective|goal)\s++\d{1,3}+)\b\W*+(.*)$",
    re.I,
)


def _prose_objectives(doc, seen: set[int]) -> list[Objective]:
    """One section per objective in prose under an id-like heading: the heading and the
    prose below it (without subsections that are objectives themselves) are the objective."""
    found = []
    for section in doc.sections:
        if section.line in seen:
            continue
        match = _ID_HEADING.match(section.title)
        if match is None:
            continue
        prose = "\n".join(block.text for block in section.blocks if block.text.strip())
        if not prose.strip():
            continue
        statement = (match.group(1) or section.title).strip()
        values = {part: "" for part in PARTS}
        text = statement + "\n" + prose
        if measurable(text):
            values["metric"] = text
        if DATE.search(text) or _period_deadline(doc, section.parent):
            values["deadline"] = "period"
        values.update(prose_parts(text))
        found.append(Objective(statement, section.line, 1, values, set(), "prose"))
    return found




# ---------------------------------------------------------------------------
# Objectives stated inside the AI policy

POLICY_TYPE = "ai-policy"
# "AI objectives", "Our objectives", "Strategic objectives", "Goals", "Key performance indicators"
_POLICY_OBJECTIVES_TITLE = lazy(r"\bobjectives?\b|\bgoals?\b|\bkpis?\b|\bkey performance indicators?\b", re.I)
# The policy's own purpose, the framework for setting objectives, Annex A control objectives.
_NOT_OBJECTIVES_TITLE = lazy(
    r"\bpurpose\b|\bscope\b|\bof (?:this|the) policy\b|\bpolicy objectives?\b|\bframework\b|\bsetting\b"
    r"|\bplanning\b|\bprocess\b|\bcontrol objectives?\b|\bapproach\b|\bprinciples?\b",
    re.I,
)
# A list item about objectives in general ("Objectives are set annually", "Each
# objective has an owner"): the framework, which POL005 judges, not an objective.
_ABOUT_OBJECTIVES = lazy(r"\bobjectives?\b|\bgoals?\b|\bkpis?\b", re.I)


def _policy_sections(doc) -> list:
    """Sections of a policy titled as its AI objectives (not nested in another such section)."""
    chosen = []
    for section in doc.sections:
        title = section.title
        if not _POLICY_OBJECTIVES_TITLE.search(title) or _NOT_OBJECTIVES_TITLE.search(title):
            continue
        if any(section is sub for top in chosen for sub in top.walk()):
            continue
        chosen.append(section)
    return chosen


def policy_objectives(doc) -> list[Objective]:
    """Objectives an AI policy states in a section of its own ("AI objectives", "Goals",
    "Key performance indicators"): the rows of an objectives or KPI table there, else
    the top-level bullets or numbered items there, each one objective. Items about
    objectives in general ("Objectives are reviewed annually"), pointers to the
    objectives register and the policy's purpose are the framework (POL005), not
    objectives. Computed once per document."""
    return doc.memo("reading.objectives.policy", _read_policy_objectives)


def _read_policy_objectives(doc) -> list[Objective]:
    found: list[Objective] = []
    for section in _policy_sections(doc):
        inside = {id(sub) for sub in section.walk()}
        tables = [table for table in doc.tables if table.section is not None and id(table.section) in inside and _is_objective_table(table)]
        if tables:
            found.extend(_table_objectives(doc, tables, "policy", elsewhere=set()))
            continue
        for sub in section.walk():
            for block in sub.blocks:
                if block.kind != "list_item" or block.depth != 1:
                    continue
                text = " ".join(block.text.split())
                if not text or len(text) > 400 or _ABOUT_OBJECTIVES.search(text):
                    continue
                if text.endswith(":"):
                    continue  # a lead-in to a nested list
                values = {part: "" for part in PARTS}
                if measurable(text):
                    values["metric"] = text
                if DATE.search(text) or _period_deadline(doc, sub):
                    values["deadline"] = "period"
                values.update(prose_parts(text))
                absent = {part for part in PARTS if not values[part]}
                found.append(Objective(text, block.line, 1, values, absent, "policy"))
    return found
