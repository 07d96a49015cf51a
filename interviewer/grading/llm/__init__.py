"""The LLM evaluator: grading with any OpenAI-compatible chat model.

``LLMEvaluator`` is imported on first use so that ``import interviewer`` (and
``interviewer --help``) never pay for importing the openai SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.grading.llm.evaluator import LLMEvaluator

__all__ = ["LLMEvaluator"]


def __getattr__(name: str) -> object:
    if name == "LLMEvaluator":
        from interviewer.grading.llm.evaluator import LLMEvaluator

        return LLMEvaluator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
