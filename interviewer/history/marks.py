"""The candidate's self-check: their own covered/missed marks, and the scores they imply.

A word matcher (and even an LLM) can miss a point said in other words or
credit one said the wrong way round. After a graded answer the candidate
may mark each key point covered or missed themselves. The transcript keeps
both marks (the evaluator's in ``Feedback.covered_points``, the candidate's
in ``Turn.self_check``), and everything that ranks or reports scores
(summary, progress, ``--focus weak``, regrade comparisons, exports) reads the
feedback as the candidate corrected it, through this module only.

The correction changes only what marks can change: the coverage-measure
criterion, recomputed from the weighted share of points marked covered with
the offline grader's own 1-5 mapping, and the overall score, recomputed with
the rubric's weights. On offline feedback the wording criteria also keep the
offline grader's rule, content first: none stays more than a step above the
corrected coverage, so a fluent answer the candidate marks as missing every
point is not left with "Reasoning 4/5". When the candidate's marks agree with
the evaluator's, the feedback is returned unchanged: its partial credit stands.

A follow-up is graded on the whole thread, so a point the candidate marked
covered on an earlier answer to the same question stays covered on the later
ones; a "missed" mark applies to its own answer only (the thread may add it).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewer.content.models import Criterion, Feedback, Rubric
from interviewer.grading.protocol import WORDING_LEAD

if TYPE_CHECKING:
    from interviewer.content.bank import Library
    from interviewer.content.rubrics import RubricSet
    from interviewer.history.schema import GradeDigest, GradedTurn, Turn

_HELD_DOWN = "Held down by your self-check: wording counts as far as the content does."

Marks = dict[str, bool]
"""Key point text to covered (``True``) or missed (``False``)."""

ESTIMATED = "estimated from the key points matched"
"""Said next to every offline score: a word matcher cannot weigh an argument."""
SUMMARY_NOTE = (
    "Offline scores are estimated from the key points matched, not judged as an interviewer would."
)


def estimated(feedback: Feedback) -> bool:
    """Whether the score came from the offline word matcher (not from an LLM)."""
    return feedback.evaluator == "offline"


def coverage_criterion(rubric: Rubric | None) -> Criterion | None:
    if rubric is None:
        return None
    return next((c for c in rubric.criteria if c.measure == "coverage"), None)


def points(feedback: Feedback) -> list[str]:
    """Every key point the evaluator judged, covered ones first."""
    return list(dict.fromkeys([*feedback.covered_points, *feedback.missed_points]))


def evaluator_marks(feedback: Feedback) -> Marks:
    covered = set(feedback.covered_points)
    return {p: p in covered for p in points(feedback)}


def differences(feedback: Feedback, marks: Mapping[str, bool] | None) -> list[str]:
    """One line per point where the candidate's mark differs from the evaluator's."""
    if not marks:
        return []
    theirs = evaluator_marks(feedback)
    lines = []
    for point, mine in marks.items():
        if mine == theirs.get(point, False):
            continue
        if mine:
            lines.append(f"You marked covered, the evaluator did not: {point}")
        else:
            lines.append(f"You marked missed, the evaluator credited it: {point}")
    return lines


def coverage_score(
    covered: Iterable[str], all_points: list[str], weights: Mapping[str, float]
) -> int:
    """The offline grader's mapping: 1 + round(4 x weighted share covered), 1 to 5."""
    total = sum(weights.get(p, 1.0) for p in all_points)
    if total <= 0:
        return 1
    share = sum(weights.get(p, 1.0) for p in set(covered) & set(all_points)) / total
    return max(1, min(5, 1 + round(4 * share)))


@dataclass(frozen=True)
class Rescore:
    """What the candidate's marks change, on plain data (progress reads digests, not models)."""

    covered: list[str]
    missed: list[str]
    scores: dict[str, float]
    """Every criterion's score, the coverage one recomputed (when the rubric has one)."""
    coverage: str | None
    """The recomputed criterion's id; ``None`` when the rubric is unknown or has none."""
    overall: float | None
    """``None``: keep the evaluator's (the rubric is unknown or its criteria differ)."""


def rescore(
    covered_points: list[str],
    missed_points: list[str],
    scores: Mapping[str, float],
    marks: Mapping[str, bool] | None,
    rubric: Rubric | None,
    weights: Mapping[str, float],
    offline: bool = False,
) -> Rescore | None:
    """The scores the candidate's marks give; ``None`` when they agree with the evaluator's.

    ``offline``: the offline grader gave the scores, so no wording criterion may stay
    more than ``WORDING_LEAD`` above the corrected coverage (marks only lower them).
    """
    if not marks:
        return None
    theirs = set(covered_points)
    every = list(dict.fromkeys([*covered_points, *missed_points, *marks]))
    if all(marks.get(p, p in theirs) == (p in theirs) for p in every):
        return None
    covered = [p for p in every if marks.get(p, p in theirs)]
    missed = [p for p in every if not marks.get(p, p in theirs)]
    new = dict(scores)
    criterion = coverage_criterion(rubric)
    if rubric is None or criterion is None or criterion.id not in new:
        return Rescore(covered, missed, new, None, None)
    new[criterion.id] = content = coverage_score(covered, every, weights)
    if offline:
        for other in new:
            if other != criterion.id:
                new[other] = min(new[other], content + WORDING_LEAD)
    whole = all(c.id in new for c in rubric.criteria)
    return Rescore(covered, missed, new, criterion.id, rubric.weighted(new) if whole else None)


