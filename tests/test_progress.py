"""Progress over a generated history, and corrupt files named and skipped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.progress import load_progress, scan
from interviewer.history.regrade import regrade
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import final_feedback
from interviewer.reports.progress_view import BLOCKS, block, columns, progress_text, sparkline
from tests.conftest import ROOT, run_cli
from tests.sessions import WEAK, day, run_session, strong, strong_except

CORRUPT = {
    "half.json": '{"schema_version": 1, "id": "half", "started_at": "2026-02-0',
    "wrong-schema.json": json.dumps({"schema_version": 1, "id": "w", "settings": {}}),
    "not-an-object.json": "[1, 2, 3]",
    "bad-score.json": json.dumps(
        {
            "schema_version": 1,
            "id": "b",
            "started_at": "2026-02-03T10:00:00+00:00",
            "settings": {},
            "turns": [
                {"question_id": "q", "topic": "t", "feedback": {"overall": "high", "criteria": []}}
            ],
        }
    ),
}


async def _history(library: Library, offline: OfflineEvaluator, store: TranscriptStore) -> None:
    """Eight sessions over four weeks, written newest first: deployment stays weak,
    algorithms starts weak and gets strong, the rest are strong throughout."""
    for n in reversed(range(8)):
        weak_topics = ("deployment", "algorithms") if n < 4 else ("deployment",)
        await run_session(
            library,
            offline,
            store,
            strong_except(*weak_topics),
            when=day(3.5 * n),
            seed=n,
            questions=5,
        )


@pytest.fixture
async def store(tmp_path: Path, library: Library, offline: OfflineEvaluator) -> TranscriptStore:
    store = TranscriptStore(tmp_path / "history")
    await _history(library, offline, store)
    return store


async def test_progress_over_a_generated_history(store: TranscriptStore) -> None:
    report = load_progress(store)
    sessions = report.sessions
    assert len(sessions) == 8
    assert [s.started_at for s in sessions] == sorted(s.started_at for s in sessions)
    assert (sessions[-1].started_at - sessions[0].started_at).days >= 24
    topics = {s.name: s for s in report.topics}
    assert set(topics) == {
        "model-selection",
        "algorithms",
        "preprocessing",
        "deployment",
        "end-to-end",
    }
    assert report.weakest()[0].name == "deployment"
    assert topics["deployment"].recent < 2.5 < topics["model-selection"].recent
    algorithms = topics["algorithms"]
    assert algorithms.change is not None and algorithms.change > 1.5
    assert algorithms.points[0].score < algorithms.points[-1].score
    # Every graded answer counts once, on its own topic and on each criterion.
    answers = sum(len(s.graded) for s in sessions)
    assert sum(s.count for s in report.topics) == answers == report.overall.count == 40
    criteria = {s.name for s in report.criteria}
    assert {"reasoning", "trade-offs", "production-readiness"} <= criteria


async def test_regrades_are_not_counted_twice(
    store: TranscriptStore, library: Library, offline: OfflineEvaluator
) -> None:
    report = load_progress(store)
    latest = report.sessions[-1]
    result = await regrade(load_transcript(latest.path), library, offline, "consultant")
    store.save(result.transcript)
    again = load_progress(store)
    assert len(again.sessions) == 8 and again.history.regrades == 1
    assert again.overall.scores == report.overall.scores


async def test_progress_takes_the_final_grades_the_summary_takes(
    store: TranscriptStore, library: Library, offline: OfflineEvaluator
) -> None:
    """Two readers (the digest and the whole transcript), one rule: ``final_turns``."""
    await run_session(library, offline, store, strong_except("deployment"), follow_ups=1)
    sessions = scan(store).sessions
    assert any(len(load_transcript(s.path).turns) > len(s.graded) for s in sessions)
    for session in sessions:
        finals = final_feedback(load_transcript(session.path).turns)
        assert [(g.question_id, g.topic, g.overall, g.criteria) for g in session.graded] == [
            (qid, turn.topic, f.overall, {c.id: float(c.score) for c in f.criteria})
            for qid, (turn, f) in finals.items()
        ]


async def test_corrupt_files_are_named_and_skipped(store: TranscriptStore) -> None:
    for name, text in CORRUPT.items():
        (store.directory / name).write_text(text)
    history = scan(store)
    assert len(history.sessions) == 8
    assert sorted(p.name for p, _ in history.skipped) == sorted(CORRUPT)
    assert all("skipped, not a readable transcript" in reason for _, reason in history.skipped)

    done = run_cli("progress", "--transcripts", str(store.directory))
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert len(warnings) == len(CORRUPT)
    for name in CORRUPT:
        assert any(str(store.directory / name) in w and "warning" in w for w in warnings)
    assert "Weakest topics" in done.stdout

    listing = run_cli("transcripts", "--transcripts", str(store.directory))
    assert listing.returncode == 0
    # The listing reads fewer fields, so a bad score does not trouble it; the rest do.
    for name in ("half.json", "wrong-schema.json", "not-an-object.json"):
        assert str(store.directory / name) in listing.stderr


async def test_chart_fits_80_columns_and_draws_each_topic(store: TranscriptStore) -> None:
    report = load_progress(store)
    text = progress_text(report)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    runs = columns(len(report.sessions))
    for series in [*report.topics, *report.criteria]:
        row = next(line for line in lines if line.startswith(series.name[:19]))
        assert sparkline(series, runs) in row
        assert f"{series.recent:.1f}" in row.split()
    deployment = next(line for line in lines if line.startswith("deployment"))
    assert set(sparkline(next(s for s in report.topics if s.name == "deployment"), runs)) <= {
        BLOCKS[0],
        BLOCKS[1],
        BLOCKS[2],
        " ",
    }
    assert "1. deployment" in text and deployment


def test_blocks_and_columns() -> None:
    assert block(1) == BLOCKS[0] and block(5) == BLOCKS[-1] and block(3) in BLOCKS[3:5]
    assert block(0.2) == BLOCKS[0] and block(9) == BLOCKS[-1]
    for sessions in (1, 5, 38, 39, 1000):
        runs = columns(sessions)
        assert len(runs) == min(sessions, 38)
        assert [i for run in runs for i in run] == list(range(sessions))
        assert max(len(r) for r in runs) - min(len(r) for r in runs) <= 1


async def test_sparkline_leaves_a_gap_where_a_topic_was_not_practised(
    tmp_path: Path, library: Library, offline: OfflineEvaluator
) -> None:
    store = TranscriptStore(tmp_path / "t")
    await run_session(library, offline, store, strong, when=day(0), topics=["algorithms"])
    await run_session(library, offline, store, strong, when=day(1), topics=["deployment"])
    await run_session(library, offline, store, lambda p: WEAK, when=day(2), topics=["algorithms"])
    report = load_progress(store)
    runs = columns(3)
    line = {s.name: sparkline(s, runs) for s in report.topics}
    assert line["algorithms"][1] == " " and line["deployment"] == f" {line['deployment'][1]} "
    assert line["algorithms"][0] > line["algorithms"][2]  # block characters rise with the score


def test_empty_history(tmp_path: Path) -> None:
    done = run_cli("progress", "--transcripts", str(tmp_path / "none"))
    assert done.returncode == 0 and "No graded sessions" in done.stdout


async def test_json_output(store: TranscriptStore) -> None:
    done = run_cli("progress", "--json", "--transcripts", str(store.directory))
    data = json.loads(done.stdout)
    assert data["sessions"] == 8 and data["weakest"][0] == "deployment"
    deployment = next(t for t in data["topics"] if t["name"] == "deployment")
    assert len(deployment["points"]) == deployment["count"] == 8


def test_history_modules_never_import_textual() -> None:
    modules = (
        "interviewer.history.progress, interviewer.reports.progress_view, "
        "interviewer.history.regrade, interviewer.reports.regrade_view, "
        "interviewer.history.focus, interviewer.reports.export"
    )
    code = f"import sys, {modules}; print('textual' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"
