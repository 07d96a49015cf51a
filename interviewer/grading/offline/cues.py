"""The cue words that say which way round a term is said, and finding them in a clause.

The words themselves live in ``data/polarity.toml``; this module indexes them
by their first word (longest phrase first, so "rather than" wins over a
one-word cue inside it) and finds them in a clause's words without overlap.
``polarity.py`` decides what each cue found does to the terms around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from interviewer.grading.offline.lexicon import polarity as cue_table
from interviewer.grading.offline.text import stem, words

Phrases = dict[str, tuple[tuple[str, ...], ...]]
"""Cue phrases as words, by their first word, longest first."""


@dataclass(frozen=True)
class Cues:
    negators: Phrases
    rejections: Phrases
    dismissals: Phrases
    faults: Phrases
    positive: Phrases
    hedges: Phrases
    dispreferred_after: Phrases
    preferred_after: Phrases
    pronouns: frozenset[str]
    filler: frozenset[str]
    links: frozenset[str]
    transparent: frozenset[str]
    copulas: frozenset[str]
    modals: frozenset[str]
    particles: frozenset[str]
    subordinators: frozenset[str]
    new_subject: frozenset[str]


@cache
def load() -> Cues:
    table = cue_table()

    def phrases(kind: str) -> Phrases:
        # longest first, so "rather than" wins over a one-word cue inside it
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted((tuple(words(p)) for p in table[kind]), key=len, reverse=True):
            if phrase:
                index.setdefault(phrase[0], []).append(phrase)
        return {first: tuple(found) for first, found in index.items()}

    return Cues(
        negators=phrases("negators"),
        rejections=phrases("rejections"),
        dismissals=phrases("dismissals"),
        faults=phrases("faults"),
        positive=phrases("positive"),
        hedges=phrases("hedges"),
        dispreferred_after=phrases("dispreferred_after"),
        preferred_after=phrases("preferred_after"),
        pronouns=frozenset(table["pronouns"]),
        filler=frozenset(stem(w) for w in table["filler_nouns"]),
        links=frozenset(table["links"]),
        transparent=frozenset(stem(w) for w in table["transparent"]),
        copulas=frozenset(table["copulas"]),
        modals=frozenset(table["modals"]),
        particles=frozenset(table["particles"]),
        subordinators=frozenset(table["subordinators"]),
        new_subject=frozenset(table["new_subject"]),
    )


def find(tokens: list[str], phrases: Phrases, taken: set[int]) -> list[int]:
    """Start positions of ``phrases`` in ``tokens``, not overlapping ``taken``; marks them taken."""
    starts: list[int] = []
    for i in range(len(tokens)):
        if i in taken:
            continue
        for phrase in phrases.get(tokens[i], ()):
            end = i + len(phrase)
            if tuple(tokens[i:end]) == phrase and not taken.intersection(range(i, end)):
                starts.append(i)
                taken.update(range(i, end))
                break
    return starts


def deferrals(tokens: list[str], taken: set[int]) -> list[int]:
    """Where "can be defined later" or "could be sorted out later" puts a subject off;
    marks them taken. A deferral judges its subject as a dismissal does."""
    cues = load()
    starts = []
    for i, token in enumerate(tokens):
        verb = i - 2 if i > 1 and tokens[i - 1] in cues.particles else i - 1
        if (
            token == "later"
            and verb >= 2
            and tokens[verb - 1] == "be"
            and tokens[verb - 2] in cues.modals
            and not taken.intersection(range(verb, i + 1))
        ):
            starts.append(verb)
            taken.update(range(verb, i + 1))
    return starts
