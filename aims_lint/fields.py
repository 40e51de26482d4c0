"""Canonical names for table columns and labelled fields, recognised by meaning.

Real repositories spell the same column many ways ("Owner", "Responsible",
"Accountable role"; "Record", "Evidence", "Records / evidence"). The document model maps
each header cell and each field label to one canonical name with these patterns, so a
rule asks for ``row["owner"]`` and never cares about the spelling.

Order matters: the first pattern that matches wins, so specific names come before the
generic ones they contain ("next review" before "review", "risk owner" is an owner and
not a risk).
"""

from __future__ import annotations

from functools import lru_cache

from aims_lint.patterns import lazy, replace_delimited

# (canonical name, pattern searched in the normalised label)
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("next_review", r"^next (review|assessment|evaluation)|^(review|reassessment) (date|due)$|^due for review$"),
    ("last_reviewed", r"^(last|date of last) (review(ed)?|assess(ed|ment)|updated?)"),
    ("review_frequency", r"\b(review|monitoring|measurement|reporting|assessment) (frequency|cycle|interval|cadence)\b|^(frequency|cadence|interval)$"),
    ("approved_by", r"^approved by$|^approver$|^approval$"),
    ("approved_on", r"^(approved on|approval date|date approved|date of approval)$"),
    ("owner", r"\bowner\b|\bresponsib|\baccountab|\bassignee\b|^assigned to$|^lead$"),
    ("due", r"^(due|due date|deadline|target date|by when|completion date|target completion|timeline|timeframe)$"),
    ("evidence", r"\brecords?\b|\bevidence\b|\bproof\b"),
    ("procedure", r"\bprocedures?\b|\bimplementing document|\bpolic(y|ies) reference|^implementation reference"),
    ("justification", r"\bjustification|\brationale\b|^reason(s| for)?|\bexclusion reason"),
    ("applicable", r"\bapplicab|^included\??$|^selected\??$|^in scope\??$|^inclusion$"),
    ("control", r"^(annex a )?controls?( id| ref(erence)?| no\.?| number)?$|^control objective"),
    ("controls", r"^(related|mapped|linked|applicable|annex a|iso) controls?\b|^controls? (applied|mapped|references?)"),
    ("likelihood", r"\blikelihood\b|\bprobability\b"),
    ("severity", r"\bseverity\b|\bimpact\b(?! assessment)|\bconsequence"),
    ("rating", r"\b(risk )?(score|rating|level)\b|^inherent risk$|^risk$ level"),
    ("residual", r"\bresidual\b"),
    ("treatment", r"\btreatment\b|\bmitigation\b|^response$|^risk response$"),
    ("dimension", r"\bcategory\b|\bdimension\b|^risk type$|^domain$|^risk area$"),
    ("risk", r"^risk( description| title| scenario| statement| name)?$|^threat|^hazard"),
    ("objective", r"^(ai )?objectives?( title| description| statement)?$|^goal$"),
    ("metric", r"\bmetrics?\b|\bkpis?\b|\bindicators?\b|^measures?$|^measurable"),
    ("target", r"^targets?( values?)?$|\bthresholds?\b"),
    ("baseline", r"\bbaseline\b"),
    ("method", r"\bmethod\b|^how (measured|evaluated|assessed)$"),
    ("frequency", r"\bfrequency\b|\bcadence\b"),
    ("role", r"^(job )?roles?( title| name)?$|^position$|^function$"),
    ("competencies", r"\bcompeten|\bskills?\b|\bqualification"),
    ("status", r"\bstatus\b|^state$"),
    ("decision", r"\bdecisions?\b"),
    ("action", r"^(corrective )?actions?( item| description)?$|^task$"),
    ("system", r"^(ai )?system( id| name)?$"),
    ("version", r"^version$|^rev(ision)?$"),
    ("date", r"^date$"),
    ("id", r"^(id|ref|no\.?|#|ref\.? ?no\.?|reference|item)$|^(risk|objective|action|finding|control) (id|ref|no\.?)$"),
    ("title", r"^title$|^name$"),
    ("description", r"^description$|^details$"),
)
_COMPILED = tuple((name, lazy(pattern)) for name, pattern in _PATTERNS)
_EMPHASIS = lazy(r"[*_`~]")
_NON_WORD = lazy(r"[^a-z0-9#./ ]+")


_NO_EMPHASIS = str.maketrans("", "", "*_`")


def header_text(cell) -> str:
    """A table header cell as the readings compare it: lower case, without emphasis,
    spaces collapsed (words and punctuation kept, unlike ``normalise_label``)."""
    return " ".join(cell.text.translate(_NO_EMPHASIS).split()).lower()


