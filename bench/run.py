"""Run the aims-lint benchmark: every tool on the same files in the same run, each as a
ratio to the parse floor measured in that run, with peak memory.

    bench/setup.sh                 # once: tools in bench/.venv and bench/.node
    python3 bench/run.py           # 1, 100, 1,000 files and the real corpus
    python3 bench/run.py --large   # adds 10,000 files

Timing is the median wall time of --runs runs of the whole process (start-up included);
peak memory is the largest resident set of those runs (os.wait4). aims-lint runs with a
warm index cache unless the case says "cold" (--no-cache).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv" / "bin"
NODE = HERE / ".node" / "node_modules" / ".bin"
OUT = HERE / "out"
CORPUS = Path(os.environ.get("AIMS_LINT_CORPUS", HERE.parent.parent / "shared" / "corpus"))

sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def measure(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """(median seconds, peak MB) of ``runs`` runs of ``command``."""
    times, peak = [], 0
    environment = dict(os.environ, NO_COLOR="1")
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
        _, _, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), peak / 1024


def tools(target: str, single: bool) -> dict[str, list[str]]:
    python = str(VENV / "python")
    found = {
        "floor": [python, str(HERE / "floor.py"), target],
        "aims-lint (serial)": [str(VENV / "aims-lint"), "check", "-q", "--exit-zero", "-j", "1", target],
    }
    if not single:
        found["aims-lint (default jobs)"] = [str(VENV / "aims-lint"), "check", "-q", "--exit-zero", target]
    # No cache at all: every file parsed and judged, as on a first run or a fresh CI checkout.
    found["aims-lint (serial, cold)"] = [str(VENV / "aims-lint"), "check", "-q", "--exit-zero", "--no-cache", "-j", "1", target]
    if not single:
        found["aims-lint (default jobs, cold)"] = [str(VENV / "aims-lint"), "check", "-q", "--exit-zero", "--no-cache", target]
    found["pymarkdown"] = [
        str(VENV / "pymarkdown"), "--enable-extensions", "front-matter,markdown-tables", "--return-code-scheme",
        "minimal", "scan", *([target] if single else ["-r", target]),
    ]
    if (NODE / "markdownlint-cli2").exists():
        found["markdownlint-cli2"] = [str(NODE / "markdownlint-cli2"), target if single else f"{target}/**/*.md"]
    return found


def corpus(count: int) -> Path:
    folder = OUT / f"corpus-{count}"
    if not (folder / f"doc-{count - 1:05d}.md").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(count, folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also 10,000 files (about ten minutes)")
    arguments = parser.parse_args()
    if not (VENV / "aims-lint").exists():
        sys.exit("run bench/setup.sh first")
    cases: list[tuple[str, Path, str, bool]] = []
    one = corpus(1)
    cases.append(("1 file", one, "doc-00000.md", True))
    for count in (100, 1000) + ((10000,) if arguments.large else ()):
        cases.append((f"{count:,} files", corpus(count), ".", False))
    if CORPUS.is_dir():
        real = OUT / "real-corpus"
        if not real.exists():
            shutil.copytree(CORPUS, real)
            (real / ".aims-lint.toml").write_text("")
        cases.append(("real corpus", real, ".", False))

    rows = []
    for name, folder, target, single in cases:
        runs = 1 if "10,000" in name else arguments.runs
        results = {tool: measure(command, folder, runs) for tool, command in tools(target, single).items()}
        floor = results["floor"][0]
        rows.extend((name, tool, seconds, seconds / floor, peak) for tool, (seconds, peak) in results.items())
    big = corpus(1000)
    alone = corpus(1)
    aims = str(VENV / "aims-lint")
    for label, folder, command in (
        ("1 file alone", alone, [aims, "check", "-q", "--exit-zero", "doc-00000.md"]),
        ("1 file in 1,000 (warm caches)", big, [aims, "check", "-q", "--exit-zero", "doc-00500.md"]),
        ("1 file in 1,000 (cold, --no-cache)", big, [aims, "check", "-q", "--exit-zero", "--no-cache", "doc-00500.md"]),
        # The edit loop: one document changed since the last run, the whole repository checked.
        ("1,000 files, 1 edited before each", big,
         ["sh", "-c", f"printf '\\n' >> doc-00500.md && exec {shlex.quote(aims)} check -q --exit-zero -j 1 ."]),
    ):
        measure(command, folder, 1)  # warm the caches
        seconds, peak = measure(command, folder, arguments.runs)
        rows.append(("workspace", label, seconds, float("nan"), peak))

    print(f"{'case':<14} {'tool':<36} {'median s':>9} {'x floor':>8} {'peak MB':>8}")
    for name, tool, seconds, ratio, peak in rows:
        print(f"{name:<14} {tool:<36} {seconds:>9.3f} {ratio:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
