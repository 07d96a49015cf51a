"""Deciding which key points an answer covers.

A key point is covered when enough of its weighted terms appear in the
answer, in any order and any inflection, through the synonym table, or
misspelt (RapidFuzz). Terms are weighted by how rare they are across the
whole bank's key points, so "model" and "data" count for little and
"leakage" or "PR AUC" for a lot: saying generic words does not cover a point.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from interviewer.models import KeyPoint, Question
from interviewer.offline.lexicon import CONCEPT_PREFIX
from interviewer.offline.text import sentences, terms

COVERED = 0.55
"""Share of a point's weighted terms an answer must say for the point to count as covered."""
PARTIAL = 0.3
_FUZZY_CUTOFF = 86.0
_FUZZY_MIN_LEN = 5
_CONCEPT_BOOST = 1.5
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
    """Weighted share of the point's terms found, 0 to 1."""
    evidence: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return self.share >= COVERED

    @property
    def credit(self) -> float:
        """Credit between 0 and 1, rising from the partial to the covered share.

        Convex, so that many half-said points (the shared vocabulary of a
        neighbouring question) do not add up to a covered one.
        """
        return float(max(0.0, min(1.0, (self.share - 0.2) / (COVERED - 0.2))) ** 1.5)


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

    def weight(self, term: str) -> float:
        idf = math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0
        return idf * (_CONCEPT_BOOST if term.startswith(CONCEPT_PREFIX) else 1.0)

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


def _share(weights: dict[str, float], vocabulary: frozenset[str], plain: list[str]) -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for t, w in weights.items() if _found(t, vocabulary, plain)) / total


def match_points(points: list[PointTerms], answer: str) -> list[PointMatch]:
    vocabulary = terms(answer).unique
    plain = [t for t in vocabulary if not t.startswith(CONCEPT_PREFIX)]
    answer_sentences = [(s, terms(s).unique) for s in sentences(answer)]
    matches = []
    for pt in points:
        share = max(
            [_share(pt.weights, vocabulary, plain)]
            + [_share(alt, vocabulary, plain) for alt in pt.alternatives]
        )
        evidence: tuple[str, ...] = ()
        if share >= PARTIAL:
            wanted = set(pt.weights).union(*pt.alternatives)
            best = max(answer_sentences, key=lambda s: len(wanted & s[1]), default=None)
            if best is not None and wanted & best[1]:
                evidence = (best[0],)
        matches.append(PointMatch(pt.point, round(share, 3), evidence))
    return matches
