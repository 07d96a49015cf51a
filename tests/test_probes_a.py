"""The probes of the model-selection, algorithms and preprocessing banks.

A probe is asked when a candidate missed a point, so it must be a question
and must not hand the point over: measured here by the offline matcher itself
(the probe alone must not earn even partial credit for its point) and by the
point's rarest terms, which may appear only when the scenario's own prompt
already uses them.
"""

from __future__ import annotations

import pytest

from interviewer.content.bank import Library
from interviewer.content.models import Question
from interviewer.grading.offline.matching import PARTIAL, TermWeights, match_points
from interviewer.grading.offline.text import terms

FILES = ("model-selection.toml", "algorithms.toml", "preprocessing.toml")


def _questions(library: Library) -> list[Question]:
    return [q for q in library.bank if library.bank.sources[q.id].name in FILES]


def test_the_three_files_are_all_there(library: Library) -> None:
    found = {library.bank.sources[q.id].name for q in _questions(library)}
    assert found == set(FILES)


def test_every_point_has_a_short_question_as_probe(library: Library) -> None:
    for q in _questions(library):
        for point in q.key_points:
            assert point.probe, (q.id, point.text)
            assert point.probe.endswith("?"), (q.id, point.probe)
            assert len(point.probe) <= 200, (q.id, point.probe)
            assert point.probe not in q.follow_ups, (q.id, point.probe)


def test_probes_differ_within_a_question(library: Library) -> None:
    for q in _questions(library):
        probes = [p.probe for p in q.key_points]
        assert len(set(probes)) == len(probes), q.id


@pytest.fixture(scope="module")
def weights(library: Library) -> TermWeights:
    return TermWeights(list(library.bank))


def test_a_probe_alone_earns_no_credit_for_its_point(
    library: Library, weights: TermWeights
) -> None:
    for q in _questions(library):
        given = terms(q.prompt).unique
        for point in q.key_points:
            assert point.probe
            [match] = match_points([weights.point_terms(point, given)], point.probe)
            assert match.share < PARTIAL, (q.id, point.text, point.probe, match.share)


def test_a_probe_avoids_its_points_rarest_terms(library: Library, weights: TermWeights) -> None:
    for q in _questions(library):
        given = terms(q.prompt).unique
        for point in q.key_points:
            assert point.probe
            rarest = sorted(terms(point.text).unique, key=lambda t: (-weights.weight(t), t))[:3]
            # everyday words (in several points across the bank) give nothing away
            rarest = [t for t in rarest if weights.frequency(t) <= 3]
            said = (set(rarest) & terms(point.probe).unique) - given
            assert not said, (q.id, point.probe, sorted(said))
