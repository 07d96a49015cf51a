"""Benchmark: `interviewer transcripts` and `interviewer progress` over a long history.

Generates 1,000 realistic transcripts (real interviews run by the offline
evaluator: five questions, follow-ups, feedback on every answer, dates spread
over two years, skills that improve unevenly by topic) plus one half-written
file, then times each command as a subprocess, as a user would run it, and
prints the median of several runs. The budget is 1 s each.

``--version1`` marks every file schema version 1, as a history saved by an
earlier release is: each file then goes through the migrations' check (see
``schema.load_digest``) rather than straight to the current schema.

    .venv/bin/python bench/history.py [--count N] [--runs N] [--keep DIR] [--version1]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interviewer.content.bank import Library, load_library
from interviewer.content.models import Question
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import SCHEMA_VERSION, Settings, Transcript
from interviewer.history.store import TranscriptStore
from interviewer.session.dialogue import Interview

BUDGET_S = 1.0
START = datetime(2024, 1, 8, 18, 0, tzinfo=UTC)


class _MemoryStore(TranscriptStore):
    """Keeps the interview in memory; the benchmark writes each file once at the end."""

    def save(self, transcript: Transcript) -> Path:
        return self.path_for(transcript)


def _answer(question: Question, skill: float, rng: random.Random) -> str:
    """A strong, partial or weak answer, more often strong as ``skill`` grows."""
    reference = question.reference_answer or " ".join(p.text for p in question.key_points)
    sentences = [s.strip() + "." for s in reference.replace("\n", " ").split(".") if s.strip()]
    roll = rng.random()
    if roll < skill:
        return reference
    if roll < skill + 0.3:
        return " ".join(sentences[: max(1, len(sentences) // 3)])
    return "I would start with a simple baseline model and see how it does, then iterate."


async def _session(
    library: Library,
    evaluator: OfflineEvaluator,
    store: TranscriptStore,
    number: int,
    count: int,
) -> Transcript:
    rng = random.Random(number)
    when = START + timedelta(hours=17.5 * number + rng.uniform(0, 6))
    ticks = iter(range(10_000))

    def clock() -> datetime:
        return when + timedelta(seconds=40 * next(ticks))

    settings = Settings(questions=5, follow_ups=1, seed=number)
    interview = Interview(library, evaluator, settings, store, clock=clock)
    progress = number / count
    while (prompt := interview.current) is not None:
        topic_bonus = 0.1 * (zlib.crc32(prompt.question.topic.encode()) % 4)
        skill = min(0.9, 0.15 + 0.5 * progress + topic_bonus)
        if prompt.kind == "follow_up" and rng.random() < 0.3:
            interview.skip()
            continue
        await interview.answer(_answer(prompt.question, skill, rng))
    interview.end()
    return interview.transcript


def generate(directory: Path, count: int, *, version: int = SCHEMA_VERSION) -> None:
    library = load_library()
    evaluator = OfflineEvaluator(library.bank)
    store = _MemoryStore(directory)
    directory.mkdir(parents=True, exist_ok=True)

    async def run_all() -> None:
        for number in range(count):
            transcript = await _session(library, evaluator, store, number, count)
            transcript.schema_version = version
            store.path_for(transcript).write_text(transcript.model_dump_json(indent=2) + "\n")

    asyncio.run(run_all())
    (directory / "20240101-000000-halfwritten.json").write_text('{"schema_version": 1, "id": "')


def _time(args: list[str], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "interviewer", *args], capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"interviewer {' '.join(args)} failed:\n{done.stderr}")
        if "halfwritten" not in done.stderr:
            raise SystemExit(f"interviewer {' '.join(args)} did not name the half-written file")
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument(
        "--version1", action="store_true", help="mark the files schema version 1 (older releases)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp) / "transcripts"
        start = time.perf_counter()
        generate(directory, args.count, version=1 if args.version1 else SCHEMA_VERSION)
        size = sum(p.stat().st_size for p in directory.glob("*.json")) / 1e6
        print(
            f"generated {args.count} transcripts ({size:.1f} MB"
            f"{', schema version 1' if args.version1 else ''}) "
            f"in {time.perf_counter() - start:.1f} s"
        )
        over = False
        for command in ("transcripts", "progress"):
            median, times = _time([command, "--transcripts", str(directory)], args.runs)
            runs = ", ".join(f"{t:.2f}" for t in times)
            verdict = "ok" if median < BUDGET_S else "OVER BUDGET"
            print(f"interviewer {command:<12} median {median:.3f} s  ({runs})  {verdict}")
            over = over or median >= BUDGET_S
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
