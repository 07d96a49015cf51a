"""What every report format says about a session, worked out once.

The Markdown and HTML reports show the same facts (the header rows, the
summary's areas, each graded turn as the candidate's self-check corrected
it, why a turn has no grade); each format only escapes and lays them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from interviewer.content.models import Feedback
from interviewer.content.rubric_label import group_name
from interviewer.content.rubrics import RubricSet
from interviewer.history.marks import (
    ESTIMATED,
    corrected_turn,
    differences,
    estimated,
    summary_note,
)
from interviewer.history.schema import Summary, Transcript, Turn
from interviewer.history.summary import (
    blend_note,
    blended_topics,
    criterion_area,
    final_feedback,
    numbers_text,
    rubrics_used,
)

LISTS = (
    ("Covered", "covered_points"),
    ("Missed", "missed_points"),
    ("Strengths", "strengths"),
    ("To improve", "gaps"),
)


@dataclass(frozen=True)
class ReportQuestion:
    number: int
    question_id: str
    topic: str
    turns: list[Turn]


def questions(transcript: Transcript) -> list[ReportQuestion]:
    """The turns grouped by question, in the order the questions were asked."""
    groups: dict[str, list[Turn]] = {}
    for turn in transcript.turns:
        groups.setdefault(turn.question_id, []).append(turn)
    return [
        ReportQuestion(number, qid, turns[0].topic, turns)
        for number, (qid, turns) in enumerate(groups.items(), start=1)
    ]


def meta(transcript: Transcript, summary: Summary) -> list[tuple[str, str]]:
    s = transcript.settings
    rows = [
        ("Date", f"{transcript.started_at.astimezone():%Y-%m-%d %H:%M %Z}"),
        ("Transcript", transcript.id),
        ("Rubric", rubrics_used(transcript)),
        ("Graded by", s.evaluator),
        (
            "Topics",
            ", ".join(s.topics) or ", ".join(dict.fromkeys(t.topic for t in transcript.turns)),
        ),
    ]
    if transcript.regraded_from:
        rows.append(("Regrade of", transcript.regraded_from))
    if len(summary.rubrics) > 1:
        rows.append(("Graded under", _graded_under(summary)))
    if transcript.ended_at is None:
        rows.append(("Status", "unfinished (the session was not ended)"))
    if summary.overall is not None:
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        rows.append(
            ("Overall", f"{summary.overall:.1f}/5 over {summary.answered} question(s){skipped}")
        )
        note = summary_note(f for _, f in final_feedback(transcript.turns).values())
        if note:
            rows.append(("Note", note))
    return rows


def _graded_under(summary: Summary) -> str:
    """Which answers each rubric graded: "each topic's own rubric (questions 1, 2); …"."""
    return "; ".join(f"{group_name(u.id)} ({numbers_text(u.questions)})" for u in summary.rubrics)


def areas(summary: Summary) -> list[tuple[str, float]]:
    """The summary's rows: criteria (with their rubric when there were several), then topics."""
    several = len(summary.rubrics) > 1
    blends = blended_topics(summary)
    areas = [(criterion_area(c, several=several), c.score) for c in summary.criteria]
    for topic, score in summary.topics.items():
        note = f"; {blend_note(blends[topic])}" if topic in blends else ""
        areas.append((f"{topic} (topic{note})", score))
    return areas


@dataclass(frozen=True)
class Reported:
    """A graded turn as reported: corrected by the candidate's self-check, if any."""

    feedback: Feedback
    evaluator: Feedback
    """As the evaluator gave it."""
    differences: list[str]


def reported(transcript: Transcript, rubrics: RubricSet | None) -> dict[int, Reported]:
    """Graded turns by ``id(turn)``."""
    result: dict[int, Reported] = {}
    for index, turn in enumerate(transcript.turns):
        feedback = corrected_turn(transcript.turns, index, rubrics)
        if feedback is not None and turn.feedback is not None:
            result[id(turn)] = Reported(
                feedback, turn.feedback, differences(turn.feedback, turn.self_check)
            )
    return result


def score_note(graded: Reported) -> str:
    """What stands behind the score: the rubric, the evaluator, an estimate, a self-check."""
    feedback = graded.feedback
    note = f"{feedback.rubric} rubric, graded by {feedback.evaluator}"
    if estimated(feedback):
        note += f"; {ESTIMATED}"
    if feedback.overall != graded.evaluator.overall:
        note += f"; after your self-check (the evaluator gave {graded.evaluator.overall:.1f})"
    return note


def criterion_titles(rubrics: RubricSet | None, feedback: Feedback) -> Callable[[str], str]:
    titles: dict[str, str] = {}
    if rubrics is not None and feedback.rubric in rubrics:
        titles = {c.id: c.title for c in rubrics.get(feedback.rubric).criteria}
    return lambda cid: titles.get(cid, cid)


def turn_label(turn: Turn) -> str:
    return "Follow-up" if turn.kind == "follow_up" else "Question"


def status(turn: Turn) -> str | None:
    """Why a turn has no graded answer, or ``None`` if it has one."""
    if turn.status == "skipped":
        return "Skipped; the draft typed before skipping:" if turn.answer else "Skipped."
    if turn.status == "asked":
        return "Not answered."
    if turn.feedback is None:
        return "Answered, not graded (regrade the transcript to grade it)."
    return None


def paragraphs(text: str) -> list[str]:
    """Prompts are wrapped text: join the lines of each paragraph."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
