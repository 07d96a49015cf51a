"""Which way round a text says each term of a key point: asserted, denied, or neither.

A word matcher that only asks whether a key point's words appear pays a
fluent wrong answer for its vocabulary: "PR AUC is the wrong choice" says
"PR AUC". This module reads the cues around each term, clause by clause:

- denials ("not", "never", "no need to") reach forward over the point's own
  terms ("there is no need to report precision and recall") but stop at the
  first word about something else ("doctors don't order the test": the test
  is not denied, the ordering is);
- dismissals ("wrong", "useless", "optimistic") judge the term right before
  them, or the subject they follow through linking words ("PR AUC is the
  wrong choice", "ROC AUC can look optimistic");
- deferrals ("rollback criteria can be defined later") judge their subject
  like a dismissal;
- approvals ("fine", "I recommend") likewise say a term is right;
- comparisons choose one side: "A rather than B", "A is better than B";
- a clause that only points back ("..., but that is a bad choice") passes its
  verdict to the clause before it.

Polarity is +1 (said to be right or chosen), -1 (said to be wrong, not
needed, or not chosen) or 0 (stated without a cue either way). Whether a
denial reaches a term depends on the point being checked, so what is cached
per text is each occurrence with the terms between it and its denial. The cue
words live in ``data/polarity.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from interviewer.grading.offline.cues import deferrals, find
from interviewer.grading.offline.cues import load as load_cues
from interviewer.grading.offline.text import (
    NEGATIONS,
    PHRASE_STOPWORDS,
    join_concepts,
    sentences,
    stem,
    words,
)

REACH = 8
"""How many words forward a denial reaches ("there is no need to report precision")."""
BESIDE = 2
"""How many words before a term a dismissal or approval may stand ("a misleading number")."""
AFTER = 5
"""How many words after a term a verdict may stand ("PR AUC is not the right metric")."""
COMPARED = 4
"""How many words each side of "rather than" or "better than" are the things compared."""

_CLAUSE = re.compile(
    r"[;:()\[\]]|\s[-–—]\s|\b(?:but|however|although|though|whereas|while|because|since"
    r"|so that|so|which|yet|unless|otherwise|before|after|until)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Said:
    polarity: int
    strong: bool
    """Judged (dismissed, approved, compared, rejected), not only described with a "no"."""
    ranked: bool = False
    """Judged only by a comparison ("missing a cancer is worse than a second read"): it
    ranks the term against another, which takes sides only on a point that ranks too."""


@dataclass(frozen=True)
class Occurrence:
    term: str
    polarity: int
    """From verdicts around the term: the same whatever point is checked."""
    sentence: str
    denied_over: tuple[str, ...] | None = None
    """The terms between the nearest denial before this term and the term, if one reaches."""
    rejected: bool = False
    """Whether that denial rejects ("never", "no need to") rather than describes ("no")."""
    judged: bool = True
    """Whether the polarity is a judgement, not only the chosen side of a comparison."""
    ranked: bool = False
    """Whether a comparison alone set the polarity."""
    followed_by: str | None = None
    """The next term in the clause: "never choose k by hand" rejects the "by hand"."""

    def said(self, about: Collection[str]) -> Said:
        """How the term is said when checking a point whose terms are ``about``."""
        strong = self.polarity != 0 and self.judged
        if self.denied_over is None:
            return Said(self.polarity, strong, self.ranked)
        if not all(t in about or t in load_cues().transparent for t in self.denied_over):
            return Said(self.polarity, strong, self.ranked)
        if self.polarity:  # "avoid optimistic scores": two verdicts leave it unjudged
            return Said(0, False)
        return Said(-1, self.rejected)


@dataclass(frozen=True)
class _Clause:
    found: list[tuple[str, int, int]]
    """Each term with the first and last word it spans."""
    tokens: list[str]
    segment: list[int]
    """Which comma-separated part of the clause each word is in."""
    rejections: list[int]
    negators: list[int]
    dismissals: list[int]
    faults: list[int]
    positive: list[int]
    dispreferred: list[int]
    preferred: list[int]
    cue_at: frozenset[int]
    """Every word that is part of a cue."""


def _parse(clause: str) -> _Clause:
    cues = load_cues()
    # Commas do not end a clause ("no loss, duplication or sequencing errors" denies
    # all three), but they end what a comparison or a trailing verdict reaches.
    parts = [words(part) for part in clause.split(",")]
    tokens = [t for part in parts for t in part]
    segment = [n for n, part in enumerate(parts) for _ in part]
    kept = [i for i, t in enumerate(tokens) if t not in PHRASE_STOPWORDS]
    joined = join_concepts([stem(tokens[i]) for i in kept])
    ends = [index for _, index in joined[1:]] + ([len(kept)] if joined else [])
    # A word inside a known phrase is part of a term, not a cue: the "not" of
    # "missing not at random" names a mechanism, it does not deny one.
    taken: set[int] = set()
    for (_, index), end in zip(joined, ends, strict=True):
        if end - index > 1:
            taken.update(kept[index:end])
    in_phrases = set(taken)
    find(tokens, cues.hedges, taken)  # "never perfect" concedes: its words are no cue
    found_cues = [
        find(tokens, kind, taken)
        for kind in (
            cues.dispreferred_after,
            cues.preferred_after,
            cues.rejections,
            cues.negators,
            cues.dismissals,
            cues.faults,
            cues.positive,
        )
    ]
    found_cues[4].extend(deferrals(tokens, taken))
    cue_words = taken - in_phrases
    found = [
        (term, kept[index], kept[end - 1])
        for (term, index), end in zip(joined, ends, strict=True)
        if term not in NEGATIONS and kept[index] not in cue_words
    ]
    dispreferred, preferred, rejections, negators, dismissals, faults, positive = found_cues
    # any comparative before "than" chooses a side: "safer than", "more stable than"
    for i, token in enumerate(tokens):
        if token != "than" or i == 0 or i in taken:
            continue
        before = tokens[i - 1]
        if before in {"less", "worse", "fewer"} or (i > 1 and tokens[i - 2] in {"less"}):
            preferred.append(i)
        elif (
            before == "more"
            or (i > 1 and tokens[i - 2] == "more")
            or (before.endswith("er") and before not in {"other", "rather", "either", "whether"})
        ):
            dispreferred.append(i)
    return _Clause(
        found,
        tokens,
        segment,
        rejections,
        negators,
        dismissals,
        faults,
        positive,
        dispreferred,
        preferred,
        frozenset(cue_words),
    )


def _clause_occurrences(clause: str, sentence: str) -> tuple[list[Occurrence], int | None]:
    """The clause's terms as said; and its own verdict if it names nothing but a pronoun."""
    cues = load_cues()
    c = _parse(clause)

    def after(last: int, cue: int) -> bool:
        # through linking words only: "X is not needed", not "X ... and does not bias Y"
        return (
            last < cue <= last + AFTER
            and c.segment[cue] == c.segment[last]
            and all(t in cues.links for t in c.tokens[last + 1 : cue])
        )

    def same(a: int, b: int) -> bool:
        return c.segment[a] == c.segment[b]

    def compared(cue: int, position: int, after_cue: bool) -> bool:
        # a comparison sets its two sides against each other, a few words each way
        if not same(cue, position):
            return False
        if after_cue:
            return cue < position <= cue + COMPARED + 1
        return cue - COMPARED <= position < cue

    def beside(first: int, last: int, cue: int) -> bool:
        # "a misleading number", but not "useless when rates are low": a new clause between
        before = (
            first - BESIDE <= cue < first
            and same(cue, first)
            and not cues.subordinators.intersection(c.tokens[cue + 1 : first])
        )
        return before or (after(last, cue) and not attributive(last, cue))

    def attributive(last: int, cue: int) -> bool:
        """Whether a dismissal right after the term, with no verb between, describes the noun
        after it ("the rare bad cases") rather than judging the term ("X is bad")."""
        following = next((i for i in range(cue + 1, len(c.tokens)) if i not in c.cue_at), None)
        return (
            cue == last + 1
            and following is not None
            and same(cue, following)
            and c.tokens[following] not in PHRASE_STOPWORDS
        )

    verdict_words = cues.links | cues.copulas

    def describes(negator: int, last: int) -> bool:
        """Whether a "not" or "nothing" after a term describes rather than judges: it denies
        what follows ("robust scaling does not bound the range") or is the term's object
        ("catching nothing"), where "X is not needed" or "X doesn't matter" judge X."""
        following = negator + 1
        if following >= len(c.tokens):
            return negator == last + 1
        word = c.tokens[following]
        return not (word in verdict_words or stem(word) in cues.filler or following in c.cue_at)

    def rejects_what_follows(cue: int) -> bool:
        following = next((i for i in range(cue + 1, len(c.tokens)) if i not in c.cue_at), None)
        if following is None:
            return False
        word = c.tokens[following]
        return not (word in verdict_words or stem(word) in cues.filler)

    def subject_verdicts() -> list[tuple[int, int, int]]:
        """Where each verdict on everything before its copula starts, its sign, and its cue."""
        verdicts = [(cue, -1) for cue in c.negators + c.rejections + c.dismissals + c.faults]
        verdicts += [(cue, 1) for cue in c.positive]
        found: list[tuple[int, int, int]] = []
        for cue, sign in sorted(verdicts):
            if cue in c.rejections and rejects_what_follows(cue):
                continue  # "tree models don't need scaling" rejects the scaling, not the trees
            for k in range(cue, max(-1, cue - AFTER), -1):
                if c.tokens[k] in cues.copulas:
                    between = c.tokens[k + 1 : cue]
                    joined_before = k > 0 and c.tokens[k - 1] in cues.new_subject
                    if all(t in cues.links for t in between) and not joined_before:
                        found.append((k, sign, cue))
                    break
        return found

    def predicate(position: int) -> bool:
        """Whether the word stands after a copula in its part of the clause ("is censored")."""
        return any(c.tokens[i] in cues.copulas and same(i, position) for i in range(position))

    subjects = subject_verdicts()
    occurrences: list[Occurrence] = []
    for n, (term, first, last) in enumerate(c.found):
        flips = sum(1 for cue in c.dismissals if beside(first, last, cue))
        flips += sum(1 for cue in c.faults + c.negators + c.rejections if after(last, cue))
        negated = [cue for cue in c.negators if after(last, cue)]
        described = bool(negated) and all(describes(cue, last) for cue in negated)
        ranks = sum(1 for cue in c.dispreferred if compared(cue, first, after_cue=True))
        ranks += sum(1 for cue in c.preferred if compared(cue, last, after_cue=False))
        ranked = bool(ranks) and not flips
        flips += ranks
        approved = any(beside(first, last, cue) for cue in c.positive)
        chosen = any(compared(cue, last, after_cue=False) for cue in c.dispreferred)
        # the nearest verdict after the term, in its comma-separated part, judges its subject
        # ... and only its own subject: "their time is censored and a plain regression would
        # be biased" judges the regression, not the time (another copula stands between)
        verdict = min(
            (
                (k, sign, cue)
                for k, sign, cue in subjects
                if last < k
                and same(first, k)
                and not any(t in cues.copulas for t in c.tokens[last + 1 : k])
                and not (predicate(first) and {"and", "or", "but"} & set(c.tokens[last + 1 : k]))
            ),
            default=None,
        )
        if verdict is not None and not flips and not approved and not chosen:
            flips, approved = (1, False) if verdict[1] < 0 else (0, True)
            ranked = False
            described = verdict[2] in c.negators and describes(verdict[2], last)
        # two verdicts that cancel ("avoid optimistic scores") leave the term unjudged
        polarity = -1 if flips % 2 else (1 if (approved or chosen) and not flips else 0)
        judged = polarity != 0 and not (chosen and not approved and not flips) and not described
        denials = [cue for cue in c.negators + c.rejections if first - REACH <= cue < first]
        over, rejected = None, False
        if denials:
            denial = max(denials)
            over = tuple(t for t, f, _ in c.found if denial < f < first)
            # "a model that never flags an order" describes; "I would never scale" rejects
            relative = denial > 0 and c.tokens[denial - 1] in {"that", "which", "who"}
            rejected = denial in c.rejections and not relative
        ranked = ranked and not approved
        following = c.found[n + 1][0] if n + 1 < len(c.found) else None
        occurrences.append(
            Occurrence(term, polarity, sentence, over, rejected, judged, ranked, following)
        )

    own: int | None = None
    content = [t for t, _, _ in c.found if t not in cues.filler]
    if not content and any(t in cues.pronouns for t in c.tokens):
        if (len(c.negators) + len(c.rejections) + len(c.dismissals) + len(c.faults)) % 2:
            own = -1
        elif c.positive:
            own = 1
    return occurrences, own


