"""``aims-lint init``: scaffold the documents of an AI management system.

The scaffold is one structured template per document ISO/IEC 42001 requires (see
``DOCUMENTS``), laid out as the bundled example ``examples/aims-complete`` is: each
template holds the front matter, the headings, the tables and the labelled fields the
reading layer (aims_lint.reading) reads, with bracketed blanks ("[Role]",
"[YYYY-MM-DD]") where the organisation writes what it really does. A fresh scaffold
is read as unfilled templates (aims_lint.reading.templates): ``aims-lint check``
reports each document once, as not yet on record, and the verdict is never ready.
Filled in, the same documents pass (tests/test_init.py fills them).

The templates are package data (``aims_lint/scaffold/templates/``), filled with
``string.Template`` from what ``init`` is told: the organisation, the AI system ids and
the Stage 2 date. The README it writes orders the work and dates it with the plan's
milestones (aims_lint.plan), counted back from the Stage 2 date.

Writing is safe by construction: nothing outside the target folder, no symbolic link
followed below it (folders are opened with O_NOFOLLOW relative to their parent's
descriptor), no existing file overwritten (each file appears whole, by a hard link
that fails when the name exists, or O_EXCL creation where links are not supported).
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import secrets
import string
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

CONFIG_FILE = ".aims-lint.yaml"
README = "README.md"
GUIDE_BESIDE_README = "AIMS-README.md"
MAX_NAME = 120
MAX_SYSTEMS = 50

# An AI system id becomes a file name (impact/<id>.md): letters, digits, "-" and "_",
# starting with a letter or digit; never a name Windows reserves.
_SYSTEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


class ScaffoldError(ValueError):
    """A value ``init`` cannot use (the message names it and says why)."""


def check_system_id(value: str) -> str:
    text = value.strip()
    if not _SYSTEM_ID.fullmatch(text):
        raise ScaffoldError(
            f"AI system id {value!r}: use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit "
            "(it becomes a file name, impact/<id>.md)"
        )
    if text.lower() in _RESERVED:
        raise ScaffoldError(f"AI system id {value!r} is a reserved file name on Windows: choose another")
    return text


def check_name(value: str, what: str = "organisation name") -> str:
    """A name written into the documents: one line of printable text, no path separator."""
    text = value.strip()
    if not text:
        raise ScaffoldError(f"the {what} is empty")
    if len(text) > MAX_NAME:
        raise ScaffoldError(f"the {what} is longer than {MAX_NAME} characters")
    for character in text:
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            raise ScaffoldError(f"the {what} {value!r} holds a control or invisible character ({ord(character):#06x})")
    if "/" in text or "\\" in text:
        raise ScaffoldError(f"the {what} {value!r} holds a path separator ('/' or '\\')")
    return text


def check_folder(folder: Path) -> Path:
    """The target folder: a path without control characters (it is printed and linted)."""
    text = str(folder)
    if not text.strip() or any(unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in text):
        raise ScaffoldError(f"folder {text!r}: a path without control or invisible characters, please")
    return folder


def check_systems(values) -> list[str]:
    systems: list[str] = []
    seen: set[str] = set()
    for value in values:
        system = check_system_id(value)
        if system.lower() in seen:  # impact/A.md and impact/a.md are one file on some systems
            raise ScaffoldError(f"AI system id {value!r} is given twice (ids differing only in case count as one)")
        seen.add(system.lower())
        systems.append(system)
    if not systems:
        raise ScaffoldError("give at least one AI system id (--ai-system)")
    if len(systems) > MAX_SYSTEMS:
        raise ScaffoldError(f"more than {MAX_SYSTEMS} AI systems: scaffold the first ones and copy the template")
    return systems


# ---------------------------------------------------------------------------
# The documents


@dataclass(frozen=True)
class DocumentSpec:
    path: str  # relative, forward slashes
    template: str  # file in templates/
    what: str  # what to fill in (README)
    clause: str  # the clause it serves, which places it in the plan
    order: int  # the order of the work


# In the order of the work: the scope first (it names the AI systems), the policy, the
# risk criteria and register, the SoA the treatments select, objectives, impact
# assessments and competence; then the records of the AIMS at work.
DOCUMENTS = (
    DocumentSpec("scope.md", "scope.md", "boundaries, issues, interested parties; each AI system's name, role and last significant change", "4.3", 1),
    DocumentSpec("policies/ai-policy.md", "ai-policy.md", "purpose, the three commitments, the framework for objectives, roles, communication, review and approval", "5.2", 2),
    DocumentSpec("planning/risk-assessment.md", "risk-assessment.md", "likelihood and severity scales, acceptance criteria, then one assessed risk at least per category with owner, treatment and controls", "6.1.2", 3),
    DocumentSpec("planning/soa.md", "soa.md", "for each of the 38 Annex A controls: applicable or not, justification, status, procedure, record, owner", "6.1.3", 4),
    DocumentSpec("planning/objectives.md", "objectives.md", "measurable objectives: metric and target, owner, review frequency, evaluation method, due date", "6.2", 5),
    # impact/<id>.md for each AI system comes here (order 6)
    DocumentSpec("support/competence-matrix.md", "competence-matrix.md", "required competencies, evaluation method, status and next review per role; the awareness check", "7.2", 7),
    DocumentSpec("records/internal-audit.md", "internal-audit.md", "the full-scope internal audit: date, scope, auditor, findings, conclusion", "9.2", 8),
    DocumentSpec("records/nonconformity-log.md", "nonconformity-log.md", "each nonconformity with root cause, corrective action, owner, due date and result", "10.2", 9),
    DocumentSpec("records/management-review.md", "management-review.md", "the management review after the audit: inputs with data, decisions, actions with owner and due date", "9.3", 10),
)
IMPACT = DocumentSpec("impact/{id}.md", "impact-assessment.md", "affected parties, harms, severity, reversibility, treatment; review cycle and triggers; escalation", "6.1.4", 6)

# Roles the scaffold proposes (in .aims-lint.yaml and the owners of the documents).
ROLES = ("Top Management", "AI Governance Lead", "AI System Owner", "Risk Owner", "Internal Auditor")


def _template(name: str) -> string.Template:
    return string.Template(resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def _annex_a() -> list[tuple[str, str]]:
    from aims_lint.reading.soa import catalogue

    return list(catalogue().items())


_MARKUP = str.maketrans({character: "\\" + character for character in "\\`*_[]<>|#"})


def _cell(text: str) -> str:
    """A name as plain text in Markdown, in running text and in a table cell: its
    markup characters escaped, so "Acme <Labs>" is no HTML tag nor a placeholder."""
    return text.translate(_MARKUP)


@dataclass
class Scaffold:
    organisation: str
    systems: list[str]
    stage2_date: _dt.date

    def documents(self) -> list[tuple[DocumentSpec, str]]:
        """(spec, relative path) of every document, in the order of the work."""
        found = [(spec, spec.path) for spec in DOCUMENTS]
        found += [(IMPACT, IMPACT.path.format(id=system)) for system in self.systems]
        return sorted(found, key=lambda item: item[0].order)

    def values(self, system: str | None = None) -> dict[str, str]:
        from aims_lint.config import PLANNING_DEFAULTS

        systems_yaml = "".join(
            f"  - id: {system_id}\n"
            f"    name: \"[Name of the AI system]\"\n"
            f"    role: \"[provider / developer / deployer / user]\"\n"
            f"    last_significant_change: \"[YYYY-MM-DD]\"\n"
            for system_id in self.systems
        )
        soa_rows = "\n".join(
            f"| {control} | {title} | [Yes / No] | [Risks treated (R-xx), or why it does not apply] | "
            f"[Implemented / Planned] | [Link to the procedure] | [Link to the record] | [Role] |"
            for control, title in _annex_a()
        )
        competence_rows = "\n".join(
            f"| {role} | [Required competencies] | [Evaluation method] | [Status] | [YYYY-MM-DD] |" for role in ROLES
        )
        values = {
            "organisation": _cell(self.organisation),
            "organisation_comment": self.organisation,
            "stage2_date": self.stage2_date.isoformat(),
            "ai_systems_yaml": systems_yaml,
            "soa_rows": soa_rows,
            "competence_rows": competence_rows,
            "audit_lead_days": str(PLANNING_DEFAULTS["internal-audit-lead-days"]),
        }
        if system is not None:
            values.update(system_id=system, impact_id=f"AIIA-{system.upper()}")
        return values

    def files(self) -> list[tuple[str, str]]:
        """(relative path, text) of the configuration and every document (not the README)."""
        out = [(CONFIG_FILE, _template("aims-lint.yaml").substitute(self.values()))]
        for spec, relpath in self.documents():
            system = relpath[len("impact/"):-3] if spec is IMPACT else None
            out.append((relpath, _template(spec.template).substitute(self.values(system))))
        return out


# ---------------------------------------------------------------------------
# The README: what to fill in, in what order, by when


def readme(scaffold: Scaffold, plan, written: set[str]) -> str:
    """The guide to the scaffold, dated with the milestones of ``plan`` (aims_lint.plan.Plan)."""
    from aims_lint.plan import milestone_of

    schedule = plan.schedule
    by_key = {milestone.key: milestone for milestone in schedule.milestones}
    lines = [
        f"# AI management system of {_cell(scaffold.organisation)}",
        "",
        f"{_GUIDE_MARK}: one structured template per document ISO/IEC 42001 requires.",
        "Replace every bracketed blank (`[Role]`, `[YYYY-MM-DD]`, `[Yes / No]`) with what the organisation",
        "really does and has on record, keep the headings, tables and front matter keys, and set",
        "`status: approved` with `approved_on` once top management has approved a document.",
        "`aims-lint check` reports each document that is still an unfilled template; `aims-lint plan`",
        "recounts the dates below from what is still open.",
        "",
        f"Stage 2 audit: **{scaffold.stage2_date.isoformat()}** (`stage2-date` in `{CONFIG_FILE}`).",
    ]
    if CONFIG_FILE not in written:
        lines += ["", f"`{CONFIG_FILE}` was already there and is left as it is: check that it sets "
                  f"`stage2-date: {scaffold.stage2_date.isoformat()}` and the roles below."]
    if schedule.stage2_assumed:
        lines.append("")
        lines.append(f"Note: {'; '.join(schedule.notes)}.")
    lines += [
        "",
        f"Before anything else, rename the roles in `{CONFIG_FILE}` to the titles your organisation uses",
        f"({', '.join(ROLES)}), and use the same names as owners in the documents.",
        "",
        "## What to fill in, in this order",
        "",
        "| # | Document | What to fill in | Fill in by |",
        "|---|---|---|---|",
    ]
    for number, (spec, relpath) in enumerate(scaffold.documents(), 1):
        milestone = by_key[milestone_of(spec.clause)]
        note = "" if relpath in written else " (already there: not written)"
        lines.append(
            f"| {number} | [{relpath}]({relpath}){note} | {spec.what} (clause {spec.clause}) | "
            f"{milestone.latest.isoformat()} ({milestone.name.lower()}) |"
        )
    lines += [
        "",
        "The internal audit, the nonconformity log and the management review are records of the",
        "AIMS at work: fill them in when the audit and the review are held, not before.",
        "Write the procedures the SoA points to under `procedures/` and keep the records that show",
        "the controls operating under `records/`.",
        "",
        "## Milestones to Stage 2",
        "",
        "Counted back from the Stage 2 date by dependencies (`aims-lint plan` shows them with the",
        "findings still open and their effort):",
        "",
        "| Milestone | Latest date |",
        "|---|---|",
    ]
    for milestone in schedule.milestones:
        lines.append(f"| {milestone.name} | {milestone.latest.isoformat()} |")
    lines += [
        "",
        "## Check",
        "",
        "```sh",
        "aims-lint check   # what an auditor would write up today",
        "aims-lint plan    # the plan to Stage 2",
        "```",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Writing: inside the folder only, no link followed, nothing overwritten


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (relative path, why)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def _supports_dir_fd() -> bool:
    return os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd and os.link in os.supports_dir_fd


def open_root(folder: Path) -> int:
    """A descriptor of ``folder``, created when missing (the folder itself may be a link
    the user named; nothing below it is followed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ScaffoldError(f"{str(folder)!r} exists and is not a folder") from None
    except OSError as error:
        raise ScaffoldError(f"cannot create {str(folder)!r}: {error.strerror or error}") from None
    if not folder.is_dir():
        raise ScaffoldError(f"{str(folder)!r} is not a folder")
    return os.open(folder, os.O_RDONLY | _DIRECTORY)


def _open_folder(parent: int, name: str) -> int:
    """Descriptor of the sub-folder ``name`` of ``parent``, made when missing; OSError
    (ELOOP, ENOTDIR) when it is a link or a file."""
    try:
        os.mkdir(name, 0o777, dir_fd=parent)
    except FileExistsError:
        pass
    return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)


