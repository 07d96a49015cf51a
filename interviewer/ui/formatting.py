"""Small pure functions that turn core values into what the screens show.

Kept apart from the widgets so every screen draws a score, a path or a time
the same way, and so they can be tested without running an app. Bars reuse
the plain renderer's scale (``render.bar``) so the app and ``--plain`` never
disagree about how full a 3.4 is; glyphs, not colour alone, carry the value,
so the bars still read under NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from textual.content import Content

from interviewer.clip import clip
from interviewer.content.bank import Library
from interviewer.history.schema import Turn
from interviewer.reports.render import bar

FILLED = "█"
EMPTY = "░"


def score_style(score: float) -> str:
    """A theme colour for a score on the 1 to 5 scale."""
    if score < 2.5:
        return "$error"
    if score < 3.5:
        return "$warning"
    return "$success"


def score_bar(score: float, width: int = 10) -> Content:
    filled = bar(score, width).count("#")
    return Content.assemble(
        (FILLED * filled, score_style(score)), (EMPTY * (width - filled), "$foreground-muted")
    )


def scored_row(
    label: str, score: float, label_width: int, bar_width: int = 10, shown: str | None = None
) -> Content:
    """``label  ██████░░░░ 3.4``, the label cut to ``label_width`` so rows line up."""
    label = clip(label, label_width)
    return Content.assemble(
        label.ljust(label_width),
        " ",
        score_bar(score, bar_width),
        (f" {shown if shown is not None else f'{score:.1f}'}", "bold"),
    )


def progress_bar(done: int, total: int, width: int = 16) -> Content:
    filled = round(width * done / total) if total else 0
    return Content.assemble(
        (FILLED * filled, "$accent"), (EMPTY * (width - filled), "$foreground-muted")
    )


def duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def display_path(path: Path) -> str:
    """The path with the home folder shown as ``~``: shorter, and the same on every machine."""
    try:
        return "~/" + str(path.expanduser().resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(path)


def local_time(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def criterion_titles(library: Library | None) -> dict[str, str]:
    """Criterion id to title over every rubric: summaries name criteria by id only."""
    titles: dict[str, str] = {}
    if library is not None:
        for rubric in library.rubrics:
            for criterion in rubric.criteria:
                titles.setdefault(criterion.id, criterion.title)
    return titles


def rubric_titles(library: Library | None, rubric_id: str) -> dict[str, str]:
    """Titles from the rubric that graded an answer, else from any rubric that has the id."""
    if library is not None and rubric_id in library.rubrics:
        return {c.id: c.title for c in library.rubrics.get(rubric_id).criteria}
    return criterion_titles(library)


def title_of(criterion_id: str, titles: Mapping[str, str]) -> str:
    return titles.get(criterion_id, criterion_id.replace("-", " ").capitalize())


def turn_title(turn: Turn, number: int) -> str:
    label = f"Follow-up · question {number}" if turn.kind == "follow_up" else f"Question {number}"
    return f"{label} · {turn.topic}"
