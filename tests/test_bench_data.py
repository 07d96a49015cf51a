"""The answer sets the benchmarks grade stay valid as the bank changes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from interviewer.content.bank import Library

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
SETS = sorted(DATA.glob("unseen-*.toml"))


def test_there_are_unseen_answer_sets() -> None:
    assert len(SETS) >= 3


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_every_case_names_a_bank_question_and_has_both_answers(
    library: Library, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "the header says who wrote the set and whether it was used"
    cases = tomllib.loads(text)["case"]
    ids = [c["question"] for c in cases]
    assert len(ids) == len(set(ids))
    for case in cases:
        library.bank.get(case["question"])  # raises for an unknown id
        assert case["wrong"].strip() and case["paraphrase"].strip(), case["question"]
