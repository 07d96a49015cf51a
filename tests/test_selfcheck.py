"""The self-check: the candidate's marks recompute the coverage score, and every ranking uses it."""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from pathlib import Path
from unittest.mock import patch

import pytest

from interviewer.content.bank import Library
from interviewer.content.models import Criterion, CriterionScore, Feedback, Rubric
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history import marks, self_check
from interviewer.history.focus import reviews
from interviewer.history.progress import scan
from interviewer.history.regrade import regrade
from interviewer.history.schema import GradeDigest, Settings, load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import final_feedback, summarise
from interviewer.reports.export import to_html, to_json, to_markdown
from interviewer.reports.render import feedback_text
from interviewer.session.dialogue import Interview
from tests.sessions import DAY0

LEVELS = {n: f"level {n}" for n in range(1, 6)}
RUBRIC = Rubric(
    id="r",
    title="R",
    description="A rubric for the recompute.",
    criteria=[
        Criterion(
            id="points",
            title="Key points",
            description="d",
            measure="coverage",
            weight=2,
            levels=LEVELS,
        ),
        Criterion(id="why", title="Why", description="d", measure="reasoning", levels=LEVELS),
    ],
)
WEIGHTS = {"A": 1.0, "B": 1.0, "C": 2.0}
THIN = "I would train a model on the data and check that it works well."


@pytest.fixture
def store(isolated: Path) -> TranscriptStore:
    return TranscriptStore(isolated / "transcripts")


def feedback(evaluator: str = "offline") -> Feedback:
    return Feedback(
        overall=RUBRIC.weighted({"points": 2, "why": 3}),
        criteria=[
            CriterionScore(id="points", score=2, comment="Covered 1 of 3."),
            CriterionScore(id="why", score=3, comment="Some reasons."),
        ],
        covered_points=["A"],
        missed_points=["B", "C"],
        evaluator=evaluator,
        rubric="r",
    )


def scores(fb: Feedback) -> dict[str, int]:
    return {c.id: c.score for c in fb.criteria}


# -- the recompute ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "coverage", "why", "overall"),
    [
        ({"B": True}, 3, 3, 3.0),  # A+B = 2 of 4 weight: 1 + round(4 x 0.5) = 3
        ({"C": True}, 4, 3, 3.67),  # A+C = 3 of 4: 1 + round(3) = 4; (2x4 + 3) / 3
        ({"B": True, "C": True}, 5, 3, 4.33),  # all: 5; (2x5 + 3) / 3
        # none: 1, and content first: wording at most a step above it; (2x1 + 2) / 3
        ({"A": False}, 1, 2, 1.33),
        ({"A": False, "C": True}, 3, 3, 3.0),  # C alone is half the weight
    ],
)
def test_coverage_is_recomputed_from_the_weighted_share_marked_covered(
    chosen: dict[str, bool], coverage: int, why: int, overall: float
) -> None:
    fixed = marks.corrected(feedback(), chosen, RUBRIC, WEIGHTS)
    assert scores(fixed) == {"points": coverage, "why": why}  # wording never rises
    assert fixed.overall == overall == RUBRIC.weighted(scores(fixed))
    assert set(fixed.covered_points) == {p for p in "ABC" if chosen.get(p, p == "A")}
    assert set(fixed.covered_points) | set(fixed.missed_points) == {"A", "B", "C"}
    assert "self-check" in fixed.criteria[0].comment


def test_content_first_holds_down_offline_wording_only() -> None:
    """The offline grader keeps wording within a step of the content; an LLM judges it."""
    offline = marks.corrected(feedback(), {"A": False}, RUBRIC, WEIGHTS)
    why = next(c for c in offline.criteria if c.id == "why")
    assert why.score == 2 and "self-check" in why.comment
    llm = marks.corrected(feedback("llm"), {"A": False}, RUBRIC, WEIGHTS)
    assert scores(llm) == {"points": 1, "why": 3}
    # a digest, as progress and --focus weak read it, follows the same rule
    for evaluator, expected in (("offline", 2.0), ("llm", 3.0)):
        digest = GradeDigest.model_validate(feedback(evaluator).model_dump())
        with (
            patch.object(marks, "_rubric", return_value=RUBRIC),
            patch.object(marks, "_weights", return_value=WEIGHTS),
        ):
            _, criteria = marks.corrected_scores(digest, "q", {"A": False})
        assert criteria["why"] == expected


