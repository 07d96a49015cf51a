"""``--focus weak``: weakest topics first, and bad answers brought back on a spaced schedule."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.focus import BAD, focus_questions, plan_focus, reviews
from interviewer.history.progress import Graded, History, Session, scan
from interviewer.history.schema import Settings
from interviewer.history.store import TranscriptStore
from tests.conftest import run_cli
from tests.sessions import WEAK, day, run_session, strong, strong_except


def history(*sessions: dict[str, float], topic: str = "algorithms") -> History:
    return History(
        sessions=[
            Session(
                Path(f"{i}.json"),
                f"s{i}",
                day(i),
                tuple(Graded(qid, topic, score, {}) for qid, score in graded.items()),
            )
            for i, graded in enumerate(sessions)
        ],
        skipped=[],
        regrades=0,
    )


def review(h: History, qid: str = "q") -> tuple[int, int, bool] | None:
    found = [r for r in reviews(h) if r.question_id == qid]
    return (found[0].step, found[0].sessions_since, found[0].due) if found else None


def test_the_spacing_rule() -> None:
    other = {"other": 4.5}
    assert review(history({"q": 4.0})) is None  # answered well: nothing to review
    assert review(history({"q": 2.0})) == (0, 0, False)  # never in the very next session
    assert review(history({"q": 2.0}, other)) == (0, 1, True)  # due after 1
    passed_once = [{"q": 2.0}, other, {"q": 4.0}]
    assert review(history(*passed_once, other, other)) == (1, 2, False)
    assert review(history(*passed_once, other, other, other)) == (1, 3, True)  # then 3
    passed_twice = [*passed_once, other, other, other, {"q": 4.2}]
    assert review(history(*passed_twice, *[other] * 6)) == (2, 6, False)
    assert review(history(*passed_twice, *[other] * 7)) == (2, 7, True)  # then 7
    assert review(history(*passed_twice, *[other] * 7, {"q": 4.5})) is None  # learned
    # A bad answer at any step starts the schedule again.
    assert review(history(*passed_twice, *[other] * 7, {"q": BAD - 0.1})) == (0, 0, False)


def test_a_question_answered_badly_comes_back_after_1_then_3_then_7_sessions(
    library: Library,
) -> None:
    target = library.bank.get("fraud-imbalanced-metric")
    # Topic filter: only model-selection, so weak-topic picks and reviews compete.
    settings = Settings(questions=1, topics=["model-selection"], seed=3)
    sessions: list[dict[str, float]] = [{target.id: 1.5}]
    asked_at = []
    for number in range(1, 15):
        plan = plan_focus(library, settings, history(*sessions, topic="model-selection"))
        assert plan is not None and len(plan.questions) == 1
        chosen = plan.questions[0].id
        if chosen == target.id:
            asked_at.append(number)
            assert [r.question_id for r in plan.reviews] == [target.id]
        sessions.append({chosen: 4.5})  # every answer from now on is good
    assert asked_at == [2, 2 + 3 + 1, 2 + 3 + 1 + 7 + 1]


async def test_weakest_topics_and_due_reviews_fill_the_session(
    tmp_path: Path, library: Library, offline: OfflineEvaluator
) -> None:
    store = TranscriptStore(tmp_path / "t")
    for n in range(3):
        await run_session(
            library, offline, store, strong_except("deployment"), when=day(n), seed=n, questions=5
        )
    h = scan(store)
    latest = {g.question_id for g in h.sessions[-1].graded if g.overall < BAD}
    earlier = {g.question_id for s in h.sessions[:-1] for g in s.graded if g.overall < BAD}
    assert latest and earlier - latest
    assert all(library.bank.get(q).topic == "deployment" for q in latest | earlier)

    plan = plan_focus(library, Settings(questions=6, seed=1), h)
    assert plan is not None
    ids = [q.id for q in plan.questions]
    assert len(ids) == len(set(ids)) == 6
    assert plan.weak_topics[0][0] == "deployment"
    assert not latest & set(ids)  # spaced: not straight back
    assert {r.question_id for r in plan.reviews} == (earlier - latest) & set(ids)
    assert plan.reviews and len(plan.reviews) <= 3  # at most half the session
    weak_names = {t for t, _ in plan.weak_topics}
    fresh = [q for q in plan.questions if q.id not in {r.question_id for r in plan.reviews}]
    assert all(q.topic in weak_names for q in fresh)
    assert plan.waiting == len(latest)
    assert "deployment" in plan.describe() and "answered badly before" in plan.describe()

    only = plan_focus(library, Settings(questions=3, topics=["algorithms"], seed=1), h)
    assert only is not None and {q.topic for q in only.questions} == {"algorithms"}


async def test_empty_history_falls_back_with_a_note(tmp_path: Path, library: Library) -> None:
    notes: list[str] = []
    store = TranscriptStore(tmp_path / "none")
    assert focus_questions(library, Settings(), store, notes.append) is None
    assert "nothing to go on" in notes[0]


async def test_cli_practice_focus_weak(
    tmp_path: Path, library: Library, offline: OfflineEvaluator
) -> None:
    folder = tmp_path / "t"
    answers = f"{WEAK}\n.\n" * 3
    first = run_cli(
        "practice", "--plain", "--focus", "weak", "--questions", "3", "--transcripts", str(folder),
        stdin=answers,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "nothing to go on" in first.stderr
    store = TranscriptStore(folder)
    await run_session(library, offline, store, strong, when=day(-1))
    second = run_cli(
        "practice", "--plain", "--focus", "weak", "--questions", "3", "--transcripts", str(folder),
        "--seed", "4", stdin=answers,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert "Focus on weak areas" in second.stderr
    newest = max(store.files(), key=lambda p: p.stat().st_mtime)
    data = json.loads(newest.read_text())
    assert data["settings"]["focus"] == "weak"
    weakest = scan(store)  # the first CLI session was all weak answers
    assert weakest.sessions
    first_ids = {g.question_id for g in weakest.sessions[-2].graded}
    asked = [t["question_id"] for t in data["turns"] if t["kind"] == "question"]
    assert not first_ids & set(asked)  # answered badly in the latest session: not yet
