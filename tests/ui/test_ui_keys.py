"""The start screen's choices, the help screen and the command palette."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import Input, Select, SelectionList, TextArea

from interviewer.content.bank import Library
from interviewer.content.models import Question
from interviewer.history import focus
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp
from interviewer.ui.messages import FeedbackStreamed
from interviewer.ui.screens.help import HelpScreen
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.start import StartScreen
from interviewer.ui.screens.transcripts import TranscriptsScreen
from interviewer.ui.widgets.chat import Note
from tests.ui.conftest import build_app, hold_interview


async def test_start_screen_choices_become_the_interview_settings(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, follow_ups=2)
    async with app.run_test(size=(100, 30)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        assert "offline" in str(start.query_one("#evaluator").render())
        assert "~/transcripts" in str(start.query_one("#transcripts").render())
        start.query_one("#topics", SelectionList).select("deployment")
        start.query_one("#questions", Input).value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        settings = screen.interview.settings
        assert settings.topics == ["deployment"]
        assert settings.questions == 2 and settings.follow_ups == 2 and settings.seed == 7
        assert all(q.topic == "deployment" for q in screen.interview.questions)


async def test_a_bad_question_count_is_refused_on_the_start_screen(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    notices: list[str] = []
    app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#questions", Input)
        field.value = ""
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert notices == ["Questions: enter a whole number, 1 or more."]


async def test_start_screen_opens_the_transcripts(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_help_lists_every_key(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(
            f"{row.query_one('.keys').render()} {row.query_one('.what').render()}"
            for row in app.screen.query(".help-row")
        )
        for keys, what in [
            ("^s", "Submit"),
            ("^t", "Hint"),
            ("^n", "Skip"),
            ("^r", "Repeat"),
            ("^o", "Rubric"),
            ("^f", "Feedback"),
            ("^g", "End"),
            ("esc", "Cancel  Stop grading"),
            ("^q", "Quit"),
            ("^p", "Command palette"),
            ("→ / n", "Next"),
            ("home", "First"),
            ("end", "Last"),
            ("pgdn", "Scroll down"),
        ]:
            assert any(line.startswith(keys) and what in line for line in text.splitlines()), what
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)


async def test_the_command_palette_runs_the_screen_actions(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press("ctrl+p", *"hint")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert str(screen.query_one(Note).render()).startswith("Hint: ")
        assert screen.query_one("#answer", TextArea).text == ""


def test_streamed_text_collapses_to_the_newest() -> None:
    older, newer = FeedbackStreamed("The ans"), FeedbackStreamed("The answer")
    assert older.can_replace(newer)


def watch_planning(
    monkeypatch: pytest.MonkeyPatch, release: threading.Event | None = None
) -> list[threading.Thread]:
    """The threads the weak-spot plan ran on; with ``release``, each waits for it first."""
    planned_on: list[threading.Thread] = []
    plan = focus.focus_questions

    def watched(*args: Any) -> list[Question] | None:
        planned_on.append(threading.current_thread())
        if release is not None:
            release.wait(timeout=30)
        return plan(*args)

    monkeypatch.setattr(focus, "focus_questions", watched)
    return planned_on


def choose_weak_spots(app: InterviewerApp) -> StartScreen:
    start = app.screen
    assert isinstance(start, StartScreen)
    start.query_one("#focus", Select).value = "weak"
    return start


async def test_weak_spots_plan_the_questions_from_history(
    library: Library, store: TranscriptStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await hold_interview(library, store)
    app = build_app(library, store)
    notices: list[str] = []
    app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
    planned_on = watch_planning(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        start = choose_weak_spots(app)
        await pilot.press("ctrl+s")
        await start.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.settings.focus == "weak"
        assert len(notices) == 1 and "No graded sessions yet" not in notices[0]
    # The history scan reads every transcript: never on the event loop.
    assert len(planned_on) == 1 and planned_on[0] is not threading.main_thread()


async def test_help_starts_with_the_keys_of_the_screen_it_was_opened_on(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "f1")
        await pilot.pause()
        headings = [str(h.render()) for h in app.screen.query("#help-keys > .heading")]
        assert headings[:3] == ["Everywhere", "Interview", "Start"]


async def test_leaving_the_start_screen_while_planning_starts_no_interview(
    library: Library, store: TranscriptStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await hold_interview(library, store)
    app = build_app(library, store)
    release = threading.Event()
    watch_planning(monkeypatch, release)
    async with app.run_test(size=(100, 30)) as pilot:
        start = choose_weak_spots(app)
        await pilot.press("ctrl+s", "ctrl+l")  # start, then the transcripts while planning
        await pilot.pause()
        release.set()
        await start.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TranscriptsScreen)
        assert app.saved == []  # no interview was started behind the list
