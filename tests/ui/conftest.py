"""Fixtures for the app's tests: the real app from ``make_app``, made repeatable.

Every app here runs on the offline evaluator (or a fake that wraps it) with
a fixed seed, a frozen clock, a fixed transcript id, no cursor blink, UTC as
the local time zone and transcripts under the temporary home folder (so
paths show as ``~/transcripts/...``), which is what keeps snapshots stable.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from interviewer.content.bank import Library
from interviewer.content.models import Feedback, Usage
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import Evaluator, GradeRequest, StreamCallback
from interviewer.history.schema import Settings
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp, make_app

SEED = 7
TRANSCRIPT_ID = "snapshot0001"
FROZEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
STRONG = (
    "I would use grouped cross-validation so rows from the same customer never sit in both "
    "train and test, because leakage inflates scores, which means the estimate would not hold "
    "in production. The trade-off is fewer effective folds versus an honest estimate."
)


def frozen_clock() -> datetime:
    return FROZEN


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so dates on screen do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def store(isolated: Path) -> TranscriptStore:
    return TranscriptStore(isolated / "home" / "transcripts")


class SlowEvaluator:
    """The offline evaluator behind a gate: grading waits until ``release`` is called.

    It streams a little text first, as an LLM would, so a test can see the
    streamed card and cancel while the grading is in flight.
    """

    def __init__(self, inner: OfflineEvaluator, *, name: str = "fake-llm") -> None:
        self.inner = inner
        self._name = name
        self.gate = asyncio.Event()
        self.started = asyncio.Event()
        self.notice: str | None = None
        self.verdict = "Names the idea, not why."

    @property
    def name(self) -> str:
        return self._name

    def release(self) -> None:
        self.gate.set()

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback:
        text = ""
        for word in ("The answer", " names the idea", " but not why."):
            text += word
            if on_text is not None:
                on_text(text)
        self.started.set()
        await self.gate.wait()
        feedback = await self.inner.evaluate(request)
        update = {
            "evaluator": self._name,
            "notice": self.notice,
            "verdict": self.verdict,
            "usage": Usage(prompt_tokens=1200, cached_tokens=200, completion_tokens=300),
        }
        return feedback.model_copy(update=update)

    async def aclose(self) -> None:
        return None


def build_app(
    library: Library,
    store: TranscriptStore,
    evaluator: Evaluator | None = None,
    **settings: Any,
) -> InterviewerApp:
    options: dict[str, Any] = {"questions": 3, "seed": SEED, **settings}
    return make_app(
        store,
        library=library,
        evaluator=evaluator or OfflineEvaluator(library.bank),
        settings=Settings.model_validate(options),
        clock=frozen_clock,
        transcript_id=TRANSCRIPT_ID,
        cursor_blink=False,
    )


async def hold_interview(
    library: Library,
    store: TranscriptStore,
    *,
    transcript_id: str = "replay0001",
    days_later: int = 0,
    seed: int = SEED,
) -> Path:
    """A finished interview on disk with a hint, a follow-up, a skip and an unanswered end."""
    from datetime import timedelta
    from itertools import count

    from interviewer.session.dialogue import Interview

    ticks = count()

    def clock() -> datetime:
        return FROZEN + timedelta(days=days_later, seconds=20 * next(ticks))

    interview = Interview(
        library,
        OfflineEvaluator(library.bank),
        Settings(questions=3, seed=seed, follow_ups=1),
        store,
        clock=clock,
        transcript_id=transcript_id,
    )
    interview.hint()
    await interview.answer("I would train a model and check that it works well.")
    if interview.current is not None and interview.current.kind == "follow_up":
        interview.skip("not sure")
    await interview.answer(STRONG)
    interview.end()
    return interview.path
