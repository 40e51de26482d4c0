"""Where a risk assessment's criteria are written: the document itself, documents it
points to (relative links, a file named in inline code such as
`` `0060_Risk_Methodology.md` ``, or a front-matter value naming another document's id),
or another risk-assessment document of the repository: a register, a methodology and an
acceptance-criteria document are one AIMS's risk assessment, and its criteria are
defined once for all of them."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from aims_lint.patterns import lazy
from aims_lint.workspace import resolve_link

RISK_TYPE = "risk-assessment"


def _named_in_code(workspace, doc, paths) -> list[str]:
    """Files of the repository named in inline code: a path from the document's folder
    or the root, or a file name that only one file of the repository has."""
    by_name: dict[str, list[str]] | None = None
    found = []
    for span in doc.code_spans:
        text = span.text.strip()
        if not text.lower().endswith((".md", ".markdown")) or " " in text or len(text) > 300:
            continue
        resolved = resolve_link(doc.relpath, text)
        if resolved.relpath in paths:
            found.append(resolved.relpath)
            continue
        if text.lstrip("./") in paths:
            found.append(text.lstrip("./"))
            continue
        if "/" not in text:
            if by_name is None:
                by_name = {}
                for path in paths:
                    by_name.setdefault(posixpath.basename(path), []).append(path)
            if len(by_name.get(text, ())) == 1:
                found.append(by_name[text][0])
    return found


def linked_documents(workspace, doc) -> tuple[list[str], list[str]]:
    """(relative paths of the documents the risk assessment links to, link targets that
    resolve to nothing). Nothing is read: the index knows the ids."""
    found, broken, seen = [], [], {doc.relpath}
    paths = workspace.paths()
    for link in doc.links:
        target = link.target.strip()
        resolved = resolve_link(doc.relpath, target)
        if not target or resolved.external or target.startswith("#"):
            continue
        relpath = resolved.relpath
        if relpath is None or relpath in seen:
            continue
        seen.add(relpath)
        if relpath not in paths:
            broken.append(target)
            continue
        found.append(relpath)
    for key, value in doc.meta.items():
        if key in ("id", "type", "title", "owner") or not isinstance(value, str):
            continue
        for relpath in workspace.ids().get(value.strip(), ()):
            if relpath not in seen:
                seen.add(relpath)
                found.append(relpath)
    for relpath in _named_in_code(workspace, doc, paths):
        if relpath not in seen:
            seen.add(relpath)
            found.append(relpath)
    return found, broken


def sibling_assessments(workspace, doc) -> list[str]:
    """The other risk-assessment documents of the repository (every one when ``doc`` is
    None), in path order."""
    own = doc.relpath if doc is not None else None
    return sorted(
        relpath for relpath, (doc_type, _) in workspace.index().items() if doc_type == RISK_TYPE and relpath != own
    )


def linked_criteria(workspace, doc, terms: list[str]) -> list[dict]:
    """For each document the risk assessment points to, and each other risk-assessment
    document of the repository, whether it defines a likelihood scale, a severity scale
    and an acceptance threshold; kept in the facts cache, so a procedure that every
    assessment links to is read once, not once per assessment."""
    import zlib

    from .register import has_acceptance_threshold, has_scale

    # The acceptance terms can be extended in the configuration: they are part of the key.
    key = f"rsk.criteria.2.{zlib.crc32(chr(10).join(terms).encode()):08x}"

    def compute(other) -> dict:
        return {
            "likelihood": has_scale(other, "likelihood"),
            "severity": has_scale(other, "severity"),
            "threshold": has_acceptance_threshold(other, terms),
        }

    shape = {"likelihood": bool, "severity": bool, "threshold": bool}
    found = []
    linked = linked_documents(workspace, doc)[0]
    # The repository's risk-method procedures ("Risk management procedure", "Risk
    # assessment methodology"): their criteria are the AIMS's, named or not.
    linked += [relpath for relpath in method_procedures(workspace) if relpath not in linked and relpath != doc.relpath]
    for relpath in linked:
        facts = workspace.fact(relpath, key, compute, shape)
        if isinstance(facts, dict):
            found.append(facts)
    # The other risk-assessment documents, as one: counted once per run over them all
    # (a per-document walk over every sibling would grow with the square of their number).
    counts, total = workspace.memo(f"{key}.siblings", lambda ws: _count_criteria(ws, key, compute, shape))
    own = workspace.fact(doc.relpath, key, compute, shape) if doc.relpath in workspace.index() else None
    own = own if isinstance(own, dict) else {}
    others = total - (1 if workspace.index().get(doc.relpath, (None,))[0] == RISK_TYPE else 0)
    if others > 0:
        found.append({name: counts[name] - bool(own.get(name)) > 0 for name in shape})
    return found


def _count_criteria(workspace, key, compute, shape) -> tuple[dict[str, int], int]:
    """How many risk-assessment documents of the repository define each criterion, and
    how many there are."""
    counts = dict.fromkeys(shape, 0)
    total = 0
    for relpath, (doc_type, _) in workspace.index().items():
        if doc_type != RISK_TYPE:
            continue
        total += 1
        facts = workspace.fact(relpath, key, compute, shape)
        if isinstance(facts, dict):
            for name in shape:
                counts[name] += bool(facts.get(name))
    return counts, total


# ---------------------------------------------------------------------------
# The rating method a register applies, written in a separate document
#
# Many organisations keep the likelihood/severity scales and the rating matrix in a risk
# management procedure or methodology; the register only applies them. A register whose
# own document has no bands (or does not say the rating is likelihood × severity) is
# judged against the method of the documents it links to, else against the repository's
# one risk-method document. Read through the facts cache: a single-file run does not
# parse the method again while it is unchanged.

METHOD_FACT = "rsk.method.1"
_OPTIONAL_INT = frozenset({int, type(None)})
METHOD_SHAPE = {
    "title": str,
    "rated": int,
    "bands": [(str, int, int, int)],
    "product": _OPTIONAL_INT,
    "third": bool,
    "scales": {"likelihood": [(str, int, int)], "severity": [(str, int, int)]},
}
_METHOD_TITLE = lazy(
    r"\b(method\w*|criteria|matrix|scoring|scales?|procedure|process|framework|standard|guideline\w*)\b", re.I
)
_RISK_WORD = lazy(r"\brisk|risiko", re.I)
# A formula with a third factor or modifiers ("Composite = (L + modifiers) × (I + ...)",
# "RPN = S × O × D"): a pair of scores may then rightly give different ratings.
_METHOD_THIRD = lazy(r"\b(rpn|detect\w*|velocity|modifiers?|weight\w*|controllability|proximity)\b", re.I)
_SAME_LEVEL = {"moderate": "medium"}


@dataclass(frozen=True)
class Method:
    """The rating method of a register read from other documents: its bands (each with
    the document it is written in), the document and line where it says a rating is
    likelihood × severity, and whether its formula has a third factor."""

    bands: tuple  # of (Band, relpath)
    product: tuple[str, int] | None  # (relpath, line)
    third: bool
    sources: tuple[str, ...]
    # the number each level word stands for on each scale, and the document saying so
    scales: dict | None = None
    scales_at: str | None = None


def _method_fact(doc) -> dict:
    from .register import product_method_line, rating_bands, risks, word_scales

    bands = rating_bands(doc)
    product = product_method_line(doc)
    scales = word_scales(doc)
    # Whether the document rates risks itself (a register applies a method, it is not
    # one): read only where there is a method to speak of.
    rated = 0
    if bands or product is not None or any(scales.values()):
        rated = sum(1 for risk in risks(doc) if "rating" in risk.values or "residual" in risk.values)
    third = False
    for _, text in doc.prose_lines:
        if _METHOD_THIRD.search(text) and (_PRODUCT_FORMULA.search(text) or "rpn" in text.lower()):
            third = True
            break
    title = str(doc.meta.get("title") or (doc.sections[0].title if doc.sections else ""))
    return {
        "title": title[:300],
        "rated": rated,
        "bands": [[band.level, band.low, band.high, band.line] for band in bands],
        "product": product,
        "third": third,
        "scales": {scale: sorted([word, number, line] for word, (number, line) in words.items()) for scale, words in scales.items()},
    }


_PRODUCT_FORMULA = lazy(r"[×*]|\bx\b|\btimes\b|multiplied", re.I)


def method_fact(workspace, relpath: str) -> dict | None:
    facts = workspace.fact(relpath, METHOD_FACT, _method_fact, METHOD_SHAPE)
    return facts if isinstance(facts, dict) else None


def _is_method(doc_type: str | None, facts: dict | None) -> bool:
    """A document that holds a rating method (bands or "likelihood × severity") and rates
    no risk itself: a risk-assessment document, or another whose title says it is a risk
    method (a procedure, a methodology, criteria)."""
    if facts is None or facts["rated"] or not (facts["bands"] or facts["product"] is not None or any(facts["scales"].values())):
        return False
    if doc_type == RISK_TYPE:
        return True
    title = facts["title"]
    return bool(_RISK_WORD.search(title) and _METHOD_TITLE.search(title))


def method_procedures(workspace) -> list[str]:
    """The procedures of the repository whose title says they are a risk method
    ("Risk management procedure", "Risk scoring criteria"; computed once per run)."""

    def compute(ws) -> list[str]:
        found = []
        for relpath, (doc_type, _) in sorted(ws.index().items()):
            if doc_type == "procedure":
                facts = method_fact(ws, relpath)
                if facts is not None and _RISK_WORD.search(facts["title"]) and _METHOD_TITLE.search(facts["title"]):
                    found.append(relpath)
        return found

    return workspace.memo(f"{METHOD_FACT}.procedures", compute)


def _repository_methods(workspace) -> list[str]:
    """The risk-method documents of the repository (risk-assessment and procedure
    documents; computed once per run)."""

    def compute(ws) -> list[str]:
        found = []
        for relpath, (doc_type, _) in sorted(ws.index().items()):
            if doc_type in (RISK_TYPE, "procedure") and _is_method(doc_type, method_fact(ws, relpath)):
                found.append(relpath)
        return found

    return workspace.memo(f"{METHOD_FACT}.repository", compute)


def method_documents(workspace, doc) -> list[str]:
    """The documents whose method the register applies: those it links to that hold a
    method; else, when the register states no method of its own, the repository's one
    risk-method document (none when it has several: no document is then clearly the
    register's)."""
    index = workspace.index()
    linked = [
        relpath for relpath in linked_documents(workspace, doc)[0]
        if relpath in index and _is_method(index[relpath][0], method_fact(workspace, relpath))
    ]
    if linked:
        return linked
    if has_own_method(doc):
        return []  # the register states a method of its own: an unlinked one is not clearly its
    others = [relpath for relpath in _repository_methods(workspace) if relpath != doc.relpath]
    return others if len(others) == 1 else []


def has_own_method(doc) -> bool:
    """The document states a rating method of its own: bands, "likelihood × severity" or
    a likelihood or severity scale."""
    from .register import has_scale, product_method_line, rating_bands

    return bool(rating_bands(doc)) or product_method_line(doc) is not None or has_scale(doc, "likelihood") or has_scale(doc, "severity")


def register_method(workspace, doc) -> Method | None:
    """The rating method of the documents the register applies (``method_documents``),
    or None: none, or two of them whose bands disagree (then nothing is judged)."""
    if workspace is None:
        return None
    # Once per register (RSK006, RSK008, RSK009 and RSK010 each ask).
    return doc.memo("rsk.register_method", lambda doc: _register_method(workspace, doc))


def _register_method(workspace, doc) -> Method | None:
    from .register import Band

    sources = method_documents(workspace, doc)
    if not sources:
        return None
    bands, product, third, seen = [], None, False, None
    scales, scales_at, scales_agree = None, None, True
    for relpath in sources:
        facts = method_fact(workspace, relpath)
        third = third or facts["third"]
        if any(facts["scales"].values()):
            read = {scale: {word: (number, line) for word, number, line in words} for scale, words in facts["scales"].items()}
            numbers = {scale: {word: number for word, (number, _) in words.items()} for scale, words in read.items()}
            if scales is not None and numbers != {s: {w: n for w, (n, _) in ws.items()} for s, ws in scales.items()}:
                scales_agree = False
            elif scales is None:
                scales, scales_at = read, relpath
        if product is None and facts["product"] is not None:
            product = (relpath, facts["product"])
        if facts["bands"]:
            key = sorted((_SAME_LEVEL.get(level, level), low, high) for level, low, high, _ in facts["bands"])
            if seen is not None and key != seen:
                return None  # two methods that disagree: not the linter's to choose
            if seen is None:
                seen = key
                bands = [(Band(level, low, high, line), relpath) for level, low, high, line in facts["bands"]]
    if not scales_agree:
        scales, scales_at = None, None  # two methods that give the words different numbers
    return Method(tuple(bands), product, third, tuple(sources), scales, scales_at)
