"""The interview: a chat log, an answer box and a side panel.

Grading runs in a Textual worker that calls ``Interview.answer`` and posts
the outcome back as a message; nothing here blocks the event loop, so the
timer ticks and Esc works while an LLM thinks. The engine saves an answer
before grading it, which is what makes cancelling safe: after Esc the answer
is on disk, the interview stays on the same question, and the text returns
to the answer box so the candidate can grade it again (Ctrl+S) or move on
(Ctrl+N, which keeps it in the transcript as an ungraded draft).

Typed text is never lost: Skip keeps it as a draft, End grades it first, and
quitting keeps it as a draft before the interview is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, TextArea
from textual.worker import Worker, WorkerState

from interviewer.content.rubric_label import chosen_rubric, rubric_name
from interviewer.errors import UserError
from interviewer.history import marks, self_check
from interviewer.session.dialogue import Interview, Prompt
from interviewer.ui.formatting import rubric_titles
from interviewer.ui.messages import (
    AnswerGraded,
    FeedbackStreamed,
    InterviewFinished,
)
from interviewer.ui.screens.rubric_picker import RubricPicker
from interviewer.ui.screens.self_check import SelfCheckScreen, check_heading
from interviewer.ui.widgets.chat import (
    AnswerBubble,
    ChatLog,
    GradingCard,
    Note,
    QuestionBubble,
    prompt_title,
)
from interviewer.ui.widgets.feedback_card import FeedbackCard
from interviewer.ui.widgets.side_panel import SidePanel, panel_state

GRADING = "grading"

# Actions that change the interview; they wait while an answer is being graded.
_INTERVIEW_ACTIONS = {"submit", "hint", "skip", "repeat", "rubric", "end"}


class InterviewScreen(Screen[None]):
    AUTO_FOCUS = "#answer"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", tooltip="Send your answer for grading"),
        Binding("ctrl+t", "hint", "Hint", tooltip="Reveal one key point not covered yet"),
        Binding("ctrl+n", "skip", "Skip", tooltip="Next question; typed text is kept, ungraded"),
        Binding("ctrl+o", "rubric", "Rubric", tooltip="Pick the rubric for your next answers"),
        Binding(
            "ctrl+g", "end", "End", tooltip="End now and see the summary (typed text is graded)"
        ),
        Binding("ctrl+r", "repeat", "Repeat", show=False, tooltip="Show the question again"),
        Binding(
            "ctrl+l",
            "self_check",
            "Self-check",
            show=False,  # the footer is full at 80 columns; the feedback card names the key
            tooltip="Mark the last graded answer's key points covered or missed yourself",
        ),
        Binding(
            "ctrl+f",
            "toggle_feedback",
            "Feedback",
            show=False,
            tooltip="Show or hide feedback details (scores stay)",
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Stop grading; the answer stays saved"),
        Binding(
            "pageup",
            "scroll_chat(-1)",
            "Scroll up",
            show=False,
            priority=True,
            tooltip="Scroll the conversation up",
        ),
        Binding(
            "pagedown",
            "scroll_chat(1)",
            "Scroll down",
            show=False,
            priority=True,
            tooltip="Scroll the conversation down",
        ),
    ]

    show_feedback = reactive(True)

    def __init__(
        self,
        interview: Interview,
        *,
        clock: Callable[[], datetime],
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.interview = interview
        self._clock = clock
        self._cursor_blink = cursor_blink
        self._each = interview.settings.feedback == "each"
        self._pending: str | None = None
        """The answer being graded, to give back to the box if grading stops."""
        self._grading_card: GradingCard | None = None
        self._submitted_at: datetime | None = None
        """When the answer being graded was sent: the timer stops there."""
        self._end_requested = False

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="interview-body"):
            with Vertical(id="conversation"):
                yield ChatLog(id="chat")
                yield TextArea(
                    id="answer",
                    soft_wrap=True,
                    tab_behavior="focus",
                    placeholder="Type your answer. Enter adds a line; Ctrl+S submits.",
                )
            yield SidePanel(self._clock, id="side")
        yield Footer()

    @property
    def _box(self) -> TextArea:
        return self.query_one("#answer", TextArea)

    @property
    def _chat(self) -> ChatLog:
        return self.query_one("#chat", ChatLog)

    async def on_mount(self) -> None:
        self._box.cursor_blink = self._cursor_blink
        self.title = "interviewer"
        prompt = self.interview.current
        if prompt is not None:
            await self._ask(prompt)

    # -- state shown elsewhere -------------------------------------------

    @property
    def grading(self) -> bool:
        return self._pending is not None

    def _refresh(self) -> None:
        iv = self.interview
        prompt = iv.current
        if prompt is None:
            return
        where = f"{prompt.number} of {prompt.total}"
        follow_up = prompt.kind == "follow_up"
        self.sub_title = f"Follow-up on question {where}" if follow_up else f"Question {where}"
        label = "Follow-up" if follow_up else f"Question {prompt.number}"
        self._box.border_title = f"Your answer · {label}"
        self._box.border_subtitle = (
            "Grading… Esc cancels" if self.grading else "PgUp/PgDn scroll the chat · ^s submits"
        )
        self.query_one(SidePanel).state = panel_state(
            iv,
            prompt,
            show_scores=self._each,
            answered_at=self._submitted_at if self.grading else None,
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.grading
        if action == "toggle_feedback":
            return self._each
        if action == "self_check":
            if not self._each or self_check.last_graded(self.interview.transcript.turns) is None:
                return False  # nothing to check yet, or a mock interview's feedback waits
            return None if self.grading else True
        if action in _INTERVIEW_ACTIONS and (self.grading or self.interview.finished):
            return None  # shown, dimmed: it comes back once the grading is done
        return True

    def watch_show_feedback(self, show: bool) -> None:
        self.query_one("#chat").set_class(not show, "-hide-feedback")

    # -- actions -----------------------------------------------------------

    async def action_submit(self) -> None:
        text = self._box.text
        if not text.strip():
            self.notify("Type an answer first, or press Ctrl+N to skip.", severity="warning")
            return
        await self._start_grading(text)

    async def action_hint(self) -> None:
        hint = self.interview.hint()
        await self._chat.add(
            Note(f"Hint: {hint}" if hint else "No more hints for this question.", "hint")
        )

    async def action_skip(self) -> None:
        draft = self._box.text
        next_prompt = self.interview.skip(draft)
        self._box.clear()
        kept = " Your draft is kept in the transcript." if draft.strip() else ""
        await self._chat.add(Note("Skipped." + kept))
        if next_prompt is None:
            self._finish()
        else:
            await self._ask(next_prompt)

    async def action_repeat(self) -> None:
        await self._ask(self.interview.repeat(), again=True)

    def action_rubric(self) -> None:
        picker = RubricPicker(self.interview.library.rubrics, self.interview.rubric_override)
        self.app.push_screen(picker, self._rubric_chosen)

    async def _rubric_chosen(self, choice: str | None) -> None:
        if choice is None or self.interview.finished:
            return
        rubric = self.interview.switch_rubric(chosen_rubric(choice))
        name = rubric_name(rubric.id if rubric else None)
        await self._chat.add(Note(f"Rubric: {name}, from your next answer on."))
        self._refresh()

    def action_self_check(self) -> None:
        iv = self.interview
        index = self_check.last_graded(iv.transcript.turns)
        if index is None:
            return
        check = self_check.open_check(iv.transcript.turns, index, iv.library)
        heading = check_heading(iv.transcript.turns[index])

        async def checked(chosen: marks.Marks | None) -> None:
            if chosen is not None:
                await self._self_checked(check, chosen)

        self.app.push_screen(SelfCheckScreen(check, heading), checked)

    async def _self_checked(self, check: self_check.Check, chosen: marks.Marks) -> None:
        iv = self.interview
        before, after = self_check.save_check(iv.transcript, check, chosen, iv.library)
        try:
            iv.path = iv.store.save(iv.transcript)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            return
        turn = iv.transcript.turns[check.index]
        assert turn.feedback is not None
        lines = [f"Self-check saved. {marks.change_text(before, after, iv.library)}"]
        lines += marks.differences(turn.feedback, turn.self_check)
        await self._chat.add(Note("\n".join(lines)))
        self._refresh()

    def action_toggle_feedback(self) -> None:
        self.show_feedback = not self.show_feedback
        shown = "shown" if self.show_feedback else "hidden (scores stay); Ctrl+F shows them"
        self.notify(f"Feedback details {shown}.")

    async def action_end(self) -> None:
        draft = self._box.text
        if draft.strip():
            self._end_requested = True
            await self._start_grading(draft)
        else:
            self._finish()

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, GRADING)

    def action_scroll_chat(self, direction: int) -> None:
        self._chat.hold()
        if direction < 0:
            self._chat.scroll_page_up(animate=False)
        else:
            self._chat.scroll_page_down(animate=False)

    def close_for_quit(self) -> None:
        """End the interview now: keep typed text as a draft, stop grading, save the summary."""
        if self.interview.finished:
            return
        self.workers.cancel_group(self, GRADING)
        # While grading, the answer is already saved: the box is empty and read-only.
        self.interview.end(None if self.grading else self._box.text)

    # -- grading -----------------------------------------------------------

    async def _start_grading(self, text: str) -> None:
        self._pending = text
        self._submitted_at = self._clock()
        self._box.clear()
        self._box.read_only = True
        self._grading_card = GradingCard(self.interview.evaluator.name)
        await self._chat.add(AnswerBubble(text), self._grading_card)
        self._refresh()
        self.grade(text)

    @work(exclusive=True, exit_on_error=False, group=GRADING)
    async def grade(self, text: str) -> None:
        on_text = self._post_stream if self._each else None
        outcome = await self.interview.answer(text, on_text)
        self.post_message(AnswerGraded(outcome))

    def _post_stream(self, text: str) -> None:
        self.post_message(FeedbackStreamed(text))

    def on_feedback_streamed(self, message: FeedbackStreamed) -> None:
        if self._grading_card is not None:
            self._grading_card.stream(message.text)
            self.call_after_refresh(self._chat.scroll_end, animate=False)

    async def on_answer_graded(self, message: AnswerGraded) -> None:
        outcome = message.outcome
        await self._stop_grading()
        feedback = outcome.feedback
        nxt = None if self._end_requested else outcome.next
        if self._each:
            asked = nxt is not None and nxt.kind == "follow_up" and nxt.text == feedback.follow_up
            titles = rubric_titles(self.interview.library, feedback.rubric)
            card: Widget = FeedbackCard(feedback, titles, follow_up_asked=asked, check_key="^l")
        else:
            card = Note("Answer saved; feedback comes with the summary.")
        if nxt is None:
            await self._chat.add(card)
            self._finish()
            return
        # The score and the bars matter most: show the card from its top, the
        # next question just below it.
        await self._ask(nxt, before=card)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != GRADING or not self.grading:
            return
        if event.state == WorkerState.CANCELLED:
            note = (
                "Grading cancelled; your answer is saved. Ctrl+S grades it again, Ctrl+N moves on."
            )
            await self._grading_stopped(note, "warning")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            await self._grading_stopped(
                f"Could not grade: {error}. Your answer is saved; Ctrl+S tries again.", "error"
            )

    async def _grading_stopped(self, note: str, kind: str) -> None:
        text = self._pending or ""
        await self._stop_grading()
        self._end_requested = False
        if not self.interview.finished:
            self._box.text = text
            self._box.move_cursor(self._box.document.end)
        await self._chat.add(Note(note, kind))
        self._refresh()

    async def _stop_grading(self) -> None:
        self._pending = None
        self._box.read_only = False
        if self._grading_card is not None:
            await self._grading_card.remove()
            self._grading_card = None

    # -- flow --------------------------------------------------------------

    async def _ask(
        self, prompt: Prompt, *, again: bool = False, before: Widget | None = None
    ) -> None:
        bubble = QuestionBubble(prompt_title(prompt, again=again), prompt.text)
        if before is None:
            await self._chat.add(bubble)
        else:
            await self._chat.add(before, bubble, reveal=before)
        self._refresh()
        self._box.focus()

    def _finish(self) -> None:
        self.interview.end()
        self.post_message(InterviewFinished(self.interview))
