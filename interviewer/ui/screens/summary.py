"""The end of an interview: scores as bars, strongest and weakest areas, what to practise next.

Also reached from a replay (``s``), so it takes a transcript rather than a
live interview. With feedback timing "end" (a mock interview) this is where
the candidate first sees each answer's feedback card.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from interviewer.bank import Library
from interviewer.summary import final_feedback, summarise
from interviewer.transcripts import Transcript
from interviewer.ui.formatting import (
    criterion_titles,
    display_path,
    question_numbers,
    rubric_titles,
    score_bar,
    scored_row,
    title_of,
    turn_title,
)
from interviewer.ui.messages import NewInterviewRequested, ReplayRequested, TranscriptsRequested
from interviewer.ui.widgets.chat import QuestionBubble
from interviewer.ui.widgets.feedback_card import FeedbackCard
from interviewer.ui.widgets.lists import BulletList


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "replay", "Replay", tooltip="Step through this interview turn by turn"),
        Binding("n", "new", "New interview", tooltip="Back to the start screen"),
        Binding("ctrl+l", "transcripts", "Transcripts", tooltip="Past interviews"),
        Binding("escape", "back", "Back", tooltip="Back to the replay"),
    ]

    def __init__(
        self,
        transcript: Transcript,
        path: Path,
        library: Library | None,
        *,
        from_replay: bool = False,
    ) -> None:
        super().__init__()
        self.transcript = transcript
        self.path = path
        self.library = library
        self.from_replay = from_replay

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_replay
        if action in ("replay", "new", "transcripts"):
            return not self.from_replay  # from a replay, Esc goes back the way it came
        return True

    def compose(self) -> ComposeResult:
        t = self.transcript
        summary = t.summary or summarise(t.turns)
        titles = criterion_titles(self.library)
        yield Header()
        with VerticalScroll(id="summary"):
            if summary.overall is None:
                yield Static("No answers were graded in this interview.", classes="overall-line")
            else:
                skipped = f", {summary.skipped} skipped" if summary.skipped else ""
                yield Static(
                    Content.assemble(
                        ("Overall ", "bold"),
                        score_bar(summary.overall, 20),
                        (f" {summary.overall:.1f}/5", "bold"),
                        f"  ·  {summary.answered} answered{skipped}",
                    ),
                    classes="overall-line",
                )
                with Horizontal(classes="summary-columns"):
                    with Vertical(classes="column"):
                        yield Label("By criterion", classes="heading")
                        width = max(len(title_of(c.id, titles)) for c in summary.criteria)
                        for c in summary.criteria:
                            yield Static(
                                scored_row(title_of(c.id, titles), c.score, min(width, 22))
                            )
                    with Vertical(classes="column"):
                        yield Label("By topic", classes="heading")
                        width = max(len(topic) for topic in summary.topics)
                        for topic, score in summary.topics.items():
                            yield Static(scored_row(topic, score, min(width, 22)))
                with Horizontal(classes="summary-columns"):
                    yield BulletList("Strongest", summary.strongest, "▲", classes="column")
                    yield BulletList("Weakest", summary.weakest, "▼", classes="column")
                yield BulletList("Practise next", summary.practise_next, "→")
            if t.settings.feedback == "end" and not self.from_replay:
                yield from self._cards()
            tokens = t.usage.line()
            if tokens is not None:
                yield Static(f"LLM tokens: {tokens}", classes="muted usage", markup=False)
            yield Static(
                Content.assemble(("Transcript saved  ", "bold"), display_path(self.path)),
                id="summary-path",
            )
        yield Footer()

    def _cards(self) -> ComposeResult:
        finals = final_feedback(self.transcript.turns)
        numbers = question_numbers(self.transcript.turns)
        if finals:
            yield Label("Feedback by question", classes="heading section")
        for turn, feedback in finals.values():
            yield QuestionBubble(turn_title(turn, numbers[turn.question_id]), turn.prompt)
            yield FeedbackCard(feedback, rubric_titles(self.library, feedback.rubric))

    def on_mount(self) -> None:
        self.title = "interviewer"
        self.sub_title = "summary"

    def action_replay(self) -> None:
        self.post_message(ReplayRequested(self.path, self.transcript))

    def action_new(self) -> None:
        self.post_message(NewInterviewRequested())

    def action_transcripts(self) -> None:
        self.post_message(TranscriptsRequested())

    def action_back(self) -> None:
        self.dismiss()