def test_marks_that_agree_with_the_evaluator_change_nothing() -> None:
    original = feedback()
    for chosen in (None, {}, {"A": True}, {"A": True, "B": False, "C": False}):
        assert marks.corrected(original, chosen, RUBRIC, WEIGHTS) is original


def test_without_the_rubric_only_the_lists_move() -> None:
    fixed = marks.corrected(feedback(), {"B": True}, None, WEIGHTS)
    assert fixed.covered_points == ["A", "B"]
    assert scores(fixed) == {"points": 2, "why": 3} and fixed.overall == feedback().overall


def test_unknown_weights_count_one_each() -> None:
    fixed = marks.corrected(feedback(), {"B": True}, RUBRIC, {})
    assert scores(fixed)["points"] == 1 + round(4 * 2 / 3)


def test_an_llm_graded_answer_is_corrected_the_same_way_and_not_called_an_estimate() -> None:
    llm = feedback(evaluator="gpt-test")
    fixed = marks.corrected(llm, {"C": True}, RUBRIC, WEIGHTS)
    assert scores(fixed)["points"] == 4 and fixed.evaluator == "gpt-test"
    assert not marks.estimated(llm) and marks.estimated(feedback())
    assert marks.ESTIMATED not in feedback_text(llm, RUBRIC)
    assert marks.ESTIMATED in feedback_text(feedback(), RUBRIC)


def test_differences_name_each_point_where_the_marks_part() -> None:
    lines = marks.differences(feedback(), {"A": False, "B": True, "C": False})
    assert lines == [
        "You marked missed, the evaluator credited it: A",
        "You marked covered, the evaluator did not: B",
    ]
    assert marks.differences(feedback(), None) == []


def test_covered_marks_carry_down_the_thread_and_missed_marks_do_not() -> None:
    earlier = [{"A": False, "B": True}, None]
    assert marks.thread_marks(earlier, None) == {"B": True}
    assert marks.thread_marks(earlier, {"B": False}) == {"B": False}
    assert marks.thread_marks([None], None) is None


def test_parse_covered_takes_numbers_and_refuses_the_rest() -> None:
    check = self_check.Check(0, None, ["A", "B", "C"], {"A": True}, {"A": True})
    assert self_check.parse_covered("1 3", check) == {"A": True, "B": False, "C": True}
    assert self_check.parse_covered("3,2", check) == {"A": False, "B": True, "C": True}
    with pytest.raises(ValueError, match="'4' is not a point number"):
        self_check.parse_covered("1 4", check)
    with pytest.raises(ValueError, match="'x'"):
        self_check.parse_covered("x", check)


# -- a real interview, self-checked ------------------------------------------------


async def checked_session(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore, *, end: bool = True
) -> tuple[Interview, Feedback]:
    """One thin answer, graded offline, then every key point marked covered by the candidate."""
    ticks = count()
    interview = Interview(
        library,
        offline,
        Settings(questions=2, follow_ups=0, seed=7),
        store,
        clock=lambda: DAY0 + timedelta(seconds=30 * next(ticks)),
    )
    await interview.answer(THIN)
    if end:
        interview.end()
    turns = interview.transcript.turns
    check = self_check.open_check(turns, 0, library)
    assert check.start == check.evaluator and not all(check.evaluator.values())
    before, after = self_check.save_check(
        interview.transcript, check, dict.fromkeys(check.points, True), library
    )
    store.save(interview.transcript)
    assert after.overall > before.overall
    return interview, after


