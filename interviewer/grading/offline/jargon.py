"""The plain-language measure: jargon left unexplained lowers it, everyday numbers raise it.

What a product manager can follow is an answer in everyday words with
concrete numbers ("right 92 times out of 100"), where any technical term
comes with its meaning. A term counts as explained when its sentence explains
it ("precision, which means..."), when the sentence only names an idea the
sentence before explained ("This is called calibration."), or when it was
explained earlier in the answer. The word lists live in ``data/jargon.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from interviewer.grading.offline import lexicon
from interviewer.grading.offline.signals import Signal
from interviewer.grading.offline.text import normalise, phrase_stems, words

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9+]{1,5}s?\b")
_EVERYDAY_ACRONYMS = frozenset(
    {"OK", "US", "UK", "EU", "PM", "CEO", "CFO", "CTO", "TV", "ID", "FAQ", "USD", "EUR", "GDP"}
)
_EXPLAINING_MARKS = re.compile(r"[(:—–]| - ")
_CONCRETE = re.compile(
    r"\$\s?\d|\d\s?(?:%|percent)|\b\d[\d,.]*\s+(?:out of|in|of every)\s+(?:every\s+)?\d"
    r"|\b\d[\d,.]*\s+times\b|\b(?:one|two|three|four|five|nine|ten)\s+(?:in|out of)\s+\w+"
    r"|\b\d[\d,.]*\s+(?:dollars|euros|pounds|customers|users|orders|payments|people|patients"
    r"|a day|a week|a month|a year|per day|per week|per month|per year)\b",
    re.IGNORECASE,
)
UNEXPLAINED_COST = 0.15
"""What each distinct unexplained term takes off a strength of 0 to 1."""


@dataclass(frozen=True)
class _Lists:
    terms: tuple[tuple[str, ...], ...]
    explain: re.Pattern[str]
    naming: re.Pattern[str]


@cache
def _lists() -> _Lists:
    table = lexicon.jargon()

    def pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
        escaped = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(escaped) + r")\b")

    stems = {tuple(phrase_stems(t)) for t in table["terms"]}
    return _Lists(
        terms=tuple(sorted((s for s in stems if s), key=len, reverse=True)),
        explain=pattern(table["explain"]),
        naming=pattern(table["naming"]),
    )


def _jargon(sentence: str) -> set[str]:
    """The technical terms a sentence uses, as stem phrases or acronyms."""
    found = {a for a in _ACRONYM.findall(sentence) if a.rstrip("s") not in _EVERYDAY_ACRONYMS}
    stems = tuple(phrase_stems(sentence))
    i = 0
    while i < len(stems):
        for term in _lists().terms:
            if stems[i : i + len(term)] == term:
                found.add(" ".join(term))
                i += len(term)
                break
        else:
            i += 1
    return {f.lower() for f in found}


def plain_language(parts: list[str]) -> Signal:
    lists = _lists()
    explained: set[str] = set()
    unexplained: dict[str, str] = {}
    good: list[str] = []
    explaining = False
    for index, sentence in enumerate(parts):
        lowered = normalise(sentence)
        says_meaning = bool(lists.explain.search(lowered) or _EXPLAINING_MARKS.search(sentence))
        names_it = index > 0 and bool(lists.naming.search(lowered)) and len(words(sentence)) < 12
        explaining = explaining or says_meaning
        jargon = _jargon(sentence)
        if jargon and (says_meaning or names_it):
            explained |= jargon
            good.append(sentence)
        for term in jargon - explained:
            unexplained.setdefault(term, sentence)
    for term in explained:
        unexplained.pop(term, None)
    concrete = any(_CONCRETE.search(s) for s in parts)
    strength = (
        0.75 - min(0.75, UNEXPLAINED_COST * len(unexplained)) + 0.15 * concrete + 0.1 * explaining
    )
    evidence = tuple(good[:1]) + tuple(dict.fromkeys(unexplained.values()))[:1]
    return Signal(max(0.0, min(1.0, strength)), evidence, len(unexplained))
