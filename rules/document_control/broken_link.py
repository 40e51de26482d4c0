from aims_lint.rule import ALL_TYPES, Problem, rule
from aims_lint.workspace import resolve_link


@rule(
    code="DOC011",
    judges_templates=True,
    name="broken-link",
    clause="7.5.3",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="link to '{target}' {problem}",
    summary="A relative link to a file or heading that does not exist, or that leaves the repository.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    markdown_files = workspace.paths()
    for link in doc.links:
        target = link.target.strip()
        resolved = resolve_link(doc.relpath, target)
        if not target or resolved.external:
            continue
        relpath, anchor = resolved.relpath, resolved.anchor
        problem = "leaves the repository" if resolved.leaves_repository else None
        if problem is None:
            if relpath == doc.relpath:
                if anchor and anchor.lower() not in doc.anchors:
                    problem = "points to a heading this document does not have"
            elif relpath in markdown_files:
                linked = workspace.document(relpath) if anchor else None  # read only to check a heading
                if linked is not None and linked.read_error is None and anchor.lower() not in linked.anchors:
                    problem = f"points to a heading that '{relpath}' does not have"
            else:
                inside, symlink, _ = workspace.file_state(relpath)
                if not inside:
                    problem = "does not exist in the repository" if not symlink else "leaves the repository"
        if problem:
            yield Problem(link.line, link.column, target=target, problem=problem)
