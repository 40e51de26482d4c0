import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, Related, rule

from .rating_inconsistent import method_of
from .register import parse_rating, reading, risks

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "no": 0, "zero": 0}
# "3 high risks", "three High-rated risks", "2 critical-level risks"
_COUNT = lazy(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|no|zero)\s++"
    r"(very high|very low|critical|high|medium|moderate|low)(?:[- ](?:rated|rating|level|priority))?\s++risks?\b",
    re.I,
)
# Counts of a subset or of a period, not of the register: stay silent.
_SUBSET = lazy(
    r"\b(top|new|newly|added|closed|since|this (quarter|month|year)|last|previous|escalated|remaining|open|accepted"
    r"|residual|after (treatment|controls?|mitigation)|of which|among|including|per|each|system|systems|model)\b",
    re.I,
)
# ... and in a summary table's title, caption or headers, also the state after a change
# or at a date ("target", "Q3", "2025", "trend"), which are not the register's count.
_TABLE_SUBSET = lazy(
    r"\b(active|target|current|treated|untreated|trend|change|movement|delta|q[1-4]|h[12]|fy\d{2,4}|(?:19|20)\d{2}|by (?:owner|category|dimension|status))\b",
    re.I,
)
_SAME = {"moderate": "medium"}
_LEVEL_CELL = lazy(r"^(very high|very low|critical|high|medium|moderate|low)(?:[- ](?:risks?|rated|rating|level|priority))?$", re.I)
_COUNT_HEADER = lazy(r"\b(count|number|no\.|anzahl|amount)\b|^#|\(#\)|^risks$", re.I)
_TOTAL_CELL = lazy(r"^(?:total|all|sum|gesamt|summe)(?: (?:number of )?risks?)?$", re.I)
_INTEGER = lazy(r"^\d{1,4}$")


def _level(risk, bands, name: str = "rating") -> str | None:
    rating = risk.values.get(name)
    if rating is None:
        return None
    score, level = parse_rating(rating.text)
    if level is not None:
        return _SAME.get(level, level)
    if score is not None:
        holding = [band.level for band in bands if band.low <= score <= band.high]
        if len(set(holding)) == 1:
            return _SAME.get(holding[0], holding[0])
    return None


def _clean(text: str) -> str:
    return text.strip().strip("*_` ").strip()


def _level_word(text: str) -> str | None:
    match = _LEVEL_CELL.match(_clean(text))
    if not match:
        return None
    word = match.group(1).lower()
    return _SAME.get(word, word)


def _title(doc, table) -> str:
    """The words around a table that say what it counts: its section's title and a
    caption just above it."""
    title = table.section.title if table.section is not None else ""
    return title + " " + " ".join(
        block.text[:200] for block in doc.blocks if block.kind == "paragraph" and table.line - 3 <= block.end_line < table.line
    )


def _of_a_subset(text: str) -> bool:
    return bool(_SUBSET.search(text) or _TABLE_SUBSET.search(text))


def summary_tables(doc) -> list[tuple[dict[str, tuple[int, object]], tuple[int, object] | None, int]]:
    """Summary tables counting the register's risks by level: (level -> (count, cell),
    the total (count, cell) or None, the table's line). Two layouts: a row per level
    ("| Level | Count |", "| High | 3 |", a "| Total | 8 |" row) and a column per level
    ("| Critical | High | Medium | Low | Total |" over one row of counts). Tables of a
    subset or a period (residual, new, this quarter, top 10, per system) are not read."""
    roles = reading(doc).roles
    found = []
    for table in doc.tables:
        if roles.get(table.line) in ("register", "archive") or not table.rows:
            continue
        around = _title(doc, table)
        if _of_a_subset(around):
            continue
        counted = _rows_per_level(table) or _columns_per_level(table, around)
        if counted is not None and not _numbering(counted[0]):
            found.append((*counted, table.line))
    return found


def _numbering(levels) -> bool:
    """Counts that run 1, 2, 3, ... (or down) level by level: a scale's numbering
    ("| Low | Medium | High |" over "| 1 | 2 | 3 |"), not a count."""
    numbers = [count for count, _ in levels.values()]
    if len(numbers) < 3 or sorted(numbers) != list(range(1, len(numbers) + 1)):
        return False
    return numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)


def _rows_per_level(table):
    heads = [_clean(cell.text) for cell in table.header]
    if any(_of_a_subset(head) for head in heads):
        return None  # "| Level | Inherent | Residual |", "| Level | Open |": a count of something else
    # The count column: its header says so and its cells are numbers ("| Risks |" listing
    # the identifiers is not it).
    counts = [
        index for index, head in enumerate(heads)
        if _COUNT_HEADER.search(head) and all(
            len(row.cells) > index and _INTEGER.match(_clean(row.cells[index].text)) for row in table.rows
        )
    ]
    if len(counts) != 1:
        return None  # "| Level | Inherent | Residual |": two counts, or a count of something else
    at = counts[0]
    levels: dict[str, tuple[int, object]] = {}
    total = None
    for row in table.rows:
        if len(row.cells) <= at:
            return None
        label = next((cell for index, cell in enumerate(row.cells) if index != at and _clean(cell.text)), None)
        value = _clean(row.cells[at].text)
        if label is None:
            continue
        if not _INTEGER.match(value):
            return None  # "| High | 10-25 |": a band, not a count
        word = _level_word(label.text)
        if word is not None:
            if word in levels:
                return None
            levels[word] = (int(value), row.cells[at])
        elif _TOTAL_CELL.match(_clean(label.text)):
            total = (int(value), row.cells[at])
        else:
            return None  # a row of something else: not a count by level
    return (levels, total) if len(levels) >= 2 else None


