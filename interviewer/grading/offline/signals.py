"""What an answer's wording says about how it explains, apart from what it covers.

Each signal reads the answer for one thing a rubric can ask for (reasoning,
trade-offs, structure, plain language...) and returns a strength from 0 to 1
with the sentences behind it, so feedback can quote the candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from interviewer.grading.offline import lexicon
from interviewer.grading.offline.text import normalise, words


@dataclass(frozen=True)
class Signal:
    strength: float
    """0 (absent) to 1 (strong)."""
    evidence: tuple[str, ...] = ()
    count: int = 0


@dataclass(frozen=True)
class Length:
    """An answer's length in words: once each sentence (``said``), and as typed."""

    said: int
    typed: int


LONG = 600
"""Words past which an answer gets harder to follow, however clean its sentences."""


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    """One list of ``data/wording.toml`` as a pattern of whole words."""
    return re.compile(r"\b(?:" + "|".join(lexicon.wording()[kind]) + r")\b")


def _hits(kind: str, parts: list[str]) -> tuple[int, tuple[str, ...], set[str]]:
    pattern = _pattern(kind)
    count = 0
    evidence: list[str] = []
    kinds: set[str] = set()
    for sentence in parts:
        found = pattern.findall(normalise(sentence))
        if found:
            count += len(found)
            kinds.update(found)
            evidence.append(sentence)
    return count, tuple(evidence), kinds


def reasoning(parts: list[str]) -> Signal:
    count, evidence, kinds = _hits("reasoning", parts)
    explained = len(evidence)
    strength = min(1.0, 0.25 * explained + 0.1 * len(kinds))
    return Signal(strength, evidence[:2], count)


def tradeoffs(parts: list[str]) -> Signal:
    count, evidence, kinds = _hits("tradeoffs", parts)
    strong = len(_hits("strong_tradeoffs", parts)[2])
    strength = min(1.0, 0.3 * len(evidence) + 0.2 * strong + 0.05 * len(kinds))
    return Signal(strength, evidence[:2], count)


def structure(parts: list[str], text: str) -> Signal:
    checks = [_hits(kind, parts) for kind in ("clarify", "steps", "tradeoffs", "conclusion")]
    steps = checks[1][0]
    paragraphs = len([p for p in re.split(r"\n\s*\n", text) if p.strip()])
    listed = len(re.findall(r"(?m)^\s*(?:[-*•]|\d+[.)])\s", text))
    score = (
        (1.0 if checks[0][0] else 0.0)
        + min(1.0, (steps + listed) / 3)
        + (1.0 if checks[2][0] else 0.0)
        + (
            1.0
            if checks[3][0] or _pattern("recommend").search(normalise(parts[-1] if parts else ""))
            else 0.0
        )
        + (0.5 if paragraphs > 1 or listed > 1 else 0.0)
    )
    evidence = tuple(e for c in checks for e in c[1][:1])
    return Signal(min(1.0, score / 4), evidence, int(score))


def clarity(parts: list[str], length: Length) -> Signal:
    fillers, filler_evidence, _ = _hits("filler", parts)
    hedges, hedge_evidence, _ = _hits("hedge", parts)
    long_sentences = [s for s in parts if len(words(s)) > 40]
    per_100 = 100 * (fillers + 0.6 * hedges) / max(length.said, 1)
    strength = (
        1.0
        - min(0.7, per_100 * 0.12)
        - min(0.4, 0.15 * len(long_sentences))
        - min(0.6, max(0, length.typed - LONG) / (2 * LONG))
    )
    evidence = filler_evidence[:1] + hedge_evidence[:1] + tuple(long_sentences[:1])
    return Signal(max(0.0, strength), evidence, fillers + hedges)


def business_impact(parts: list[str]) -> Signal:
    count, evidence, kinds = _hits("business", parts)
    strength = min(1.0, 0.25 * len(evidence) + 0.08 * len(kinds))
    return Signal(strength, evidence[:2], count)


def recommendation(parts: list[str]) -> Signal:
    count, evidence, _ = _hits("recommend", parts)
    strength = min(1.0, 0.7 * bool(count) + 0.15 * len(evidence))
    return Signal(strength, evidence[:1], count)


def conciseness(length: Length, follow_up: bool) -> Signal:
    """Long enough to say something, once; short enough to hold attention, as typed."""
    low, high = (25, 200) if follow_up else (60, 320)
    if length.said < low:
        strength = length.said / low
    elif length.typed > high:
        strength = max(0.0, 1.0 - (length.typed - high) / (high * 1.5))
    else:
        strength = 1.0
    return Signal(strength, (), length.typed)
