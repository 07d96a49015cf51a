"""Progress drawn: sparklines of scores over time, as text for the terminal and as JSON.

Kept apart from the figures (``progress``) so the app's screen draws the
same columns, glyphs and names with its own widgets.
"""

from __future__ import annotations

from statistics import mean
from typing import Any

from interviewer.clip import clip
from interviewer.history.progress import RECENT, Progress, Series

BLOCKS = "▁▂▃▄▅▆▇█"
NAME_WIDTH = 20
CHART_WIDTH = 38
"""Columns of the chart: with the name and the figures, a row fits 80 columns."""


def block(score: float) -> str:
    """A score from 1 to 5 as one of eight block heights."""
    level = round((min(5.0, max(1.0, score)) - 1) / 4 * (len(BLOCKS) - 1))
    return BLOCKS[level]


def columns(sessions: int, width: int = CHART_WIDTH) -> list[range]:
    """Split the sessions, oldest first, into at most ``width`` runs of near-equal length."""
    count = min(sessions, width)
    return [range(i * sessions // count, (i + 1) * sessions // count) for i in range(count)]


def sparkline(series: Series, runs: list[range]) -> str:
    """One block per run of sessions (their mean score), a space where the run has none."""
    by_session = {p.session: p.score for p in series.points}
    cells = []
    for run in runs:
        scores = [by_session[i] for i in run if i in by_session]
        cells.append(block(mean(scores)) if scores else " ")
    return "".join(cells)


def short_name(text: str) -> str:
    """A topic's or criterion's name cut to the name column."""
    return clip(text, NAME_WIDTH)


def _row(series: Series, runs: list[range]) -> str:
    change = f"{series.change:+.1f}" if series.change is not None else "-"
    return (
        f"{short_name(series.name):<{NAME_WIDTH}} {sparkline(series, runs):<{CHART_WIDTH}} "
        f"{series.recent:>6.1f} {change:>6} {series.count:>5}"
    )


def _table(title: str, rows: list[Series], runs: list[range]) -> list[str]:
    axis = "oldest → newest"
    head = f"{title:<{NAME_WIDTH}} {axis:<{CHART_WIDTH}} {'recent':>6} {'change':>6} {'n':>5}"
    return [head, *(_row(s, runs) for s in rows)]


def progress_text(report: Progress) -> str:
    sessions = report.sessions
    if not sessions:
        return "No graded sessions yet: practise first (interviewer practice)."
    runs = columns(len(sessions))
    first, last = sessions[0].started_at.astimezone(), sessions[-1].started_at.astimezone()
    per = (
        "one column per session"
        if len(runs) == len(sessions)
        else f"each column is about {len(sessions) / len(runs):.0f} sessions"
    )
    lines = [
        f"Progress over {len(sessions):,} session(s), {first:%Y-%m-%d} to {last:%Y-%m-%d} ({per}).",
        f"Scores 1 to 5, drawn {BLOCKS[0]} (1) to {BLOCKS[-1]} (5); recent = mean of the last "
        f"{RECENT} graded answers,",
        f"change = recent minus the first {RECENT}; n = graded answers.",
        "",
        *_table("By topic", report.topics, runs),
        _row(report.overall, runs),
        "",
        *_table("By criterion", report.criteria, runs),
        "",
        "Weakest topics (lowest recent score):",
    ]
    for number, series in enumerate(report.weakest(), start=1):
        lines.append(
            f"  {number}. {series.name}: {series.recent:.1f} over {series.count} answer(s)"
        )
    lines.append("Practise them: interviewer practice --focus weak")
    if report.history.regrades:
        lines.append(f"({report.history.regrades} regrade(s) not counted: same answers, twice.)")
    return "\n".join(lines)


def progress_json(report: Progress) -> dict[str, Any]:
    """The figures behind the chart, for scripts."""

    def series(s: Series) -> dict[str, Any]:
        return {
            "name": s.name,
            "recent": s.recent,
            "change": s.change,
            "count": s.count,
            "points": [
                {
                    "date": report.sessions[p.session].started_at.isoformat(),
                    "score": round(p.score, 2),
                }
                for p in s.points
            ],
        }

    return {
        "sessions": len(report.sessions),
        "regrades": report.history.regrades,
        "overall": series(report.overall),
        "topics": [series(s) for s in report.topics],
        "criteria": [series(s) for s in report.criteria],
        "weakest": [s.name for s in report.weakest()],
        "skipped": [{"path": str(p), "reason": r} for p, r in report.history.skipped],
    }
