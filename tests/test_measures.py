"""Every offline measure has its signal and its comments in one registry."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from interviewer.content.models import Criterion, Measure
from interviewer.grading.offline.measures import MEASURES, Reading
from interviewer.grading.offline.signals import Length


def test_every_measure_but_coverage_has_one_entry() -> None:
    assert set(MEASURES) == set(get_args(Measure)) - {"coverage"}


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_each_measure_reads_an_answer_and_comments_on_every_score(measure: str) -> None:
    spec = MEASURES[measure]  # type: ignore[index]
    text = "I recommend PR AUC because fraud is rare; however, it costs analyst time."
    signal = spec.read(Reading([text], text, Length(said=14, typed=14), follow_up=False))
    assert 0.0 <= signal.strength <= 1.0
    comments = {spec.comment(score) for score in range(1, 6)}
    assert len(comments) == 3 and all(comments)


def test_an_unknown_measure_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValidationError, match="measure"):
        Criterion.model_validate({"id": "x", "title": "X", "description": "d", "measure": "vibes"})
