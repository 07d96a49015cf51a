"""Pilot tests: a whole interview held with the keyboard, on the offline evaluator."""

from __future__ import annotations

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp
from interviewer.ui.messages import AnswerGraded, FeedbackStreamed
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.rubric_picker import RubricPicker
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.widgets.chat import AnswerBubble, ChatLog, GradingCard, Note, QuestionBubble
from interviewer.ui.widgets.feedback_card import FeedbackCard
from interviewer.ui.widgets.side_panel import SidePanel
from tests.ui.conftest import STRONG, SlowEvaluator, build_app


async def settle(app: InterviewerApp, pilot: Pilot[int]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def start(app: InterviewerApp, pilot: Pilot[int]) -> InterviewScreen:
    await pilot.press("enter")  # the start screen's defaults
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def submit(app: InterviewerApp, pilot: Pilot[int], text: str = STRONG) -> None:
    """Put ``text`` in the answer box, press Ctrl+S and wait for the grading."""
    app.screen.query_one("#answer", TextArea).insert(text)
    await pilot.press("ctrl+s")
    await settle(app, pilot)


def card_top_in_view(screen: InterviewScreen) -> bool:
    """The newest feedback card's top line is on screen (that is where the log scrolls to)."""
    chat, card = screen.query_one(ChatLog), screen.query(FeedbackCard).last()
    return chat.region.y <= card.region.y < chat.region.bottom


def notes(screen: InterviewScreen) -> list[str]:
    return [str(n.render()) for n in screen.query(Note)]


async def test_a_whole_interview_held_with_the_keyboard(
    library: Library, store: TranscriptStore
) -> None:
    messages: list[Message] = []
    app = build_app(library, store)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        screen = await start(app, pilot)
        interview = screen.interview
        box = screen.query_one("#answer", TextArea)
        assert box.has_focus
        assert len(screen.query(QuestionBubble)) == 1

        # A hint is noted in the chat and the transcript.
        await pilot.press("ctrl+t")
        await pilot.pause()
        hint = interview.transcript.turns[0].hints[0]
        assert notes(screen) == [f"Hint: {hint}"]

        # Type a first line, Enter for a new line, then the rest; Ctrl+S submits.
        await pilot.press(*"Grouped CV.", "enter")
        box.insert(STRONG)
        assert box.text.startswith("Grouped CV.\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [type(m) for m in messages if isinstance(m, AnswerGraded)] == [AnswerGraded]
        cards = screen.query(FeedbackCard)
        assert len(cards) == 1
        assert card_top_in_view(screen)
        assert screen.query_one(AnswerBubble).render().plain.startswith("Grouped CV.")
        assert box.text == ""
        first_score = cards.first().feedback.overall
        assert screen.query_one(SidePanel).state is not None
        assert screen.query_one(SidePanel).state.scores[0] == (1, first_score)

        # Swap rubric with the picker: it applies from the next answer.
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RubricPicker)
        options = picker.query_one(OptionList)
        options.highlighted = options.get_option_index("consultant")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert interview.rubric_override == "consultant"
        assert screen.query_one(SidePanel).state.rubric == "consultant"  # type: ignore[union-attr]

        # Skip with a draft: it is kept, ungraded.
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Skipped. Your draft is kept in the transcript." in notes(screen)
        skipped = [t for t in interview.transcript.turns if t.status == "skipped"]
        assert skipped[-1].answer == "half a thought"

        # Answer the next one under the new rubric, then end.
        await submit(app, pilot)
        assert screen.query(FeedbackCard).last().feedback.rubric == "consultant"
        assert card_top_in_view(screen)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Transcript saved" in str(app.screen.query_one("#summary-path").render())

    saved = load_transcript(interview.path)
    assert saved.id == "snapshot0001"
    assert saved.ended_at is not None and saved.summary is not None
    assert saved.summary.answered >= 1
    assert saved.turns[0].answer is not None and saved.turns[0].answer.startswith("Grouped CV.\n")
    assert saved.turns[0].feedback is not None
    assert saved.turns[0].hints == [hint]
    assert app.saved == [interview.path]


async def test_an_empty_answer_is_not_submitted(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert not screen.query(FeedbackCard)
        assert screen.interview.transcript.turns[0].status == "asked"


async def test_end_with_typed_text_grades_it_first(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        screen.query_one("#answer", TextArea).insert(STRONG)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
    turn = load_transcript(screen.interview.path).turns[0]
    assert turn.answer == STRONG and turn.feedback is not None


async def test_ctrl_q_mid_interview_keeps_the_draft_and_saves_the_summary(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press(*"unfinished")
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = load_transcript(screen.interview.path)
    assert saved.ended_at is not None and saved.summary is not None
    assert saved.turns[0].status == "skipped" and saved.turns[0].answer == "unfinished"
    # Only the question on screen is recorded: no turn for a next one never shown.
    assert len(saved.turns) == 1


async def test_ctrl_q_after_an_answer_records_only_the_questions_shown(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await submit(app, pilot)
        shown = [str(b.border_title) for b in screen.query(QuestionBubble)]
        on_screen = screen.interview.current
        assert on_screen is not None and on_screen.number == 2
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = load_transcript(screen.interview.path)
    assert len(shown) == 2
    assert [t.prompt for t in saved.turns] == [screen.interview.questions[0].prompt, on_screen.text]
    assert [t.status for t in saved.turns] == ["answered", "skipped"]
    assert saved.turns[-1].answer == "half a thought"
    assert saved.summary is not None and saved.summary.skipped == 1


async def test_esc_cancels_grading_and_the_answer_stays_saved(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    slow = SlowEvaluator(offline)
    messages: list[Message] = []
    app = build_app(library, store, evaluator=slow)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        screen = await start(app, pilot)
        box = screen.query_one("#answer", TextArea)
        box.insert(STRONG)
        await pilot.press("ctrl+s")
        await slow.started.wait()
        await pilot.pause()
        # While grading: the streamed text shows, the box is read-only, Skip waits.
        assert screen.grading and box.read_only
        assert "but not why." in str(screen.query_one(GradingCard).render())
        assert any(isinstance(m, FeedbackStreamed) for m in messages)
        assert screen.check_action("skip", ()) is None
        await pilot.press("ctrl+n", "ctrl+t")  # both wait for the grading: nothing happens
        await pilot.pause()
        assert len(screen.interview.transcript.turns) == 1 and not notes(screen)
        assert screen.query_one(SidePanel).state.answered_at is not None  # type: ignore[union-attr]
        turn = screen.interview.transcript.turns[0]
        assert load_transcript(screen.interview.path).turns[0].answer == STRONG

        await pilot.press("escape")
        await settle(app, pilot)
        assert not screen.grading and not box.read_only
        assert box.text == STRONG  # back in the box, to grade again or move on
        assert any(n.startswith("Grading cancelled; your answer is saved") for n in notes(screen))
        assert not screen.query(GradingCard)
        assert turn.status == "answered" and turn.feedback is None

        # Grading it again works, on the same question.
        slow.release()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.query(FeedbackCard)
        assert turn.feedback is not None and turn.feedback.evaluator == "fake-llm"


async def test_a_fallback_notice_shows_on_the_card(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    slow = SlowEvaluator(offline)
    slow.notice = "LLM gave no complete reply within 90 s; graded offline"
    slow.release()
    app = build_app(library, store, evaluator=slow)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await submit(app, pilot)
        card = screen.query_one(FeedbackCard)
        assert "graded offline" in str(card.query_one(".notice").render())
        assert str(card.query_one(".verdict").render()) == "Names the idea, not why."
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        usage = str(app.screen.query_one(".usage").render())
        assert usage == "LLM tokens: 1200 prompt (200 cached), 300 completion"


async def test_grading_that_fails_says_so_and_keeps_the_answer(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    class Broken(SlowEvaluator):
        async def evaluate(self, request, on_text=None):  # type: ignore[no-untyped-def]
            raise RuntimeError("the grader broke")

    app = build_app(library, store, evaluator=Broken(offline))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await submit(app, pilot, "my answer")
        assert any(n.startswith("Could not grade: the grader broke") for n in notes(screen))
        assert screen.query_one("#answer", TextArea).text == "my answer"
        assert screen.interview.transcript.turns[0].answer == "my answer"


async def test_feedback_at_the_end_hides_cards_until_the_summary(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, feedback="end", follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        for _ in range(3):
            await submit(app, pilot)
            if isinstance(app.screen, SummaryScreen):
                break
            assert not screen.query(FeedbackCard)
            assert "Answer saved; feedback comes with the summary." in notes(screen)
            assert screen.query_one(SidePanel).state.show_scores is False  # type: ignore[union-attr]
            assert screen.check_action("toggle_feedback", ()) is False
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert len(summary.query(FeedbackCard)) == 3


async def test_feedback_details_can_be_hidden_and_shown(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await submit(app, pilot)
        body = screen.query_one(FeedbackCard).query_one(".card-body")
        assert body.display
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert not body.display
        assert screen.query_one(FeedbackCard).query_one(".overall").display
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert body.display


async def test_repeat_shows_the_question_again(library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        bubbles = screen.query(QuestionBubble)
        assert len(bubbles) == 2
        assert str(bubbles.last().border_title).endswith("(again)")