@lru_cache(maxsize=4096)
def occurrences(text: str) -> tuple[Occurrence, ...]:
    """Every term of ``text`` with how it is said, and its sentence."""
    out: list[Occurrence] = []
    for sentence in sentences(text):
        previous: list[Occurrence] = []
        for clause in _CLAUSE.split(sentence):
            if not clause or not clause.strip():
                continue
            found, own = _clause_occurrences(clause, sentence)
            if own is not None and previous:
                # "..., but that is exactly why it is a bad choice": the verdict is on
                # what the clause before said.
                judged = [
                    Occurrence(o.term, own if own < 0 or o.polarity == 0 else o.polarity, sentence)
                    for o in previous
                ]
                out[-len(previous) :] = previous = judged
                continue
            out.extend(found)
            if found:
                previous = found
    return tuple(out)


def mentions(
    text: str, about: Collection[str], only: Collection[str] | None = None
) -> dict[str, list[Said]]:
    """How each term of ``text`` is said, once per sentence, checking the point of ``about``.

    "Standardisation or min-max scaling" names one idea three times; a sentence
    says it one way, the way its explicit verdicts add up to. ``only`` limits the
    answer to the terms asked about.
    """
    by_sentence: dict[tuple[str, str], list[Said]] = {}
    for o in occurrences(text):
        if only is not None and o.term not in only:
            continue
        by_sentence.setdefault((o.term, o.sentence), []).append(o.said(about))
    said: dict[str, list[Said]] = {}
    for (term, _), found in by_sentence.items():
        total = sum(s.polarity for s in found)
        sign = (total > 0) - (total < 0)
        judging = [s for s in found if s.strong and s.polarity == sign]
        said.setdefault(term, []).append(
            Said(sign, bool(judging), bool(judging) and all(s.ranked for s in judging))
        )
    return said


@lru_cache(maxsize=4096)
def compared_terms(text: str) -> frozenset[str]:
    """The two things a key point sets against each other ("PR AUC rather than accuracy"):
    the terms right before and right after each comparison; empty if it compares nothing."""
    out: set[str] = set()
    for sentence in sentences(text):
        for clause in _CLAUSE.split(sentence):
            if not clause or not clause.strip():
                continue
            c = _parse(clause)
            for cue in c.dispreferred + c.preferred:
                before = [
                    t for t, _, last in c.found if last < cue and c.segment[last] == c.segment[cue]
                ]
                after = [
                    t
                    for t, first, _ in c.found
                    if first > cue and c.segment[first] == c.segment[cue]
                ]
                if before and after:
                    out.update((before[-1], after[0]))
    return frozenset(out)
