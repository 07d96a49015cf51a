"""The built-in evaluator: no network, no model download, milliseconds per answer."""

from interviewer.grading.offline.grader import OfflineEvaluator

__all__ = ["OfflineEvaluator"]
