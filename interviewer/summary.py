"""The end-of-interview summary, derived from the turns alone.

A question's score is the feedback on its last graded answer: follow-ups
grade the whole thread, so the last one says where the candidate ended up.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import TYPE_CHECKING

from interviewer.models import Feedback
from interviewer.selfcheck import corrected_turn
from interviewer.transcripts import CriterionAverage, Summary, Turn

if TYPE_CHECKING:
    from interviewer.bank import Library
    from interviewer.rubrics import RubricSet


def final_feedback(
    turns: list[Turn], source: Library | RubricSet | None = None
) -> dict[str, tuple[Turn, Feedback]]:
    """Each answered question's last graded turn, in the order first asked.

    The feedback is as the candidate's self-check corrected it, if they made one
    (``source`` gives the rubrics and key-point weights; else the built-in ones).
    """
    result: dict[str, tuple[Turn, Feedback]] = {}
    for index, turn in enumerate(turns):
        feedback = corrected_turn(turns, index, source)
        if feedback is not None:
            result.pop(turn.question_id, None)
            result[turn.question_id] = (turn, feedback)
    return result


def summarise(turns: list[Turn], source: Library | RubricSet | None = None) -> Summary:
    finals = final_feedback(turns, source)
    skipped = len({t.question_id for t in turns if t.status == "skipped"} - set(finals))
    criteria: dict[str, list[int]] = defaultdict(list)
    topics: dict[str, list[float]] = defaultdict(list)
    for turn, feedback in finals.values():
        topics[turn.topic].append(feedback.overall)
        for c in feedback.criteria:
            criteria[c.id].append(c.score)
    averages = [
        CriterionAverage(id=cid, score=round(mean(scores), 2), count=len(scores))
        for cid, scores in criteria.items()
    ]
    topic_scores = {t: round(mean(s), 2) for t, s in topics.items()}
    areas = [(f"{a.id} (criterion)", a.score) for a in averages] + [
        (f"{t} (topic)", s) for t, s in topic_scores.items()
    ]
    ranked = sorted(areas, key=lambda a: -a[1])
    strongest = [f"{name}: {score:.1f}" for name, score in ranked[:3] if score >= 3]
    weakest = [
        f"{name}: {score:.1f}"
        for name, score in reversed(ranked[-3:])
        if score < 4 and f"{name}: {score:.1f}" not in strongest
    ]
    return Summary(
        overall=round(mean(f.overall for _, f in finals.values()), 2) if finals else None,
        answered=len(finals),
        skipped=skipped,
        criteria=averages,
        topics=topic_scores,
        strongest=strongest,
        weakest=weakest,
        practise_next=_practise_next(finals, topic_scores),
    )


def _practise_next(
    finals: dict[str, tuple[Turn, Feedback]], topic_scores: dict[str, float]
) -> list[str]:
    advice: list[str] = []
    for topic, score in sorted(topic_scores.items(), key=lambda t: t[1])[:2]:
        if score < 4:
            advice.append(f"More questions on {topic} (scored {score:.1f}).")
    missed = [(f.overall, point) for _, f in finals.values() for point in f.missed_points[:1]]
    for _, point in sorted(missed)[:3]:
        advice.append(f"Revisit: {point}")
    if not advice and finals:
        advice.append(
            "Try harder questions, or swap to the consultant rubric to practise explaining."
        )
    return advice
