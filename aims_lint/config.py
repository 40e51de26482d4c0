"""Configuration: where it is, what it says, and where each value came from.

Looked up by walking up from the folder aims-lint runs in (an editor: from the file),
never above the git root: ``.aims-lint.yaml`` / ``.aims-lint.yml``, ``.aims-lint.toml``
or ``[tool.aims-lint]`` in ``pyproject.toml``; the first folder that has one is the
repository root. Without one, the git root is the root; with neither, the run is
standalone.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aims_lint.dates import parse_date

CONFIG_FILES = (".aims-lint.yaml", ".aims-lint.yml", ".aims-lint.toml", "pyproject.toml")
CLASSIFICATIONS = ("major", "minor", "advisory")  # most to least severe
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A usage error in a configuration file or option (exit 2)."""


# The plan to Stage 2 counts back from the audit date with these (``planning`` in the
# configuration; see aims_lint.plan):
PLANNING_DEFAULTS = {
    # weeks of operating evidence between closing the design gaps and the internal audit:
    # an auditor samples records of the processes running, two months is the usual least
    "evidence-weeks": 8,
    # days between the internal audit and Stage 2 that certification bodies usually
    # expect (a convention, not a requirement of ISO/IEC 17021-1 or ISO/IEC 42006)
    "internal-audit-lead-days": 60,
    # days from the internal audit to corrective actions closed with their root cause
    "corrective-action-days": 21,
    # days between Stage 1 and Stage 2 (Stage 1 findings must be closed in between)
    "stage1-lead-days": 30,
    # minor findings against one requirement from which the summary says that together
    # they may be judged a major nonconformity (ISO/IEC 17021-1: a systemic breakdown)
    "many-minors": 5,
}


@dataclass
class Config:
    root: Path
    file: Path | None = None
    select: list[str] = field(default_factory=lambda: ["DEFAULT"])  # the default rule set (pack.DEFAULT)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    external_refs: list[str] = field(default_factory=list)
    stage2_date: _dt.date | None = None
    # How the plan counts back from Stage 2 and when the summary calls many minors
    # against one requirement a possible major (PLANNING_DEFAULTS, key -> days or count).
    planning: dict[str, int] = field(default_factory=lambda: dict(PLANNING_DEFAULTS))
    fail_on: str = "minor"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocabularies: dict[str, list[str]] = field(default_factory=dict)  # extra terms per vocabulary
    # extra header words: concept -> field -> words (see aims_lint.fields.READING_FIELDS)
    header_words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # A baseline file (aims_lint.baseline), relative to the root; None: none
    baseline: str | None = None
    cache: bool = True  # keep the repository index in .aims-lint-cache/
    # Neither a configuration nor a git repository around the linted paths: lint only
    # what was named and write nothing (no cache in someone's home folder).
    standalone: bool = False
    notes: list[str] = field(default_factory=list)  # about how the configuration was found
    sources: dict[str, str] = field(default_factory=dict)  # key -> "default" | "file:line" | "command line"
    # Line of each nested key and list item in the file: ("rule-options", "DOC007",
    # "grace-days") -> 12, ("select", 1) -> 3 (the second item); errors name it.
    lines: dict[tuple, int] = field(default_factory=dict)
    line_finder: Any = None  # key -> line, for files whose nested lines are found on demand (TOML)

    def where(self, *key) -> str:
        """``file:line`` of a key (or the nearest enclosing one known), or where the value
        came from (``command line``, ``default``)."""
        source = self.sources.get(str(key[0]), "default")
        if self.file is None or not source.startswith(str(self.file)):
            return "--" + str(key[0]) if source == "command line" else source
        for length in range(len(key), 0, -1):
            line = self.lines.get(key[:length])
            if line is None and self.line_finder is not None and length > 1:
                line = self.line_finder(key[:length])
            if line is not None:
                return f"{self.file}:{line}"
        return source



# kebab-case key in files -> attribute
CONFIG_KEYS = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "exclude": "exclude",
    "types": "types",
    "roles": "roles",
    "external-refs": "external_refs",
    "stage2-date": "stage2_date",
    "planning": "planning",
    "fail-on": "fail_on",
    "max-file-size": "max_file_size",
    "rule-options": "rule_options",
    "vocabularies": "vocabularies",
    "header-words": "header_words",
    "cache": "cache",
    "baseline": "baseline",
}


