"""Pilot tests: the self-check, where the candidate marks an answer's key points themselves."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.marks import corrected_turn
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp, make_app
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.self_check import SelfCheckScreen
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.widgets.chat import Note
from interviewer.ui.widgets.feedback_card import FeedbackCard
from tests.ui.conftest import SlowEvaluator, build_app, hold_interview

THIN = "I would train a model on the data and check that it works well."


async def settle(app: InterviewerApp, pilot: Pilot[int]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def answer_thinly(app: InterviewerApp, pilot: Pilot[int]) -> InterviewScreen:
    """Start with the defaults and submit a thin answer to the first question."""
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    assert screen.check_action("self_check", ()) is False  # nothing graded yet
    screen.query_one("#answer", TextArea).insert(THIN)
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    return screen


async def open_check(app: InterviewerApp, pilot: Pilot[int], key: str) -> SelfCheckScreen:
    await pilot.press(key)
    await pilot.pause()
    check = app.screen
    assert isinstance(check, SelfCheckScreen)
    return check


async def test_self_check_toggles_saves_and_moves_the_scores(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, questions=2, follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answer_thinly(app, pilot)
        interview = screen.interview
        graded = interview.transcript.turns[0]
        assert graded.feedback is not None
        evaluator_covered = list(graded.feedback.covered_points)
        assert screen.check_action("self_check", ()) is True

        check = await open_check(app, pilot, "ctrl+l")
        points = check.check.points
        assert len(points) >= 3
        assert check.marks == {p: p in evaluator_covered for p in points}  # pre-filled
        question = library.bank.get(graded.question_id)
        body = " ".join(str(s.render()) for s in check.query(Static))
        assert (question.reference_answer or "")[:40] in body
        # Mark every point covered that the evaluator missed, then change the mind on one.
        missed = [n for n, p in enumerate(points, start=1) if p not in evaluator_covered]
        assert missed
        for number in missed:
            await pilot.press(str(number))
        await pilot.press(str(missed[0]), str(missed[0]))  # off and on again
        assert all(check.marks.values())
        row = check.query_one(f"#point-{missed[0]}")
        assert "✓ covered" in str(row.query_one(".mark", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert any("Self-check saved" in str(n.render()) for n in screen.query(Note))

        saved = load_transcript(interview.path)
        turn = saved.turns[0]
        assert turn.self_check == dict.fromkeys(points, True)  # the candidate's marks
        assert turn.feedback is not None
        assert turn.feedback.covered_points == evaluator_covered  # the evaluator's, kept
        fixed = corrected_turn(saved.turns, 0, library)
        assert fixed is not None and fixed.overall > turn.feedback.overall

        await pilot.press("ctrl+g")  # end: the summary uses the candidate's marks
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = load_transcript(interview.path).summary
        assert summary is not None and summary.overall == round(fixed.overall, 2)


async def test_escape_closes_the_self_check_without_saving(
    library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store, questions=2, follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answer_thinly(app, pilot)
        check = await open_check(app, pilot, "ctrl+l")
        await pilot.press("1", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert check.marks != check.check.start
        assert load_transcript(screen.interview.path).turns[0].self_check is None


async def test_self_check_in_a_replay_shows_where_the_marks_differ(
    library: Library, store: TranscriptStore
) -> None:
    path = await hold_interview(library, store)
    app = make_app(store, library=library, start="replay", replay=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.query_one(FeedbackCard).feedback.evaluator == "offline"
        card_text = " ".join(str(s.render()) for s in replay.query_one(FeedbackCard).query(Static))
        assert "Estimated from the key points matched." in card_text
        check = await open_check(app, pilot, "c")
        first = check.check.points[0]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.screen is replay
        turn = load_transcript(path).turns[0]
        assert (
            turn.self_check is not None and turn.self_check[first] is not check.check.start[first]
        )
        said = " ".join(str(n.render()) for n in replay.query(Note))
        verb = (
            "covered, the evaluator did not" if turn.self_check[first] else "missed, the evaluator"
        )
        assert f"You marked {verb}" in said
        assert first in said


async def test_an_llm_graded_answer_is_self_checked_the_same_way_and_not_called_an_estimate(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    slow = SlowEvaluator(offline)  # an LLM stand-in: its name is the model's, not "offline"
    slow.release()
    app = build_app(library, store, evaluator=slow, questions=2, follow_ups=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answer_thinly(app, pilot)
        card = screen.query_one(FeedbackCard)
        assert card.feedback.evaluator == "fake-llm"
        assert "Estimated" not in " ".join(str(s.render()) for s in card.query(Static))
        assert "^l self-check" in str(card.border_subtitle)
        check = await open_check(app, pilot, "ctrl+l")
        await pilot.press(*(str(n) for n in range(1, len(check.check.points) + 1)), "enter")
        await pilot.pause()
        saved = load_transcript(screen.interview.path)
        turn = saved.turns[0]
        assert turn.self_check == {p: not check.check.evaluator[p] for p in check.check.points}
        fixed = corrected_turn(saved.turns, 0, library)
        assert fixed is not None and turn.feedback is not None
        assert fixed.covered_points == turn.feedback.missed_points and fixed != turn.feedback


async def test_a_click_marks_points_past_the_ninth_which_have_no_key() -> None:
    from textual.app import App

    from interviewer.history.self_check import Check

    points = [f"Key point number {n}." for n in range(1, 12)]
    check = Check(0, None, points, evaluator={}, start={})
    results: list[object] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(SelfCheckScreen(check, "a long rubric"), results.append)

    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SelfCheckScreen)
        hint = " ".join(str(s.render()) for s in screen.query(".muted"))
        assert "1-9 or a click: covered or missed" in hint
        await pilot.press("1")
        screen.query_one("#point-11").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#point-11", offset=(2, 0))
        assert screen.marks[points[0]] and screen.marks[points[10]]
        assert not any(screen.marks[p] for p in points[1:10])
        await pilot.press("enter")
        await pilot.pause()
    assert results == [{p: p in (points[0], points[10]) for p in points}]
