"""Editor latency of ``aims-lint server``: time from didSave to publishDiagnostics.

Starts the server over stdio as an editor does (the LSP client of tests/lsp_client.py),
opens one document of a copy of examples/aims (default: its AI policy), then saves it
--runs times, each time waiting for the diagnostics, and prints the median and the
spread in milliseconds. Run with the Python of an environment that has aims-lint[lsp]:

    .venv/bin/python bench/lsp_latency.py [--document planning/soa.md] [--runs 20]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.lsp_client import Editor  # noqa: E402


async def measure(folder: Path, document: str, runs: int) -> list[float]:
    text = (folder / document).read_text(encoding="utf-8")
    async with Editor(folder) as editor:
        uri = editor.open(document, text)
        await editor.next_diagnostics(uri)  # the first lint loads the rules and builds the index
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            editor.save(uri)
            await editor.next_diagnostics(uri)
            times.append((time.perf_counter() - started) * 1000)
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", default="policies/ai-policy.md", help="a file of examples/aims")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "aims"
        shutil.copytree(PROJECT / "examples" / "aims", folder)
        times = asyncio.run(measure(folder, args.document, args.runs))
    size = (PROJECT / "examples" / "aims" / args.document).stat().st_size
    print(
        f"didSave -> publishDiagnostics, {args.document} ({size} bytes), {args.runs} saves: "
        f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
