"""What every evaluator takes and returns, so the engine never knows which one it has.

An evaluator grades one answer against a question and a rubric. For a
follow-up it also sees the earlier exchanges on the same question (never the
rest of the interview), so credit for a key point said in the main answer
carries over and the prompt stays the same size however long the interview.

This module is the contract alone: the evaluators import it, so choosing one
lives apart, in ``interviewer.grading.factory``, and no import cycle forms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from interviewer.content.models import Feedback, Question, Rubric

TurnKind = Literal["question", "follow_up"]

StreamCallback = Callable[[str], None]
"""Receives the feedback text generated so far (the whole text, not a delta)."""


WORDING_LEAD = 1
"""Content first: how far a wording criterion may score above the coverage one when the
offline evaluator grades (and when a self-check corrects its coverage)."""


@dataclass(frozen=True)
class Exchange:
    prompt: str
    answer: str
    kind: TurnKind = "question"


@dataclass(frozen=True)
class GradeRequest:
    question: Question
    rubric: Rubric
    answer: str
    """The answer being graded now, verbatim."""
    prompt: str = ""
    """What was asked: the question's prompt, or the follow-up."""
    kind: TurnKind = "question"
    thread: tuple[Exchange, ...] = field(default=())
    """Earlier exchanges on this same question, oldest first."""

    @property
    def asked_follow_ups(self) -> set[str]:
        asked = {e.prompt for e in self.thread if e.kind == "follow_up"}
        if self.kind == "follow_up":
            asked.add(self.prompt)
        return asked

    @property
    def thread_answers(self) -> list[str]:
        return [e.answer for e in self.thread] + [self.answer]


class Evaluator(Protocol):
    @property
    def name(self) -> str:
        """``offline``, or the model's name: shown to the candidate, saved on every turn."""
        ...

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback: ...

    async def aclose(self) -> None: ...
