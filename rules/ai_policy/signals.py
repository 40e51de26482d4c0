"""What the AI policy rules look for, by meaning: the policy's text units (headings and
blocks with their lines), the statements that fulfil each element of clause 5.2 / 7.4 /
Annex A.2.4, and approvers. Shared by the POL rules; not a rule itself."""

from __future__ import annotations

import re
from typing import Iterator

from aims_lint.reading.metadata import metadata
from aims_lint.patterns import lazy, replace_delimited

from ..document_control.placeholders import is_placeholder

POLICY_TYPE = "ai-policy"


def units(doc) -> list[tuple[int, str]]:
    """(line, text) of every heading and block, in document order. A paragraph or list
    item is one unit; a table is one unit per row. Computed once per document."""
    return doc.memo("pol.units", _units)


def _units(doc) -> list[tuple[int, str]]:
    found = [(section.line, section.title) for section in doc.sections]
    for block in doc.blocks:
        if block.kind != "table":
            found.append((block.line, block.text))
    for table in doc.tables:
        found.append((table.line, " | ".join(cell.text for cell in table.header)))
        for row in table.rows:
            found.append((row.line, " | ".join(cell.text for cell in row.cells)))
    return sorted(found, key=lambda unit: unit[0])


def link_units(doc) -> list[tuple[int, str]]:
    """(line, "text target") for every link: a link's words and where it points."""
    return [(link.line, f"{link.text} {link.target}") for link in doc.links]


def _units_and_links(doc) -> list[tuple[int, str]]:
    return sorted(units(doc) + link_units(doc), key=lambda unit: unit[0])


def _joined(doc) -> str:
    return "\n".join(text for _, text in doc.memo("pol.units+links", _units_and_links))


def first_match(doc, pattern: re.Pattern, with_links: bool = True) -> int | None:
    """Line of the first heading, block or link matching ``pattern``."""
    # One search over the whole text answers "nowhere" (the usual case for a missing
    # element) without trying every unit; a hit is then located unit by unit. Patterns
    # anchored with ^ or $ mean the start or end of a unit, so they skip this shortcut.
    source = pattern.pattern
    if "^" not in source and "$" not in source and not pattern.search(doc.memo("pol.joined", _joined)):
        return None
    candidates = doc.memo("pol.units+links", _units_and_links) if with_links else units(doc)
    for line, text in candidates:
        if pattern.search(text):
            return line
    return None


_SCOPE_TITLE = lazy(r"\bscope\b|\bapplicab|\bapplies to\b|\bcoverage\b|\bpérimètre\b|\bchamp d'application\b|\bgeltungsbereich\b|\balcance\b", re.I)
_SYSTEMS = lazy(r"\bAI (?:systems?|tools?|components?|applications?|models?|services?|products?|agents?)\b|\bchatbots?\b|\bassistants?\b|\bscoring model\b|\bmodels?\b|\bsystèmes? d'(?:IA|intelligence artificielle)\b|\bKI-Systeme?\b", re.I)
_REVIEW_TITLE = lazy(r"\breview|\bmaintenance\b|\bupdate\b|\brevue\b|\brévision\b", re.I)
_INTERVAL = lazy(
    r"\b(?:annual(?:ly)?|yearly|every\s+(?:\w+\s+)?(?:months?|years?)|each year|at least once|planned intervals?|quarterly"
    r"|\d+\s*months?|twelve months|once a year|per year|biennial(?:ly)?|annuel(?:le)?(?:ment)?|chaque année|tous les \d+ mois)\b",
    re.I,
)


_THIS_POLICY = lazy(
    r"\b(?:this|the)\s+(?:AI\s+)?(?:management\s+)?(?:policy|document|statement)\b[^.\n]{0,60}\breview"
    r"|\breview\w*\s+(?:and\s+update\s+)?(?:of\s+)?(?:this|the)\s+(?:AI\s+)?(?:management\s+)?(?:policy|document)\b"
    r"|\bpolicy\s+review\b|\breview\w*\s+(?:of\s+)?(?:the\s+)?policy\b",
    re.I,
)


