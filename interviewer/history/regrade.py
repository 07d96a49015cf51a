"""Regrading: the same answers judged again under another rubric, side by side.

The answers are the candidate's record and stay verbatim; only the grades
change. Each answer is graded as the interview graded it, with the earlier
exchanges on its own question as the thread (so a follow-up keeps the credit
the main answer earned), and the result is a new transcript that names the
original's id, so both stay on disk and either can be exported or charted.

Rubrics name their criteria differently (a topic's ``metric-choice``, the
consultant's ``substance``), so the comparison pairs criteria by id and then
by what they measure, and shows the ones without a counterpart on one side.
The side-by-side text is ``regrade_view``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from interviewer.content.bank import Library
from interviewer.content.models import Feedback, Rubric
from interviewer.errors import UserError
from interviewer.grading.protocol import Evaluator
from interviewer.history.marks import corrected_turn
from interviewer.history.schema import Summary, Transcript, Turn, new_id, now
from interviewer.history.summary import summarise
from interviewer.history.turns import grade_turn

ProgressCallback = Callable[[int, int], None]
"""Called with (answers graded so far, answers in all) as regrading goes."""


@dataclass(frozen=True)
class CriterionChange:
    old_id: str | None
    """``None``: the old rubric had no such criterion."""
    new_id: str | None
    old: int | None
    new: int | None

    @property
    def label(self) -> str:
        if self.old_id and self.new_id and self.old_id != self.new_id:
            return f"{self.old_id} → {self.new_id}"
        return self.new_id or self.old_id or "?"


@dataclass(frozen=True)
class AnswerChange:
    index: int
    """The turn's position in both transcripts."""
    turn: Turn
    """The regraded turn (the answer is the original's, verbatim)."""
    old: Feedback | None
    """``None``: the original was saved but never graded (a crash mid-grading)."""
    new: Feedback
    criteria: list[CriterionChange]


@dataclass(frozen=True)
class Regrade:
    original: Transcript
    transcript: Transcript
    """The new transcript: new id, ``regraded_from`` the original's, answers unchanged."""
    answers: list[AnswerChange]

    @property
    def old_summary(self) -> Summary:
        return self.original.summary or summarise(self.original.turns)

    @property
    def new_summary(self) -> Summary:
        return self.transcript.summary or summarise(self.transcript.turns)


def pair_criteria(
    old: Feedback | None, old_rubric: Rubric | None, new: Feedback, new_rubric: Rubric
) -> list[CriterionChange]:
    """New criteria in rubric order, each beside the old one with its id, else its measure."""
    old_scores = {c.id: c.score for c in old.criteria} if old else {}
    measures = {c.id: c.measure for c in old_rubric.criteria} if old_rubric else {}
    new_measures = {c.id: c.measure for c in new_rubric.criteria}
    left = list(old_scores)
    rows = []
    for c in new.criteria:
        match = c.id if c.id in left else None
        if match is None:
            measure = new_measures.get(c.id)
            match = next((o for o in left if measure and measures.get(o) == measure), None)
        if match is not None:
            left.remove(match)
        rows.append(CriterionChange(match, c.id, old_scores.get(match or ""), c.score))
    rows.extend(CriterionChange(o, None, old_scores[o], None) for o in left)
    return rows


async def regrade(
    original: Transcript,
    library: Library,
    evaluator: Evaluator,
    rubric_id: str | None,
    *,
    clock: Callable[[], datetime] = now,
    on_progress: ProgressCallback | None = None,
) -> Regrade:
    """Grade every answer of ``original`` again under ``rubric_id`` (``None``: each topic's).

    Nothing is saved: the caller saves ``Regrade.transcript`` (the original is
    never touched). Fails before grading anything if the rubric or one of the
    answered questions is unknown.
    """
    if rubric_id is not None:
        library.rubrics.get(rubric_id)
    answered = [i for i, t in enumerate(original.turns) if t.status == "answered" and t.answer]
    for i in answered:
        qid = original.turns[i].question_id
        if qid not in library.bank:
            raise UserError(
                f"transcript {original.id}: question '{qid}' is not in the bank "
                "(add the bank it came from with --bank)"
            )
    settings = original.settings.model_copy(
        update={"rubric": rubric_id, "evaluator": evaluator.name}
    )
    copy = original.model_copy(
        deep=True,
        update={
            "id": new_id(),
            "regraded_from": original.id,
            "settings": settings,
            "summary": None,
        },
    )
    for turn in copy.turns:
        if turn.question_id in library.bank:
            turn.rubric = library.rubric_for(library.bank.get(turn.question_id), rubric_id)
    changes = []
    for done, i in enumerate(answered):
        if on_progress is not None:
            on_progress(done, len(answered))
        turn = copy.turns[i]
        question = library.bank.get(turn.question_id)
        rubric = library.rubrics.get(turn.rubric)
        feedback = await grade_turn(evaluator, question, rubric, copy.turns, i, clock)
        # Both sides as the candidate's self-check corrected them (it carries over: the
        # marks are about what the answer says, whatever the rubric).
        old = corrected_turn(original.turns, i, library)
        feedback = corrected_turn(copy.turns, i, library) or feedback
        old_rubric_id = old.rubric if old else original.turns[i].rubric
        old_rubric = (
            library.rubrics.get(old_rubric_id) if old_rubric_id in library.rubrics else None
        )
        changes.append(
            AnswerChange(i, turn, old, feedback, pair_criteria(old, old_rubric, feedback, rubric))
        )
    if on_progress is not None:
        on_progress(len(answered), len(answered))
    copy.summary = summarise(copy.turns, library)
    return Regrade(original, copy, changes)
