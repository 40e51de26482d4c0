"""Rule packs: loading them, their vocabularies, and selecting rules by code, prefix or name.

The built-in pack is the top-level ``rules/`` folder of the source tree; the wheel ships
it as ``aims_lint/rules``. A pack is a Python package whose ``__init__`` lists its rule
modules in ``RULE_MODULES``, or its family sub-packages in ``FAMILIES`` (each with its
own ``RULE_MODULES``): an explicit registry, so adding a rule touches one module and one
line. Third-party packs register the same kind of package under the entry-point
group ``aims_lint.packs``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from aims_lint.rule import Rule

BUILTIN_PACK = "aims_lint.rules"
ENTRY_POINT_GROUP = "aims_lint.packs"


class PackError(Exception):
    """A rule pack that cannot be loaded (exit 2)."""


def _builtin_package() -> ModuleType:
    try:
        return importlib.import_module(BUILTIN_PACK)
    except ModuleNotFoundError as error:
        if error.name != BUILTIN_PACK:
            raise
    # Running from a source checkout: the pack is the repository's top-level rules/.
    source = Path(__file__).resolve().parent.parent / "rules"
    spec = importlib.util.spec_from_file_location(
        BUILTIN_PACK, source / "__init__.py", submodule_search_locations=[str(source)]
    )
    if spec is None or spec.loader is None:
        raise PackError(f"the built-in rule pack is missing (looked in {source})")
    module = importlib.util.module_from_spec(spec)
    sys.modules[BUILTIN_PACK] = module
    spec.loader.exec_module(module)
    return module


def builtin_package() -> ModuleType:
    """The built-in rule pack's package (``aims_lint.rules``), loaded once."""
    return sys.modules.get(BUILTIN_PACK) or _builtin_package()


def _rule_modules(package: ModuleType) -> list[str]:
    """Dotted rule-module names of a pack: its ``RULE_MODULES``, and those of each of its
    ``FAMILIES`` (sub-packages with their own ``RULE_MODULES``)."""
    names = list(getattr(package, "RULE_MODULES", ()))
    for family in getattr(package, "FAMILIES", ()):
        family_package = importlib.import_module(f"{package.__name__}.{family}")
        names.extend(f"{family}.{name}" for name in getattr(family_package, "RULE_MODULES", ()))
    return names


def _rules_of(package: ModuleType, pack_name: str) -> list[Rule]:
    rules = []
    base = Path(package.__file__).parent
    for module_name in _rule_modules(package):
        module = importlib.import_module(f"{package.__name__}.{module_name}")
        for value in vars(module).values():
            meta = getattr(value, "__aims_rule__", None)
            if meta is None:
                continue
            doc_path = base / Path(*module_name.split(".")).with_suffix(".md")
            rules.append(Rule(check=value, doc_path=doc_path, pack=pack_name, **meta))
    return rules


THIRD_PARTY_FOLDERS: list[str] = []  # where the installed third-party packs' code is


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Every rule of the built-in pack and of installed third-party packs."""
    packages = [(_builtin_package(), "aims-lint")]
    third_party = _third_party_packages()
    packages.extend(third_party)
    # The cache's code stamp covers these packs' files too (aims_lint.cache.code_stamp).
    THIRD_PARTY_FOLDERS[:] = sorted(str(Path(package.__file__).resolve().parent) for package, _ in third_party)
    rules: list[Rule] = []
    for package, pack_name in packages:
        rules.extend(_rules_of(package, pack_name))
    seen: dict[str, Rule] = {}
    for item in rules:
        for key in (item.code, item.name):
            if key in seen:
                raise PackError(f"rule {key} is defined twice (packs {seen[key].pack} and {item.pack})")
            seen[key] = item
    return tuple(sorted(rules, key=lambda item: item.code))


# -- rules whose modules load when first run ---------------------------------------

_MANIFEST = "rules.json"  # in the repository's cache folder
# Rule fields kept in the manifest (``check`` is named by its module and function; the
# documentation's path follows from the module, the pack is the built-in one).
_MANIFEST_TEXTS = ("code", "name", "clause", "classification", "remediation", "message", "summary", "scope")
_MANIFEST_FIELDS = (*_MANIFEST_TEXTS, "types", "options", "option_choices", "judges_templates", "default")


class _CheckOnFirstUse:
    """A rule's check, its module imported when the check first runs."""

    __slots__ = ("module", "function", "_loaded")

    def __init__(self, module: str, function: str):
        self.module, self.function, self._loaded = module, function, None

    def __call__(self, *args):
        if self._loaded is None:
            builtin_package()
            self._loaded = getattr(importlib.import_module(f"{BUILTIN_PACK}.{self.module}"), self.function)
        return self._loaded(*args)


def rules_for_run(cache_root: Path | None) -> tuple[Rule, ...]:
    """The rules, as ``load_rules`` gives them, for a run that may use the cache of the
    repository at ``cache_root``: with no third-party pack, and the list of the built-in
    rules kept there for this code (``cache.code_stamp``), no rule module is imported
    until its check runs. A pre-commit run that judges one document runs about a third
    of the rules: importing the others was a tenth of its time."""
    if cache_root is None or _any_pack_installed():
        return load_rules()
    from aims_lint import cache

    folder = cache.cache_folder(cache_root)
    if folder is None:
        return load_rules()
    data = cache.read_json(folder / _MANIFEST)
    if isinstance(data, dict) and data.get("code") == cache.code_stamp():
        rules = _rules_of_manifest(data.get("rules"))
        if rules is not None:
            return rules
    rules = load_rules()
    rows = []
    for item in rules:
        module = getattr(item.check, "__module__", "")
        if not module.startswith(BUILTIN_PACK + ".") or item.pack != "aims-lint":
            return rules  # not a rule of the built-in pack: nothing is kept
        rows.append({"module": module[len(BUILTIN_PACK) + 1:], "function": item.check.__name__,
                     **{name: getattr(item, name) for name in _MANIFEST_FIELDS}})
    cache.write_json(folder, _MANIFEST, {"code": cache.code_stamp(), "rules": rows})
    return rules