def scope_reference(doc) -> int | None:
    """Line of a reference to the AIMS scope or the AI systems in scope: a scope statement,
    a link to the scope document, or a Scope section that names the AI systems."""
    line = first_match(doc, SCOPE)
    if line is not None:
        return line
    for section in doc.sections:
        if _SCOPE_TITLE.search(section.title) and _SYSTEMS.search(section.text):
            return section.line
    return None


def review_interval(doc) -> int | None:
    """Line of a statement that the policy is reviewed at planned intervals."""
    for line, text in units(doc):
        # "The AI tool register is reviewed quarterly" is not the policy's review.
        if REVIEW.search(text) and _THIS_POLICY.search(text):
            return line
    for section in doc.sections:
        if _REVIEW_TITLE.search(section.title) and _INTERVAL.search(section.text):
            return section.line
    return None


def anchor_line(doc) -> tuple[int, int]:
    """Where to report something absent: the document's first heading, else line 1."""
    if doc.sections:
        return doc.sections[0].line, 1
    return doc.body_start_line if doc.front_matter is not None and doc.body_start_line <= len(doc.lines) else 1, 1


# -- the elements of clause 5.2 / 7.4 / A.2.4, each recognised by several phrasings ---------

_AI = r"(?:AI|artificial intelligence|machine learning|ML|AIMS|AI management system|models?|algorithm\w*)"