def _folder(start: Path) -> Path:
    """``start`` made absolute without resolving symlinks (a link's target never decides
    where the repository is), and its folder when it names a file."""
    absolute = Path(os.path.abspath(start))
    return absolute if absolute.is_dir() and not absolute.is_symlink() else absolute.parent


def find_git_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` (lexically) holding ``.git``."""
    folder = _folder(start)
    for directory in (folder, *folder.parents):
        if (directory / ".git").exists():
            return directory
    return None


def find_config_file(start: Path, notes: list[str] | None = None) -> Path | None:
    """The nearest configuration file at or above ``start``, never above the git root:
    a stray configuration in a shared parent folder (the system's temporary folder)
    must not take over the repositories below it. Folders reached through a symlink
    are not searched, and a configuration file that links outside its repository is
    ignored (with a note): the repository's content never chooses a configuration from
    elsewhere."""
    folder = _folder(start)
    git_root = find_git_root(folder)
    chain = [folder, *folder.parents]
    if git_root is not None:
        chain = chain[: chain.index(git_root) + 1]
    # A folder below the git root that is a symlink leads elsewhere: search above it only.
    for index in range(len(chain) - 1, -1, -1):
        if chain[index] != git_root and chain[index].is_symlink():
            chain = chain[index + 1:]
            break
    for directory in chain:
        found = []
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if candidate.is_symlink() and not _inside(candidate, git_root or directory):
                if notes is not None:
                    notes.append(f"{candidate}: ignored: the configuration file links outside the repository")
                continue
            if name == "pyproject.toml" and not _pyproject_has_section(candidate):
                continue
            found.append(candidate)
        if len(found) > 1:
            # Silently preferring one would let a pull request that adds a second file
            # (an '.aims-lint.yaml' that ignores everything) replace the one in use.
            names = ", ".join(path.name for path in found)
            raise ConfigError(f"{directory}: more than one aims-lint configuration ({names}): keep one")
        if found:
            return found[0]
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        resolved, base = path.resolve(strict=True), folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return resolved == base or base in resolved.parents


def _pyproject_has_section(path: Path) -> bool:
    try:
        return re.search(r"^\[tool\.aims-lint[.\]]", path.read_text(encoding="utf-8", errors="replace"), re.M) is not None
    except OSError:
        return False


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for paths under ``start`` (or the file ``explicit``). The root
    is the configuration's folder, else the git root; with neither, ``start``'s folder,
    and the run is standalone: it lints what it was given and writes nothing there."""
    notes: list[str] = []
    path = Path(os.path.abspath(explicit)) if explicit else find_config_file(start, notes)
    if path is None:
        git_root = find_git_root(start)
        config = Config(root=git_root or _folder(start), standalone=git_root is None)
        config.sources = {key: "default" for key in CONFIG_KEYS}
        config.notes = notes
        return config
    config = Config(root=_explicit_root(start, path) if explicit else path.parent, file=path)
    config.sources = {key: "default" for key in CONFIG_KEYS}
    config.notes = notes
    raw, lines = _read(path)
    config.lines = {key: line for key, line in lines.items() if isinstance(key, tuple)}
    config.line_finder = lines.get("finder")
    for key, value in raw.items():
        where = f"{path}:{lines.get(key, 1)}"
        if key not in CONFIG_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), list(CONFIG_KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{where}: unknown configuration key '{key}'{hint}")
        try:
            setattr(config, CONFIG_KEYS[key], _validate(key, value))
        except ValueError as error:
            raise ConfigError(f"{where}: bad value for '{key}': {error}") from None
        config.sources[key] = where
    return config


def _explicit_root(start: Path, path: Path) -> Path:
    """The root of a run whose configuration ``--config`` names: the repository the
    command runs in (the folder of the configuration found from ``start``, else its git
    root), as without --config: a configuration kept in a sub-folder, or shared from
    elsewhere, does not make its own folder the repository. Outside any repository, the
    git root around the file, else the file's folder."""
    try:
        found = find_config_file(start)
    except ConfigError:  # two configurations there: --config chooses
        found = None
    root = found.parent if found is not None else find_git_root(start)
    return root or find_git_root(path) or path.parent


def load_config_for_run(paths: list[Path], explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """The configuration of a command-line run over ``paths``. The repository is the one
    the command runs in (``cwd``), or the one ``--config`` names: paths on the command
    line may come from a pull request (changed files, pre-commit), so none of them, nor
    a symlink among them, may move the root or pick another configuration. Only paths
    outside the current folder's repository are looked up from where they are (their
    common folder, without following symlinks)."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    if explicit is not None:
        return load_config(cwd, explicit)
    here = load_config(cwd)
    absolute = [Path(os.path.abspath(path)) for path in paths]
    if not here.standalone and all(path == here.root or here.root in path.parents for path in absolute):
        here.notes.extend(_unused_nested_configs(here, absolute))
        return here
    folders = [path if path.is_dir() and not path.is_symlink() else path.parent for path in absolute]
    common = Path(os.path.commonpath(folders)) if folders else cwd
    return load_config(common)


def _unused_nested_configs(config: Config, paths: list[Path]) -> list[str]:
    """Notes for configuration files below the root in the folders given: they are not
    used (one configuration per run, found from where aims-lint runs)."""
    notes = []
    for path in paths:
        if not path.is_dir() or path == config.root:
            continue
        for directory in (path, *path.parents):
            if directory == config.root:
                break
            found = next((directory / name for name in CONFIG_FILES[:3] if (directory / name).is_file()), None)
            if found is not None:
                notes.append(
                    f"{found.relative_to(config.root).as_posix()}: not used: the configuration comes from the folder "
                    f"aims-lint runs in ({config.file or config.root}); run aims-lint in "
                    f"{directory.relative_to(config.root).as_posix()}/ or pass --config"
                )
                break
    return notes


def _read(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The aims-lint table of a configuration file and the line of each key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    if path.suffix in (".yaml", ".yml"):
        from ruamel.yaml import YAML

        try:
            data = YAML(typ="rt", pure=True).load(text)
        except Exception as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}{line}: invalid YAML: {getattr(error, 'problem', error)}") from None
        if data is None:
            return {}, {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}:1: configuration must be a mapping of keys to values")
        lines: dict = {}
        for key in data:
            try:
                lines[key] = data.lc.key(key)[0] + 1
            except (AttributeError, KeyError):
                lines[key] = 1
            _nested_lines(data[key], (str(key),), lines)
        try:
            return _plain(data), lines
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("aims-lint", {})
    lines: dict = {}
    for key in data:
        match = re.search(rf"^\s*[\"']?{re.escape(str(key))}[\"']?\s*=", text, re.M)
        if match is None:
            match = re.search(rf"^\[(?:tool\.aims-lint\.)?{re.escape(str(key))}[.\]]", text, re.M)
        lines[key] = text.count("\n", 0, match.start()) + 1 if match else 1
    import functools  # a partial, not a lambda: the Config goes to worker processes

    lines["finder"] = functools.partial(_toml_line, text)  # nested keys: looked up on an error only
    return data, lines


def _toml_line(text: str, key: tuple) -> int | None:
    """The line of a nested key in a TOML configuration (("rule-options", "DOC007",
    "grace-days")): its own table (``[rule-options.DOC007]``) or ``name =`` after the
    enclosing key. Searched only to report an error: a configuration of 10,000 globs
    must not cost a search per glob on every run."""
    names = [str(part) for part in key if not isinstance(part, int)]
    if len(names) < 2:
        return None
    quoted = [rf"[\"']?{re.escape(name)}[\"']?" for name in names]
    position, found = 0, None
    for depth in range(len(names), 1, -1):  # the deepest table header that exists
        dotted = r"\.".join(quoted[:depth])
        header = re.search(rf"^\[(?:tool\.aims-lint\.)?{dotted}\]", text, re.M)
        if header is not None:
            position, found, rest = header.end(), header, quoted[depth:]
            break
    else:
        top = re.search(rf"^\s*{quoted[0]}\s*=|^\[(?:tool\.aims-lint\.)?{quoted[0]}\]", text, re.M)
        if top is None:
            return None
        position, rest = top.end(), quoted[1:]
    for name in rest:
        assignment = re.compile(rf"(?:^|[{{,])[ \t]*(?P<name>{name})[ \t]*=", re.M).search(text, position)
        if assignment is None:
            break
        position, found = assignment.end(), assignment
    if found is None:
        return None
    return text.count("\n", 0, found.start("name") if "name" in found.re.groupindex else found.start()) + 1


def _nested_lines(value: Any, path: tuple, lines: dict, depth: int = 0) -> None:
    """The line of each key and list item below ``path`` in a ruamel mapping or
    sequence (three levels: rule-options -> rule -> option)."""
    if depth > 2:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            try:
                lines[(*path, str(key))] = value.lc.key(key)[0] + 1
            except (AttributeError, KeyError, TypeError):
                continue
            _nested_lines(item, (*path, str(key)), lines, depth + 1)
    elif isinstance(value, list):
        for index in range(len(value)):
            try:
                lines[(*path, index)] = value.lc.item(index)[0] + 1
            except (AttributeError, KeyError, TypeError, IndexError):
                continue


MAX_CONFIG_VALUES = 100_000  # far above any real configuration; an alias bomb is far above it


def _plain(value: Any, budget: list[int] | None = None) -> Any:
    """ruamel containers -> plain dicts and lists (dates stay dates). YAML aliases are
    expanded, so a few hundred bytes of nested aliases could expand to billions of
    values: the expansion stops at MAX_CONFIG_VALUES."""
    budget = [MAX_CONFIG_VALUES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise ConfigError(f"configuration expands to more than {MAX_CONFIG_VALUES:,} values (nested YAML aliases?)")
    if isinstance(value, dict):
        return {str(key): _plain(item, budget) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, budget) for item in value]
    return value


def _string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of strings")
    return [item.strip() for item in value]


def _validate(key: str, value: Any) -> Any:
    if key in ("select", "extend-select", "ignore", "exclude", "roles", "external-refs"):
        return _string_list(value)
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ValueError("expected a mapping of glob to a list of rule codes")
        return {str(glob): _string_list(codes) for glob, codes in value.items()}
    if key == "types":
        if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
            raise ValueError("expected a mapping of glob to document type")
        return {str(glob): item.strip() for glob, item in value.items()}
    if key == "stage2-date":
        date = parse_date(value)
        if date is None:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
        return date
    if key == "planning":
        if not isinstance(value, dict):
            raise ValueError(f"expected a mapping with keys {', '.join(PLANNING_DEFAULTS)}")
        unknown = sorted(str(name) for name in value if name not in PLANNING_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r}; known: {', '.join(PLANNING_DEFAULTS)}")
        for name, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int) or number < (1 if name == "many-minors" else 0):
                raise ValueError(f"{name}: expected a whole number{' of at least 1' if name == 'many-minors' else ''}, got {number!r}")
        return {**PLANNING_DEFAULTS, **value}
    if key == "fail-on":
        if value not in CLASSIFICATIONS:
            raise ValueError(f"expected one of {', '.join(CLASSIFICATIONS)}, got {value!r}")
        return value
    if key == "max-file-size":
        return parse_size(value)
    if key == "rule-options":
        if not isinstance(value, dict) or not all(isinstance(item, dict) for item in value.values()):
            raise ValueError("expected a mapping of rule code or name to a mapping of options")
        return {str(rule): dict(options) for rule, options in value.items()}
    if key == "cache":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if key == "baseline":
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise ValueError(f"expected the path of a baseline file, relative to the configuration's folder, got {value!r}")
        return value.strip()
    if key == "vocabularies":
        if not isinstance(value, dict):
            raise ValueError("expected a mapping of vocabulary name to a list of extra terms")
        return {str(name): _string_list(terms) for name, terms in value.items()}
    if key == "header-words":
        return _header_words(value)
    raise ValueError("unsupported key")  # pragma: no cover - CONFIG_KEYS and this function agree


def _did_you_mean(name: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _header_words(value: Any) -> dict[str, dict[str, list[str]]]:
    """``header-words``: concept -> field -> extra header words, every name checked
    against the fields the reading layer knows (``aims_lint.fields.READING_FIELDS``)."""
    from aims_lint.fields import READING_FIELDS

    if not isinstance(value, dict):
        raise ValueError("expected a mapping of concept (risks, objectives, soa, ...) to a mapping of field to words")
    result: dict[str, dict[str, list[str]]] = {}
    for concept, fields in value.items():
        concept = str(concept)
        if concept not in READING_FIELDS:
            known = ", ".join(READING_FIELDS)
            raise ValueError(f"unknown concept '{concept}'{_did_you_mean(concept, READING_FIELDS)}; concepts: {known}")
        if not isinstance(fields, dict):
            raise ValueError(f"'{concept}': expected a mapping of field to a list of header words")
        result[concept] = {}
        for name, words in fields.items():
            name = str(name)
            if name not in READING_FIELDS[concept]:
                known = ", ".join(READING_FIELDS[concept])
                raise ValueError(
                    f"unknown field '{concept}.{name}'{_did_you_mean(name, READING_FIELDS[concept])}; fields of {concept}: {known}"
                )
            try:
                listed = _string_list(words)
            except ValueError:
                raise ValueError(f"'{concept}.{name}': expected a list of strings") from None
            if not all(item for item in listed):
                raise ValueError(f"'{concept}.{name}': a header word cannot be empty")
            result[concept][name] = listed
    return result


def parse_size(value: Any) -> int:
    """Bytes from 10485760, "10 MB", "512 KB"."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", str(value), re.I)
    if not match:
        raise ValueError(f"expected a size such as 10 MB, got {value!r}")
    number, unit = float(match.group(1)), (match.group(2) or "b").lower()[0]
    size = int(number * {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])
    if size <= 0:
        raise ValueError("size must be positive")
    return size


def check_against_rules(config: Config, rules) -> None:
    """What the configuration says about rules, checked against the rules loaded: every
    selector (select, extend-select, ignore, per-file-ignores) names a rule, a prefix or
    ALL; every rule of rule-options exists, every option is one the rule declares, of
    its type; every vocabulary exists; every type given to a glob is not a misspelling
    of a known one. A ConfigError names the file and line (or the command-line option)
    and, where one is close, what was probably meant."""
    from aims_lint import pack

    names = [item.code for item in rules] + [item.name for item in rules]
    families = sorted({item.code.rstrip("0123456789") for item in rules})  # DOC, POL, AIMS ...

    def check_selector(selector: str, key: str, *place) -> None:
        if selector == "ALL" or any(pack._specificity(selector, item) >= 0 for item in rules):
            return
        hint = _did_you_mean(selector, names) or _did_you_mean(selector.upper(), families)
        # Where: looked up only now (a TOML file's nested lines are searched for).
        raise ConfigError(f"{config.where(*place)}: '{selector}' in '{key}' matches no rule code, prefix or name{hint}")

    for key, attribute in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        for index, selector in enumerate(getattr(config, attribute)):
            check_selector(selector, key, key, index)
    for glob, selectors in config.per_file_ignores.items():
        for index, selector in enumerate(selectors):
            check_selector(selector, f"per-file-ignores: {glob}", "per-file-ignores", glob, index)

    by_key = {item.code: item for item in rules} | {item.name: item for item in rules}
    for rule_key, options in config.rule_options.items():
        item = by_key.get(rule_key) or by_key.get(rule_key.upper())
        if item is None:
            raise ConfigError(
                f"{config.where('rule-options', rule_key)}: rule-options: no rule with code or name '{rule_key}'"
                f"{_did_you_mean(rule_key, names)}"
            )
        for option, value in options.items():
            if option not in item.options or item.option_error(option, value):
                where = config.where("rule-options", rule_key, option)
            if option not in item.options:
                known = ", ".join(item.options) or "none"
                raise ConfigError(
                    f"{where}: rule-options: {item.code} ({item.name}) has no option '{option}'"
                    f"{_did_you_mean(str(option), item.options)}; its options: {known}"
                )
            problem = item.option_error(option, value)
            if problem:
                raise ConfigError(f"{where}: rule-options: {item.code} '{option}': {problem}")

    known_vocabularies = pack.vocabulary_names()
    for name in config.vocabularies:
        if name not in known_vocabularies:
            raise ConfigError(
                f"{config.where('vocabularies', name)}: vocabularies: no vocabulary '{name}'"
                f"{_did_you_mean(name, known_vocabularies)}; vocabularies: {', '.join(known_vocabularies)}"
            )

    suggestion = pack.type_suggestion()
    for glob, doc_type in config.types.items():
        from aims_lint.workspace import normalise_type

        meant = suggestion(normalise_type(doc_type)) if suggestion else None
        if meant:
            raise ConfigError(
                f"{config.where('types', glob)}: types: '{glob}': type '{doc_type}' is not one aims-lint knows; "
                f"did you mean '{meant}'? (a type of your own that is not close to a known one is accepted)"
            )
