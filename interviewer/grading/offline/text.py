"""Turning text into comparable terms: tokens, stems and the field's synonyms.

Answers and key points go through the same pipeline, so "normalising the
inputs" and "normalized input" meet at the same stems, and "PR AUC" and
"area under the precision-recall curve" meet at the same concept token,
whatever the word order around them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from interviewer.grading.offline import lexicon
from interviewer.grading.offline.lexicon import CONCEPT_PREFIX, synonyms

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\$|%")
# A sentence ends at . ! or ? with any closing quotes, brackets and emoji that follow it
# ("Great! 🎉 Next" is "Great! 🎉" and "Next"), at a blank line, or before a list item.
_SENTENCE = re.compile(
    r"(?<=[.!?])((?:[\"')\]’”]|\s*[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+)*)\s+"
    r"|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)"
)
_BRITISH = lexicon.words()["british"]
"""British spellings and their American forms, which the stemmer knows."""

STOPWORDS = frozenset(lexicon.words()["stopwords"])
"""Function words and connectives: they carry no content of their own (``data/words.toml``)."""

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = _BRITISH.get(word, word)
    if len(word) > 5 and re.search(r"is(e|ed|es|ing|ation|ations|er|ers)$", word):
        word = re.sub(r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1", word)
    if word.startswith("normaliz"):
        return "normaliz"  # Snowball makes it "normal", which means something else here
    result: str = _stemmer.stemWord(word)
    return result


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'")
    # "pr-auc", "k-nn", "f1-score", "one-hot": a hyphen joins words, it does not make new ones
    return re.sub(r"(?<=[a-z0-9])[-/](?=[a-z0-9])", " ", text)


def words(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def sentences(text: str) -> list[str]:
    """Sentences and list items, stripped, as the candidate wrote them."""
    parts: list[str] = []
    start = 0
    for end in _SENTENCE.finditer(text):
        parts.append(text[start : end.start()] + (end.group(1) or ""))
        start = end.end()
    parts.append(text[start:])
    stripped = (p.strip(" \t\n-*•") for p in parts)
    return [p for p in stripped if p]


@dataclass(frozen=True)
class Terms:
    """A text as terms: stems of its content words and concept tokens, with their spans."""

    terms: tuple[str, ...]
    word_count: int
    content_count: int

    @property
    def unique(self) -> frozenset[str]:
        return frozenset(self.terms)


@lru_cache(maxsize=1)
def phrase_table() -> tuple[dict[tuple[str, ...], str], int]:
    """Every synonym phrase as stems, mapped to its concept token; and the longest phrase."""
    table: dict[tuple[str, ...], str] = {}
    for concept, phrases in synonyms().items():
        for phrase in (concept.replace("-", " "), *phrases):
            key = tuple(phrase_stems(phrase))
            # "out of time" or "few positives" would shrink to one everyday word and
            # turn every "time" or "positive" into the concept: such phrases are skipped.
            if key and (len(key) > 1 or len(words(phrase)) == 1):
                table.setdefault(key, CONCEPT_PREFIX + concept)
    return table, max(len(k) for k in table)


@lru_cache(maxsize=1)
def _phrase_sizes() -> dict[str, tuple[int, ...]]:
    """For each first stem of a phrase, the phrase lengths to try, longest first."""
    sizes: dict[str, set[int]] = {}
    for key in phrase_table()[0]:
        sizes.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}


def join_concepts(stems: list[str]) -> list[tuple[str, int]]:
    """Stems with synonym phrases joined into concept tokens, each with its first index."""
    table = phrase_table()[0]
    starts = _phrase_sizes()
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(stems):
        for size in starts.get(stems[i], ()):
            if i + size > len(stems):
                continue
            concept = table.get(tuple(stems[i : i + size]))
            if concept is not None:
                out.append((concept, i))
                i += size
                break
        else:
            out.append((stems[i], i))
            i += 1
    return out


# Negations stay until synonyms are joined: "not missing at random" is a
# different idea from "missing at random".
NEGATIONS = frozenset({"not", "no", "never"})
PHRASE_STOPWORDS = STOPWORDS - NEGATIONS


def phrase_stems(text: str) -> list[str]:
    """Stems of the words that matter for matching phrases, in order."""
    return [stem(t) for t in words(text) if t not in PHRASE_STOPWORDS]


@lru_cache(maxsize=4096)
def terms(text: str) -> Terms:
    """Content terms of ``text``: synonyms joined into concepts, stopwords dropped."""
    tokens = words(text)
    joined = join_concepts([stem(t) for t in tokens if t not in PHRASE_STOPWORDS])
    content = tuple(t for t, _ in joined if t not in NEGATIONS)
    return Terms(terms=content, word_count=len(tokens), content_count=len(content))
