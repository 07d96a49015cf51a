"""Definitions said of the wrong term: precision defined as recall, MAR as MCAR.

Interview questions often ask for a pair or a family of terms that are
defined against each other (precision and recall, MCAR, MAR and MNAR, data
and concept drift), and the classic wrong answer swaps or merges them. Such an
answer uses every word of both definitions, so matching words alone credits
both points. What gives it away is which term each definition is said of.

A key point defines a term when it reads "X means ...", "X measures ...",
"X refers to ...", "explain X as ..." or, for a named concept X alone,
"X is a ...". When a question has two or more such points about different
terms, each definition the answer gives ("precision just means how many of
the fraud cases we catch") is compared with them: if it shares more of a
sibling's own words than of its own term's (the words the two definitions do
not share), or it says the term is "the same as" a sibling, the answer has
defined the term wrongly and the point is taken back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from interviewer.grading.offline.lexicon import CONCEPT_PREFIX
from interviewer.grading.offline.text import normalise, sentences, terms

_POINT = re.compile(
    r"^(?:(?:explain|describe|define|present)\s+(?P<named>.{1,40}?)\s+as"
    r"|(?P<head>.{1,40}?)\s+(?:means|measures|refers to|is defined as|stands for)"
    r"|(?P<named_term>(?:\S+\s+){0,2}?\S+)\s+is\s+an?)\s+(?P<rest>.+)$"
)
_ANSWER = re.compile(
    r"^(?P<head>(?:\S+\s+){0,5}?\S+?),?\s+(?:\S+ly\s+)?"
    r"(?:means|mean|measures|measure|refers to|is defined as|stands for|tells you|counts"
    r"|is|are|as)\s+(?P<rest>.+)$"
)
_CLAUSES = re.compile(r"[;:]|,?\s+(?:but|while|whereas|although)\s+|,\s+and\s+", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SAME = frozenset({"same", "identical", "equivalent", "interchangeable", "synonym", "synonymous"})


@dataclass(frozen=True)
class Definition:
    head: str
    """The term defined: the concept, else the rarest term, before "means"."""
    terms: frozenset[str]
    """The terms of what it is said to mean."""


@lru_cache(maxsize=4096)
def of_point(text: str, weights: tuple[tuple[str, float], ...]) -> Definition | None:
    """The definition a key point gives, if it is one; ``weights`` picks the head."""
    m = _POINT.match(normalise(text).strip().rstrip("."))
    if m is None:
        return None
    head_terms = terms(m.group("named") or m.group("head") or m.group("named_term") or "").unique
    weight = dict(weights)
    named = [t for t in head_terms if t in weight]
    if m.group("named_term") is not None:
        # "X is a ..." defines only when X is a named concept ("data drift is a change in
        # ..."); "they are located ..." or "fraud is a tiny class" describe
        alone = len(head_terms) == 1
        named = [t for t in named if alone and t.startswith(CONCEPT_PREFIX)]
    if not named:
        return None
    # a concept ("recall") over a plain word beside it ("high")
    head = max(named, key=lambda t: (t.startswith(CONCEPT_PREFIX), weight[t]))
    return Definition(head, terms(m.group("rest")).unique - {head})


def said(answer: str, heads: frozenset[str]) -> list[tuple[Definition, str, bool]]:
    """Each definition the answer gives of one of ``heads``: the definition, the clause
    that gives it as written, and whether it calls the term the same as another."""

    def head_of(clause: str) -> tuple[str, str] | None:
        m = _ANSWER.match(normalise(clause).strip())
        named = terms(m.group("head")).unique & heads if m else frozenset()
        return (next(iter(named)), m.group("rest")) if m and len(named) == 1 else None

    clauses: list[str] = []
    for sentence in sentences(answer):
        for part in _CLAUSES.split(sentence):
            # a bare "and" starts a new definition only when one follows ("precision is
            # X and recall is Y"), not inside one ("between the features and the duration")
            pieces = _AND.split(part)
            clauses.append(pieces[0])
            for piece in pieces[1:]:
                if head_of(piece) is None:
                    clauses[-1] += " and " + piece
                else:
                    clauses.append(piece)
    out = []
    for clause in clauses:
        found = head_of(clause)
        if found is not None:
            head, rest = found
            same = bool(_SAME & set(rest.split()))
            out.append((Definition(head, terms(rest).unique - {head}), clause.strip(), same))
    return out


def misdefined(
    own: Definition, siblings: Sequence[Definition], answer: str, weights: Mapping[str, float]
) -> str | None:
    """The answer's clause that defines ``own.head`` as one of ``siblings``, if any."""
    others = [s for s in siblings if s.head != own.head]
    if not others:
        return None
    heads = frozenset({own.head} | {s.head for s in others})
    for given, clause, same in said(answer, heads):
        if given.head != own.head:
            continue
        if same and any(s.head in given.terms for s in others):
            return clause
        for other in others:
            mine = sum(weights.get(t, 1.0) for t in given.terms & (own.terms - other.terms))
            theirs = sum(weights.get(t, 1.0) for t in given.terms & (other.terms - own.terms))
            if theirs > mine:
                return clause
    return None
