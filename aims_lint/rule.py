"""What a rule is: its identity, its metadata and the problems its check yields.

A rule is a small module in a rule pack with one decorated generator::

    @rule(code="DOC005", name="approval-incomplete", clause="7.5.2", types="*",
          classification="minor", remediation="1 day",
          message="status is 'approved' but {missing} is missing")
    def check(doc, ctx):
        ...
        yield Problem(line, column, missing="approved_by")

Its documentation (what it checks, why an auditor flags it, failing and passing
examples, how to close it, options) sits beside it in a Markdown file with the same
name, which ``aims-lint explain`` prints and the tests execute.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from aims_lint.config import Config
    from aims_lint.document import Document

CLASSIFICATIONS = ("major", "minor", "advisory")
ANY_TYPE = "any"  # includes files with no type at all (e.g. unreadable files)
ALL_TYPES = "*"  # every governance document (typed by front matter or glob)

# The places one finding carries: past these (a generated file of 300,000 blanks) the
# output would be the document again; the finding's message still gives the count.
MAX_RELATED = 1000

_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Related:
    """Another place where the same gap shows: a second swap artefact, the audit record a
    management review should cite. ``message`` says what is there (shown beside the
    place); ``doc`` is another document (workspace rules; None: the problem's own),
    given as a Document or as its relative path: a rule that knows the place from the
    facts cache (a line kept with the fact) need not parse the other file again."""

    __slots__ = ("line", "column", "message", "doc")

    def __init__(self, line: int, column: int = 1, message: str | None = None, *, doc: Document | str | None = None):
        self.line = max(int(line), 1)
        self.column = max(int(column), 1)
        self.message = message
        self.doc = doc


class Problem:
    """One problem a check found: where, and the values for the rule's message.

    One gap is one problem, however many places show it (an auditor writes "the policy
    is a recycled information-security policy" once): the first place is where the
    problem is, the others are ``related`` (``Related``, or ``(line, column, message)``
    tuples; the first MAX_RELATED of them); every output format and the editor show
    them with the finding."""

    __slots__ = ("line", "column", "doc", "message", "clause", "classification", "related", "anchor", "args")

    def __init__(
        self, line: int, column: int = 1, *, doc: Document | None = None, message: str | None = None,
        clause: str | None = None, classification: str | None = None,
        related: Iterable[Related | tuple] = (), anchor: str | None = None, **args: Any,
    ):
        self.line = max(int(line), 1)
        self.column = max(int(column), 1)
        self.doc = doc  # workspace rules say which document the problem is in
        # A problem of the repository as a whole (a workspace rule's, without ``doc``) is
        # shown at a real file: ``anchor``, the relative path of the document that should
        # hold what is missing, when the rule knows it; else the configuration file (or
        # the AIMS scope) -- never at ".".
        self.anchor = anchor
        self.message = message
        self.related = tuple(
            item if isinstance(item, Related) else Related(*item) for item in itertools.islice(related, MAX_RELATED)
        )
        # A rule covering several clauses (mandatory documents) names the one at stake.
        self.clause = clause
        # A rule may raise or lower one finding ("major when nothing else meets the
        # requirement, minor otherwise"); None keeps the rule's classification.
        if classification is not None and classification not in CLASSIFICATIONS:
            raise ValueError(f"classification must be one of {CLASSIFICATIONS}")
        self.classification = classification
        self.args = args


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    clause: str
    types: tuple[str, ...]
    classification: str
    remediation: str
    message: str
    summary: str
    check: Callable[..., Iterator[Problem]]
    # "document": check(doc, ctx) per document; "workspace": check(workspace, ctx) once,
    # problems name their document; "suppressions": check(directives, ctx) per document
    # after every other rule, judging its inline suppressions.
    scope: str = "document"
    # Option name -> default; the default's type is the option's type (``option_error``),
    # and ``option_choices`` lists the values a list option may hold, where it is closed.
    options: dict[str, Any] = field(default_factory=dict)
    option_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    doc_path: Path | None = None
    pack: str = "aims-lint"
    # An unfilled template (aims_lint.reading.templates) is one finding, given by the
    # rules that judge templates; every other per-document rule skips it, since its
    # findings there would be the template's blanks counted one by one.
    judges_templates: bool = False
    # In the default selection (``DEFAULT``, what runs when nothing is configured). An
    # opt-in rule (``default=False``) is advisory good practice that the standard's
    # "shall" does not require; it runs when selected by its code, name or prefix, or by
    # ``ALL`` (as Ruff keeps a default rule set and opt-in rules).
    default: bool = True

    def applies_to(self, doc_type: str | None) -> bool:
        if ANY_TYPE in self.types:
            return True
        if doc_type is None:
            return False
        return ALL_TYPES in self.types or doc_type in self.types

    def option_error(self, name: str, value: Any) -> str | None:
        """Why ``value`` is not a valid value of option ``name`` (None when it is): of the
        type of the option's default (a whole number, a number, true or false, a text, a
        list of texts), and among ``option_choices`` where the rule lists them."""
        default = self.options[name]
        if isinstance(default, bool):
            ok, expected = isinstance(value, bool), "true or false"
        elif isinstance(default, int):
            ok, expected = isinstance(value, int) and not isinstance(value, bool), "a whole number"
        elif isinstance(default, float):
            ok, expected = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
        elif isinstance(default, str):
            ok, expected = isinstance(value, str), "a text"
        elif isinstance(default, (list, tuple)):
            ok, expected = isinstance(value, list) and all(isinstance(item, str) for item in value), "a list of texts"
        else:  # pragma: no cover - a rule's own kind of option: its check reads it
            return None
        if not ok:
            return f"expected {expected} (like the default, {default!r}), got {value!r}"
        choices = self.option_choices.get(name)
        if choices is not None:
            wrong = [item for item in value if item not in choices]
            if wrong:
                import difflib

                close = difflib.get_close_matches(wrong[0], choices, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                return f"'{wrong[0]}' is not one of {', '.join(choices)}{hint}"
        return None

    def format(self, problem: Problem) -> str:
        if problem.message is not None:
            return problem.message
        try:
            return self.message.format(**{"clause": problem.clause or self.clause, **problem.args})
        except (KeyError, IndexError, ValueError):
            return self.message

    def documentation(self) -> str:
        if self.doc_path is None or not self.doc_path.is_file():
            return ""
        return self.doc_path.read_text(encoding="utf-8")

    def explanation(self) -> str:
        """What ``aims-lint explain`` prints (and the language server's hover shows)."""
        header = (
            f"{self.code} {self.name}\n"
            f"Clause: {self.clause} | Classification: {self.classification} | "
            f"Typical remediation: {self.remediation} | Applies to: {', '.join(self.types)}\n"
        )
        return f"{header}\n{_strip_front_matter(self.documentation()) or self.summary}\n"


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:].lstrip("\n")
    return text


def rule(
    *,
    code: str,
    name: str,
    clause: str,
    types: str | tuple[str, ...] | list[str],
    classification: str,
    remediation: str,
    message: str,
    summary: str = "",
    scope: str = "document",
    options: dict[str, Any] | None = None,
    option_choices: dict[str, tuple[str, ...] | list[str]] | None = None,
    judges_templates: bool = False,
    default: bool = True,
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Declare a rule; the pack loader collects functions marked by this decorator."""
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be a prefix of 2-5 capitals and 3 digits")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if classification not in CLASSIFICATIONS:
        raise ValueError(f"{code}: classification must be one of {CLASSIFICATIONS}")
    if scope not in ("document", "workspace", "suppressions"):
        raise ValueError(f"{code}: scope must be 'document', 'workspace' or 'suppressions'")
    for option in option_choices or {}:
        if option not in (options or {}):
            raise ValueError(f"{code}: option_choices names '{option}', which is not an option")

    def mark(function: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        function.__aims_rule__ = dict(  # type: ignore[attr-defined]
            code=code,
            name=name,
            clause=clause,
            types=(types,) if isinstance(types, str) else tuple(types),
            classification=classification,
            remediation=remediation,
            message=message,
            summary=summary or (function.__doc__ or "").strip().split("\n")[0],
            scope=scope,
            options=dict(options or {}),
            option_choices={option: tuple(values) for option, values in (option_choices or {}).items()},
            judges_templates=bool(judges_templates),
            default=bool(default),
        )
        return function

    return mark


class RuleContext:
    """What a check may read besides the document: the date, configuration, options."""

    def __init__(
        self,
        rule: Rule,
        config: Config,
        today: _dt.date,
        vocabularies: Callable[[str], list[str]],
        enabled: list[Rule] | tuple[Rule, ...] = (),
        workspace: Any = None,
    ):
        self.rule = rule
        # The repository, for per-document rules that look something up in another file
        # (a link target, a document id); workspace rules receive it as their argument.
        self.workspace = workspace
        self.enabled = enabled  # every rule of this run (suppression rules judge against them)
        self.config = config
        self.today = today
        self._vocabularies = vocabularies
        overrides = config.rule_options.get(rule.code) or config.rule_options.get(rule.name) or {}
        self.options = {**rule.options, **overrides}

    def data_path(self, name: str) -> Path:
        """A data file of the built-in pack (``data/<name>``), e.g. ``annex_a.yaml``."""
        from aims_lint.pack import data_path

        return data_path(name)

    def vocabulary(self, name: str) -> list[str]:
        """Terms from the pack's ``vocabulary/<name>.txt`` (one per line, # comments),
        plus the organisation's own from the ``vocabularies`` configuration key."""
        extra = self.config.vocabularies.get(name)
        return self._vocabularies(name) + extra if extra else self._vocabularies(name)
