"""Deciding which key points an answer covers, and which it contradicts.

A key point is said when enough of its weighted terms appear in the answer,
in any order and any inflection, through the synonym table, or misspelt
(RapidFuzz). Terms are weighted by how rare they are across the whole bank's
key points, so "model" and "data" count for little and "leakage" or "PR AUC"
for a lot: saying generic words does not cover a point.

Credit rises steeply at first and then levels off: a point said in other
words matches only part of its terms, and people grade it as said. Credit is
withdrawn when the answer says the point's terms the other way round ("PR AUC
is the wrong choice", "no need to scale"; see ``polarity``): using the words
of a point while taking the opposite side is not covering it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from interviewer.content.models import KeyPoint, Question
from interviewer.grading.offline import definitions, sides
from interviewer.grading.offline.lexicon import CONCEPT_PREFIX
from interviewer.grading.offline.text import sentences, terms

COVERED = 0.65
"""Credit at which a point counts as covered: about a quarter of its weighted terms said."""
PARTIAL = 0.25
"""Share of a point's weighted terms at which it is said in part, and can be contradicted."""
FULL = 0.6
"""Share of a point's weighted terms that earns its full credit."""
_FUZZY_CUTOFF = 86.0
_FUZZY_MIN_LEN = 5
_CONCEPT_BOOST = 1.5
IDF_POWER = 3
"""Rarity counts steeply: "leakage" or "PR AUC" make a point, "model" and "cost" hardly."""
GIVEN_WEIGHT = 0.35
"""How much a key-point term counts when the question's prompt already says it."""


@dataclass(frozen=True)
class PointTerms:
    point: KeyPoint
    weights: dict[str, float]
    alternatives: tuple[dict[str, float], ...]
    """Each hint, as terms: saying all of a hint's terms also says the point."""


@dataclass(frozen=True)
class PointMatch:
    point: KeyPoint
    share: float
    """Weighted share of the point's terms found, 0 to 1 (0 when contradicted)."""
    evidence: tuple[str, ...]
    contradiction: str | None = None
    """The answer's sentence that says the point the other way round."""

    @property
    def covered(self) -> bool:
        """Said well enough to count as made: most of its credit, not all of its words."""
        return self.credit >= COVERED

    @property
    def credit(self) -> float:
        """Credit between 0 and 1: concave, so a point said in other words counts nearly in full."""
        return float(min(1.0, self.share / FULL) ** 0.5)


class TermWeights:
    """Inverse document frequency of terms over every key point in the bank."""

    def __init__(self, questions: Iterable[Question]) -> None:
        docs = [
            set(terms(p.text).terms) | {t for h in p.hints for t in terms(h).terms}
            for q in questions
            for p in q.key_points
        ]
        self._n = len(docs)
        self._df = Counter(t for d in docs for t in d)

    def frequency(self, term: str) -> int:
        """How many of the bank's key points use the term."""
        return self._df.get(term, 0)

    def weight(self, term: str) -> float:
        idf = math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0
        return idf**IDF_POWER * (_CONCEPT_BOOST if term.startswith(CONCEPT_PREFIX) else 1.0)

    def point_terms(self, point: KeyPoint, given: frozenset[str] = frozenset()) -> PointTerms:
        """The point's terms, weighted; ``given`` terms (the question's own) count for less.

        Repeating the question's words is not an answer: a key point about
        fraud is made by what it says about fraud, not by the word "fraud".
        A hint made only of the question's words would match any answer
        that names the subject, so it is dropped.
        """

        def weigh(text: str) -> dict[str, float]:
            return {
                t: self.weight(t) * (GIVEN_WEIGHT if t in given else 1.0) for t in terms(text).terms
            }

        hints = tuple(weigh(h) for h in point.hints if not terms(h).unique <= given)
        return PointTerms(point, weigh(point.text), tuple(h for h in hints if h))


def _found(term: str, vocabulary: frozenset[str], plain: list[str]) -> bool:
    if term in vocabulary:
        return True
    if term.startswith(CONCEPT_PREFIX) or len(term) < _FUZZY_MIN_LEN or not plain:
        return False
    return (
        process.extractOne(term, plain, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF) is not None
    )


def _found_terms(
    weights: dict[str, float], vocabulary: frozenset[str], plain: list[str]
) -> dict[str, float]:
    return {t: w for t, w in weights.items() if _found(t, vocabulary, plain)}


def match_points(points: list[PointTerms], answer: str) -> list[PointMatch]:
    vocabulary = terms(answer).unique
    plain = [t for t in vocabulary if not t.startswith(CONCEPT_PREFIX)]
    answer_sentences = [(s, terms(s).unique) for s in sentences(answer)]
    defined = [definitions.of_point(pt.point.text, tuple(pt.weights.items())) for pt in points]
    siblings = [d for d in defined if d is not None]
    matches = []
    for pt, definition in zip(points, defined, strict=True):
        said = _found_terms(pt.weights, vocabulary, plain)
        best, best_total = said, sum(pt.weights.values()) or 1.0
        share = sum(said.values()) / best_total
        for weights in pt.alternatives:
            total = sum(weights.values())
            found = _found_terms(weights, vocabulary, plain)
            if total and sum(found.values()) / total > share:
                share, best, best_total = sum(found.values()) / total, found, total
        contradiction = None
        if share >= PARTIAL:
            # judged on everything the answer says of the point, its own words and a hint's
            contradiction, against = sides.contradiction(
                pt.point.text, set(pt.weights).union(*pt.alternatives), {**said, **best}, answer
            )
            # a term said the other way round says nothing for the point
            share = max(0.0, share - sum(best.get(t, 0.0) for t in against) / best_total)
        if contradiction is None and definition is not None and len(siblings) > 1:
            contradiction = definitions.misdefined(definition, siblings, answer)
        evidence: tuple[str, ...] = ()
        if contradiction is not None:
            share, evidence = 0.0, (contradiction,)
        elif share >= PARTIAL:
            wanted = set(pt.weights).union(*pt.alternatives)
            top = max(answer_sentences, key=lambda s: len(wanted & s[1]), default=None)
            if top is not None and wanted & top[1]:
                evidence = (top[0],)
        matches.append(PointMatch(pt.point, round(share, 3), evidence, contradiction))
    return matches