_SUMMARY_WORDS = lazy(r"\b(summary|summar\w+|count\w*|number|distribution|profile|overview|breakdown|totals?)\b", re.I)


def _columns_per_level(table, around: str):
    heads = [_clean(cell.text) for cell in table.header]
    words = [_level_word(head) for head in heads]
    if sum(1 for word in words if word) < 2 or len({word for word in words if word}) < sum(1 for word in words if word):
        return None
    total_at = next((index for index, head in enumerate(heads) if _TOTAL_CELL.match(head)), None)
    label_at = [index for index, word in enumerate(words) if word is None and index != total_at]
    if len(label_at) > 1 or label_at and label_at[0] != 0:
        return None
    rows = []
    for row in table.rows:
        if len(row.cells) < len(heads):
            continue
        label = _clean(row.cells[0].text) if label_at else ""
        if label and (_of_a_subset(label) or not (_COUNT_HEADER.search(label) or _TOTAL_CELL.match(label) or "register" in label.lower())):
            return None  # "| Inherent | 1 | 2 |", "| Q3 | ...": by phase or period, not the register's count
        if all(_INTEGER.match(_clean(row.cells[index].text)) for index, word in enumerate(words) if word):
            rows.append(row)
    if len(rows) != 1 or len(rows) != len(table.rows):
        return None
    row = rows[0]
    # What says the numbers are counts: a row label ("Number of risks"), a Total column,
    # or the title or caption ("Risk profile", "Summary").
    if not (label_at and _clean(row.cells[0].text)) and total_at is None and not _SUMMARY_WORDS.search(around):
        return None
    levels = {word: (int(_clean(row.cells[index].text)), row.cells[index]) for index, word in enumerate(words) if word}
    total = None
    if total_at is not None and _INTEGER.match(_clean(row.cells[total_at].text)):
        total = (int(_clean(row.cells[total_at].text)), row.cells[total_at])
    return levels, total


def _shown(risks_of_level) -> str:
    return ", ".join(f"'{risk.label}'" for risk in risks_of_level[:5]) + (" and more" if len(risks_of_level) > 5 else "") if risks_of_level else "none"


def _level_name(level: str) -> str:
    return level.title() if level != "very high" else "Very High"


@rule(
    code="RSK010",
    name="risk-summary-count-mismatch",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 day",
    message="the text counts {stated} {level} risks but the register rates {actual} risks {level} ({risks}); correct the summary or the ratings so the two agree",
    summary="A summary count of risks by level ('3 high risks', a '| Level | Count |' table) that does not match the register of the same document.",
)
def check(doc, ctx):
    found = risks(doc)
    if len(found) < 2:
        return
    bands, _, _, _ = method_of(doc, ctx)
    levels = [_level(risk, bands) for risk in found]
    if any(level is None for level in levels):
        return  # the register's levels are not all readable: no count to compare
    reported = set()
    for line, text in doc.prose_lines:
        if "risk" not in text.lower() or text.lstrip().startswith("|"):
            continue  # a register row is not a summary
        for match in _COUNT.finditer(text):
            if _SUBSET.search(text):
                break
            stated = int(match.group(1)) if match.group(1).isdigit() else _WORDS[match.group(1).lower()]
            level = _SAME.get(match.group(2).lower(), match.group(2).lower())
            rated = [risk for risk, found_level in zip(found, levels) if found_level == level]
            if stated == len(rated) or (line, level) in reported:
                continue
            reported.add((line, level))
            shown = _shown(rated)
            related = [Related(risk.values["rating"].line, risk.values["rating"].column, f"'{risk.label}': {level}") for risk in rated[:20]]
            if not rated:
                related = [Related(found[0].line, found[0].column, "the register")]
            yield Problem(line, 1 + match.start(), stated=stated, level=_level_name(level),
                          actual=len(rated), risks=shown, related=related)
    if len({risk.register for risk in found}) > 1:
        return  # several registers in one document: a table may count only one of them
    residual = [_level(risk, bands, "residual") for risk in found]
    for counted, total, _ in summary_tables(doc):
        if None not in residual and all(
            stated == sum(1 for level in residual if level == name) for name, (stated, _) in counted.items()
        ):
            continue  # the counts of the residual levels: a summary of the risk after treatment
        problem = _table_problem(found, levels, counted, total)
        if problem is not None:
            yield problem


def _table_problem(found, levels, counted, total):
    """One finding per summary table: every count of it that the register contradicts."""
    wrong, related = [], []
    for level, (stated, cell) in counted.items():
        rated = [risk for risk, found_level in zip(found, levels) if found_level == level]
        if stated != len(rated):
            wrong.append((cell, f"{stated} {_level_name(level)} risk{'' if stated == 1 else 's'}", f"{len(rated)} {_level_name(level)} ({_shown(rated)})"))
    if total is not None and total[0] != len(found):
        wrong.append((total[1], f"{total[0]} risk{'' if total[0] == 1 else 's'} in total", f"{len(found)} in all ('{found[0].label}' to '{found[-1].label}')"))
    if not wrong:
        return None
    first = wrong[0][0]
    related = [Related(cell.line, cell.column, f"the count {stated}") for cell, stated, _ in wrong[1:]]
    related.append(Related(found[0].line, found[0].column, "the register"))
    message = (
        "the summary table counts " + ", ".join(stated for _, stated, _ in wrong)
        + " but the register holds " + ", ".join(actual for _, _, actual in wrong)
        + "; correct the summary or the ratings so the two agree"
    )
    return Problem(first.line, first.column, message=message, related=related)