async def test_the_transcript_keeps_both_marks_and_the_summary_uses_the_candidates(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    interview, after = await checked_session(library, offline, store)
    saved = load_transcript(interview.path)
    turn = saved.turns[0]
    assert turn.feedback is not None and turn.self_check is not None
    assert all(turn.self_check.values()) and turn.feedback.missed_points  # both kept
    assert saved.summary is not None and saved.summary.overall == after.overall
    assert summarise(saved.turns, library).overall == after.overall
    assert final_feedback(saved.turns)[turn.question_id][1] == after  # default library too
    assert not any(p.startswith("Revisit") for p in saved.summary.practise_next)


async def test_a_self_check_before_the_end_reaches_the_summary(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    interview, after = await checked_session(library, offline, store, end=False)
    assert interview.end().overall == after.overall


async def test_progress_and_focus_read_the_corrected_score(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    _, after = await checked_session(library, offline, store)
    history = scan(store)
    (graded,) = history.sessions[0].graded
    assert graded.overall == after.overall
    assert graded.criteria == {c.id: c.score for c in after.criteria}
    (review,) = [r for r in reviews(history) if r.question_id == graded.question_id]
    assert review.last_score == after.overall


async def test_regrade_compares_and_keeps_the_candidates_marks(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    interview, after = await checked_session(library, offline, store)
    result = await regrade(interview.transcript, library, offline, "consultant")
    (change,) = result.answers
    assert change.old == after  # the original as the candidate corrected it
    new_turn = result.transcript.turns[0]
    assert new_turn.self_check == interview.transcript.turns[0].self_check
    assert change.new.covered_points == after.covered_points  # the marks carry over
    assert new_turn.feedback is not None and change.new != new_turn.feedback
    assert result.new_summary.overall == change.new.overall


async def test_exports_show_where_the_marks_differ(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    interview, after = await checked_session(library, offline, store)
    transcript = load_transcript(interview.path)
    turn = transcript.turns[0]
    assert turn.feedback is not None
    point = next(p for p in turn.feedback.missed_points)
    report = to_markdown(transcript, library.rubrics)
    assert "You marked covered, the evaluator did not: " in report
    assert f"Score {after.overall:.1f}/5" in report
    assert f"the evaluator gave {turn.feedback.overall:.1f}" in report
    assert marks.ESTIMATED in report
    page = to_html(transcript, library.rubrics)
    assert "You marked covered, the evaluator did not: " + point[:30] in page
    assert "after your self-check" in page
    assert '"self_check"' in to_json(transcript)


def test_the_summary_note_is_only_for_offline_scores() -> None:
    assert marks.summary_note([feedback("gpt-test")]) is None
    assert marks.summary_note([feedback("gpt-test"), feedback()]) == marks.SUMMARY_NOTE


def test_an_unknown_rubric_and_question_still_correct_the_lists(
    library: Library,
) -> None:
    fb = feedback().model_copy(update={"rubric": "no-such-rubric"})
    fixed = marks.corrected_for(fb, "no-such-question", {"B": True}, library)
    assert fixed.covered_points == ["A", "B"] and fixed.overall == fb.overall


async def test_the_replay_report_says_when_the_marks_agree_or_differ(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    interview, after = await checked_session(library, offline, store)
    turns = interview.transcript.turns
    report = self_check.check_report(turns, 0, library)
    assert report[0].startswith("You marked covered, the evaluator did not: ")
    assert report[-1] == f"Score after your self-check: {after.overall:.1f}/5 " + (
        f"(the evaluator gave {turns[0].feedback.overall:.1f})." if turns[0].feedback else ""
    )
    check = self_check.open_check(turns, 0, library)
    self_check.save_check(interview.transcript, check, check.evaluator, library)
    assert self_check.check_report(turns, 0, library) == [
        "Your self-check agrees with the evaluator's marks."
    ]
    assert self_check.check_report(turns, 1, library) == []  # not graded
