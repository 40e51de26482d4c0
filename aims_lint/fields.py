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
