"""The built-in evaluator: no network, no model download, milliseconds per answer.

``grader`` scores a rubric from what ``matching`` finds of the key points
(read for which way round they are said by ``polarity`` and ``cues``, and
judged against each point by ``sides`` and ``definitions``) and from wording
signals (``signals``, ``jargon``) listed in the one registry ``measures``.
Answers are cleaned first (``hygiene``). Word knowledge lives in
``data/*.toml``.

May import: ``grading.protocol``, ``content`` and the shared modules; never
``grading.llm``.
"""

from interviewer.grading.offline.grader import OfflineEvaluator

__all__ = ["OfflineEvaluator"]
