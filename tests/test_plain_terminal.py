"""Plain mode in a real terminal: one Ctrl-C keeps what was typed, prompts fit the width."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.history.schema import load_transcript
from tests.terminal import Terminal


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def practice(terminals: list[Terminal], folder: Path, *extra: str, columns: int = 100) -> Terminal:
    terminal = Terminal(
        "practice",
        "--plain",
        "--questions",
        "2",
        "--seed",
        "9",
        "--transcripts",
        str(folder),
        *extra,
        columns=columns,
    )
    terminals.append(terminal)
    return terminal


def asked(term: Terminal, folder: Path, header: str) -> None:
    """Wait until the prompt under ``header`` is shown whole, so typing cannot echo into it."""
    term.expect(header)
    prompt = load_transcript(next(folder.glob("*.json"))).turns[-1].prompt
    term.expect(prompt.split()[-1] + "\r\n\r\n")


def test_one_ctrl_c_keeps_the_lines_and_the_half_typed_one(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    term = practice(terminals, tmp_path)
    asked(term, tmp_path, "== Question 1 of 2")
    term.type("First line of my answer.\r")
    term.expect("First line of my answer.")
    term.type("And half a sec")
    term.expect("half a sec")
    term.type("\x03")  # one Ctrl-C, nothing else
    assert term.wait() == 130
    assert "Interrupted. Transcript saved" in term.output
    assert "Traceback" not in term.output
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    assert transcript.ended_at is not None and transcript.summary is not None
    assert len(transcript.turns) == 1
    draft = transcript.turns[0]
    assert draft.answer == "First line of my answer.\nAnd half a sec"
    assert draft.status == "skipped" and draft.feedback is None


def test_ctrl_c_after_an_answer_keeps_it_and_the_draft_of_the_next(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    term = practice(terminals, tmp_path, "--follow-ups", "0")
    asked(term, tmp_path, "== Question 1 of 2")
    term.type("Leakage first: split by time.\r.\r")
    asked(term, tmp_path, "== Question 2 of 2")
    term.type("Typed, with an empty line:\r\rthen more\r")
    term.expect("then more")
    term.type("\x03")
    assert term.wait() == 130
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    first, second = transcript.turns
    assert first.answer == "Leakage first: split by time." and first.feedback is not None
    assert second.answer == "Typed, with an empty line:\n\nthen more"
    assert second.status == "skipped"


def test_ctrl_c_with_nothing_typed_ends_without_a_draft(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    term = practice(terminals, tmp_path)
    asked(term, tmp_path, "== Question 1 of 2")
    term.type("\x03")
    assert term.wait() == 130
    assert "kept as a draft" not in term.output
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    assert [t.status for t in transcript.turns] == ["asked"]
    assert transcript.turns[0].answer is None and transcript.ended_at is not None


def test_prompts_fit_the_terminal_and_follow_ups_say_what_they_follow(
    terminals: list[Terminal], tmp_path: Path, library: Library
) -> None:
    term = practice(terminals, tmp_path, columns=80)
    asked(term, tmp_path, "== Question 1 of 2")
    term.type("I would train a model.\r.\r")
    asked(term, tmp_path, "== Follow-up on question 1 of 2")
    term.type("\x03")
    assert term.wait() == 130
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    prompt = library.bank.get(transcript.turns[0].question_id).prompt
    shown = term.output.split("== Question 1 of 2")[1].split("\r\n\r\n")[0]
    lines = shown.split("\r\n")[1:]
    assert lines and all(len(line) <= 80 for line in lines)
    assert " ".join(lines).split() == prompt.split()  # no word split or lost
    for line, after in pairwise(lines):  # filled, not the bank's breaks
        assert len(line) + 1 + len(after.split()[0]) > 79, (line, after)
