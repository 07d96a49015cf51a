"""A transcript saved before self-checks existed still loads, replays, exports and charts.

``tests/data/old-transcript-v1.json`` was written by ``interviewer practice --plain`` from the
code just before ``Turn.self_check`` was added (an answer, a follow-up, a skipped question).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.history.listing import iter_listings
from interviewer.history.progress import scan
from interviewer.history.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    TranscriptDigest,
    load_digest,
    load_transcript,
    read_record,
)
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import summarise
from interviewer.reports.export import to_html, to_json, to_markdown
from interviewer.ui.app import make_app
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.self_check import SelfCheckScreen
from interviewer.ui.widgets.chat import AnswerBubble
from tests.conftest import run_cli

OLD = Path(__file__).parent / "data" / "old-transcript-v1.json"


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "transcripts"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(OLD, folder / OLD.name))


def test_it_has_no_self_check_field_and_loads() -> None:
    raw = json.loads(OLD.read_text(encoding="utf-8"))
    assert all("self_check" not in turn for turn in raw["turns"])
    transcript = load_transcript(OLD)
    assert [t.status for t in transcript.turns] == ["answered", "answered", "skipped"]
    assert all(t.self_check is None for t in transcript.turns)
    assert transcript.summary is not None
    assert summarise(transcript.turns).overall == transcript.summary.overall


def test_it_loads_through_the_migrations() -> None:
    raw = json.loads(OLD.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1 < SCHEMA_VERSION
    assert "response_format" not in raw["settings"] and "rubrics" not in raw["summary"]
    record = read_record(OLD)
    assert record["schema_version"] == SCHEMA_VERSION
    # What version 1 left out is written in, as the values its absence meant.
    assert record["settings"]["response_format"] is None
    assert [turn["self_check"] for turn in record["turns"]] == [None, None, None]
    assert record["summary"]["rubrics"] == []
    assert all(c["title"] is None and c["rubric"] is None for c in record["summary"]["criteria"])
    assert load_transcript(OLD).schema_version == SCHEMA_VERSION


def test_the_migrations_are_contiguous_and_end_at_the_current_version() -> None:
    assert [m.source for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION))
    assert MIGRATIONS[-1].source + 1 == SCHEMA_VERSION


def test_a_migration_said_to_keep_the_digest_keeps_it() -> None:
    """Scans read such a file without migrating it: that must give what migrating gives."""
    data = json.loads(OLD.read_text(encoding="utf-8"))
    for migration in MIGRATIONS:  # the version-1 file, taken up one version at a time
        before = TranscriptDigest.model_validate(data)
        migration.step(data)
        data["schema_version"] = migration.source + 1
        after = TranscriptDigest.model_validate(data)
        if migration.keeps_digest:
            assert before.model_copy(update={"schema_version": migration.source + 1}) == after
    digest = load_digest(OLD)
    assert digest.schema_version == SCHEMA_VERSION
    assert digest == TranscriptDigest.model_validate(read_record(OLD))
    (row,) = iter_listings(TranscriptStore(OLD.parent))
    assert not isinstance(row, tuple) and row.id == "58f3276c2f7b" and row.questions == 1


def test_it_exports_in_every_format(library: Library) -> None:
    transcript = load_transcript(OLD)
    report = to_markdown(transcript, library.rubrics)
    answers = [t.answer for t in transcript.turns if t.answer]
    assert len(answers) == 2 and all(a.splitlines()[0] in report for a in answers)
    assert "estimated from the key points matched" in report
    assert "You marked" not in report and "Self-check" not in report
    assert "Shuffled k-fold leaks the future" in to_html(transcript, library.rubrics)
    assert json.loads(to_json(transcript))["turns"][0]["self_check"] is None


def test_the_cli_exports_and_charts_it(old_copy: Path) -> None:
    env = {"INTERVIEWER_TRANSCRIPTS": str(old_copy.parent)}
    done = run_cli("export", str(old_copy), "--format", "md", env=env)
    assert done.returncode == 0, done.stderr
    assert "time-series-cv-demand-forecast" in done.stdout
    (session,) = scan(TranscriptStore(old_copy.parent)).sessions
    assert session.graded[0].question_id == "time-series-cv-demand-forecast"


async def test_it_replays_and_takes_a_self_check(library: Library, old_copy: Path) -> None:
    store = TranscriptStore(old_copy.parent)
    app = make_app(store, library=library, start="replay", replay=old_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        for index in range(3):
            assert replay.index == index
            assert replay.query(AnswerBubble) or index == 2
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        await pilot.press("right")  # the follow-up: graded on the whole thread
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        check = app.screen
        assert isinstance(check, SelfCheckScreen)
        lag = next(n for n, p in enumerate(check.check.points, 1) if p.startswith("Lag"))
        await pilot.press(str(lag), "enter")
        await pilot.pause()
    saved = load_transcript(old_copy)  # the same file, whatever its name
    turn = saved.turns[1]
    assert turn.self_check is not None and turn.self_check[check.check.points[lag - 1]]
    assert turn.feedback is not None and check.check.points[lag - 1] in turn.feedback.missed_points
