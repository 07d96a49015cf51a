"""Pilot test: after a rubric swap the app names every rubric used, on every screen."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from interviewer.content.bank import Library
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.screens.transcripts import TranscriptsScreen
from tests.ui.conftest import STRONG, build_app
from tests.ui.test_ui_history import pick_rubric
from tests.ui.test_ui_interview import settle, start, submit


def shown_text(screen: object) -> str:
    """Every line of text on a screen (labels are statics too)."""
    assert isinstance(screen, (SummaryScreen, ReplayScreen))
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_a_swap_to_consultant_shows_in_summary_replay_and_list(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, topics=["algorithms"], follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await submit(app, pilot)
        await submit(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pick_rubric(app, "consultant")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await submit(app, pilot, STRONG)
        await settle(app, pilot)

        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = shown_text(summary)
        assert "By criterion · each topic's own rubric" in text
        assert "By criterion · consultant rubric" in text
        assert "Graded questions 1, 2." in text and "Graded question 3." in text
        assert "Explain it to a product manager." in text  # the rubric's title
        assert "algorithms blends the algorithms and consultant rubrics" in text
        saved = load_transcript(screen.interview.path)
        assert [t.feedback.rubric for t in saved.turns if t.feedback] == [
            "algorithms",
            "algorithms",
            "consultant",
        ]

        await pilot.press("r")
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        info = str(replay.query_one("#replay-info", Static).render())
        assert "rubric by topic, then consultant" in info

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        listing = app.screen
        assert isinstance(listing, TranscriptsScreen)
        row = listing.query_one(DataTable).get_row_at(0)
        assert "by topic, then consultant" in [str(cell) for cell in row]
