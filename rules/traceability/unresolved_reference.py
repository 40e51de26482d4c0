import re
from functools import lru_cache

from aims_lint.rule import ALL_TYPES, Problem, Related, rule

from ..soa.controls import rows
from .graph import cell_references, external, id_prefixes, id_tokens, known_id, looks_like_path, path_exists

# Front-matter keys whose values point to other documents. `risk_register` (SOA009)
# and `ai_system` (TRC007) have rules of their own; `supersedes` names a document that
# was withdrawn, as it should be.
REFERENCE_KEYS = (
    "references", "related", "related_documents", "superseded_by", "parent",
    "procedure", "procedures", "evidence", "records", "policy", "risk_assessment", "impact_assessment",
)


def _front_matter_references(doc, workspace, ctx):
    for key in REFERENCE_KEYS:
        value = doc.meta.get(key)
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            if not isinstance(item, str) or not item.strip() or external(item, ctx.config.external_refs):
                continue
            position = (lambda key=key: doc.value_position(key)) if not isinstance(value, list) else (
                lambda index=index, value=value: doc.item_position(value, index)
            )
            if looks_like_path(item):
                if not path_exists(workspace, doc, item):
                    yield Problem(*position(), reference=item.strip(), where=f"'{key}'", what="names no file of the repository")
                continue
            for match in id_tokens(item, ctx):
                token = match.group(0)
                if not external(token, ctx.config.external_refs) and not known_id(workspace, token):
                    yield Problem(*position(), reference=token, where=f"'{key}'", what="is no document id of the repository")


def _soa_references(doc, workspace, ctx):
    for row in rows(doc):
        if not row.included:
            continue
        for name, label in (("procedure", "procedure"), ("evidence", "record")):
            ref = row.refs.get(name)
            if ref is None or not ref.text.strip():
                continue
            found = cell_references(workspace, doc, ref, ctx)
            for token in found.unknown_ids:
                what = "names no file of the repository" if "." in token or "/" in token else "is no document id of the repository"
                yield Problem(ref.line, ref.column, reference=token, where=f"the {label} of {row.raw_id}", what=what)


def _prose_references(doc, workspace, ctx):
    """Ids in the text that follow one of the repository's naming schemes but name no
    document ("see PROC-AUDIT" where only PROC-GOV and PROC-RES exist)."""
    prefixes = id_prefixes(workspace)
    if not prefixes:
        return
    # The lines where an id of one of the schemes may start, from one scan of the body
    # (not the front matter, which holds the document's own id).
    body, candidates = doc.body, set()
    line, position = doc.body_start_line, 0
    for match in _scheme_pattern(prefixes).finditer(body):
        if match.start() and (body[match.start() - 1].isalnum() or body[match.start() - 1] in "_./:-"):
            continue  # inside another word or a path
        line += body.count("\n", position, match.start())
        position = match.start()
        candidates.add(line)
    if not candidates:
        return
    defined = doc.memo("trc.row_ids", _row_ids)
    prose = dict(doc.prose_lines)  # code blocks left out, comments blanked
    for line in sorted(candidates):
        text = prose.get(line)
        if text is None:
            continue
        for match in id_tokens(text, ctx):
            token = match.group(0)
            first = token.replace("_", "-").split("-", 1)[0]
            if first not in prefixes or token in defined or external(token, ctx.config.external_refs) or known_id(workspace, token):
                continue
            if token in rows_of_scheme(workspace, first):
                continue  # a row of another document ("NC-2026-03" in the log NC-LOG-2026)
            yield Problem(line, match.start() + 1, reference=token, where="the text", what="follows the repository's document ids but names none")


@lru_cache(maxsize=16)
def _scheme_pattern(prefixes: frozenset[str]) -> re.Pattern:
    """Where an id of one of the naming schemes may start ("PROC-", "NC_")."""
    # No look-behind: a pattern that starts with a literal is searched for with a fast
    # substring scan; the character before a match is checked by the caller.
    return re.compile(r"(?:" + "|".join(map(re.escape, sorted(prefixes))) + r")[-_][A-Z0-9]")


def rows_of_scheme(workspace, prefix: str) -> frozenset[str]:
    """Row identifiers of the documents whose ids follow ``prefix`` (read once per run)."""

    def compute(workspace) -> frozenset[str]:
        found: set[str] = set()
        for doc_id, relpaths in workspace.ids().items():
            if doc_id.replace("_", "-").split("-", 1)[0] == prefix:
                for relpath in relpaths:
                    rows = workspace.fact(relpath, "trc.row_ids.1", lambda doc: sorted(doc.memo("trc.row_ids", _row_ids)), [str])
                    found.update(row for row in rows or () if isinstance(row, str))
        return frozenset(found)

    return workspace.memo(f"trc.rows.{prefix}", compute)


def _row_ids(doc) -> frozenset[str]:
    """Identifiers a table of the document defines in its first or id column (risks,
    actions, findings): they are not references to documents."""
    found = set()
    for table in doc.tables:
        index = table.column_index("id")
        for row in table.rows:
            cell = row.cells[index if index is not None else 0] if row.cells else None
            if cell is not None:
                found.add(cell.text.strip())
    return frozenset(found)


@rule(
    code="TRC001",
    name="unresolved-reference",
    clause="7.5.3",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="'{reference}' in {where}{more} {what}: link the document, correct the id, or declare the system it lives in under 'external-refs'",
    summary="A document id or path in front matter, an SoA reference or the text that names nothing in the repository.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    sources = [_front_matter_references(doc, workspace, ctx)]
    if doc.doc_type == "soa":
        sources.append(_soa_references(doc, workspace, ctx))
    sources.append(_prose_references(doc, workspace, ctx))
    # One finding per unknown reference, where it is first written: an id repeated on
    # twenty SoA rows is one thing to fix.
    first: dict[str, Problem] = {}
    lines: dict[str, dict[int, int]] = {}  # reference -> line -> first column
    for source in sources:
        for problem in source:
            reference = problem.args["reference"]
            first.setdefault(reference, problem)
            lines.setdefault(reference, {}).setdefault(problem.line, problem.column)
    for reference, problem in first.items():
        others = len(lines[reference]) - 1
        problem.args["more"] = f" (and on {others} more line{'s' if others > 1 else ''})" if others else ""
        # Those other lines are the finding's related locations.
        problem.related = tuple(
            Related(line, column, f"'{reference[:60]}' again")
            for line, column in sorted(lines[reference].items()) if line != problem.line
        )
        yield problem
