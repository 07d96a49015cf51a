"""Pilot tests: dialogs say what they are for; toasts and cut titles hide nothing one must read."""

from __future__ import annotations

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, TextArea
from textual.widgets._toast import Toast

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp, make_app
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.rubric_picker import RubricPicker
from interviewer.ui.widgets.chat import QuestionBubble
from interviewer.ui.widgets.feedback_card import FeedbackCard
from tests.ui.conftest import build_app, hold_interview
from tests.ui.test_ui_interview import start


async def toast_regions(app: InterviewerApp, pilot: Pilot[int]) -> list[Region]:
    for _ in range(3):  # the toast is mounted a few callbacks after notify()
        await pilot.pause()
    toasts = list(app.screen.query(Toast))
    assert toasts, "no toast on screen"
    return [t.region for t in toasts]


async def test_toasts_leave_the_answer_box_whole(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+f")  # "Feedback details hidden…", a toast
        await pilot.pause()
        box = app.screen.query_one("#answer", TextArea).region
        for region in await toast_regions(app, pilot):
            assert not region.overlaps(box), (region, box)


async def test_toasts_leave_the_transcript_list_readable(
    library: Library, store: TranscriptStore
) -> None:
    await hold_interview(library, store)
    (store.directory / "broken.json").write_text("{", encoding="utf-8")  # a toast says so
    app = make_app(store, library=library, start="transcripts")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        table = app.screen.query_one(DataTable)
        rows_end = table.region.y + 1 + table.row_count  # the header line, then the rows
        for region in await toast_regions(app, pilot):
            assert region.y >= rows_end, (region, rows_end)


async def test_the_regrade_picker_says_regrade_and_toasts_leave_its_help_line(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    path = await hold_interview(library, store)
    app = make_app(
        store, library=library, make_evaluator=lambda: offline, start="replay", replay=path
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RubricPicker)
        title = str(picker.query_one(".dialog-title", Label).render())
        assert title == "Re-grade every answer under…"
        help_line = picker.query_one("#picker-help", Label)
        assert "re-grades" in str(help_line.render())
        app.notify("Something to know.", title="A notice", timeout=60)
        # Over the dialog the toast waits: the picker fills the height at 80x24.
        for region in await toast_regions(app, pilot):
            assert region.area == 0
        await pilot.press("escape")
        regions = await toast_regions(app, pilot)
        assert isinstance(app.screen, ReplayScreen)
        assert all(r.area > 0 for r in regions)


async def test_the_interview_picker_still_picks_the_next_answers_rubric(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RubricPicker)
        assert str(picker.query_one(".dialog-title", Label).render()).startswith("Grade the next")


async def test_question_titles_stay_whole_at_80_columns(
    library: Library, store: TranscriptStore
) -> None:
    """The longest titles: a follow-up and a repeat, ten questions, the longest topic."""
    app = build_app(library, store, questions=10, topics=["model-selection"], follow_ups=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        for _ in range(3):
            screen.query_one("#answer", TextArea).insert("Accuracy, because fraud is rare.")
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        bubbles = list(screen.query(QuestionBubble))
        kinds = {str(b.border_title).split(" ·")[0] for b in bubbles}
        assert {"Question 1 of 10", "Follow-up"} <= kinds, kinds
        for bubble in bubbles:
            title = str(bubble.border_title)
            assert len(title) + 4 <= bubble.region.width, (title, bubble.region.width)


async def test_criterion_titles_stay_whole_on_a_feedback_card_at_80_columns(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, topics=["model-selection"], follow_ups=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        screen.query_one("#answer", TextArea).insert("Accuracy, because fraud is rare.")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = [str(row.render()) for row in screen.query(FeedbackCard).last().query(".criterion")]
        assert rows[0].startswith("Metric choice and evaluation ░"), rows
