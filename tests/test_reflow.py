"""Prompts reflowed for plain mode: the bank's hard breaks go, paragraphs and words stay."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from interviewer.reports.render import reflow, wrap
from tests.conftest import run_cli

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz,.%0123456789-", min_size=1, max_size=30)
paragraph = st.lists(words, min_size=1, max_size=40)


@given(st.lists(paragraph, min_size=1, max_size=4), st.integers(20, 120), st.randoms())
def test_reflowed_prompts_never_splits_a_word_and_keeps_paragraphs(
    paragraphs: list[list[str]], width: int, rng: random.Random
) -> None:
    # the bank's hard breaks fall anywhere between words
    text = "\n\n".join("".join(w + rng.choice([" ", "\n"]) for w in p).strip() for p in paragraphs)
    shown = wrap(reflow(text), width).split("\n\n")
    assert len(shown) == len(paragraphs)
    for block, original in zip(shown, paragraphs, strict=True):
        lines = block.split("\n")
        assert " ".join(lines).split() == original
        assert all(len(line) <= width or len(line.split()) == 1 for line in lines)


def test_list_items_keep_their_line_and_indent_when_wrapped() -> None:
    text = "Choose one:\n- a first option that is long enough to wrap around\n- a second"
    assert reflow(text) == text
    assert wrap(reflow(text), 30).split("\n") == [
        "Choose one:",
        "- a first option that is long",
        "  enough to wrap around",
        "- a second",
    ]


def test_without_a_terminal_each_paragraph_is_one_line(tmp_path: Path) -> None:
    from interviewer.content.bank import load_library

    done = run_cli(
        "practice", "--plain", "--questions", "1", "--seed", "3", "--transcripts", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    prompts = {" ".join(q.prompt.split()) for q in load_library().bank}
    assert prompts & set(done.stdout.splitlines())


def test_wrapped_feedback_lines_keep_their_indent() -> None:
    text = "Score 3.0/5\n  Reasoning 3/5 [.....] names ideas without saying why they hold"
    assert wrap(text, 30).split("\n") == [
        "Score 3.0/5",
        "  Reasoning 3/5 [.....] names",
        "  ideas without saying why",
        "  they hold",
    ]
