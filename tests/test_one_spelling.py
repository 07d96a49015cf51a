"""One idea, one spelling: "each topic's own rubric", and cutting text with "…"."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from interviewer.clip import clip, excerpt
from interviewer.content import rubric_label
from interviewer.content.rubric_label import (
    BY_TOPIC,
    CHOICE,
    OWN,
    chosen_rubric,
    group_name,
    rubric_name,
)
from tests.conftest import run_cli

PACKAGE = Path(__file__).resolve().parent.parent / "interviewer"


@pytest.mark.parametrize("spelling", [None, "", "topic", "default", CHOICE])
def test_every_way_of_saying_each_topics_own_rubric_means_none(spelling: str | None) -> None:
    assert chosen_rubric(spelling) is None
    assert rubric_name(chosen_rubric(spelling)) == OWN


def test_a_rubric_id_is_kept() -> None:
    assert chosen_rubric("consultant") == "consultant"
    assert rubric_name("consultant") == "consultant"
    assert group_name(BY_TOPIC) == "each topic's own rubric"
    assert group_name("consultant") == "consultant rubric"


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_only_rubric_label_spells_it() -> None:
    words = (OWN, CHOICE, rubric_label.FORM_LABEL)
    spelled = {
        str(path.relative_to(PACKAGE)): text
        for path in PACKAGE.rglob("*.py")
        if path.name != "rubric_label.py"
        for text in _string_literals(path)
        if text == BY_TOPIC or any(word in text for word in words)
    }
    assert spelled == {}


def test_the_command_line_takes_the_same_spellings(tmp_path: Path) -> None:
    done = run_cli(
        "practice", "--plain", "--questions", "1", "--rubric", "topic", "--transcripts",
        str(tmp_path), stdin="/rubric default\n/end\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"rubric {OWN}," in done.stdout  # the header
    assert f"Rubric: {OWN}, from the next answer on." in done.stdout  # /rubric default


def test_clip_keeps_columns_lined_up() -> None:
    assert clip("short", 10) == "short"
    assert clip("exactly10!", 10) == "exactly10!"
    assert clip("a label too long", 10) == "a label t…"
    assert len(clip("a label too long", 10)) == 10


def test_excerpt_cuts_at_a_word_and_flattens_whitespace() -> None:
    assert excerpt("one  two\nthree four", 14) == "one two…"
    assert excerpt("one two", 14) == "one two"
    assert excerpt("abcdefghijklmnop", 8) == "abcdefg…"  # no space: cut anyway
