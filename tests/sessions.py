"""Building real transcripts for the history tests: real interviews, offline grading.

Each session runs the dialogue manager as the terminal does, with a clock
that starts at a chosen date, so a history can span weeks and come out in
any order on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import count

from interviewer.content.bank import Library
from interviewer.content.models import Question
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import Settings, Transcript
from interviewer.history.store import TranscriptStore
from interviewer.session.dialogue import Interview, Prompt

Answerer = Callable[[Prompt], str | None]
"""The answer to a prompt, or ``None`` to skip it."""

DAY0 = datetime(2026, 2, 2, 19, 0, tzinfo=UTC)
WEAK = "I would train a model on the data and check that it works well."


def strong(prompt: Prompt) -> str:
    return prompt.question.reference_answer or ""


def weak(prompt: Prompt) -> str:
    return WEAK


def strong_except(*topics: str) -> Answerer:
    """Strong answers, except weak ones on ``topics``."""
    return lambda p: WEAK if p.question.topic in topics else strong(p)


async def run_session(
    library: Library,
    evaluator: OfflineEvaluator,
    store: TranscriptStore,
    answer: Answerer,
    *,
    when: datetime = DAY0,
    plan: list[Question] | None = None,
    **settings: object,
) -> Transcript:
    ticks = count()

    def clock() -> datetime:
        return when + timedelta(seconds=30 * next(ticks))

    options: dict[str, object] = {"questions": 3, "follow_ups": 0, "seed": 7, **settings}
    if plan is not None:
        options["questions"] = len(plan)
    interview = Interview(
        library,
        evaluator,
        Settings.model_validate(options),
        store,
        clock=clock,
        questions=plan,
    )
    while (prompt := interview.current) is not None:
        text = answer(prompt)
        if text is None:
            interview.skip()
        else:
            await interview.answer(text)
    interview.end()
    return interview.transcript


def day(n: float) -> datetime:
    return DAY0 + timedelta(days=n)
