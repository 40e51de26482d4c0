"""Configuration: where it is, what it says, and where each value came from.

Looked up by walking up from the linted path: ``.aims-lint.yaml`` / ``.aims-lint.yml``,
``.aims-lint.toml`` or ``[tool.aims-lint]`` in ``pyproject.toml``; the first folder that
has one is the repository root. Without one, the git root is the root.
"""

from __future__ import annotations

import datetime as _dt
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


@dataclass
class Config:
    root: Path
    file: Path | None = None
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    external_refs: list[str] = field(default_factory=list)
    stage2_date: _dt.date | None = None
    fail_on: str = "minor"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocabularies: dict[str, list[str]] = field(default_factory=dict)  # extra terms per vocabulary
    cache: bool = True  # keep the repository index in .aims-lint-cache/
    sources: dict[str, str] = field(default_factory=dict)  # key -> "default" | "file:line" | "command line"



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
    "fail-on": "fail_on",
    "max-file-size": "max_file_size",
    "rule-options": "rule_options",
    "vocabularies": "vocabularies",
    "cache": "cache",
}


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _pyproject_has_section(candidate):
                    continue
                return candidate
    return None


def find_git_root(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _pyproject_has_section(path: Path) -> bool:
    try:
        return re.search(r"^\[tool\.aims-lint[.\]]", path.read_text(encoding="utf-8", errors="replace"), re.M) is not None
    except OSError:
        return False


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """Resolve the configuration for paths under ``start`` (or read ``explicit``)."""
    start = start.resolve()
    path = explicit.resolve() if explicit else find_config_file(start)
    if path is None:
        folder = start if start.is_dir() else start.parent
        root = find_git_root(start) or folder
        config = Config(root=root)
        config.sources = {key: "default" for key in CONFIG_KEYS}
        return config
    config = Config(root=path.parent, file=path)
    config.sources = {key: "default" for key in CONFIG_KEYS}
    raw, lines = _read(path)
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


def load_config_for(path: Path, explicit: Path | None = None) -> Config:
    """The configuration for linting ``path``, which may not exist yet (an editor's
    unsaved buffer, ``--stdin-filename``): looked up from its nearest existing folder."""
    if not path.exists():
        path = path.parent if path.parent.exists() else Path.cwd()
    return load_config(path, explicit)


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
        lines = {}
        for key in data:
            try:
                lines[key] = data.lc.key(key)[0] + 1
            except (AttributeError, KeyError):
                lines[key] = 1
        return _plain(data), lines
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("aims-lint", {})
    lines = {}
    for key in data:
        match = re.search(rf"^\s*[\"']?{re.escape(str(key))}[\"']?\s*=", text, re.M)
        if match is None:
            match = re.search(rf"^\[tool\.aims-lint\.{re.escape(str(key))}\]", text, re.M)
        lines[key] = text.count("\n", 0, match.start()) + 1 if match else 1
    return data, lines


def _plain(value: Any) -> Any:
    """ruamel containers -> plain dicts and lists (dates stay dates)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
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
    if key == "vocabularies":
        if not isinstance(value, dict):
            raise ValueError("expected a mapping of vocabulary name to a list of extra terms")
        return {str(name): _string_list(terms) for name, terms in value.items()}
    raise ValueError("unsupported key")  # pragma: no cover - CONFIG_KEYS and this function agree


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
