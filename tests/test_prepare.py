"""Preparing a session from typed options: what the command line and the app both start from."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.errors import UserError
from interviewer.grading.offline import OfflineEvaluator
from interviewer.session.prepare import PracticeOptions, Sources, prepare, prepare_replay
from tests.sessions import run_session, strong


def test_options_become_checked_settings(tmp_path: Path) -> None:
    said: list[str] = []
    options = PracticeOptions(
        sources=Sources(transcripts=tmp_path, offline=True),
        topics=("algorithms", "algorithms"),
        questions=2,
        follow_ups=0,
        rubric="consultant",
        seed=7,
        feedback="end",
    )
    ready = prepare(options, said.append)
    s = ready.settings
    assert (s.topics, s.questions, s.follow_ups, s.rubric, s.seed, s.feedback) == (
        ["algorithms"],  # a topic named twice is asked once
        2,
        0,
        "consultant",
        7,
        "end",
    )
    assert ready.store.directory == tmp_path
    assert isinstance(ready.evaluator, OfflineEvaluator)
    assert said == []


def test_no_seed_means_new_questions(tmp_path: Path) -> None:
    options = PracticeOptions(sources=Sources(transcripts=tmp_path))
    seeds = {prepare(options, print).settings.seed for _ in range(3)}
    assert len(seeds) > 1


def test_more_questions_than_match_goes_up_as_a_note(tmp_path: Path, library: Library) -> None:
    said: list[str] = []
    options = PracticeOptions(
        sources=Sources(transcripts=tmp_path), difficulties=("easy",), questions=500
    )
    ready = prepare(options, said.append)
    easy = len([q for q in library.bank if q.difficulty == "easy"])
    assert ready.settings.questions == easy
    assert said == [
        f"note: only {easy} questions match the chosen topics and difficulty; "
        f"asking {easy}, not 500"
    ]


def test_an_unknown_rubric_fails_before_anything_runs(tmp_path: Path) -> None:
    options = PracticeOptions(sources=Sources(transcripts=tmp_path), rubric="nope")
    with pytest.raises(UserError, match="unknown rubric 'nope'"):
        prepare(options, print)


def test_an_empty_bank_folder_is_a_warning(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    said: list[str] = []
    Sources(banks=(empty,)).library(said.append)
    assert said == [f"warning: {empty}: no questions in this bank folder"]


async def test_a_replay_finds_its_transcript_by_id(
    tmp_path: Path, library: Library, offline: OfflineEvaluator
) -> None:
    sources = Sources(transcripts=tmp_path)
    transcript = await run_session(library, offline, sources.store(), strong, questions=1)
    ready = prepare_replay(sources, transcript.id[:6], print)
    assert ready.path is not None and ready.path.parent == tmp_path
    assert transcript.id in ready.path.name
    assert prepare_replay(sources, None, print).path is None
    with pytest.raises(UserError):
        prepare_replay(sources, "no-such-transcript", print)