def corrected(
    feedback: Feedback,
    marks: Mapping[str, bool] | None,
    rubric: Rubric | None,
    weights: Mapping[str, float],
) -> Feedback:
    """The feedback as the candidate's marks correct it (unchanged if they agree)."""
    scores = {c.id: float(c.score) for c in feedback.criteria}
    result = rescore(
        feedback.covered_points,
        feedback.missed_points,
        scores,
        marks,
        rubric,
        weights,
        offline=estimated(feedback),
    )
    if result is None:
        return feedback
    update: dict[str, object] = {"covered_points": result.covered, "missed_points": result.missed}
    if result.coverage is not None:
        total = len(result.covered) + len(result.missed)
        coverage = f"From your self-check: {len(result.covered)} of {total} key points covered."
        criteria = []
        for c in feedback.criteria:
            score = int(result.scores[c.id])
            if c.id == result.coverage:
                c = c.model_copy(update={"score": score, "comment": coverage})
            elif score != c.score:  # held down to the corrected content
                c = c.model_copy(update={"score": score, "comment": _HELD_DOWN})
            criteria.append(c)
        update["criteria"] = criteria
    if result.overall is not None:
        update["overall"] = result.overall
    return feedback.model_copy(update=update)


def corrected_scores(
    grade: GradeDigest, question_id: str, marks: Mapping[str, bool] | None
) -> tuple[float, dict[str, float]]:
    """The overall and criterion scores of a digest's grade, as the candidate's marks correct them.

    For scans over a whole history: the rubric and weights come from the
    built-in bank and ``INTERVIEWER_BANKS``, loaded only when there are marks.
    """
    scores = {c.id: c.score for c in grade.criteria}
    if not marks:
        return grade.overall, scores
    result = rescore(
        grade.covered_points,
        grade.missed_points,
        scores,
        marks,
        _rubric(grade.rubric, None),
        _weights(question_id, None),
        offline=grade.evaluator == "offline",
    )
    if result is None:
        return grade.overall, scores
    return result.overall if result.overall is not None else grade.overall, result.scores


def thread_marks(
    earlier: Iterable[Mapping[str, bool] | None], own: Mapping[str, bool] | None
) -> Marks | None:
    """The marks in force on an answer: covered marks from earlier answers, then its own."""
    merged: Marks = {p: True for m in earlier if m for p, v in m.items() if v}
    merged.update(own or {})
    return merged or None


def effective_marks(turns: Sequence[GradedTurn], index: int) -> Marks | None:
    turn = turns[index]
    earlier = (t.self_check for t in turns[:index] if t.question_id == turn.question_id)
    return thread_marks(earlier, turn.self_check)


def initial_marks(turns: list[Turn], index: int) -> Marks:
    """What the self-check starts from: the evaluator's marks, with the candidate's on top."""
    feedback = turns[index].feedback
    assert feedback is not None
    return {**evaluator_marks(feedback), **(effective_marks(turns, index) or {})}


# -- finding the rubric and the key points' weights ---------------------------------


@functools.cache
def _default_library() -> Library | None:
    # Loaded only when a self-checked answer is scored without the interview's
    # library at hand (progress, an export): the built-in bank and INTERVIEWER_BANKS.
    from interviewer.content.bank import load_library
    from interviewer.errors import UserError

    try:
        return load_library()
    except UserError:
        return None


def _rubric(rubric_id: str, source: Library | RubricSet | None) -> Rubric | None:
    from interviewer.content.bank import Library

    given = source.rubrics if isinstance(source, Library) else source
    default = _default_library()
    for rubrics in (given, default.rubrics if default is not None else None):
        if rubrics is not None and rubric_id in rubrics:
            return rubrics.get(rubric_id)
    return None


def _weights(question_id: str, source: Library | RubricSet | None) -> dict[str, float]:
    from interviewer.content.bank import Library

    for library in (source, _default_library()):
        if isinstance(library, Library) and question_id in library.bank:
            return {p.text: p.weight for p in library.bank.get(question_id).key_points}
    return {}


def corrected_for(
    feedback: Feedback,
    question_id: str,
    marks: Mapping[str, bool] | None,
    source: Library | RubricSet | None = None,
) -> Feedback:
    """``corrected`` with the rubric and weights looked up (the source first, then the default)."""
    if not marks:
        return feedback
    return corrected(
        feedback, marks, _rubric(feedback.rubric, source), _weights(question_id, source)
    )


def corrected_turn(
    turns: list[Turn], index: int, source: Library | RubricSet | None = None
) -> Feedback | None:
    """A turn's feedback as the candidate's marks (on it or earlier in its thread) correct it."""
    turn = turns[index]
    if turn.feedback is None:
        return None
    return corrected_for(turn.feedback, turn.question_id, effective_marks(turns, index), source)


def record(turn: Turn, marks: Mapping[str, bool]) -> None:
    """Keep the candidate's marks on the turn, only for points the evaluator judged."""
    assert turn.feedback is not None
    judged = set(points(turn.feedback))
    turn.self_check = {p: bool(v) for p, v in marks.items() if p in judged}


def change_text(
    before: Feedback, after: Feedback, source: Library | RubricSet | None = None
) -> str:
    """What a self-check changed, in a sentence."""
    criterion = coverage_criterion(_rubric(after.rubric, source))
    old = next((c.score for c in before.criteria if criterion and c.id == criterion.id), None)
    new = next((c.score for c in after.criteria if criterion and c.id == criterion.id), None)
    if criterion is not None and old is not None and new is not None and old != new:
        return (
            f"{criterion.title} {old}/5 → {new}/5; overall "
            f"{before.overall:.1f} → {after.overall:.1f}."
        )
    if before.overall != after.overall:
        return f"Overall {before.overall:.1f} → {after.overall:.1f}."
    return "The scores stay as they were."


def summary_note(finals: Iterable[Feedback]) -> str | None:
    """The summary's caveat, when any of its scores came from the offline grader."""
    return SUMMARY_NOTE if any(estimated(f) for f in finals) else None
