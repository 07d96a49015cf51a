"""The command line as a user runs it: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def assert_one_line_error(result: object, *fragments: str) -> None:
    assert getattr(result, "returncode", None) == 2, result
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def test_bank_validate() -> None:
    result = run_cli("bank", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert "model-selection" in result.stdout


def test_bank_list_and_topic_filter() -> None:
    everything = run_cli("bank", "list").stdout.splitlines()
    assert len(everything) >= 60
    assert everything[0].split()[0].replace("-", "").isalnum()
    algorithms = run_cli("bank", "list", "--topic", "algorithms").stdout.splitlines()
    assert 10 <= len(algorithms) < len(everything)
    assert all(line.split()[1] == "algorithms" for line in algorithms)


def test_bank_show() -> None:
    result = run_cli("bank", "show", "fraud-imbalanced-metric")
    assert result.returncode == 0
    assert "Key points:" in result.stdout and "Follow-ups:" in result.stdout


def test_rubrics_listing() -> None:
    lines = run_cli("rubrics").stdout.splitlines()
    ids = [line.split()[0] for line in lines]
    assert {"general", "consultant", "structured", "model-selection", "end-to-end"} <= set(ids)


GOOD = (
    "Accuracy is misleading because predicting every transaction as legitimate scores 99.8%. "
    "I'd use PR AUC since it focuses on the rare fraud class, unlike ROC AUC, which the many "
    "true negatives make look optimistic. Then I'd report precision and recall at the threshold "
    "the fraud team will use, trading missed fraud losses against review cost."
)


def test_grade_one_answer_as_json() -> None:
    result = run_cli("grade", "--question", "fraud-imbalanced-metric", "--json", stdin=GOOD)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert 1 <= data["overall"] <= 5 and data["overall"] >= 4
    assert data["evaluator"] == "offline"
    for key in ("criteria", "covered_points", "missed_points", "strengths", "gaps", "follow_up"):
        assert key in data
    for criterion in data["criteria"]:
        assert set(criterion) >= {"id", "score", "comment", "evidence"}
        assert isinstance(criterion["score"], int)


def test_grade_text_output_with_rubric() -> None:
    result = run_cli(
        "grade", "--question", "fraud-imbalanced-metric", "--rubric", "consultant", stdin=GOOD
    )
    assert result.returncode == 0
    assert "consultant rubric" in result.stdout and "Plain language" in result.stdout


def test_grade_batch_in_order(tmp_path: Path) -> None:
    batch = tmp_path / "answers.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(item)
            for item in [
                {"question": "fraud-imbalanced-metric", "answer": GOOD},
                {"question": "knn-feature-scaling", "answer": "I don't know"},
                {"question": "fraud-imbalanced-metric", "answer": GOOD, "rubric": "structured"},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = run_cli("grade", "--batch", str(batch), "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [
        "fraud-imbalanced-metric",
        "knn-feature-scaling",
        "fraud-imbalanced-metric",
    ]
    assert rows[0]["overall"] > rows[1]["overall"]
    assert rows[1]["overall"] <= 1.5
    assert rows[2]["rubric"] == "structured"
    from_stdin = run_cli("grade", "--batch", "-", "--json", stdin=batch.read_text())
    assert from_stdin.stdout == result.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "fragments"),
    [
        (["grade", "--question", "no-such-q"], "x", ["unknown question 'no-such-q'"]),
        (
            ["grade", "--question", "knn-feature-scaling", "--rubric", "zzz"],
            "x",
            ["unknown rubric 'zzz'"],
        ),
        (["bank", "show", "missing-id"], "", ["unknown question 'missing-id'"]),
        (["bank", "list", "--topic", "cooking"], "", ["unknown topic 'cooking'"]),
        (["practice", "--plain", "--topic", "cooking"], "", ["unknown topic 'cooking'"]),
        (["practice", "--plain", "--rubric", "zzz"], "", ["unknown rubric 'zzz'"]),
        (["practice", "--plain", "--questions", "0"], "", ["--questions", "1 or more"]),
        (["grade", "--batch", "/nonexistent/file.jsonl"], "", ["/nonexistent/file.jsonl"]),
        (["grade", "--batch", "-"], "{not json}\n", ["<stdin>: line 1", "invalid JSON"]),
        (
            ["grade", "--batch", "-"],
            '{"question": "knn-feature-scaling"}\n',
            ["line 1", "field 'answer'"],
        ),
        (
            ["grade", "--batch", "-"],
            '\n{"question": "nope", "answer": "a"}\n',
            ["line 2", "field 'question'", "unknown question 'nope'"],
        ),
        (["frobnicate"], "", ["invalid choice"]),
    ],
)
def test_cli_errors_are_one_line_with_status_2(
    args: list[str], stdin: str, fragments: list[str]
) -> None:
    assert_one_line_error(run_cli(*args, stdin=stdin), *fragments)


def test_bad_bank_folder_errors(tmp_path: Path) -> None:
    bank = tmp_path / "b"
    bank.mkdir()
    (bank / "x.toml").write_text("[[question]]\nid = 'ok-id'\ntopic = 't'\n", encoding="utf-8")
    assert_one_line_error(
        run_cli("bank", "validate", "--bank", str(bank)), str(bank / "x.toml"), "field 'prompt'"
    )
    (bank / "x.toml").write_text("[[question]\n", encoding="utf-8")
    assert_one_line_error(run_cli("bank", "list", "--bank", str(bank)), "malformed TOML")


def test_bad_config_file_errors(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[llm]\nmodle = 'x'\n", encoding="utf-8")
    result = run_cli(
        "grade",
        "--question",
        "knn-feature-scaling",
        stdin="x",
        env={"INTERVIEWER_CONFIG": str(config)},
    )
    assert_one_line_error(result, str(config), "llm.modle")


SCRIPT = """\
Accuracy would be misleading here because the classes are so imbalanced.
I would look at precision and recall instead.
.
/hint
/rubric consultant
/repeat
Only one payment in 500 is fraud, so accuracy tells us nothing. I recommend we pick an
alert level from what a missed fraud costs versus a false alarm.
.
/skip
"""


def test_plain_interview_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    result = run_cli(
        "practice",
        "--plain",
        "--questions",
        "2",
        "--seed",
        "5",
        "--topic",
        "model-selection",
        "--transcripts",
        str(folder),
        stdin=SCRIPT,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== Question 1 of 2" in out
    assert "-- Feedback --" in out and "Score " in out
    assert "Hint: " in out
    assert "Rubric: consultant, from the next answer on." in out
    assert "(again)" in out
    assert "== Summary ==" in out and "Overall " in out
    files = list(folder.glob("*.json"))
    assert len(files) == 1
    assert f"Transcript saved: {files[0]}" in out
    data = json.loads(files[0].read_text(encoding="utf-8"))
    answered = [t for t in data["turns"] if t["status"] == "answered"]
    assert answered[0]["answer"] == (
        "Accuracy would be misleading here because the classes are so imbalanced.\n"
        "I would look at precision and recall instead."
    )
    assert answered[1]["rubric"] == "consultant"
    assert answered[1]["feedback"]["rubric"] == "consultant"
    assert all(t["evaluator"] == "offline" for t in answered)
    assert any(t["hints"] for t in data["turns"])
    assert data["summary"]["answered"] >= 1
    assert data["settings"]["seed"] == 5

    listing = run_cli("transcripts", "--transcripts", str(folder))
    assert listing.returncode == 0
    assert data["id"] in listing.stdout and "model-selection" in listing.stdout


def test_plain_input_ending_early_saves_what_was_answered(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run_cli(
        "practice",
        "--plain",
        "--questions",
        "4",
        "--transcripts",
        str(folder),
        stdin="An answer with no closing dot, cut off by the end of input",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    assert (
        data["turns"][0]["answer"] == "An answer with no closing dot, cut off by the end of input"
    )
    assert data["ended_at"] is not None and data["summary"]["answered"] == 1
    assert "Transcript saved" in result.stdout


def test_plain_feedback_at_the_end(tmp_path: Path) -> None:
    result = run_cli(
        "practice",
        "--plain",
        "--questions",
        "2",
        "--follow-ups",
        "0",
        "--feedback",
        "end",
        "--transcripts",
        str(tmp_path),
        stdin="first answer about leakage\n.\nsecond answer about drift\n.\n",
    )
    assert result.returncode == 0, result.stderr
    before_summary = result.stdout.split("-- Feedback:")[0]
    assert "Score " not in before_summary
    assert result.stdout.count("-- Feedback:") == 2


def test_transcripts_listing_warns_about_corrupt_files(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = run_cli("transcripts", "--transcripts", str(tmp_path))
    assert result.returncode == 0
    assert "broken.json" in result.stderr and "skipped" in result.stderr


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("practice", "grade", "bank", "rubrics", "transcripts"):
        assert command in result.stdout


def test_practice_options_work_without_the_command(tmp_path: Path) -> None:
    result = run_cli(
        "--questions", "1", "--follow-ups", "0", "--transcripts", str(tmp_path), stdin="x\n.\n"
    )
    assert result.returncode == 0, result.stderr
    assert "Question 1 of 1" in result.stdout and "Transcript saved" in result.stdout
    assert_one_line_error(run_cli("--questions", "0"), "--questions")