def _create(folder: int, name: str, data: bytes) -> None:
    """Create ``name`` in ``folder`` with ``data``, whole or not at all; FileExistsError
    when the name exists (as a file, a folder or a link, dangling or not)."""
    temporary = f".{name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    descriptor = os.open(temporary, flags, 0o666, dir_fd=folder)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        try:
            os.link(temporary, name, src_dir_fd=folder, dst_dir_fd=folder,
                    follow_symlinks=os.link not in os.supports_follow_symlinks)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links here (some network and FAT file systems): create in place.
            target = os.open(name, flags, 0o666, dir_fd=folder)
            with os.fdopen(target, "wb") as stream:
                stream.write(data)
    finally:
        try:
            os.unlink(temporary, dir_fd=folder)
        except FileNotFoundError:
            pass


def write(folder: Path, files: list[tuple[str, str]]) -> Outcome:
    """Write ``files`` (relative path, text) below ``folder``; an existing file, or a
    folder on the way that is a link or a file, is skipped with the reason."""
    if not _supports_dir_fd():  # pragma: no cover - Windows
        return _write_plain(folder, files)
    outcome = Outcome()
    root = open_root(folder)
    opened: dict[str, int] = {"": root}
    try:
        for relpath, text in files:
            *parts, name = relpath.split("/")
            where, descriptor, failed = "", root, None
            for part in parts:
                key = f"{where}/{part}" if where else part
                if key not in opened:
                    try:
                        opened[key] = _open_folder(descriptor, part)
                    except OSError as error:
                        opened[key] = -1
                        failed = f"{key}/ is a symbolic link or not a folder: not followed" if error.errno in (
                            errno.ELOOP, errno.ENOTDIR, errno.EEXIST) else f"cannot create {key}/: {error.strerror}"
                        outcome.skipped.append((relpath, failed))
                        break
                if opened[key] < 0:
                    failed = f"{key}/ is a symbolic link or not a folder: not followed"
                    outcome.skipped.append((relpath, failed))
                    break
                where, descriptor = key, opened[key]
            if failed:
                continue
            try:
                _create(descriptor, name, text.encode("utf-8"))
            except FileExistsError:
                outcome.skipped.append((relpath, "exists: left as it is"))
            except OSError as error:
                outcome.skipped.append((relpath, f"cannot write: {error.strerror or error}"))
            else:
                outcome.created.append(relpath)
    finally:
        for descriptor in opened.values():
            if descriptor >= 0:
                os.close(descriptor)
    return outcome


