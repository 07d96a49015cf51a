"""Grading with the configured LLM, for the benchmarks that measure it (``--llm``).

Shared by ``agreement.py`` and ``unseen_answers.py`` so both measure the model
the same way: the app's own ``LLMEvaluator`` with the offline evaluator as its
fallback, one answer at a time, counting the answers that fell back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from interviewer.content.models import Feedback
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import Evaluator, GradeRequest


def configured_llm(fallback: OfflineEvaluator) -> tuple[Evaluator, str] | None:
    """The configured LLM evaluator and its model's name; ``None`` (said) when none is set."""
    from interviewer.config import load_llm_settings
    from interviewer.grading.llm import LLMEvaluator

    settings = load_llm_settings()
    if not settings.enabled:
        print("  --llm: no LLM configured (set OPENAI_BASE_URL or OPENAI_API_KEY); skipped")
        return None
    return LLMEvaluator(settings, fallback=fallback), settings.model


def grade_all(evaluator: Evaluator, requests: Sequence[GradeRequest]) -> tuple[list[Feedback], int]:
    """Each request's feedback, and how many fell back to offline grading."""

    async def run() -> list[Feedback]:
        try:
            return [await evaluator.evaluate(request) for request in requests]
        finally:
            await evaluator.aclose()

    feedback = asyncio.run(run())
    return feedback, sum(f.evaluator == "offline" for f in feedback)
