"""Replay: step through a saved interview turn by turn, with the feedback each answer got.

It changes the transcript only to keep a self-check (``c``: the candidate's own
marks for an answer's key points), saved to the same file. Re-grading (``g``)
grades the same answers again under another rubric in a worker, saves the
result as a new transcript beside the original (as ``interviewer regrade``
does) and shows the two side by side; Esc cancels it before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from interviewer.atomic_io import atomic_write
from interviewer.content.bank import Library
from interviewer.content.rubric_label import chosen_rubric, rubric_name
from interviewer.grading.protocol import Evaluator
from interviewer.history import marks, self_check
from interviewer.history.regrade import regrade
from interviewer.history.schema import Transcript, Turn, now
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import question_numbers, rubrics_used
from interviewer.ui.formatting import (
    duration,
    local_time,
    progress_bar,
    rubric_titles,
    turn_title,
)
from interviewer.ui.messages import Regraded, RegradeProgress, TranscriptsRequested
from interviewer.ui.screens.regrade import RegradeScreen
from interviewer.ui.screens.rubric_picker import RubricPicker
from interviewer.ui.screens.self_check import SelfCheckScreen, check_heading
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.widgets.chat import AnswerBubble, Note, QuestionBubble
from interviewer.ui.widgets.feedback_card import FeedbackCard

REGRADE = "regrade"


class ReplayScreen(Screen[None]):
    AUTO_FOCUS = "#replay-turn"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", "Next", key_display="→", tooltip="The next turn (→ or n)"),
        Binding(
            "left,p", "step(-1)", "Previous", key_display="←", tooltip="The previous turn (← or p)"
        ),
        # Priority: the focused turn pane would otherwise take Home and End to scroll itself.
        Binding("home", "go(0)", "First", show=False, priority=True, tooltip="The first turn"),
        Binding("end", "go(-1)", "Last", show=False, priority=True, tooltip="The last turn"),
        Binding("s", "summary", "Summary", tooltip="The interview's summary"),
        Binding("g", "regrade", "Re-grade", tooltip="Grade these answers under another rubric"),
        Binding(
            "c",
            "self_check",
            "Self-check",
            show=False,  # the feedback card names the key; the footer is full at 80 columns
            tooltip="Mark this answer's key points yourself",
        ),
        Binding("escape", "back", "Back", tooltip="Back (while re-grading: cancel it)"),
    ]

    def __init__(
        self,
        transcript: Transcript,
        path: Path,
        library: Library | None,
        *,
        evaluator: Callable[[], Evaluator] | None = None,
        clock: Callable[[], datetime] = now,
    ) -> None:
        super().__init__()
        self.transcript = transcript
        self.path = path
        self.library = library
        self._evaluator = evaluator
        """Gives the evaluator for a re-grade (made on first use); ``None``: no re-grading."""
        self._clock = clock
        self.regrading = False
        self.index = 0
        self._numbers = question_numbers(transcript.turns)

    def compose(self) -> ComposeResult:
        t = self.transcript
        rubric = rubrics_used(t)
        topics = ", ".join(t.settings.topics) or "all topics"
        yield Header()
        yield Static(
            Content.assemble(
                (local_time(t.started_at), "bold"),
                f"  ·  {topics}  ·  rubric {rubric}  ·  {t.settings.evaluator}",
            ),
            id="replay-info",
        )
        yield Static(id="replay-step")
        yield Static(id="replay-status")
        yield VerticalScroll(id="replay-turn")
        yield Footer()

    async def on_mount(self) -> None:
        self._set_status("")
        self.title = "interviewer"
        self.sub_title = f"replay · {self.path.name}"
        await self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        last = len(self.transcript.turns) - 1
        if action == "step":
            target = self.index + int(str(parameters[0]))
            return None if not 0 <= target <= last else True
        if action == "regrade":
            if self._evaluator is None or self.library is None:
                return False
            answered = any(t.status == "answered" and t.answer for t in self.transcript.turns)
            return None if self.regrading or not answered else True
        if action == "self_check":
            turns = self.transcript.turns
            graded = bool(turns) and turns[self.index].feedback is not None
            return None if self.regrading else graded
        return True

    async def action_step(self, delta: int) -> None:
        await self._go_to(self.index + delta)

    async def action_go(self, index: int) -> None:
        await self._go_to(index if index >= 0 else len(self.transcript.turns) + index)

    async def _go_to(self, index: int) -> None:
        if 0 <= index < len(self.transcript.turns) and index != self.index:
            self.index = index
            await self._show()

    def action_summary(self) -> None:
        self.app.push_screen(
            SummaryScreen(self.transcript, self.path, self.library, from_replay=True)
        )

    def action_back(self) -> None:
        if self.regrading:
            self.workers.cancel_group(self, REGRADE)
            return
        if len(self.app.screen_stack) > 2:
            self.dismiss()
        else:
            self.post_message(TranscriptsRequested(replace=True))

    # -- self-check ----------------------------------------------------------

    def action_self_check(self) -> None:
        turns = self.transcript.turns
        check = self_check.open_check(turns, self.index, self.library)

        async def checked(chosen: marks.Marks | None) -> None:
            if chosen is None:
                return
            self_check.save_check(self.transcript, check, chosen, self.library)
            try:  # the file it came from, whatever its name
                atomic_write(self.path, self.transcript.model_dump_json(indent=2) + "\n")
            except OSError as exc:
                self._set_status(f"Could not save the self-check: {exc.strerror or exc}")
                return
            await self._show()

        self.app.push_screen(SelfCheckScreen(check, check_heading(turns[self.index])), checked)

    # -- re-grading --------------------------------------------------------

    def action_regrade(self) -> None:
        assert self.library is not None
        picker = RubricPicker(
            self.library.rubrics,
            self.transcript.settings.rubric,
            title="Re-grade every answer under…",
            help_line="Enter re-grades into a new transcript · Esc cancels",
        )
        self.app.push_screen(picker, self._rubric_chosen)

    def _rubric_chosen(self, choice: str | None) -> None:
        if choice is not None:
            rubric = chosen_rubric(choice)
            self._set_status(f"Re-grading under {rubric_name(rubric)}… Esc cancels")
            self.regrading = True
            self.refresh_bindings()
            self.run_regrade(rubric)

    @work(exclusive=True, exit_on_error=False, group=REGRADE)
    async def run_regrade(self, rubric_id: str | None) -> None:
        assert self.library is not None and self._evaluator is not None
        result = await regrade(
            self.transcript,
            self.library,
            self._evaluator(),
            rubric_id,
            clock=self._clock,
            on_progress=self._post_progress,
        )
        # Beside the original, as `interviewer regrade` saves it.
        saved = TranscriptStore(self.path.parent).save(result.transcript)
        self.post_message(Regraded(result, saved))

    def _post_progress(self, done: int, total: int) -> None:
        self.post_message(RegradeProgress(done, total))

    def on_regrade_progress(self, message: RegradeProgress) -> None:
        if self.regrading and message.done < message.total:
            self._set_status(
                f"Re-grading answer {message.done + 1} of {message.total}… Esc cancels"
            )

    def on_regraded(self, message: Regraded) -> None:
        self._regrade_over("")
        self.app.push_screen(RegradeScreen(message.result, message.path, self.library))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != REGRADE:
            return
        if event.state == WorkerState.CANCELLED:
            self._regrade_over("Re-grade cancelled; nothing was saved.")
        elif event.state == WorkerState.ERROR:
            self._regrade_over(f"Could not re-grade: {event.worker.error}")

    def _regrade_over(self, status: str) -> None:
        self.regrading = False
        self._set_status(status)
        self.refresh_bindings()

    def _set_status(self, text: str) -> None:
        status = self.query_one("#replay-status", Static)
        status.update(text)
        status.display = bool(text)

    # -- showing a turn ----------------------------------------------------

    async def _show(self) -> None:
        turns = self.transcript.turns
        step = self.query_one("#replay-step", Static)
        if not turns:
            step.update("This transcript has no turns.")
            return
        step.update(
            Content.assemble(
                (f"Turn {self.index + 1} of {len(turns)} ", "bold"),
                progress_bar(self.index + 1, len(turns)),
                f"  ·  graded with the {turns[self.index].rubric} rubric",
            )
        )
        body = self.query_one("#replay-turn", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._turn_widgets(self.index))
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def _turn_widgets(self, index: int) -> list[Widget]:
        turns = self.transcript.turns
        turn = turns[index]
        widgets: list[Widget] = [
            QuestionBubble(turn_title(turn, self._numbers[turn.question_id]), turn.prompt)
        ]
        widgets += [Note(f"Hint: {hint}", "hint") for hint in turn.hints]
        widgets += self._answer(turn)
        if turn.feedback is not None:
            following = turns[index + 1] if index + 1 < len(turns) else None
            asked = (
                following is not None
                and following.kind == "follow_up"
                and following.prompt == turn.feedback.follow_up
            )
            titles = rubric_titles(self.library, turn.feedback.rubric)
            checked = self_check.check_report(turns, index, self.library)
            if checked:  # above the card, where it is seen without scrolling
                widgets.append(Note("\n".join(checked), "self-check"))
            widgets.append(
                FeedbackCard(turn.feedback, titles, follow_up_asked=asked, check_key="c")
            )
        elif turn.status == "answered":
            widgets.append(Note("Not graded: the grading was cancelled or failed.", "warning"))
        return widgets

    def _answer(self, turn: Turn) -> list[Widget]:
        took = ""
        if turn.answered_at is not None:
            took = f" · after {duration((turn.answered_at - turn.asked_at).total_seconds())}"
        if turn.status == "skipped":
            if turn.answer:
                return [AnswerBubble(turn.answer, "Draft, skipped (not graded)")]
            return [Note("Skipped without an answer.")]
        if turn.answer is None:
            return [Note("Not answered: the interview ended here.")]
        return [AnswerBubble(turn.answer, f"Answer{took}")]
