"""The interview's side panel: where you are, how long this answer is taking, how it is going.

The screen hands it a ``PanelState`` (attributes down); the panel only
redraws. Time on the answer comes from the same injectable clock the engine
uses, so a test with a frozen clock sees a frozen timer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label, Static

from interviewer.grading.protocol import TurnKind
from interviewer.history.summary import final_feedback
from interviewer.session.dialogue import Interview, Prompt
from interviewer.ui.formatting import display_path, duration, progress_bar, scored_row


@dataclass(frozen=True)
class PanelState:
    number: int
    total: int
    kind: TurnKind
    answered: int
    """Questions finished (graded or skipped), for the progress bar."""
    scores: tuple[tuple[int, float | None], ...]
    """Question number and its latest score, ``None`` when skipped."""
    show_scores: bool
    rubric: str
    rubric_title: str
    rubric_chosen: bool
    """The candidate swapped rubrics (else each topic's own is used)."""
    evaluator: str
    transcript: Path
    asked_at: datetime
    answered_at: datetime | None = None
    """Set while the answer is being graded, to stop the timer."""


def panel_state(
    iv: Interview, prompt: Prompt, *, show_scores: bool, answered_at: datetime | None
) -> PanelState:
    """What the panel shows while ``prompt`` is asked: each question's latest score so far."""
    finals = final_feedback(iv.transcript.turns, iv.library)
    skipped = {t.question_id for t in iv.transcript.turns if t.status == "skipped"}
    scores: list[tuple[int, float | None]] = []
    for number, question in enumerate(iv.questions, start=1):
        if question.id in finals:
            scores.append((number, finals[question.id][1].overall))
        elif question.id in skipped:
            scores.append((number, None))
    rubric = iv.library.rubrics.get(prompt.rubric)
    return PanelState(
        number=prompt.number,
        total=prompt.total,
        kind=prompt.kind,
        answered=prompt.number - 1,
        scores=tuple(scores),
        show_scores=show_scores,
        rubric=rubric.id,
        rubric_title=rubric.title,
        rubric_chosen=iv.rubric_override is not None,
        evaluator=iv.evaluator.name,
        transcript=iv.path,
        asked_at=iv.transcript.turns[-1].asked_at,
        answered_at=answered_at,
    )


class SidePanel(Vertical):
    state: reactive[PanelState | None] = reactive(None, recompose=True)

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._clock = clock

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _elapsed(self) -> str:
        state = self.state
        if state is None:
            return ""
        end = state.answered_at or self._clock()
        return duration((end - state.asked_at).total_seconds())

    def _tick(self) -> None:
        for timer in self.query("#timer").results(Static):
            timer.update(self._elapsed())

    def compose(self) -> ComposeResult:
        state = self.state
        if state is None:
            return
        follow_up = " · follow-up" if state.kind == "follow_up" else ""
        yield Label("Progress", classes="heading")
        yield Static(f"Question {state.number} of {state.total}{follow_up}")
        yield Static(
            Content.assemble(
                progress_bar(state.answered, state.total, width=10),
                f" {state.answered}/{state.total} done",
            )
        )
        yield Label("Time on this answer", classes="heading")
        yield Static(self._elapsed(), id="timer")
        yield Label("Scores", classes="heading")
        if not state.show_scores:
            yield Static("shown at the end", classes="muted")
        elif not state.scores:
            yield Static("none yet", classes="muted")
        else:
            for number, score in state.scores:
                label = f"Q{number}"
                if score is None:
                    yield Static(f"{label:<4}skipped", classes="muted")
                else:
                    yield Static(scored_row(label, score, 3, bar_width=8))
            graded = [s for _, s in state.scores if s is not None]
            if graded:
                yield Static(scored_row("Avg", sum(graded) / len(graded), 3, bar_width=8))
        yield Label("Rubric", classes="heading")
        chosen = "" if state.rubric_chosen else " (topic's own)"
        yield Static(Content.assemble((state.rubric, "bold"), chosen))
        yield Static(state.rubric_title, classes="muted optional", markup=False)
        yield Label("Evaluator", classes="heading")
        yield Static(state.evaluator, markup=False)
        yield Label("Transcript", classes="heading optional")
        yield Static(display_path(state.transcript), classes="muted path optional", markup=False)
