"""Worker processes give exactly the findings of a serial run."""

import datetime as dt
import shutil
import sys
from pathlib import Path

from aims_lint import runner
from aims_lint.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_parallel_run_equals_serial_run(tmp_path):
    root = tmp_path / "repo"
    generate(60, root, seed=7)
    shutil.copytree(EXAMPLES / "aims", root / "aims", ignore=shutil.ignore_patterns(".aims-lint.yaml"))
    (root / "aims" / "dup.md").write_text((root / "doc-00001.md").read_text())  # a duplicate id across workers
    config = load_config(root)
    today = dt.date(2026, 11, 27)
    serial = runner.run(config, [], today, jobs=1)
    parallel = runner.run(config, [], today, jobs=2)
    assert [f.as_json() for f in parallel.findings] == [f.as_json() for f in serial.findings]
    assert (parallel.files_checked, parallel.documents_checked) == (serial.files_checked, serial.documents_checked)
    assert {f.code for f in serial.findings} >= {"DOC010", "DOC009", "POL001"}
    assert parallel.errors == serial.errors == []
    # Owners come back from the workers too: the plan and the report name them.
    assert parallel.owners == serial.owners and serial.owners["aims/planning/soa.md"] == "AI Governance Lead"
