"""Pilot tests: the list of transcripts, and stepping through one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from interviewer.content.bank import Library
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import make_app
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.start import StartScreen
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.screens.transcripts import TranscriptsScreen
from interviewer.ui.widgets.chat import AnswerBubble, Note, QuestionBubble
from interviewer.ui.widgets.feedback_card import FeedbackCard
from tests.conftest import run_cli
from tests.ui.conftest import STRONG, build_app, hold_interview


async def test_pick_a_transcript_and_step_through_it(
    library: Library, store: TranscriptStore
) -> None:
    path = await hold_interview(library, store)
    (store.directory / "broken.json").write_text("{not json", encoding="utf-8")
    transcript = load_transcript(path)
    app = make_app(store, library=library, start="transcripts")
    notices: list[str] = []
    app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, TranscriptsScreen)
        table = listing.query_one(DataTable)
        assert table.row_count == 1
        assert "2026-01-15 09:30" in str(table.get_row_at(0)[0])
        assert notices == ["Skipped 1 unreadable file(s): broken.json"]
        assert listing.check_action("new", ()) is False  # no evaluator: replay only

        await pilot.press("enter")
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.index == 0
        assert "Hint: " in str(replay.query_one(Note).render())
        assert replay.query_one(FeedbackCard).feedback == transcript.turns[0].feedback
        assert replay.check_action("step", (-1,)) is None  # nothing before the first turn

        await pilot.press("right")
        await pilot.pause()
        assert replay.index == 1
        assert "question 1" in str(replay.query_one(QuestionBubble).border_title).lower()

        await pilot.press("end")
        await pilot.pause()
        assert replay.index == len(transcript.turns) - 1
        assert replay.check_action("step", (1,)) is None

        await pilot.press("left")
        await pilot.pause()
        assert replay.index == len(transcript.turns) - 2

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is replay
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing


async def test_home_and_end_go_to_the_first_and_last_turn_while_the_pane_can_scroll(
    library: Library, store: TranscriptStore
) -> None:
    path = await hold_interview(library, store)
    last = len(load_transcript(path).turns) - 1
    app = make_app(store, library=library, start="replay", replay=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        pane = replay.query_one("#replay-turn")
        assert app.focused is pane and pane.max_scroll_y > 0  # the pane could take the keys
        await pilot.press("end")
        await pilot.pause()
        assert replay.index == last
        await pilot.press("home")
        await pilot.pause()
        assert replay.index == 0


async def test_replay_of_one_file_goes_back_to_the_list(
    library: Library, store: TranscriptStore
) -> None:
    path = await hold_interview(library, store)
    app = make_app(store, library=library, start="replay", replay=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        answers = app.screen.query(AnswerBubble)
        assert answers and "after 0:20" in str(answers.first().border_title)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)
        assert app.screen.query_one(DataTable).row_count == 1


async def test_replay_straight_from_the_summary(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store, questions=1, follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        app.screen.query_one("#answer").insert(STRONG)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.query_one(AnswerBubble).render().plain == STRONG
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("n")
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        # The last interview's choices again, with a new seed for new questions.
        assert start.settings.questions == 1 and start.settings.follow_ups == 0
        assert start.settings.seed != 7


async def test_an_empty_folder_says_how_to_fill_it(
    library: Library, store: TranscriptStore
) -> None:
    app = make_app(store, library=library, start="transcripts")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No transcripts yet" in str(app.screen.query_one("#transcripts-empty").render())
        assert app.screen.check_action("open", ()) is False


def test_replay_command_needs_a_terminal_and_names_a_wrong_file(tmp_path: Path) -> None:
    result = run_cli("replay")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    missing = run_cli("replay", "nosuchid", "--transcripts", str(tmp_path))
    assert missing.returncode == 2
    assert "unknown transcript 'nosuchid'" in missing.stderr
