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

A finding that shows at several places (its ``locations``) is one gap: a directive that
covers its primary place suppresses the whole finding; a directive that covers only one
of its other places, in the same document, accepts that place alone: the place leaves
the finding, which stays reported at the others, and the directive counts as used. A
directive never acts on a place in another document (a workspace rule's related
document): the gap is accepted where it is reported.
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

    def covers(self, finding: Finding, line: int | None = None) -> bool:
        """Does this directive cover ``finding`` at ``line`` (by default its primary one)?"""
        if not self.first_line <= (finding.line if line is None else line) <= self.last_line:
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
    # Open disables by selector, so that an enable looks only at those it may close
    # (every enable against every open disable was quadratic in a file of directives).
    open_disables: dict[int, Directive] = {}
    open_by_selector: dict[str, dict[int, Directive]] = {}
    open_for_every_rule: dict[int, Directive] = {}
    next_text_line: dict[int, int] = {}  # blank line -> the first non-blank line after it
    for directive in found:
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, last
        elif directive.kind == "disable-next-line":
            directive.first_line = directive.last_line = _next_text_line(directive.line + 1, doc.lines, next_text_line)
        elif directive.kind == "disable":
            directive.first_line, directive.last_line = directive.line, last
            open_disables[id(directive)] = directive
            for selector in directive.selectors:
                open_by_selector.setdefault(selector, {})[id(directive)] = directive
            if not directive.selectors:
                open_for_every_rule[id(directive)] = directive
        else:  # enable: closes the matching open disables
            if not directive.selectors:
                closing = list(open_disables.values())
            else:
                enabled = set(directive.selectors)
                candidates = {**open_for_every_rule}
                for selector in enabled:
                    candidates.update(open_by_selector.get(selector, {}))
                closing = [opened for opened in candidates.values() if set(opened.selectors) <= enabled]
            for opened in closing:
                opened.last_line = directive.line
                del open_disables[id(opened)]
                open_for_every_rule.pop(id(opened), None)
                for selector in opened.selectors:
                    open_by_selector[selector].pop(id(opened), None)


def _next_text_line(line: int, lines: list[str], known: dict[int, int]) -> int:
    """The first line at or after ``line`` that is not blank (past the end: len + 1);
    each run of blank lines is walked once, however many directives precede it."""
    walked = []
    while line <= len(lines) and not lines[line - 1].strip():
        if line in known:
            line = known[line]
            break
        walked.append(line)
        line += 1
    for blank in walked:
        known[blank] = line
    return line


def apply(findings: list[Finding], active_directives: list[Directive]) -> None:
    """Mark findings covered by a directive as suppressed, and the directive as used:
    the first directive, in order, that covers a finding takes it."""
    if not findings or not active_directives:
        return
    # Single-line directives by line, so that a file of many "disable-next-line"
    # comments is not every finding against every directive.
    by_line: dict[int, list[tuple[int, Directive]]] = {}
    ranges: list[tuple[int, Directive]] = []
    for order, directive in enumerate(active_directives):
        if directive.first_line == directive.last_line:
            by_line.setdefault(directive.first_line, []).append((order, directive))
        else:
            ranges.append((order, directive))

    def covering(finding: Finding, line: int) -> Directive | None:
        candidates = by_line.get(line, [])
        if ranges:
            candidates = sorted(candidates + [item for item in ranges if item[1].first_line <= line <= item[1].last_line])
        for _, directive in candidates:
            if directive.covers(finding, line):
                return directive
        return None

    for finding in findings:
        directive = covering(finding, finding.line)
        if directive is not None:
            finding.suppressed = True
            finding.suppression_reason = directive.reason
            directive.used.append(finding)
            continue
        if finding.locations:
            kept = []
            for location in finding.locations:
                directive = covering(finding, location.line) if location.path == finding.path else None
                if directive is None:
                    kept.append(location)
                elif not directive.used or directive.used[-1] is not finding:
                    directive.used.append(finding)
            finding.locations = kept
