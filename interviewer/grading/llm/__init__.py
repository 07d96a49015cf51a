"""The LLM evaluator: grading with any OpenAI-compatible chat model.

``LLMEvaluator`` is imported on first use so that ``import interviewer`` (and
``interviewer --help``) never pay for importing the openai SDK. A new LLM
setting goes in ``interviewer/config.py`` (``LLMSettings``), which reads the
config file and environment and is the one place that knows the key.

May import: ``grading.protocol``, ``content`` and the shared modules; never
``grading.offline`` (the fallback evaluator is handed in by ``grading.factory``).
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