def _rules_of_manifest(rows) -> tuple[Rule, ...] | None:
    """The rules of a kept manifest; None when it does not validate."""
    if not isinstance(rows, list):
        return None
    base = Path(builtin_package().__file__).parent
    rules = []
    try:
        for row in rows:
            if not (isinstance(row, dict) and row.keys() == {"module", "function", *_MANIFEST_FIELDS}
                    and all(type(row[name]) is str for name in ("module", "function", *_MANIFEST_TEXTS))
                    and isinstance(row["types"], list) and isinstance(row["options"], dict)
                    and isinstance(row["option_choices"], dict) and type(row["judges_templates"]) is bool
                    and type(row["default"]) is bool):
                return None
            module = row["module"]
            if not all(part.isidentifier() for part in module.split(".")) or not row["function"].isidentifier():
                return None
            meta = {name: row[name] for name in _MANIFEST_FIELDS}
            meta["types"] = tuple(meta["types"])
            meta["option_choices"] = {option: tuple(values) for option, values in meta["option_choices"].items()}
            doc_path = base / Path(*module.split(".")).with_suffix(".md")
            rules.append(Rule(check=_CheckOnFirstUse(module, row["function"]), doc_path=doc_path, pack="aims-lint", **meta))
    except (TypeError, AttributeError):
        return None
    return tuple(rules)


def _any_pack_installed() -> bool:
    """Cheap pre-check: does any installed distribution declare our entry-point group?

    Importing importlib.metadata and scanning every distribution costs about 20 ms, a
    fifth of a whole single-file run; almost nobody has a third-party pack installed.
    A substring test over the entry_points.txt files on sys.path answers "none" in a
    millisecond; when it says "maybe", importlib.metadata does the real work.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith((".dist-info", ".egg-info")):
                    try:
                        with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as stream:
                            if marker in stream.read():
                                return True
                    except OSError:
                        continue
    return False


def _third_party_packages() -> list[tuple[ModuleType, str]]:
    if not _any_pack_installed():
        return []
    from importlib.metadata import entry_points

    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found.append((entry.load(), entry.name))
        except Exception as error:  # a broken plug-in is a usage error, not a crash
            raise PackError(f"rule pack {entry.name!r} ({entry.value}) failed to load: {error}") from None
    return found


@lru_cache(maxsize=None)
def vocabulary(name: str) -> list[str]:
    """Terms of ``vocabulary/<name>.txt`` in the built-in pack, one per line."""
    path = Path(_builtin_package().__file__).parent / "vocabulary" / f"{name}.txt"
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


@lru_cache(maxsize=1)
def vocabulary_names() -> tuple[str, ...]:
    """The names of the built-in pack's vocabularies (``vocabulary/<name>.txt``)."""
    folder = Path(_builtin_package().__file__).parent / "vocabulary"
    return tuple(sorted(path.stem for path in folder.glob("*.txt")))


def type_suggestion():
    """The built-in pack's guess of the known type a misspelt type means (DOC012's),
    as a function of the normalised type, or None when the pack has none."""
    try:
        module = importlib.import_module(f"{_builtin_package().__name__}.document_control.unknown_type")
    except ImportError:
        return None
    return getattr(module, "suggestion", None)


def data_path(name: str) -> Path:
    """A data file of the built-in pack (``data/<name>``), e.g. the Annex A catalogue."""
    return Path(_builtin_package().__file__).parent / "data" / name


# ---------------------------------------------------------------------------
# Selection


DEFAULT = "DEFAULT"  # the selector of the default rule set (every rule but the opt-in ones)


def _specificity(selector: str, item: Rule) -> int:
    """How specifically a selector names a rule: -1 not at all, 0 ALL (or DEFAULT, for a
    rule of the default set), >0 prefix length. An opt-in rule is named by its code, name,
    a prefix or ALL, never by DEFAULT."""
    if selector == "ALL":
        return 0
    if selector == DEFAULT:
        return 0 if item.default else -1
    if selector == item.code or selector == item.name:
        return 100
    if item.code.startswith(selector):
        return len(selector)
    return -1


def check_selectors(selectors: list[str], rules: tuple[Rule, ...], origin: str) -> None:
    """A selector that names no rule is a usage error (a typo would silently lint nothing)."""
    for selector in selectors:
        if selector != DEFAULT and not any(_specificity(selector, item) >= 0 for item in rules):
            raise PackError(f"{origin}: '{selector}' matches no rule code, prefix or name")


def matches(selectors: list[str], item: Rule) -> int:
    return max((_specificity(selector, item) for selector in selectors), default=-1)


def enabled_rules(rules: tuple[Rule, ...], select: list[str], ignore: list[str]) -> list[Rule]:
    """Rules selected more specifically than they are ignored (ignore wins ties)."""
    chosen = []
    for item in rules:
        selected = matches(select, item)
        if selected >= 0 and selected > matches(ignore, item):
            chosen.append(item)
    return chosen
