"""Every wording measure a rubric criterion can name: what it reads, and what it says.

This is the one place to change to add an offline measure. Name it in
``Measure`` (``interviewer/content/models.py``), write the signal that reads it (in
``signals.py``, or its own module as ``jargon.py`` is), and add its entry
here with its three comments. ``tests/test_measures.py`` checks that every
measure but ``coverage`` (the key points, graded by ``matching.py``) has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interviewer.content.models import Measure
from interviewer.grading.offline import jargon, signals
from interviewer.grading.offline.signals import Length, Signal


@dataclass(frozen=True)
class Reading:
    """What a measure may read of an answer: its sentences (with the thread's), the text,
    its length, and whether it answers a follow-up."""

    parts: list[str]
    text: str
    length: Length
    follow_up: bool


@dataclass(frozen=True)
class MeasureSpec:
    read: Callable[[Reading], Signal]
    low: str
    mid: str
    high: str

    def comment(self, score: int) -> str:
        return self.high if score >= 4 else self.mid if score == 3 else self.low


MEASURES: dict[Measure, MeasureSpec] = {
    "reasoning": MeasureSpec(
        lambda r: signals.reasoning(r.parts),
        "Names ideas without saying why they hold; add 'because' and 'which means'.",
        "Some reasoning; a few claims still stand without a why.",
        "Explains why, not only what.",
    ),
    "tradeoffs": MeasureSpec(
        lambda r: signals.tradeoffs(r.parts),
        "No alternative or cost is weighed.",
        "Mentions a trade-off in passing; say what you give up and why it is worth it.",
        "Weighs alternatives and names what each costs.",
    ),
    "structure": MeasureSpec(
        lambda r: signals.structure(r.parts, r.text),
        "No visible structure: clarify, assume, walk through, weigh, conclude.",
        "Partly structured; a clear opening assumption or closing conclusion is missing.",
        "Clear structure from the problem to a conclusion.",
    ),
    "clarity": MeasureSpec(
        lambda r: signals.clarity(r.parts, r.length),
        "Filler, hedging or very long sentences get in the way.",
        "Mostly clear, with some hedging or long sentences.",
        "Direct and easy to follow.",
    ),
    "plain-language": MeasureSpec(
        lambda r: jargon.plain_language(r.parts),
        "Technical terms go unexplained for a non-technical listener.",
        "Some jargon is explained, some is not.",
        "Plain words, with terms explained.",
    ),
    "business-impact": MeasureSpec(
        lambda r: signals.business_impact(r.parts),
        "Does not say what this means for the business or its customers.",
        "Touches on impact; make it concrete (money, customers, risk).",
        "Ties the answer to money, customers or risk.",
    ),
    "recommendation": MeasureSpec(
        lambda r: signals.recommendation(r.parts),
        "Ends without a recommendation or decision.",
        "A recommendation is implied; state it plainly.",
        "Ends with a clear recommendation.",
    ),
    "conciseness": MeasureSpec(
        lambda r: signals.conciseness(r.length, r.follow_up),
        "The length does not fit the question (far too short or too long).",
        "The length is workable; tighten or expand a little.",
        "A length that fits the question.",
    ),
}
