"""Definitions said of the wrong term: precision defined as recall, MAR as MCAR.

Interview questions often ask for a pair or a family of terms that are
defined against each other (precision and recall, MCAR, MAR and MNAR, data
and concept drift), and the classic wrong answer swaps or merges them. Such an
answer uses every word of both definitions, so matching words alone credits
both points. What gives it away is which term each definition is said of.

A key point defines a term when it reads "X means ...", "X measures ...",
"X refers to ...", "explain X as ..." or, for a named concept X alone,
"X is a ...". When a question has two or more such points about different
terms, each definition the answer gives is compared with them. Ratios
(precision, recall) share their words and differ in what they are a share of,
so "how many of all the fraud cases we catch", said of precision, is recall's
base. Other definitions count as swapped only when they use none of their own
term's distinguishing words and at least two of a sibling's; and "MAR is the
same as MCAR" merges two terms outright. Correct definitions in other words
must never be taken back, so the rules ask for clear evidence and let some
swaps through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from interviewer.grading.offline.lexicon import CONCEPT_PREFIX
from interviewer.grading.offline.text import normalise, sentences, terms

_POINT = re.compile(
    r"^(?:(?:explain|describe|define|present)\s+(?P<named>.{1,40}?)\s+as"
    r"|(?P<head>.{1,40}?)\s+(?:means|measures|refers to|is defined as|stands for)"
    r"|(?P<named_term>(?:\S+\s+){0,2}?\S+)\s+is\s+an?"
    r"|(?P<ratio_term>(?:\S+\s+){0,2}?\S+)\s+is\s+(?=the\s+(?:share|fraction|proportion|percentage"
    r"|rate|ratio)\s+of\b))\s*(?P<rest>.+)$"
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
    base: frozenset[str] = frozenset()
    """For a ratio ("the share of flagged orders that are fraud"), the terms of what it is
    a share of: precision and recall use the same words and differ in this."""


_RATIO = re.compile(
    r"\b(?:out of|among)\s+(?P<out>[^,;:.]+)"
    r"|\b(?:share|fraction|proportion|percentage|percent|ratio|how many|how much)\s+of\s+"
    r"(?P<of>[^,;:.]+)"
    r"|\b(?:measured|computed|calculated)\s+(?:on|over)\s+(?P<on>[^,;:.]+)"
)
_BASE_ENDS = re.compile(
    r"\b(?:that|which|who|whose|is|are|was|were|got|get|gets|turn|turns|really|truly)\b"
)


def _base(text: str) -> frozenset[str]:
    """What a ratio is taken over: "out of all the frauds", "share of flagged orders that..."."""
    found = list(_RATIO.finditer(text))
    if not found:
        return frozenset()
    # "number of frauds we flagged out of all the frauds": "out of" names the base
    best = next((m for m in found if m.group("out")), found[0])
    span = best.group("out") or best.group("of") or best.group("on") or ""
    return terms(_BASE_ENDS.split(span, maxsplit=1)[0]).unique


@lru_cache(maxsize=4096)
def of_point(text: str, weights: tuple[tuple[str, float], ...]) -> Definition | None:
    """The definition a key point gives, if it is one; ``weights`` picks the head."""
    m = _POINT.match(normalise(text).strip().rstrip("."))
    if m is None:
        return None
    alone_term = m.group("named_term") or m.group("ratio_term")
    head_terms = terms(m.group("named") or m.group("head") or alone_term or "").unique
    weight = dict(weights)
    named = [t for t in head_terms if t in weight]
    if alone_term is not None:
        # "X is a ..." defines only when X is a named concept ("data drift is a change in
        # ..."); "they are located ..." or "fraud is a tiny class" describe
        alone = len(head_terms) == 1
        named = [t for t in named if alone and t.startswith(CONCEPT_PREFIX)]
    if not named:
        return None
    # a concept ("recall") over a plain word beside it ("high")
    head = max(named, key=lambda t: (t.startswith(CONCEPT_PREFIX), weight[t]))
    rest = m.group("rest")
    return Definition(head, terms(rest).unique - {head}, _base(rest) - {head})


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
            definition = Definition(head, terms(rest).unique - {head}, _base(rest) - {head})
            out.append((definition, clause.strip(), same))
    return out


def misdefined(own: Definition, siblings: Sequence[Definition], answer: str) -> str | None:
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
        if any(_swapped(given, own, other) for other in others):
            return clause
    return None


def _swapped(given: Definition, own: Definition, other: Definition) -> bool:
    """Whether ``given`` (the answer's definition of ``own.head``) fits ``other`` instead.

    Ratios are told apart by what they are a share of, since their other words are
    shared ("frauds we flagged out of all the frauds" is recall, though precision is
    about what was flagged). Otherwise the answer must use none of its own term's
    distinguishing words and at least two of the other's.
    """
    if own.base and other.base and given.base:
        mine = len(given.base & (own.base - other.base))
        theirs = len(given.base & (other.base - own.base))
        return theirs > mine
    mine_terms = given.terms & (own.terms - other.terms)
    theirs_terms = given.terms & (other.terms - own.terms)
    return not mine_terms and len(theirs_terms) >= 2
