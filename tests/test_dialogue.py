from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.errors import UserError
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history import marks
from interviewer.history.schema import Settings, load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.session.dialogue import Interview
from tests.conftest import Clock


def make(
    library: Library,
    offline: OfflineEvaluator,
    tmp_path: Path,
    clock: Clock,
    **settings: object,
) -> Interview:
    options: dict[str, object] = {"questions": 3, "seed": 11, **settings}
    return Interview(
        library,
        offline,
        Settings.model_validate(options),
        TranscriptStore(tmp_path / "t"),
        clock=clock,
        transcript_id="fixedid",
    )


def saved(interview: Interview) -> dict[str, object]:
    data: dict[str, object] = json.loads(interview.path.read_text(encoding="utf-8"))
    return data


async def test_a_whole_interview_with_follow_ups_and_summary(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock, follow_ups=1)
    asked: list[str] = []
    while (prompt := iv.current) is not None:
        asked.append(prompt.kind)
        reference = prompt.question.reference_answer or ""
        # A weak first answer draws a follow-up; the follow-up answer is strong.
        text = "It depends on the data." if prompt.kind == "question" else reference
        outcome = await iv.answer(text)
        assert outcome.feedback.evaluator == "offline"
    assert asked == ["question", "follow_up"] * 3
    assert iv.finished
    summary = iv.transcript.summary
    assert summary is not None and summary.answered == 3
    assert summary.overall is not None and summary.overall >= 3.5  # the thread's final answer
    assert summary.topics and summary.criteria and summary.practise_next is not None
    data = load_transcript(iv.path)
    assert data.turns[0].answer == "It depends on the data."
    assert all(t.evaluator == "offline" and t.feedback for t in data.turns)


async def test_a_hint_follows_the_candidates_self_check(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    """A point the candidate marked covered is not hinted; one they marked missed can be."""
    iv = make(library, offline, tmp_path, clock, questions=1, follow_ups=1)
    prompt = iv.current
    assert prompt is not None
    points = [p.text for p in prompt.question.key_points]
    outcome = await iv.answer(prompt.question.key_points[0].text)
    assert points[0] in outcome.feedback.covered_points
    assert points[1] not in outcome.feedback.covered_points
    assert iv.current is not None and iv.current.kind == "follow_up"
    answered = iv.transcript.turns[0]
    marks.record(answered, {points[0]: False, points[1]: True})
    assert iv.hint() == points[0]
    assert iv.hint() == points[2]


async def test_follow_ups_are_capped_and_zero_disables_them(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    for depth in (0, 2):
        iv = make(library, offline, tmp_path / str(depth), clock, questions=1, follow_ups=depth)
        kinds = []
        while (prompt := iv.current) is not None:
            kinds.append(prompt.kind)
            await iv.answer("Not sure, maybe use a model.")
        assert kinds == ["question"] + ["follow_up"] * depth


async def test_no_follow_up_when_nothing_was_missed(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock, questions=2)
    first = iv.current
    assert first is not None
    outcome = await iv.answer(first.question.reference_answer or "")
    assert outcome.feedback.missed_points == []
    assert outcome.next is not None and outcome.next.kind == "question"
    assert outcome.next.number == 2


def test_questions_are_repeatable_and_never_repeat(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    a = make(library, offline, tmp_path / "a", clock, questions=10, seed=3)
    b = make(library, offline, tmp_path / "b", clock, questions=10, seed=3)
    ids = [q.id for q in a.questions]
    assert ids == [q.id for q in b.questions]
    assert len(set(ids)) == 10


def test_topic_and_difficulty_filters(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock, topics=["deployment"], difficulties=["easy"])
    assert all(q.topic == "deployment" and q.difficulty == "easy" for q in iv.questions)
    with pytest.raises(UserError, match="unknown topic"):
        make(library, offline, tmp_path, clock, topics=["astrology"])


async def test_skip_hint_repeat_and_rubric_switch_are_recorded(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock)
    first = iv.current
    assert first is not None
    hint = iv.hint()
    assert hint == first.question.key_points[0].text
    assert iv.hint() == first.question.key_points[1].text
    assert iv.repeat() == first
    nxt = iv.skip(draft="half a thought")
    assert nxt is not None and nxt.number == 2
    iv.switch_rubric("consultant")
    assert iv.current is not None and iv.current.rubric == "consultant"
    outcome = await iv.answer("Accuracy would mislead us, so I recommend a cost-based threshold.")
    assert outcome.feedback.rubric == "consultant"
    with pytest.raises(UserError, match="unknown rubric"):
        iv.switch_rubric("nope")
    iv.end()
    turns = load_transcript(iv.path).turns
    assert turns[0].status == "skipped" and turns[0].answer == "half a thought"
    assert turns[0].hints == [hint, first.question.key_points[1].text]
    assert turns[1].rubric == "consultant" and turns[1].feedback is not None
    summary = load_transcript(iv.path).summary
    assert summary is not None and summary.skipped == 1 and summary.answered == 1


async def test_answer_is_saved_before_it_is_graded(
    library: Library, tmp_path: Path, clock: Clock
) -> None:
    seen: list[dict[str, object]] = []

    class Watching(OfflineEvaluator):
        async def evaluate(self, request, on_text=None):  # type: ignore[no-untyped-def]
            seen.append(json.loads(iv.path.read_text(encoding="utf-8")))
            return await super().evaluate(request, on_text)

    iv = make(library, Watching(library.bank), tmp_path, clock)
    await iv.answer("my verbatim answer\nwith two lines")
    turns = seen[0]["turns"]
    assert isinstance(turns, list)
    assert turns[0]["answer"] == "my verbatim answer\nwith two lines"
    assert turns[0]["feedback"] is None


async def test_a_failing_evaluator_loses_no_answer(
    library: Library, tmp_path: Path, clock: Clock
) -> None:
    class Broken(OfflineEvaluator):
        async def evaluate(self, request, on_text=None):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    iv = make(library, Broken(library.bank), tmp_path, clock)
    with pytest.raises(RuntimeError):
        await iv.answer("keep me")
    assert load_transcript(iv.path).turns[0].answer == "keep me"


async def test_end_early_keeps_what_was_answered(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock, questions=5, follow_ups=0)
    await iv.answer("first answer about the metric")
    summary = iv.end()
    assert iv.finished and iv.current is None
    assert summary.answered == 1
    data = load_transcript(iv.path)
    assert data.ended_at is not None
    assert [t.status for t in data.turns] == ["answered", "asked"]
    with pytest.raises(UserError, match="over"):
        await iv.answer("too late")


async def test_end_with_a_draft_keeps_it_on_the_question_shown(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    iv = make(library, offline, tmp_path, clock, questions=5, follow_ups=0)
    await iv.answer("first answer about the metric")
    summary = iv.end("half a thought")
    data = load_transcript(iv.path)
    assert [t.status for t in data.turns] == ["answered", "skipped"]
    assert data.turns[-1].answer == "half a thought"
    assert summary.answered == 1 and summary.skipped == 1


def test_unknown_session_rubric_fails_before_starting(
    library: Library, offline: OfflineEvaluator, tmp_path: Path, clock: Clock
) -> None:
    with pytest.raises(UserError, match="unknown rubric 'zzz'"):
        make(library, offline, tmp_path, clock, rubric="zzz")
