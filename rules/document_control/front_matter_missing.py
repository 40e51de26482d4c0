import posixpath
import re

from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule
from aims_lint.workspace import resolve_link

from .types import is_record, required_keys


@rule(
    code="DOC002",
    name="front-matter-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="no document control: a document of type '{type}' has neither front matter nor a document-control block giving its {keys}",
    summary="A governance document (typed by a configured glob) with no document control: no front matter and no document-control block in the body.",
)
def check(doc, ctx):
    if doc.front_matter is None and not metadata(doc).has_control:
        if ctx.workspace is not None and covering_chapter(ctx.workspace, doc) is not None:
            return  # a chapter of a document whose document control is in another chapter
        keys = [key for key in required_keys(doc.doc_type)]
        if not is_record(doc.doc_type):
            keys.append("review date")
        yield Problem(1, 1, type=doc.doc_type, keys=", ".join(keys))


# A document published as chapter files ("01-Executive-Summary.md" ... "20-Approval.md",
# "annex-g.md") has one document control, often in its approval chapter. Chapters are
# files of one folder named by a chapter number or as an annex, that link to the same
# table of contents, or an annex that a chapter links to. Numbered files that are
# separate documents do not share a table of contents, and a cross-reference between
# two of them is not enough.
_CHAPTER = re.compile(r"^(?:\d{1,3}|annex|appendix|anhang|anlage|chapter|kapitel|part)[-_ .]", re.I)
_ANNEX = re.compile(r"^(?:annex|appendix|anhang|anlage)[-_ .]", re.I)
_CONTENTS = re.compile(r"table[-_ ]?of[-_ ]?contents|^(?:\d{1,3}[-_ .])?(?:toc|contents|inhalt(?:sverzeichnis)?)\.", re.I)
_FACT = "doc.chapter.1"


def _chapter_facts(doc) -> dict:
    folder = posixpath.dirname(doc.relpath)
    links = set()
    for link in doc.links:
        resolved = resolve_link(doc.relpath, link.target)
        if resolved.relpath and not resolved.external and posixpath.dirname(resolved.relpath) == folder:
            links.add(resolved.relpath)
    return {"control": doc.front_matter is not None or metadata(doc).has_control, "links": sorted(links)}


def covering_chapter(workspace, doc) -> str | None:
    """The chapter file of the same document that carries its document control, or None."""
    name = posixpath.basename(doc.relpath)
    if not _CHAPTER.match(name):
        return None
    folder = posixpath.dirname(doc.relpath)
    chapters = [
        path for path in workspace.paths()
        if posixpath.dirname(path) == folder and _CHAPTER.match(posixpath.basename(path))
    ]
    if len(chapters) < 2 or len(chapters) > 200:
        return None
    facts = {}
    for path in chapters:
        found = workspace.fact(path, _FACT, _chapter_facts, {"control": bool, "links": [str]})
        if isinstance(found, dict):
            facts[path] = found

    def contents(path: str) -> set[str]:
        return {link for link in facts[path]["links"] if _CONTENTS.search(posixpath.basename(link))}

    def joined(a: str, b: str) -> bool:
        if contents(a) & contents(b):
            return True
        return (b in facts[a]["links"] and _ANNEX.match(posixpath.basename(b)) is not None) or (
            a in facts[b]["links"] and _ANNEX.match(posixpath.basename(a)) is not None
        )

    if doc.relpath not in facts:
        return None
    seen, queue = {doc.relpath}, [doc.relpath]
    while queue:
        current = queue.pop()
        for other in facts:
            if other in seen or not joined(current, other):
                continue
            if facts[other]["control"]:
                return other
            seen.add(other)
            queue.append(other)
    return None
