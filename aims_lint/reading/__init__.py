"""The reading layer: what a governance document says, whatever its layout.

Between the document model (``aims_lint.document``: sections, blocks, tables, fields,
front matter, with real line numbers) and the rules. Each module here reads one
concept into typed items with their source lines: document metadata from front
matter or a body document-control block, whether a document is an unfilled template,
risks, objectives, SoA entries, actions, competence entries, roles, AI systems in
scope. Rules judge these items; they do not look at tables and headers themselves.

Readings are computed once per document, lazily, through ``Document.memo``.

Modules: ``templates`` (placeholders with their lines, and whether the document is an
unfilled template, partly filled or filled; the runner skips rules that do not judge
templates on an unfilled one); ``review_record`` (management-review minutes and
internal-audit records: what kind of document it is, the date held and its line, scope,
criteria, auditor and findings of an audit, what an audit or programme covers (clauses
4-10 and Annex A controls), audits cited and open nonconformities reported by a review,
links); ``records`` (records read against each other, issue 13: a nonconformity log's
rows, a monitoring record's results against targets, the planned interval of management
reviews, objectives with ids, targets and deadlines, the findings an audit record counts,
the audit-finding counts and objective results management-review minutes cite), all
plain JSON for the facts cache that workspace rules read; ``matching`` (which objective
a result or a line of the minutes names: by id, name or metric in normalised words,
ambiguity no match). ``aims_lint.annex_a`` says whether a title written beside an
Annex A id means that control.
"""