SCOPE = lazy(
    r"\b(?:AIMS|AI management system)\b[^.\n]{0,40}\bscope\b|\bscope\b[^.\n]{0,60}\b(?:AIMS|AI management system)\b"
    r"|\bAI systems?\b[^.\n]{0,40}\bin scope\b|\bin[- ]scope\b[^.\n]{0,40}\bAI systems?\b"
    r"|\bAI systems?\b[^.\n]{0,30}\b(?:covered|listed|inventory|register)\b|\b(?:inventory|register) of AI systems?\b"
    r"|\bscope(?:\.md|-statement|_statement)\b|\bscope[^.\n]{0,40}\b(?:AIMS|AI)\b",
    re.I,
)
OBJECTIVES = lazy(
    r"\b(?:AI|AIMS|AI management system|responsible AI)(?:[- ]related)? objectives?\b"
    r"|\bobjectives?\b[^.\n]{0,60}\b(?:AI|AIMS|AI management system)\b"
    r"|\bframework for (?:setting|establishing)\b[^.\n]{0,30}\bobjectives?\b"
    r"|\bobjectives?[-_ ](?:register|and[-_ ]kpis?|\.md)|\bobjectives\.md\b"
    r"|\bobjectives?\b[^.\n]{0,60}\b(?:are|is) (?:set|established|cascaded|defined)\b"
    r"|\bobjectifs?\b[^.\n]{0,60}\b(?:IA|intelligence artificielle|d[ée]clin[ée]s?|fix[ée]s?)\b|\bse fixe pour objectifs?\b"
    r"|\b(?:KI-Ziele|Ziele\b[^.\n]{0,40}\bKI)\b|\bobjetivos?\b[^.\n]{0,40}\bIA\b",
    re.I,
)
_OBLIGATIONS = r"(?:requirements?|obligations?|laws?|regulations?|legislation|AI Act|GDPR|rules)"
_COMMIT = r"(?:commit\w*|compl(?:y|ies|iance|iant)|meet\w*|satisf\w+|fulfil\w*|adher\w+|abid\w+|conform\w*|observ\w+|respect\w*|in accordance with|lawful\w*)"
REQUIREMENTS = lazy(
    rf"\b{_COMMIT}\b[^.\n]{{0,80}}\b(?:applicable|legal|statutory|regulatory|contractual|relevant)\b[^.\n]{{0,40}}\b{_OBLIGATIONS}\b"
    rf"|\b(?:applicable|legal|statutory|regulatory|contractual)\b[^.\n]{{0,40}}\b{_OBLIGATIONS}\b[^.\n]{{0,60}}\b{_COMMIT}\b"
    rf"|\bcompl(?:y|ies|iance) with\b[^.\n]{{0,80}}\b{_OBLIGATIONS}\b"
    rf"|^(?:legal|regulatory) (?:and regulatory )?compliance$|^compliance with (?:laws|legal|applicable)|^lawfulness$"
    r"|\b(?:conformément|conform[ée]s?|respect\w*|se conformer)\b[^.\n]{0,80}\b(?:réglementation|législation|lois?|exigences (?:légales|réglementaires|applicables)|RGPD|AI Act)\b"
    r"|\bexigences (?:légales|réglementaires|applicables)\b|\bréglementation applicable\b"
    r"|\b(?:gesetzlichen|regulatorischen) Anforderungen\b|\bnormativa aplicable\b",
    re.I,
)
CONTINUAL_IMPROVEMENT = lazy(
    r"\b(?:continual(?:ly)?|continuous(?:ly)?|ongoing)\s+improv\w*|\bimprov\w+\s+continual(?:ly)?\b"
    r"|\bamélioration continue\b|\baméliorer (?:en )?continu\w*|\bkontinuierliche\w* Verbesserung\b|\bmejora continua\b",
    re.I,
)
COMMUNICATE = lazy(
    r"\b(?:communicat\w*|publish\w*|made available|make available|available to|distribut\w*|disseminat\w*|shared with|share\w* with"
    r"|circulat\w*|intranet|website|public(?:ly)? available|on request|upon request|acknowledg\w*|brief\w*|induction|onboarding|awareness"
    r"|communiqu\w*|publié\w*|diffus\w*|mise? à (?:la )?disposition|sensibilisation|sur demande|qui en font la demande)\b",
    re.I,
)
INTERNAL = lazy(
    r"\b(?:employees?|staff|personnel|workers?|workforce|colleagues|contractors|internal(?:ly)?|intranet|induction|onboarding"
    r"|all (?:persons|people) working|people working|team members"
    r"|collaborateurs|collaboratrices|personnel|salariés|employés|agents|Mitarbeite\w*|empleados)\b",
    re.I,
)
EXTERNAL = lazy(
    r"\b(?:interested parties|external(?:ly)?|public(?:ly)?|customers?|clients?|suppliers?|partners?|regulators?|stakeholders?"
    r"|website|on request|upon request|third parties|users"
    r"|parties intéressées|externes?|public|clients?|fournisseurs|sur demande|qui en font la demande|site web)\b",
    re.I,
)
REVIEW = lazy(
    r"\breview\w*\b[^.\n]{0,80}\b(?:annual(?:ly)?|yearly|every\s+(?:\w+\s+)?(?:months?|years?)|each year|at least once|planned intervals?"
    r"|(?:bi-?)?annual|quarterly|\d+\s*months?|twelve months|regular intervals|once a year|per year)\b"
    r"|\b(?:annual(?:ly)?|yearly|quarterly|planned|periodic)\s+(?:policy\s+)?review\w*\b"
    r"|\b(?:revue|révis\w+|réexamin\w+)\b[^.\n]{0,80}\b(?:annuel\w*|chaque année|tous les \d+ mois|intervalles planifiés)\b",
    re.I,
)
MANAGEMENT_REVIEW = lazy(r"\bmanagement[- ]reviews?\b|\bmanagement-review\b|\bclause 9\.3\b|\b9\.3\b", re.I)


# Spaces before a separator are taken from the first of them only: retried from every
# space of a long run, the pattern rescanned the run each time (issue 10).
_APPROVER_SEPARATORS = lazy(r"(?:(?<!\s)\s++)?(?:,|/|&|;|\band\b|\bon behalf of\b)\s*+", re.I)


def split_approvers(value: str) -> list[str]:
    text = replace_delimited(value, "(", ")", across_lines=False)
    parts = _APPROVER_SEPARATORS.split(text)
    return [re.sub(r"^the\s+", "", part.strip(" .*_`"), flags=re.I) for part in parts if part.strip(" .*_`")]


