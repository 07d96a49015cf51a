"""Start-up time of ``interviewer --help`` as a fresh process (median of 15 runs).

Also reports which heavy modules the command imported, to catch a regression
where a top-level import drags pydantic, openai or textual into start-up.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15
HEAVY = ("pydantic", "openai", "textual", "httpx", "rapidfuzz", "snowballstemmer")


def main() -> None:
    command = [sys.executable, "-m", "interviewer", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    bare = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
        bare.append(time.perf_counter() - start)
    probe = (
        "import sys; from interviewer.cli import build_parser; build_parser().format_help(); "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(
        f"interviewer --help: median {statistics.median(times) * 1000:.0f} ms over {RUNS} runs"
        "   (target < 300 ms)"
    )
    print(f"  bare python start: median {statistics.median(bare) * 1000:.0f} ms")
    print(f"  heavy modules imported by --help: {loaded or 'none'}")


if __name__ == "__main__":
    main()
