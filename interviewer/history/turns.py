"""Grading one saved answer and keeping the grade on its turn.

The interview grades each answer as it comes and a regrade grades the saved
answers again; both go through here, so they build the same request (the
earlier exchanges on the same question as the thread, so a follow-up keeps
the credit its main answer earned) and record the same fields, and a regrade
stays comparable with the interview it regrades.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from interviewer.content.models import Feedback, Question, Rubric
from interviewer.grading.protocol import Evaluator, Exchange, GradeRequest, StreamCallback
from interviewer.history.schema import Turn


def thread(turns: list[Turn], index: int) -> tuple[Exchange, ...]:
    """The answered exchanges before ``turns[index]`` on its question, oldest first."""
    question_id = turns[index].question_id
    return tuple(
        Exchange(prompt=t.prompt, answer=t.answer, kind=t.kind)
        for t in turns[:index]
        if t.question_id == question_id and t.answer is not None
    )


async def grade_turn(
    evaluator: Evaluator,
    question: Question,
    rubric: Rubric,
    turns: list[Turn],
    index: int,
    clock: Callable[[], datetime],
    on_text: StreamCallback | None = None,
) -> Feedback:
    """Grade ``turns[index]``'s saved answer and keep the grade, its evaluator and cost on it."""
    turn = turns[index]
    if turn.answer is None:
        raise ValueError("only an answered turn is graded")
    request = GradeRequest(
        question=question,
        rubric=rubric,
        answer=turn.answer,
        prompt=turn.prompt,
        kind=turn.kind,
        thread=thread(turns, index),
    )
    feedback = await evaluator.evaluate(request, on_text)
    turn.feedback = feedback
    turn.evaluator = feedback.evaluator
    turn.notice = feedback.notice
    turn.usage = feedback.usage
    turn.graded_at = clock()
    return feedback
