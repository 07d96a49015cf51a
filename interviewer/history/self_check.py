"""One self-check, as both front ends run it: open it on a turn, read the candidate's marks,
save them, and say what they changed.

The app's self-check screen and plain mode's ``/check`` differ only in how they
ask; what is checked, what the marks mean and what is kept on the transcript
are here. The scores the marks imply are ``marks``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewer.content.models import Feedback, Question
from interviewer.history.marks import (
    Marks,
    corrected_turn,
    differences,
    evaluator_marks,
    initial_marks,
    points,
    record,
)
from interviewer.history.summary import summarise

if TYPE_CHECKING:
    from interviewer.content.bank import Library
    from interviewer.content.rubrics import RubricSet
    from interviewer.history.schema import Transcript, Turn


def last_graded(turns: list[Turn]) -> int | None:
    """The index of the latest graded answer: the one a self-check opens on."""
    return next((i for i in range(len(turns) - 1, -1, -1) if turns[i].feedback), None)


@dataclass(frozen=True)
class Check:
    """What the candidate checks: the question's reference and its key points, numbered."""

    index: int
    """The turn's position in the transcript."""
    question: Question | None
    """``None`` when the bank no longer holds the question."""
    points: list[str]
    evaluator: Marks
    start: Marks
    """The evaluator's marks with the candidate's earlier ones on top."""

    @property
    def reference(self) -> str:
        if self.question is not None and self.question.reference_answer:
            return self.question.reference_answer
        return "(This question has no reference answer in the bank.)"


def open_check(turns: list[Turn], index: int, library: Library | None) -> Check:
    turn = turns[index]
    assert turn.feedback is not None
    question = None
    if library is not None and turn.question_id in library.bank:
        question = library.bank.get(turn.question_id)
    judged = points(turn.feedback)
    ordered = [p.text for p in question.key_points if p.text in judged] if question else []
    ordered += [p for p in judged if p not in ordered]
    return Check(
        index, question, ordered, evaluator_marks(turn.feedback), initial_marks(turns, index)
    )


def save_check(
    transcript: Transcript, check: Check, marks: Mapping[str, bool], library: Library | None
) -> tuple[Feedback, Feedback]:
    """Keep the marks on the turn (and refresh an ended session's summary); the caller saves.

    Returns the turn's feedback before and after, as corrected.
    """
    turns = transcript.turns
    before = corrected_turn(turns, check.index, library)
    record(turns[check.index], marks)
    after = corrected_turn(turns, check.index, library)
    assert before is not None and after is not None
    if transcript.summary is not None:
        transcript.summary = summarise(turns, library)
    return before, after


def parse_covered(line: str, check: Check) -> Marks:
    """``"1 3 4"`` (or ``1,3,4``): those points covered, the others missed.

    Raises ``ValueError`` with a message for the candidate on anything else.
    """
    count = len(check.points)
    chosen: set[int] = set()
    for token in line.replace(",", " ").split():
        if not token.isdigit() or not 1 <= int(token) <= count:
            raise ValueError(f"'{token}' is not a point number (the points are 1 to {count})")
        chosen.add(int(token))
    return {p: n in chosen for n, p in enumerate(check.points, start=1)}


def check_report(
    turns: list[Turn], index: int, source: Library | RubricSet | None = None
) -> list[str]:
    """What the candidate's marks say about a turn: where they differ, and the score they give."""
    turn = turns[index]
    fixed = corrected_turn(turns, index, source)
    if turn.feedback is None or fixed is None:
        return []
    lines = differences(turn.feedback, turn.self_check)
    if turn.self_check is not None and not lines:
        lines.append("Your self-check agrees with the evaluator's marks.")
    if fixed.overall != turn.feedback.overall:
        lines.append(
            f"Score after your self-check: {fixed.overall:.1f}/5 "
            f"(the evaluator gave {turn.feedback.overall:.1f})."
        )
    return lines
