"""Inline suppressions: ``<!-- aims-lint-disable CODE[,CODE] -- reason -->`` and friends.

Directives live in HTML comments in the body, or in YAML comments inside the front
matter (``# aims-lint-disable-next-line DOC006 -- reason``) where HTML cannot go:

- ``aims-lint-disable [CODES] -- reason``: from here until ``aims-lint-enable`` or the end
- ``aims-lint-enable [CODES]``: ends an open ``disable``
- ``aims-lint-disable-next-line [CODES] -- reason``: the next non-blank line
- ``aims-lint-disable-file [CODES] -- reason``: the whole file

No codes means every rule. Codes may be rule codes, prefixes or names. To an auditor a
suppression is an accepted risk, so each carries a reason and each must suppress
something; the runner records which findings each directive suppressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aims_lint.patterns import lazy

if TYPE_CHECKING:
    from aims_lint.document import Document
    from aims_lint.findings import Finding

# A directive is its kind, then codes up to the first " -- " (or dash), then the reason.
# The codes and the reason are split off with one search, not with lazy groups tried
# before "\s*$" at every character: that was quadratic in a comment of spaces (issue 10).
_DIRECTIVE_KIND = lazy(r"\s*+aims-lint-(disable-next-line|disable-file|disable|enable)\b")
_REASON_SEPARATOR = lazy(r"\s(?:--|—|–)")
_YAML_COMMENT = lazy(r"#\s*(aims-lint-.*)$")


@dataclass(eq=False)
class Directive:
    kind: str  # "disable", "enable", "disable-next-line", "disable-file"
    selectors: list[str]  # empty: every rule
    reason: str | None
    line: int
    column: int
    first_line: int = 0  # lines covered (inclusive); set by attach_ranges
    last_line: int = 0
    used: list[Finding] = field(default_factory=list)

    def covers(self, finding: Finding) -> bool:
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.selectors or any(_names(selector, finding) for selector in self.selectors)


def _names(selector: str, finding: Finding) -> bool:
    return selector in (finding.code, finding.name) or finding.code.startswith(selector)


def parse_directive(text: str, line: int, column: int) -> Directive | None:
    match = _DIRECTIVE_KIND.match(text)
    if not match:
        return None
    kind, rest = match.group(1), text[match.end():]
    separator = _REASON_SEPARATOR.search(rest)
    if separator is not None and separator.start() < len(rest.rstrip()):
        codes, reason = rest[:separator.start()], rest[separator.end():]
    else:
        codes, reason = rest, None
    selectors = [code for code in re.split(r"[\s,]+", codes.strip()) if code]
    return Directive(kind, selectors, (reason or "").strip() or None, line, column)


def directives(doc: Document) -> list[Directive]:
    """Every directive of a document with the lines it covers."""
    found: list[Directive] = []
    if doc.front_matter is not None:
        for number in doc.front_matter_lines:
            if number - 1 >= len(doc.lines):
                break
            match = _YAML_COMMENT.search(doc.lines[number - 1])
            if match:
                directive = parse_directive(match.group(1), number, match.start() + 1)
                if directive:
                    found.append(directive)
    if doc.read_error is None:
        for comment in doc.comments:
            directive = parse_directive(comment.text, comment.line, comment.column)
            if directive:
                directive.line = comment.end_line  # a multi-line comment acts from its end
                found.append(directive)
    _attach_ranges(found, doc)
    return [directive for directive in found if directive.kind != "enable"]


def _attach_ranges(found: list[Directive], doc: Document) -> None:
    last = max(len(doc.lines), 1)
    open_disables: list[Directive] = []
    for directive in found:
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, last
        elif directive.kind == "disable-next-line":
            target = directive.line + 1
            while target <= len(doc.lines) and not doc.lines[target - 1].strip():
                target += 1
            directive.first_line = directive.last_line = target
        elif directive.kind == "disable":
            directive.first_line, directive.last_line = directive.line, last
            open_disables.append(directive)
        else:  # enable: closes the matching open disables
            for opened in list(open_disables):
                if not directive.selectors or set(opened.selectors) <= set(directive.selectors):
                    opened.last_line = directive.line
                    open_disables.remove(opened)


def apply(findings: list[Finding], active_directives: list[Directive]) -> None:
    """Mark findings covered by a directive as suppressed, and the directive as used."""
    for finding in findings:
        for directive in active_directives:
            if directive.covers(finding):
                finding.suppressed = True
                finding.suppression_reason = directive.reason
                directive.used.append(finding)
                break
