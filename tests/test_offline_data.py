"""The offline evaluator's word lists are data files: they load, and they do not contradict."""

from __future__ import annotations

from collections import defaultdict

import pytest

from interviewer.content.bank import Library
from interviewer.grading.offline import lexicon, polarity
from interviewer.grading.offline.text import phrase_stems, phrase_table, words


def test_no_phrase_belongs_to_two_concepts() -> None:
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept, phrases in lexicon.synonyms().items():
        for phrase in (concept.replace("-", " "), *phrases):
            key = tuple(phrase_stems(phrase))
            if len(key) > 1 or (key and len(words(phrase)) == 1):  # as phrase_table keeps them
                owners[key].add(concept)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_the_synonym_table_joins_phrases_into_concepts() -> None:
    table, longest = phrase_table()
    assert len(lexicon.synonyms()) >= 400 and longest >= 2
    assert table[tuple(phrase_stems("average precision"))] == "@pr-auc"


def test_every_cue_list_the_reader_needs_is_there() -> None:
    cues = lexicon.polarity()
    for kind in (
        "negators",
        "rejections",
        "dismissals",
        "faults",
        "transparent",
        "positive",
        "hedges",
        "dispreferred_after",
        "preferred_after",
        "pronouns",
        "filler_nouns",
        "modals",
        "particles",
        "subordinators",
        "new_subject",
        "links",
        "copulas",
    ):
        assert cues[kind], kind
    jargon = lexicon.jargon()
    assert jargon["terms"] and jargon["explain"] and jargon["naming"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A canary release is a nice-to-have we can skip.",
        "Monitoring drift can wait until it becomes a problem.",
        "Hold off on the holdout set for now.",
        "A shadow deployment adds complexity.",
        "Rollback criteria can be worked out later.",
        "The alerting thresholds could be defined later.",
    ],
)
def test_everyday_idioms_take_the_other_side(sentence: str) -> None:
    """Idioms in polarity.toml and "can be done later" deferrals dismiss what they judge."""
    said = polarity.mentions(sentence, ())
    assert any(s.polarity == -1 and s.strong for v in said.values() for s in v), said


def test_no_synonym_joins_the_two_sides_of_a_choice(library: Library) -> None:
    """ "Random search beats grid search" says nothing if both are one concept."""
    joined = [
        point.text
        for question in library.bank
        for point in question.key_points
        if len(polarity.compared_terms(point.text)) == 1
    ]
    assert joined == []
