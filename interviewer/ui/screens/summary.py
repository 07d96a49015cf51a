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

from interviewer.content.bank import Library
from interviewer.content.rubric_label import group_name
from interviewer.history.marks import summary_note
from interviewer.history.schema import Summary, Transcript
from interviewer.history.summary import (
    blend_note,
    blended_topics,
    criterion_name,
    final_feedback,
    numbers_text,
    question_numbers,
    rubric_groups,
    summary_of,
)
from interviewer.ui.formatting import (
    display_path,
    rubric_titles,
    score_bar,
    scored_row,
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
        summary = summary_of(t, self.library)
        note = summary_note(f for _, f in final_feedback(t.turns, self.library).values())
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
                if note:
                    yield Static(note, classes="muted estimate", markup=False)
                with Horizontal(classes="summary-columns"):
                    with Vertical(classes="column"):
                        yield from self._criteria(summary)
                    with Vertical(classes="column"):
                        yield Label("By topic", classes="heading")
                        width = max(len(topic) for topic in summary.topics)
                        for topic, score in summary.topics.items():
                            yield Static(scored_row(topic, score, min(width, 22)))
                        blends = blended_topics(summary)
                        for topic, rubrics in blends.items():
                            yield Static(f"{topic} {blend_note(rubrics)}", classes="muted blend")
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

    def _criteria(self, summary: Summary) -> ComposeResult:
        """Criterion averages under each rubric used, with the questions it graded."""
        width = min(max(len(criterion_name(c)) for c in summary.criteria), 30)
        groups = rubric_groups(summary)
        for use, criteria in groups:
            if use is None:
                yield Label("By criterion", classes="heading")
            else:
                name = group_name(use.id)
                yield Label(f"By criterion · {name}", classes="heading rubric-group")
                if len(groups) > 1:
                    about = f"{use.title} " if use.title else ""
                    graded = f"{about}Graded {numbers_text(use.questions)}."
                    yield Static(graded, classes="muted", markup=False)
            for c in criteria:
                yield Static(scored_row(criterion_name(c), c.score, width))

    def _cards(self) -> ComposeResult:
        finals = final_feedback(self.transcript.turns, self.library)
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
