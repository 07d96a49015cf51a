"""Pilot tests: re-grading from a replay, and progress over the history."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp, make_app
from interviewer.ui.screens.progress import ProgressScreen
from interviewer.ui.screens.regrade import RegradeScreen, change_text
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.rubric_picker import RubricPicker
from interviewer.ui.screens.transcripts import TranscriptsScreen
from tests.ui.conftest import SlowEvaluator, hold_interview


async def pick_rubric(app: InterviewerApp, rubric: str) -> None:
    picker = app.screen
    assert isinstance(picker, RubricPicker)
    options = picker.query_one(OptionList)
    options.highlighted = options.get_option_index(rubric)


async def test_regrade_from_the_replay_shows_both_and_saves_a_new_transcript(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    path = await hold_interview(library, store)
    made: list[OfflineEvaluator] = []

    def make_evaluator() -> OfflineEvaluator:
        made.append(offline)
        return offline

    app = make_app(
        store, library=library, make_evaluator=make_evaluator, start="replay", replay=path
    )
    async with app.run_test(size=(100, 30)) as pilot:
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert made == []  # nothing is built until a re-grade asks for it
        await pilot.press("g")
        await pilot.pause()
        await pick_rubric(app, "consultant")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, RegradeScreen)
        assert made == [offline] and app.evaluator is offline
        saved = load_transcript(shown.path)
        assert saved.regraded_from == "replay0001"
        assert saved.settings.rubric == "consultant"
        assert shown.path.parent == path.parent
        original = load_transcript(path)
        assert [t.answer for t in saved.turns] == [t.answer for t in original.turns]
        text = "\n".join(str(s.render()) for s in shown.query("Static"))
        assert "Re-graded under consultant rubric (was by topic)" in text
        assert "overall" in text

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.transcript.id == saved.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is replay


async def test_esc_cancels_a_regrade_before_anything_is_saved(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    path = await hold_interview(library, store)
    slow = SlowEvaluator(offline)
    app = make_app(store, library=library, make_evaluator=lambda: slow, start="replay", replay=path)
    async with app.run_test(size=(100, 30)) as pilot:
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("g")
        await pilot.pause()
        await pick_rubric(app, "general")
        await pilot.press("enter")
        await slow.started.wait()
        await pilot.pause()
        assert replay.regrading and replay.check_action("regrade", ()) is None
        assert "Esc cancels" in str(replay.query_one("#replay-status").render())
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is replay and not replay.regrading
        status = str(replay.query_one("#replay-status").render())
        assert status == "Re-grade cancelled; nothing was saved."
    assert store.files() == [path]


async def test_no_regrade_without_an_evaluator(library: Library, store: TranscriptStore) -> None:
    path = await hold_interview(library, store)
    app = make_app(store, library=library, start="replay", replay=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("regrade", ()) is False


def test_changes_add_up_from_the_figures_shown() -> None:
    assert change_text(2.04, 3.06, 1) == "+1.1"
    assert change_text(3, 3, 0) == "="
    assert change_text(None, 3, 0) == ""


async def test_progress_from_the_list_and_from_the_palette(
    library: Library, store: TranscriptStore
) -> None:
    await hold_interview(library, store, transcript_id="first", days_later=0, seed=1)
    await hold_interview(library, store, transcript_id="second", days_later=3, seed=2)
    app = make_app(store, library=library, start="transcripts")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        text = "\n".join(str(s.render()) for s in progress.query("Static"))
        assert "2 interview(s), 2026-01-15 09:30 to 2026-01-18 09:30" in text
        assert "By topic" in text and "By criterion" in text and "overall" in text
        assert "Weakest topics" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)

        await pilot.press("ctrl+p", *"progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_progress_with_no_history_says_what_to_do(
    library: Library, store: TranscriptStore
) -> None:
    app = make_app(store, library=library, start="transcripts")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "No graded interviews yet" in text


async def test_the_list_shows_a_new_regrade_on_coming_back(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    await hold_interview(library, store)
    app = make_app(store, library=library, make_evaluator=lambda: offline, start="transcripts")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter", "g")
        await pilot.pause()
        await pick_rubric(app, "consultant")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RegradeScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)
        assert app.screen.query_one(DataTable).row_count == 2
