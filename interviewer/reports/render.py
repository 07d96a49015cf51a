"""Feedback and summaries as plain text, for the line-based mode and reports.

Plain text only (no colour codes): the plain mode is for scripts, screen
readers and dumb terminals.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from interviewer.content.models import Feedback, Rubric
from interviewer.content.rubric_label import group_name
from interviewer.history.marks import ESTIMATED, estimated
from interviewer.history.schema import Summary, Turn
from interviewer.history.self_check import Check
from interviewer.history.summary import (
    blend_note,
    blended_topics,
    criterion_name,
    numbers_text,
    rubric_groups,
)

_ITEM = r"\s*(?:[-*•]|\d+[.)])\s"
_LIST_ITEM = re.compile(_ITEM)
_LINE_BREAK = re.compile(rf"\s*\n(?!{_ITEM})\s*")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a bank prompt so it wraps to the width it is shown at.

    Blank lines still separate paragraphs, and lines that start a list item keep their break.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(_LINE_BREAK.sub(" ", p) for p in paragraphs)


def wrap(text: str, width: int | None) -> str:
    """Each line of ``text`` wrapped to ``width`` columns, words never split.

    A wrapped line's continuation lines line up under its text, past any
    indent or list marker. ``None`` leaves the text as it is.
    """
    if width is None:
        return text
    lines = []
    for line in text.split("\n"):
        item = _LIST_ITEM.match(line)
        indent = item.end() if item else len(line) - len(line.lstrip(" "))
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=" " * min(indent, width // 2),
                break_long_words=False,
                break_on_hyphens=False,
            )
            if line.strip()
            else line
        )
    return "\n".join(lines)


def bar(score: float, width: int = 10) -> str:
    filled = round((score - 1) / 4 * width) if score >= 1 else 0
    return "#" * filled + "." * (width - filled)


def _bullets(title: str, items: Iterable[str]) -> list[str]:
    items = list(items)
    return [f"{title}:", *(f"  - {i}" for i in items)] if items else []


def feedback_text(feedback: Feedback, rubric: Rubric | None = None, *, verdict: bool = True) -> str:
    """The feedback as lines of text; ``verdict=False`` when it was already streamed."""
    titles = {c.id: c.title for c in rubric.criteria} if rubric else {}
    source = f"{feedback.rubric} rubric, graded by {feedback.evaluator}"
    if estimated(feedback):
        source += f"; {ESTIMATED}"
    lines = [f"Score {feedback.overall:.1f}/5  ({source})"]
    if feedback.verdict and verdict:
        lines.append(feedback.verdict)
    if feedback.notice:
        lines.append(f"Note: {feedback.notice}")
    for c in feedback.criteria:
        name = titles.get(c.id, c.id)
        lines.append(f"  {name:<28} {c.score}/5 [{bar(c.score)}] {c.comment}")
        lines.extend(f'      "{quote}"' for quote in c.evidence)
    lines += _bullets("Covered", feedback.covered_points)
    lines += _bullets("Missed", feedback.missed_points)
    # The offline evaluator restates criterion comments as strengths and gaps;
    # the criteria lines above already say them.
    shown = {f"{titles.get(c.id, c.id)}: {c.comment}" for c in feedback.criteria}
    lines += _bullets("Strengths", [s for s in feedback.strengths if s not in shown])
    lines += _bullets("To improve", [g for g in feedback.gaps if g not in shown])
    return "\n".join(lines)


def summary_text(summary: Summary, note: str | None = None) -> str:
    """``note``: said under the overall score (that offline scores are estimated)."""
    if summary.overall is None:
        return "No answers were graded in this session."
    lines = [
        f"Overall {summary.overall:.1f}/5 over {summary.answered} question(s)"
        + (f", {summary.skipped} skipped" if summary.skipped else ""),
        *([note] if note else []),
    ]
    for use, criteria in rubric_groups(summary):
        heading = "By criterion"
        if use is not None:
            heading += f", {group_name(use.id)} ({numbers_text(use.questions)})"
        lines.append(heading + ":")
        lines += [f"  {criterion_name(c):<28} {c.score:.1f} [{bar(c.score)}]" for c in criteria]
    blends = blended_topics(summary)
    lines.append("By topic:")
    for topic, score in summary.topics.items():
        blend = f"  ({blend_note(blends[topic])})" if topic in blends else ""
        lines.append(f"  {topic:<28} {score:.1f} [{bar(score)}]{blend}")
    lines += _bullets("Strongest", summary.strongest)
    lines += _bullets("Weakest", summary.weakest)
    lines += _bullets("Practise next", summary.practise_next)
    return "\n".join(lines)


def check_text(check: Check, turn: Turn) -> str:
    """A self-check in plain text: the reference answer, then the numbered key points."""
    label = "follow-up" if turn.kind == "follow_up" else "answer"
    lines = [f"-- Self-check: {turn.question_id}, your {label} --", "Reference answer:"]
    lines += [f"  {line}" if line else "" for line in reflow(check.reference).splitlines()]
    lines.append("Key points ([x] covered, [ ] missed; the evaluator's marks, yours on top):")
    for number, point in enumerate(check.points, start=1):
        mark = "x" if check.start.get(point) else " "
        mine = check.start.get(point) != check.evaluator.get(point)
        note = f" (you: {'covered' if check.start.get(point) else 'missed'})" if mine else ""
        lines.append(f"  {number}. [{mark}] {point}{note}")
    lines.append(
        "Type the numbers of the points you covered (e.g. 1 3 4), "
        "or an empty line to keep these marks:"
    )
    return "\n".join(lines)
