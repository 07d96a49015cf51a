"""Choosing the evaluator for a session: the LLM when one is configured, else offline.

It lives apart from ``interviewer.grading.protocol`` (the contract both evaluators
import), so the contract imports neither and no import cycle forms. Both
evaluators load lazily: the offline one reads its word lists, the LLM one
the openai SDK, and neither should slow ``interviewer --help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.config import LLMSettings
    from interviewer.content.bank import Bank
    from interviewer.grading.protocol import Evaluator


def make_evaluator(settings: LLMSettings, bank: Bank) -> Evaluator:
    """The LLM when a key or a base URL is configured, else the offline evaluator.

    The offline evaluator is always built: it is the LLM's fallback for an
    answer the LLM could not grade, so an interview never stops on an outage.
    """
    from interviewer.grading.offline import OfflineEvaluator

    offline = OfflineEvaluator(bank)
    if not settings.enabled:
        return offline
    from interviewer.grading.llm import LLMEvaluator

    return LLMEvaluator(settings, fallback=offline)
