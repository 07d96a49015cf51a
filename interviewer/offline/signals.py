"""What an answer's wording says about how it explains, apart from what it covers.

Each signal reads the answer for one thing a rubric can ask for (reasoning,
trade-offs, structure, plain language...) and returns a strength from 0 to 1
with the sentences behind it, so feedback can quote the candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.offline.text import STOPWORDS, normalise, sentences, words


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


def _pattern(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


REASONING = _pattern(
    "because",
    "since",
    "so that",
    "so",
    "therefore",
    "thus",
    "hence",
    "which means",
    "this means",
    "that means",
    "meaning",
    "as a result",
    "due to",
    "leads to",
    "lead to",
    "results in",
    "result in",
    "causes?",
    "in order to",
    "given that",
    "implies",
    "the reason",
    "otherwise",
    "if",
    "then",
    "which is why",
    "that's why",
    "this is why",
    "consequently",
    "as long as",
    "unless",
    "whereas",
    "for example",
    "for instance",
    "e\\.g\\.",
)
TRADEOFFS = _pattern(
    "trade ?offs?",
    "however",
    "but",
    "on the other hand",
    "at the cost of",
    "at the expense of",
    "versus",
    "vs\\.?",
    "downsides?",
    "drawbacks?",
    "whereas",
    "alternatively",
    "instead",
    "compared (?:to|with)",
    "the price (?:is|of)",
    "pros and cons",
    "balance",
    "in exchange",
    "costs? more",
    "the risk is",
    "risk",
    "while",
    "although",
    "though",
    "rather than",
    "depends on",
    "it depends",
)
CLARIFY = _pattern(
    "clarify",
    "i'd ask",
    "i would ask",
    "first question",
    "assum(?:e|ing|ption|ptions)",
    "depends on",
    "i'd want to know",
    "i would want to know",
    "need to understand",
    "what is the goal",
    "what's the goal",
    "requirements?",
    "constraints?",
    "let me make sure",
)
STEPS = _pattern(
    "first(?:ly)?",
    "second(?:ly)?",
    "third(?:ly)?",
    "then",
    "next",
    "after that",
    "finally",
    "lastly",
    "step",
    "to start",
    "start by",
    "begin by",
    "once",
    "before",
)
CONCLUSION = _pattern(
    "in summary",
    "to summari[sz]e",
    "in short",
    "overall",
    "to conclude",
    "in conclusion",
    "to sum up",
    "bottom line",
    "so my recommendation",
    "my recommendation",
    "all in all",
)
RECOMMEND = _pattern(
    "i recommend",
    "i'd recommend",
    "i would recommend",
    "my recommendation",
    "we should",
    "i'd go with",
    "i would go with",
    "i would choose",
    "i'd choose",
    "i would use",
    "i'd use",
    "i would pick",
    "i'd pick",
    "i suggest",
    "i'd suggest",
    "i would suggest",
    "my suggestion",
    "the best option",
    "my choice",
    "go with",
    "next step",
    "i would start",
    "i'd start",
    "let's",
    "i would ship",
    "i'd ship",
    "i would deploy",
    "i'd deploy",
    "decision",
)
BUSINESS = _pattern(
    "revenue",
    "costs?",
    "money",
    "dollars?",
    "\\$",
    "profit",
    "loss(?:es)?",
    "customers?",
    "users?",
    "clients?",
    "complaints?",
    "churn",
    "retention",
    "conversion",
    "sales",
    "budget",
    "roi",
    "kpis?",
    "business",
    "impact",
    "trust",
    "reputation",
    "risk",
    "support (?:team|tickets|calls)",
    "operations",
    "workload",
    "time",
    "margin",
    "fraud losses",
    "chargebacks?",
    "satisfaction",
    "experience",
    "per month",
    "per year",
    "per week",
    "%",
    "percent",
)
FILLER = _pattern(
    "um+",
    "uh+",
    "er+m?",
    "like,",
    "basically",
    "you know",
    "sort of",
    "kind of",
    "literally",
    "actually",
    "i mean",
    "stuff",
    "things like that",
    "or whatever",
    "whatever",
)
HEDGE = _pattern(
    "i think",
    "i guess",
    "maybe",
    "probably",
    "perhaps",
    "might",
    "not sure",
    "i believe",
    "i suppose",
    "possibly",
    "could be",
    "hopefully",
    "i feel like",
)


def _hits(pattern: re.Pattern[str], parts: list[str]) -> tuple[int, tuple[str, ...], set[str]]:
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
    count, evidence, kinds = _hits(REASONING, parts)
    explained = len(evidence)
    strength = min(1.0, 0.25 * explained + 0.1 * len(kinds))
    return Signal(strength, evidence[:2], count)


STRONG_TRADEOFFS = _pattern(
    "trade ?offs?",
    "at the cost of",
    "at the expense of",
    "versus",
    "vs\\.?",
    "pros and cons",
    "downsides?",
    "drawbacks?",
    "on the other hand",
    "in exchange",
    "the price (?:is|of)",
)


def tradeoffs(parts: list[str]) -> Signal:
    count, evidence, kinds = _hits(TRADEOFFS, parts)
    strong = len(_hits(STRONG_TRADEOFFS, parts)[2])
    strength = min(1.0, 0.3 * len(evidence) + 0.2 * strong + 0.05 * len(kinds))
    return Signal(strength, evidence[:2], count)


def structure(parts: list[str], text: str) -> Signal:
    checks = [_hits(p, parts) for p in (CLARIFY, STEPS, TRADEOFFS, CONCLUSION)]
    steps = checks[1][0]
    paragraphs = len([p for p in re.split(r"\n\s*\n", text) if p.strip()])
    listed = len(re.findall(r"(?m)^\s*(?:[-*•]|\d+[.)])\s", text))
    score = (
        (1.0 if checks[0][0] else 0.0)
        + min(1.0, (steps + listed) / 3)
        + (1.0 if checks[2][0] else 0.0)
        + (1.0 if checks[3][0] or RECOMMEND.search(normalise(parts[-1] if parts else "")) else 0.0)
        + (0.5 if paragraphs > 1 or listed > 1 else 0.0)
    )
    evidence = tuple(e for c in checks for e in c[1][:1])
    return Signal(min(1.0, score / 4), evidence, int(score))


def clarity(parts: list[str], length: Length) -> Signal:
    fillers, filler_evidence, _ = _hits(FILLER, parts)
    hedges, hedge_evidence, _ = _hits(HEDGE, parts)
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
    count, evidence, kinds = _hits(BUSINESS, parts)
    strength = min(1.0, 0.25 * len(evidence) + 0.08 * len(kinds))
    return Signal(strength, evidence[:2], count)


def recommendation(parts: list[str]) -> Signal:
    count, evidence, _ = _hits(RECOMMEND, parts)
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


def buzzword_list(text: str, parts: list[str]) -> bool:
    """A run of terms with no sentences around them: "precision, recall, F1, SMOTE"."""
    tokens = words(text)
    if len(tokens) < 3:
        return False
    function_share = sum(t in STOPWORDS for t in tokens) / len(tokens)
    segments = [s for s in re.split(r"[,;\n/|]+|\band\b", text) if s.strip()]
    mean_segment = len(tokens) / max(len(segments), 1)
    return (function_share < 0.2 and mean_segment < 4.5) or (
        function_share < 0.1 and mean_segment < 7
    )


# A sentence that addresses the grader rather than the interviewer's question.
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,60}"
    r"\b(?:rubric|instructions?|prompt|criteria|previous|above|rules|grading|grader)\b"
    r"|\b(?:give|award|grant|assign|score|grade|rate|mark)\b[^.!?\n]{0,40}"
    r"(?:\b5\s*/\s*5\b|\b10\s*/\s*10\b|\bfull (?:marks|score|points)\b|\bperfect score\b"
    r"|\b(?:top|highest|maximum|max) (?:score|marks|grade)\b|\bfive out of five\b|\ba 5\b)"
    r"|\b(?:you are|act as|pretend to be|as) (?:now )?(?:the|a|an) (?:grader|evaluator|examiner)\b"
    r"|\bsystem prompt\b|\bnew instructions\b|\bgrader:|\bassistant:|\bsystem:"
    r"|\bthis answer (?:deserves|is worth|should (?:get|receive|score))\b",
    re.IGNORECASE,
)


def drop_repeats(text: str) -> tuple[str, bool]:
    """The answer with each sentence said once; and whether any was repeated.

    Saying the same sentence again adds no content, so padding by repetition
    can neither cover more nor look more thorough.
    """
    from rapidfuzz import fuzz

    kept: list[str] = []
    seen: list[str] = []
    for sentence in sentences(text):
        key = " ".join(words(sentence))
        if key and any(key == k or fuzz.ratio(key, k) >= 92 for k in seen):
            continue
        seen.append(key)
        kept.append(sentence)
    if len(kept) == len(sentences(text)):
        return text, False
    return "\n".join(kept), True


def split_instructions(text: str) -> tuple[str, list[str]]:
    """The answer without sentences that instruct the grader, and those sentences."""
    kept: list[str] = []
    removed: list[str] = []
    for sentence in sentences(text):
        (removed if INSTRUCTION.search(sentence) else kept).append(sentence)
    if not removed:
        return text, []
    return "\n".join(kept), removed