def normalise_label(label: str) -> str:
    """Lower-case a label and drop Markdown emphasis, parentheses and punctuation."""
    # Parentheses and brackets in linear time: \(.*?\) rescans to the end of the label
    # from every unclosed "(" (issue 10).
    text = _EMPHASIS.sub(" ", replace_delimited(label.lower(), "(", ")", "[", "]", across_lines=False))
    text = _NON_WORD.sub(" ", text.replace("&", " and ").replace("/", " / "))
    return " ".join(word for word in text.split() if word != "/").strip(" .:")


@lru_cache(maxsize=4096)
def canonical_name(label: str) -> str | None:
    """The canonical column or field name a label means, or None if it means none we know."""
    text = normalise_label(label)
    if not text or text.count(" ") >= 6:
        return None  # a sentence ending in a colon, not a label
    for name, pattern in _COMPILED:
        if pattern.search(text):
            return name
    return None


# ---------------------------------------------------------------------------
# Header words per concept: the one table the configuration extends.
#
# For each concept the reading layer reads, the fields a table header or a field label
# can name, each with the canonical name it stands for in that reading. The built-in
# words are the patterns above (and each reading's own, where it recognises more from
# content); an organisation adds its own words with the ``header-words`` configuration
# key, e.g. ``risks: {likelihood: [Eintrittswahrscheinlichkeit]}``. A configured word
# wins over the built-in meaning of the same header.
READING_FIELDS: dict[str, dict[str, str]] = {
    "risks": {
        "id": "id", "risk": "risk", "dimension": "dimension", "likelihood": "likelihood", "severity": "severity",
        "rating": "rating", "owner": "owner", "treatment": "treatment", "controls": "controls", "action": "action",
        "status": "status", "due": "due", "residual": "residual", "residual_likelihood": "residual_likelihood",
        "residual_severity": "residual_severity",
    },
    "objectives": {
        "objective": "objective", "metric": "metric", "target": "target", "owner": "owner",
        "frequency": "review_frequency", "method": "method", "due": "due",
    },
    "soa": {
        "control": "id", "title": "title", "decision": "decision", "justification": "justification", "status": "status",
        "procedure": "procedure", "evidence": "evidence", "owner": "owner",
    },
    "competence": {
        "role": "role", "competencies": "competencies", "method": "method", "status": "status", "next_review": "next_review",
    },
    # Labels of a body document-control block; the built-in ones are the
    # ``document_control_labels`` vocabulary of the rule pack.
    "document-control": {
        key: key for key in (
            "id", "title", "owner", "version", "status", "approved_by", "approved_on", "last_reviewed",
            "review_interval", "next_review", "classification", "effective", "date", "author",
        )
    },
}


def header_key(label: str) -> str:
    """A header or label as configured words are compared with it: lower case, without
    emphasis, punctuation or anything in parentheses ("**Eintrittswahrscheinlichkeit
    (1-5)**" reads "eintrittswahrscheinlichkeit")."""
    return normalise_label(label)


class HeaderWords:
    """The organisation's header words: concept -> the field each word names there."""

    __slots__ = ("_words",)

    def __init__(self, configured: dict[str, dict[str, list[str]]] | None = None):
        self._words: dict[str, dict[str, str]] = {}
        for concept, fields in (configured or {}).items():
            table = self._words.setdefault(concept, {})
            for name, words in fields.items():
                for word in words:
                    key = header_key(word)
                    if key:
                        table.setdefault(key, name)

    def __bool__(self) -> bool:
        return bool(self._words)

    def field(self, concept: str, label: str) -> str | None:
        """The field of ``concept`` a header or label names by the organisation's words, or None."""
        table = self._words.get(concept)
        return table.get(header_key(label)) if table else None

    def canonical(self, concept: str, label: str) -> str | None:
        """The canonical column name (see ``READING_FIELDS``) a configured word gives a label."""
        name = self.field(concept, label)
        return READING_FIELDS[concept][name] if name is not None else None

    def words(self, concept: str) -> dict[str, str]:
        return self._words.get(concept, {})


NO_HEADER_WORDS = HeaderWords()


def header_words_of(config) -> HeaderWords:
    """The configuration's header words, with document-control labels given through
    the ``vocabularies`` key (``document_control_labels: ["approved_by: Freigabe durch"]``)."""
    configured = {concept: {name: list(words) for name, words in fields.items()} for concept, fields in config.header_words.items()}
    for line in config.vocabularies.get("document_control_labels", ()):
        key, _, label = line.partition(":")
        if key.strip() in READING_FIELDS["document-control"] and label.strip():
            configured.setdefault("document-control", {}).setdefault(key.strip(), []).append(label.strip())
    return HeaderWords(configured) if configured else NO_HEADER_WORDS
