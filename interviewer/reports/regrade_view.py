"""A regrade side by side, as text: per answer and per criterion, the old score beside the new.

The CLI prints it and the app's screen takes its change figures, so both
agree on what "+0.4" means; the regrade itself is ``regrade``.
"""

from __future__ import annotations

from pathlib import Path

from interviewer.clip import clip, excerpt
from interviewer.content.rubric_label import rubric_name
from interviewer.history.regrade import Regrade
from interviewer.history.schema import Transcript
from interviewer.history.summary import rubrics_used

LABEL_WIDTH = 42


def _rubric_name(transcript: Transcript) -> str:
    return rubric_name(transcript.settings.rubric)


def _score(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def change_text(old: float | None, new: float | None, digits: int) -> str:
    if old is None or new is None:
        return ""
    # From the figures shown, so that the column adds up for the reader.
    delta = round(round(new, digits) - round(old, digits), digits)
    return f"{delta:+.{digits}f}" if delta else "="


def _line(label: str, old: float | None, new: float | None, digits: int) -> str:
    label = clip(label, LABEL_WIDTH)
    return (
        f"    {label:<{LABEL_WIDTH}} {_score(old, digits):>5} {_score(new, digits):>5} "
        f"{change_text(old, new, digits):>6}"
    ).rstrip()


def comparison_text(result: Regrade, saved: Path | None = None) -> str:
    """Per answer and per criterion, the old score beside the new; then the session."""
    old, new = result.original, result.transcript
    lines = [
        f"Regrade of {old.id} under {_rubric_name(new)}, graded by {new.settings.evaluator}.",
        f"Before: {rubrics_used(old)}. The answers are unchanged.",
        f"Saved as {new.id}: {saved}" if saved else f"New id: {new.id}",
    ]
    header = f"    {'':<{LABEL_WIDTH}} {'old':>5} {'new':>5} {'change':>6}"
    for number, change in enumerate(result.answers, start=1):
        turn = change.turn
        kind = "follow-up" if turn.kind == "follow_up" else "answer"
        lines += [
            "",
            f"{number}. {turn.question_id} · {turn.topic} · {kind}",
            f"    “{excerpt(turn.answer or '', 70)}”",
            header,
            _line("overall", change.old.overall if change.old else None, change.new.overall, 1),
        ]
        lines += [_line(c.label, c.old, c.new, 0) for c in change.criteria]
    before, after = result.old_summary, result.new_summary
    lines += ["", "Session", header, _line("overall", before.overall, after.overall, 1)]
    for topic in dict.fromkeys([*before.topics, *after.topics]):
        lines.append(_line(topic, before.topics.get(topic), after.topics.get(topic), 1))
    if not result.answers:
        lines.append("(The transcript holds no answers to regrade.)")
    return "\n".join(lines)