def is_top_management(value: str, roles: list[str]) -> bool:
    """True when the approver, or one of several, is a top-management role (whole value),
    or a committee of the board ("Board AI Oversight Committee", "Board Risk Committee")."""
    wanted = {role.strip().lower() for role in roles if role.strip()}
    for part in split_approvers(value):
        if part.lower() in wanted or re.match(r"^board\b[\w\s-]*\bcommittee$", part, re.I):
            return True
    return False


def approvers(doc) -> Iterator[tuple[int, int, str]]:
    """(line, column, value) of the policy's approver: front matter ``approved_by``, else
    an "Approved by" field or row in the text (real policies keep it in a table)."""
    value = doc.meta.get("approved_by")
    if isinstance(value, (str, list)) and value:
        text = ", ".join(str(item) for item in value) if isinstance(value, list) else value
        yield (*doc.value_position("approved_by"), text)
        return
    item = metadata(doc).get("approved_by")  # a body document-control block ("Approving Authority")
    if item is not None and item.text:
        yield item.line, item.column, item.text
    for field in doc.fields_named("approved_by"):
        if item is None or field.line != item.line:
            yield field.line, field.column, field.value
    for table in doc.tables:
        index = table.column_index("approved_by")
        if index is None:
            continue
        for row in table.rows:
            if index < len(row.cells) and row.cells[index].text:
                yield row.cells[index].line, row.cells[index].column, row.cells[index].text


def filled(value: str) -> bool:
    text = value.strip()
    return bool(text) and not is_placeholder(text) and not re.fullmatch(r"\[[^\]]*\]|<[^>]*>|\{\{.*\}\}", text) and not re.fullmatch(r"[_\-\s.*]*|n/?a|none|tbd|tbc", text, re.I)


_KPI_COLUMN = lazy(r"\b(?:KPIs?|key performance indicators?|indicators?|metrics?|measures?|indicateurs?|objectives?|objectifs?)\b", re.I)
_TARGET_COLUMN = lazy(r"\b(?:targets?|goals?|thresholds?|cibles?|valeurs? cibles?|Zielwert\w*|metas?)\b", re.I)


def objectives_framework(doc) -> int | None:
    """Line of a framework for setting AI objectives (5.2 b): a statement that AI objectives
    are set (or a link to them), or a table of objectives, KPIs or indicators with their
    targets (a measurable objective is set by giving it a target)."""
    line = first_match(doc, OBJECTIVES)
    if line is not None:
        return line
    for table in doc.tables:
        header = [cell.text for cell in table.header]
        if not any(text.strip() for text in header) and table.rows:
            header = [cell.text for cell in table.rows[0].cells]  # an empty header row, the names in the first row
        if table.rows and any(_KPI_COLUMN.search(text) for text in header) and any(_TARGET_COLUMN.search(text) for text in header):
            return table.line
    return None


_APPROVED_BY = lazy(
    r"\b(?:approved|adopted|endorsed|approuvée?s?|adoptée?s?|validée?s?|genehmigt|freigegeben|aprobad[oa]s?)\s++(?:by|par|von|por)\s++"
    r"(?:the\s++|la\s++|le\s++|les\s++|l'|der\s++|dem\s++|die\s++|el\s++)?",
    re.I,
)


def approved_in_text(doc, roles: list[str]) -> int | None:
    """Line of a sentence recording approval by a top-management role ("Document approved
    by the Board on 2 March 2026", "approuvé par la Direction Générale"): policies often
    record it in a closing line rather than a field."""
    from ..common import term_pattern

    pattern = term_pattern(roles)
    if pattern is None:
        return None
    for line, text in units(doc):
        # A record, not a rule about approvals ("topic-specific policies are approved by
        # top management before publication"): a short line that dates the approval or
        # names the document.
        if len(text) > 200 or not (_YEAR.search(text) or _RECORD_START.match(text)):
            continue
        for found in _APPROVED_BY.finditer(text):
            if pattern.match(text, found.end()):
                return line
    return None


_YEAR = lazy(r"\b(?:19|20)\d\d\b")
_RECORD_START = lazy(r"[\s*_>]*(?:document|this (?:policy|charter|document)|approved|adopted|cette|ce document|la présente|le présent|approuvée?)\b", re.I)
