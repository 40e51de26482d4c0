"""The baseline: findings a team has accepted for now, so that a run reports only new ones.

``aims-lint baseline`` writes ``.aims-lint-baseline.json`` at the repository root (or the
file ``--output`` names); ``aims-lint check --baseline FILE``, or the ``baseline`` key of
the configuration, hides the findings it holds. An entry is keyed on what the finding
is about (``aims_lint.fingerprint``: code, file, normalised message), never on its line:
inserting lines above a gap keeps it accepted. An entry counts how many identical
findings of one file it accepts.

Entries that match no finding any more (the gap was closed, the file renamed) are
reported as a note on stderr, one per entry, as markdownlint and ESLint report unused
disable directives without failing the run, so that the baseline shrinks: run
``aims-lint baseline`` again to drop them. Only entries for files the run linted are
judged: a run over one file says nothing about the others' entries.

Findings the baseline accepts are not reported and do not fail the run; the readiness
summary still lists them as "accepted by baseline", and a major one keeps the
documentation from being ready for Stage 2, since the auditor still sees it.

The file is JSON, sorted by path, code and message, one entry per key, so that its
diff in a pull request shows which gaps were accepted or closed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from aims_lint import fingerprint
from aims_lint.findings import Finding, Result

FILE_NAME = ".aims-lint-baseline.json"
VERSION = 1
SHOWN_UNUSED = 20


class BaselineError(Exception):
    """A baseline file that cannot be read or is not one (exit 2)."""


def render(findings: list[Finding]) -> str:
    """The baseline file's text for ``findings`` (the active ones of a run)."""
    counted = fingerprint.count(findings)
    shown: dict[tuple, str] = {}  # key -> the message as the first such finding says it
    for finding in findings:
        shown.setdefault(fingerprint.key(finding), finding.message)
    entries = [
        {"path": path, "code": code, "message": shown[(code, path, message)], "count": number}
        for (code, path, message), number in sorted(counted.items(), key=lambda item: (item[0][1], item[0][0], item[0][2]))
    ]
    data = {
        "version": VERSION,
        "tool": "aims-lint",
        "note": "Findings accepted for now, keyed on content (not line numbers). Regenerate with 'aims-lint baseline'.",
        "findings": entries,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> tuple[Counter, dict]:
    """The counted keys of a baseline file, and each key's message as the file says it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot read baseline {path}: {error.strerror or error}") from None
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"baseline {path} is not an aims-lint baseline of version {VERSION} (regenerate it with 'aims-lint baseline')")
    known: Counter = Counter()
    shown: dict[tuple, str] = {}
    for index, entry in enumerate(data["findings"]):
        if (
            not isinstance(entry, dict)
            or not all(isinstance(entry.get(name), str) for name in ("path", "code", "message"))
            or type(entry.get("count", 1)) is not int or entry.get("count", 1) < 1
        ):
            raise BaselineError(f"baseline {path}: entry {index + 1} needs path, code, message (text) and count (a whole number >= 1)")
        key = (entry["code"], entry["path"], fingerprint.normalise(entry["message"]))
        known[key] += entry.get("count", 1)
        shown.setdefault(key, " ".join(entry["message"].split()))
    return known, shown


def apply(result: Result, loaded: tuple[Counter, dict], name: str, display=None) -> None:
    """Mark the findings of ``result`` that the baseline ``loaded`` accepts as baselined,
    and note the entries for linted files that match nothing (their files as ``display``
    shows a repository-relative path, as findings are shown; None: as they are)."""
    known, shown = loaded
    candidates = [finding for finding in result.findings if not finding.suppressed]
    matched, _, unused = fingerprint.match(candidates, known)
    for finding in matched:
        finding.baselined = True
    linted = set(result.linted)
    stale = sorted(
        (path, code, shown.get((code, path, message), message), number) for (code, path, message), number in unused.items()
        if result.whole_repository or path in linted
    )
    for path, code, message, number in stale[:SHOWN_UNUSED]:
        times = f" ({number} of them)" if number > 1 else ""
        shown = display(path) if display else path
        result.notes.append(f"{name}: unused baseline entry{times}: {shown}: {code} {message} (regenerate with 'aims-lint baseline')")
    if len(stale) > SHOWN_UNUSED:
        result.notes.append(f"{name}: and {len(stale) - SHOWN_UNUSED} more unused baseline entries")
