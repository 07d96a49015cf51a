"""Plain mode's /check, run as a user would: the real command in a subprocess."""

from __future__ import annotations

from pathlib import Path

from interviewer.content.bank import Library
from interviewer.history.schema import load_transcript
from tests.conftest import run_cli

# With seed 3, model-selection asks time-series-cv-demand-forecast first (5 key points);
# this answer makes two of them in words the evaluator recognises.
ANSWER = (
    "Shuffled k-fold leaks the future: training folds hold days after the validation days. "
    "I would use rolling-origin validation, training on the past and validating on the "
    "following weeks."
)
ARGS = ("practice", "--plain", "--topic", "model-selection", "--seed", "3", "--offline")


def practise(folder: Path, questions: int, script: str) -> str:
    """A plain interview without follow-ups, run as a user would; its output."""
    done = run_cli(
        *ARGS,
        "--questions",
        str(questions),
        "--follow-ups",
        "0",
        stdin=script,
        env={"INTERVIEWER_TRANSCRIPTS": str(folder)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def transcript_in(folder: Path) -> Path:
    (path,) = folder.glob("*.json")
    return path


def test_check_after_feedback_marks_points_and_rescores(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "transcripts"
    out = practise(folder, 2, f"{ANSWER}\n.\n/check\n1 2 3 4 5\n/end\n")
    question = library.bank.get("time-series-cv-demand-forecast")
    assert "estimated from the key points matched" in out
    assert "-- Self-check: time-series-cv-demand-forecast, your answer --" in out
    assert (question.reference_answer or "").split(".")[0] in out
    for number, point in enumerate(question.key_points, start=1):
        assert f"  {number}. [" in out and point.text in out
    saved = load_transcript(transcript_in(folder))
    turn = saved.turns[0]
    assert turn.self_check == {p.text: True for p in question.key_points}
    assert turn.feedback is not None  # the evaluator's marks stay as they were
    evaluator_covered = turn.feedback.covered_points
    assert 0 < len(evaluator_covered) < len(question.key_points)
    before = next(c.score for c in turn.feedback.criteria if c.id == "metric-choice")
    assert before < 5
    assert f"Self-check saved. Metric choice and evaluation {before}/5 → 5/5; overall" in out
    first_missed = next(p.text for p in question.key_points if p.text not in evaluator_covered)
    assert f"You marked covered, the evaluator did not: {first_missed[:20]}" in out
    assert saved.summary is not None
    assert saved.summary.overall > turn.feedback.overall  # the summary uses the candidate's
    assert f"Overall {saved.summary.overall:.1f}/5" in out


def test_check_on_the_last_answer_empty_keeps_marks_and_bad_input_changes_nothing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "transcripts"
    out = practise(folder, 1, f"/help\n/check\n{ANSWER}\n.\n/check\n1 9\n")
    assert "/check" in out.split("/help", 1)[0]  # the header's list of commands
    assert "/check works after an answer's feedback: answer a question first." in out
    assert "That was the last answer: /check marks its key points" in out
    assert "Nothing changed: '9' is not a point number (the points are 1 to 5)" in out
    assert load_transcript(transcript_in(folder)).turns[0].self_check is None

    folder2 = tmp_path / "again"
    done = run_cli(
        *ARGS,
        "--questions",
        "1",
        "--follow-ups",
        "0",
        stdin=f"{ANSWER}\n.\n/check\n\n",
        env={"INTERVIEWER_TRANSCRIPTS": str(folder2)},
    )
    assert "Marks kept as they were." in done.stdout
    assert load_transcript(transcript_in(folder2)).turns[0].self_check is None


def test_check_waits_in_a_mock_interview(tmp_path: Path) -> None:
    done = run_cli(
        *ARGS,
        "--questions",
        "2",
        "--feedback",
        "end",
        stdin=f"{ANSWER}\n.\n/check\n/end\n",
        env={"INTERVIEWER_TRANSCRIPTS": str(tmp_path / "transcripts")},
    )
    assert done.returncode == 0, done.stderr
    assert "/check needs feedback after each answer" in done.stdout
    assert "-- Self-check" not in done.stdout  # no key points before the end
