"""The dialogue manager: one interview, from the first question to the summary.

It is UI-free and async so the plain terminal mode and the Textual app drive
the same engine: they ask it for the current prompt, hand it the candidate's
answer and commands, and render what comes back. Every change is saved to
the transcript at once, and an answer is saved before it is graded.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewer.content.bank import Library
from interviewer.content.models import Feedback, Question, Rubric
from interviewer.errors import UserError
from interviewer.grading.protocol import Evaluator, StreamCallback, TurnKind
from interviewer.history import marks
from interviewer.history.schema import Settings, Summary, Transcript, Turn, new_id, now
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import summarise
from interviewer.history.turns import grade_turn


@dataclass(frozen=True)
class Prompt:
    """What the interviewer is asking now."""

    question: Question
    kind: TurnKind
    text: str
    number: int
    """Which question this is, from 1."""
    total: int
    rubric: str


@dataclass(frozen=True)
class Outcome:
    feedback: Feedback
    next: Prompt | None
    """The follow-up or the next question; ``None`` when the interview is over."""


def plan_questions(library: Library, settings: Settings) -> list[Question]:
    questions = library.bank.select(
        topics=settings.topics,
        difficulties=settings.difficulties,
        count=settings.questions,
        seed=settings.seed,
    )
    if not questions:
        wanted = ", ".join(settings.topics + settings.difficulties) or "any"
        raise UserError(f"no questions match the chosen topics and difficulty ({wanted})")
    return questions


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 10**6)


class Interview:
    def __init__(
        self,
        library: Library,
        evaluator: Evaluator,
        settings: Settings,
        store: TranscriptStore,
        *,
        questions: list[Question] | None = None,
        clock: Callable[[], datetime] = now,
        transcript_id: str | None = None,
    ) -> None:
        if settings.rubric is not None:
            library.rubrics.get(settings.rubric)  # fail now, not at the first answer
        self.library = library
        self.evaluator = evaluator
        self.store = store
        self._clock = clock
        self._questions = questions if questions is not None else plan_questions(library, settings)
        self._rubric_override = settings.rubric
        self._index = 0
        self._follow_ups_asked = 0
        self.transcript = Transcript(
            id=transcript_id or new_id(),
            started_at=clock(),
            settings=settings.model_copy(update={"evaluator": evaluator.name}),
        )
        self.path: Path = store.path_for(self.transcript)
        self._ask(self._questions[0], "question", self._questions[0].prompt)

    # -- state -------------------------------------------------------------

    @property
    def questions(self) -> list[Question]:
        return list(self._questions)

    @property
    def finished(self) -> bool:
        return self.transcript.ended_at is not None

    @property
    def settings(self) -> Settings:
        return self.transcript.settings

    @property
    def current(self) -> Prompt | None:
        if self.finished:
            return None
        turn = self.transcript.turns[-1]
        return Prompt(
            question=self._questions[self._index],
            kind=turn.kind,
            text=turn.prompt,
            number=self._index + 1,
            total=len(self._questions),
            rubric=self.rubric_for(self._questions[self._index]).id,
        )

    def rubric_for(self, question: Question) -> Rubric:
        return self.library.rubrics.get(self.library.rubric_for(question, self._rubric_override))

    @property
    def rubric_override(self) -> str | None:
        return self._rubric_override

    # -- actions -----------------------------------------------------------

    async def answer(self, text: str, on_text: StreamCallback | None = None) -> Outcome:
        """Save the answer, grade it, then move to a follow-up or the next question."""
        turn = self._open_turn()
        turn.answer = text
        turn.status = "answered"
        turn.answered_at = self._clock()
        self._save()  # before grading: a crash or an LLM failure must not lose it
        question = self._questions[self._index]
        turns = self.transcript.turns
        rubric = self.library.rubrics.get(turn.rubric)
        feedback = await grade_turn(
            self.evaluator, question, rubric, turns, len(turns) - 1, self._clock, on_text
        )
        # The LLM evaluator finds the reply format its server takes on its first call.
        found = getattr(self.evaluator, "response_format", None)
        if isinstance(found, str):
            self.settings.response_format = found
        follow_up = feedback.follow_up
        if (
            follow_up
            and feedback.missed_points
            and self._follow_ups_asked < self.settings.follow_ups
        ):
            self._follow_ups_asked += 1
            self._ask(question, "follow_up", follow_up)
        else:
            self._advance()
        return Outcome(feedback=feedback, next=self.current)

    def skip(self, draft: str | None = None) -> Prompt | None:
        """Move on without grading; any text typed so far is kept in the transcript."""
        turn = self._open_turn()
        turn.status = "skipped"
        if draft and draft.strip():
            turn.answer = draft
        self._advance()
        return self.current

    def hint(self) -> str | None:
        """Reveal one key point not yet covered or hinted; noted in the transcript."""
        turn = self._open_turn()
        question = self._questions[self._index]
        # covered as the candidate's self-check left it, where they corrected the evaluator
        turns = self.transcript.turns
        covered = {
            point
            for i, t in enumerate(turns)
            if t.question_id == question.id and t.feedback is not None
            for point, made in marks.initial_marks(turns, i).items()
            if made
        }
        hinted = {h for t in self.transcript.turns if t.question_id == question.id for h in t.hints}
        for point in question.key_points:
            if point.text not in covered and point.text not in hinted:
                turn.hints.append(point.text)
                self._save()
                return point.text
        return None

    def repeat(self) -> Prompt:
        prompt = self.current
        if prompt is None:
            raise UserError("the interview is over")
        return prompt

    def switch_rubric(self, rubric_id: str | None) -> Rubric | None:
        """Grade with ``rubric_id`` from the next answer on (``None``: each topic's own)."""
        rubric = self.library.rubrics.get(rubric_id) if rubric_id else None
        self._rubric_override = rubric_id or None
        if not self.finished:
            turn = self._open_turn()
            turn.rubric = self.rubric_for(self._questions[self._index]).id
            self._save()
        return rubric

    def end(self, draft: str | None = None) -> Summary:
        """End the interview; ``draft``, text typed for the open turn, is kept ungraded.

        Unlike ``skip``, the draft does not move the interview on: quitting
        must not record a next question the candidate never saw.
        """
        if not self.finished:
            if draft and draft.strip():
                turn = self._open_turn()
                turn.status = "skipped"
                turn.answer = draft
            self.transcript.ended_at = self._clock()
        self.transcript.summary = summarise(self.transcript.turns, self.library)
        self._save()
        return self.transcript.summary

    # -- internals ---------------------------------------------------------

    def _open_turn(self) -> Turn:
        if self.finished:
            raise UserError("the interview is over")
        return self.transcript.turns[-1]

    def _ask(self, question: Question, kind: TurnKind, text: str) -> None:
        self.transcript.turns.append(
            Turn(
                question_id=question.id,
                topic=question.topic,
                kind=kind,
                prompt=text,
                rubric=self.rubric_for(question).id,
                asked_at=self._clock(),
            )
        )
        self._save()

    def _advance(self) -> None:
        self._follow_ups_asked = 0
        self._index += 1
        if self._index >= len(self._questions):
            self._index = len(self._questions) - 1
            self.end()
            return
        question = self._questions[self._index]
        self._ask(question, "question", question.prompt)

    def _save(self) -> None:
        self.path = self.store.save(self.transcript)
