"""The end-of-interview summary, derived from the turns alone.

A question's score is the feedback on its last graded answer: follow-ups
grade the whole thread, so the last one says where the candidate ended up.

Criteria are averaged per rubric: a candidate who swaps to ``consultant``
mid-way was graded on different things before and after, and one list
mixing "Communication" with "Clarity" would hide that. Answers graded under
their own topic's rubric form one group ("by topic"), since the topic
rubrics share most criteria. Each group is named with the questions it
graded, and a topic's score says when it blends different rubrics.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import TYPE_CHECKING

from interviewer.content.models import Feedback
from interviewer.content.rubric_label import BY_TOPIC, group_name, rubric_key, rubrics_label
from interviewer.history.marks import corrected_turn
from interviewer.history.schema import (
    CriterionAverage,
    RubricUse,
    Summary,
    Transcript,
    Turn,
    final_turns,
)

if TYPE_CHECKING:
    from interviewer.content.bank import Library
    from interviewer.content.rubrics import RubricSet


def final_feedback(
    turns: list[Turn], source: Library | RubricSet | None = None
) -> dict[str, tuple[Turn, Feedback]]:
    """Each answered question's last graded turn (``final_turns``), with its feedback.

    The feedback is as the candidate's self-check corrected it, if they made one
    (``source`` gives the rubrics and key-point weights; else the built-in ones).
    """
    result: dict[str, tuple[Turn, Feedback]] = {}
    for question_id, index in final_turns(turns).items():
        feedback = corrected_turn(turns, index, source)
        assert feedback is not None  # a final turn is a graded one
        result[question_id] = (turns[index], feedback)
    return result


def question_numbers(turns: list[Turn]) -> dict[str, int]:
    """Each question's number in the interview, from 1, in the order it was first asked."""
    numbers: dict[str, int] = {}
    for turn in turns:
        numbers.setdefault(turn.question_id, len(numbers) + 1)
    return numbers


def summarise(turns: list[Turn], source: Library | RubricSet | None = None) -> Summary:
    """``source`` (a library or its rubrics) gives criteria and rubrics their titles, and
    the key-point weights a self-check is scored with; without it they go by id."""
    from interviewer.content.bank import Library

    finals = final_feedback(turns, source)
    numbers = question_numbers(turns)
    rubrics = source.rubrics if isinstance(source, Library) else source
    skipped = len({t.question_id for t in turns if t.status == "skipped"} - set(finals))
    criteria: dict[tuple[str, str], list[int]] = defaultdict(list)
    topics: dict[str, list[float]] = defaultdict(list)
    uses: dict[str, RubricUse] = {}
    titles: dict[tuple[str, str], str] = {}
    for turn, feedback in finals.values():
        topics[turn.topic].append(feedback.overall)
        key = rubric_key(turn.topic, feedback.rubric)
        use = uses.setdefault(key, RubricUse(id=key, questions=[], topics=[]))
        use.questions.append(numbers[turn.question_id])
        if turn.topic not in use.topics:
            use.topics.append(turn.topic)
        rubric = rubrics.get(feedback.rubric) if rubrics and feedback.rubric in rubrics else None
        if rubric is not None and key != BY_TOPIC:
            use.title = rubric.title
        for c in feedback.criteria:
            criteria[(key, c.id)].append(c.score)
        for criterion in rubric.criteria if rubric else []:
            titles.setdefault((key, criterion.id), criterion.title)
    averages = [
        CriterionAverage(
            id=cid,
            score=round(mean(scores), 2),
            count=len(scores),
            title=titles.get((rid, cid)),
            rubric=rid,
        )
        for (rid, cid), scores in criteria.items()
    ]
    topic_scores = {t: round(mean(s), 2) for t, s in topics.items()}
    several = len(uses) > 1
    areas = [(criterion_area(a, several=several), a.score) for a in averages] + [
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
        rubrics=list(uses.values()),
    )


def summary_of(transcript: Transcript, rubrics: Library | RubricSet | None = None) -> Summary:
    """The saved summary, unless it predates per-rubric summaries: then one from the turns."""
    saved = transcript.summary
    if saved is not None and (saved.rubrics or saved.overall is None):
        return saved
    return summarise(transcript.turns, rubrics)


def rubrics_used(transcript: Transcript) -> str:
    """The rubrics its answers were graded under, in words ("by topic, then consultant")."""
    graded = [(t.topic, t.feedback.rubric) for t in transcript.turns if t.feedback is not None]
    return rubrics_label(graded, transcript.settings.rubric)


# -- naming what the summary holds ----------------------------------------------


def criterion_name(criterion: CriterionAverage) -> str:
    return criterion.title or criterion.id.replace("-", " ").capitalize()


def criterion_area(criterion: CriterionAverage, *, several: bool) -> str:
    """A criterion among the areas: with its rubric when the session used ``several``."""
    if several and criterion.rubric:
        return f"{criterion_name(criterion)} ({group_name(criterion.rubric)})"
    return f"{criterion_name(criterion)} (criterion)"


def numbers_text(numbers: list[int]) -> str:
    """``question 3`` or ``questions 1, 2``."""
    listed = ", ".join(str(n) for n in numbers)
    return f"question {listed}" if len(numbers) == 1 else f"questions {listed}"


def rubric_groups(summary: Summary) -> list[tuple[RubricUse | None, list[CriterionAverage]]]:
    """The criterion averages by the rubric they were graded under, in the order first used.

    A summary saved before rubrics were recorded gives one group, ``None``.
    """
    groups: dict[str | None, list[CriterionAverage]] = {}
    for c in summary.criteria:
        groups.setdefault(c.rubric, []).append(c)
    uses = {u.id: u for u in summary.rubrics}
    return [(uses.get(rid) if rid else None, rows) for rid, rows in groups.items()]


def blended_topics(summary: Summary) -> dict[str, list[str]]:
    """Topics whose score averages answers graded under more than one rubric, with those rubrics."""
    by_topic: dict[str, list[str]] = defaultdict(list)
    for use in summary.rubrics:
        for topic in use.topics:
            by_topic[topic].append(topic if use.id == BY_TOPIC else use.id)
    return {t: ids for t, ids in by_topic.items() if len(ids) > 1}


def blend_note(rubric_ids: list[str]) -> str:
    return "blends the " + " and ".join(rubric_ids) + " rubrics"


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