def _write_plain(folder: Path, files: list[tuple[str, str]]) -> Outcome:  # pragma: no cover - Windows
    """Where descriptors of folders cannot be used: check each folder on the way is a
    real folder (not a link or junction), then create with O_EXCL."""
    outcome = Outcome()
    os.close(open_root(folder))
    for relpath, text in files:
        *parts, name = relpath.split("/")
        current = folder
        failed = None
        for part in parts:
            current = current / part
            if current.is_symlink() or (current.exists() and not current.is_dir()) or getattr(current, "is_junction", lambda: False)():
                failed = f"{part}/ is a symbolic link or not a folder: not followed"
                break
            current.mkdir(exist_ok=True)
        if failed:
            outcome.skipped.append((relpath, failed))
            continue
        try:
            descriptor = os.open(current / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            outcome.skipped.append((relpath, "exists: left as it is"))
            continue
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8"))
        outcome.created.append(relpath)
    return outcome


def planned(scaffold: Scaffold, folder: Path, today: _dt.date):
    """The plan to Stage 2 of the scaffold in ``folder`` as it now stands (its documents
    linted in-process); None when the folder cannot be linted (a broken configuration
    already there): the README then dates the milestones with no open work."""
    from aims_lint import plan as planning
    from aims_lint import runner
    from aims_lint.config import PLANNING_DEFAULTS, load_config
    from aims_lint.findings import Result
    from aims_lint.pack import load_rules

    try:
        # The folder's own configuration (the one just written, or the one it had).
        folder = Path(os.path.abspath(folder))
        config = load_config(folder)
        config.cache = False
        result = runner.run(config, [folder], today, rules=runner.select_rules(config, load_rules()))
        return planning.build(result, scaffold.stage2_date, today, config.planning)
    except Exception:  # the README still comes, dated without the open work
        return planning.build(Result(findings=[], documents_checked=1), scaffold.stage2_date, today, dict(PLANNING_DEFAULTS))


_GUIDE_MARK = "Written by `aims-lint init`"


def _foreign_readme(path: Path) -> bool:
    """Is there a README at ``path`` that an earlier ``init`` did not write?"""
    import stat

    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode):
        return True  # a link, a folder, a pipe: not read
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return True
    return _GUIDE_MARK.encode() not in head


def init(folder: Path, organisation: str, systems, stage2_date: _dt.date, today: _dt.date) -> Outcome:
    """Scaffold the AIMS in ``folder``: the documents first, then the README dated from
    the plan of what now stands there."""
    scaffold = Scaffold(check_name(organisation), check_systems(systems), stage2_date)
    outcome = write(folder, scaffold.files())
    written = set(outcome.created)
    plan = planned(scaffold, folder, today)
    # The guide is README.md, or AIMS-README.md beside a README the folder already has.
    guide = GUIDE_BESIDE_README if _foreign_readme(folder / README) else README
    more = write(folder, [(guide, readme(scaffold, plan, written))])
    outcome.created += more.created
    outcome.skipped += more.skipped
    return outcome
