"""Progress over the whole history: scores per topic and per criterion, session by session.

A long history is a thousand files, so this reads the raw JSON through
``iter_raw`` (as the listing does) and takes only the final grade of each
question: validating every turn with pydantic would cost several times
more. A corrupt or half-written file comes back as ``(path, reason)`` to be
named in a warning; it never stops the scan.

Regrades are left out: they hold the same answers as their original, so
counting them would weigh one session twice. Sessions with no graded
answer are left out too: there is nothing in them to chart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import mean
from typing import Any

from interviewer.bank import BUILTIN_TOPICS
from interviewer.clip import clip
from interviewer.selfcheck import corrected_raw, thread_marks
from interviewer.transcripts import TranscriptStore, iter_raw, raw_score, raw_time

RECENT = 5
"""How many of the latest graded answers make a topic's or criterion's recent score."""


@dataclass(frozen=True)
class Graded:
    """One question's final grade in one session (its last graded answer)."""

    question_id: str
    topic: str
    overall: float
    criteria: dict[str, float]


@dataclass(frozen=True)
class Session:
    path: Path
    id: str
    started_at: datetime
    graded: tuple[Graded, ...]


@dataclass(frozen=True)
class Point:
    session: int
    """Index into ``History.sessions``: the shared time axis."""
    score: float
    """The mean over the session's graded questions (or criterion scores)."""


@dataclass
class Series:
    """One topic's or criterion's scores over time."""

    name: str
    points: list[Point] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    """Every graded answer's score, oldest first."""

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def recent(self) -> float:
        return round(mean(self.scores[-RECENT:]), 2)

    @property
    def change(self) -> float | None:
        """Recent score minus the first ``RECENT`` answers' mean, once they differ."""
        if len(self.scores) <= RECENT:
            return None
        return round(self.recent - mean(self.scores[:RECENT]), 2)


@dataclass(frozen=True)
class History:
    sessions: list[Session]
    """Oldest first; no regrades, no sessions without a graded answer."""
    skipped: list[tuple[Path, str]]
    """Files that could not be read, with the reason."""
    regrades: int


def _session(path: Path, data: dict[str, Any]) -> Session | None:
    """The final grades of a raw transcript; ``None`` for a regrade."""
    started_at = raw_time(data["started_at"])
    if data.get("regraded_from"):
        return None
    finals: dict[str, Graded] = {}
    checks: dict[str, list[Any]] = defaultdict(list)
    for turn in data.get("turns", []):
        feedback = turn.get("feedback")
        qid = str(turn["question_id"])
        corrected = None
        if turn.get("self_check") or checks[qid]:  # the candidate's marks, if they made some
            marks = thread_marks(checks[qid], turn.get("self_check"))
            checks[qid].append(turn.get("self_check"))
            corrected = corrected_raw(feedback, qid, marks) if feedback else None
        if not feedback:
            continue
        overall, criteria = corrected or (
            feedback["overall"],
            {str(c["id"]): c["score"] for c in feedback["criteria"]},
        )
        finals[qid] = Graded(
            question_id=qid,
            topic=str(turn["topic"]),
            overall=raw_score(overall),
            criteria={cid: raw_score(score) for cid, score in criteria.items()},
        )
    return Session(path, str(data["id"]), started_at, tuple(finals.values()))


def scan(store: TranscriptStore) -> History:
    sessions: list[Session] = []
    skipped: list[tuple[Path, str]] = []
    regrades = 0
    for item in iter_raw(store, _session):
        if isinstance(item, tuple):
            skipped.append(item)
        elif item is None:
            regrades += 1
        elif item.graded:
            sessions.append(item)
    sessions.sort(key=lambda s: s.started_at)
    return History(sessions, skipped, regrades)


def _topic_order(name: str) -> tuple[int, str]:
    builtin = name in BUILTIN_TOPICS
    return (BUILTIN_TOPICS.index(name) if builtin else len(BUILTIN_TOPICS), name)


@dataclass(frozen=True)
class Progress:
    history: History
    topics: list[Series]
    criteria: list[Series]
    overall: Series

    @property
    def sessions(self) -> list[Session]:
        return self.history.sessions

    def weakest(self, count: int = 3) -> list[Series]:
        """The topics with the lowest recent score (more answers first on a tie)."""
        return sorted(self.topics, key=lambda s: (s.recent, -s.count, s.name))[:count]


def progress(history: History) -> Progress:
    topics: dict[str, Series] = {}
    criteria: dict[str, Series] = {}
    overall = Series("overall")
    for index, session in enumerate(history.sessions):
        by_topic: dict[str, list[float]] = defaultdict(list)
        by_criterion: dict[str, list[float]] = defaultdict(list)
        for graded in session.graded:
            by_topic[graded.topic].append(graded.overall)
            for cid, score in graded.criteria.items():
                by_criterion[cid].append(score)
        overall.points.append(Point(index, mean(g.overall for g in session.graded)))
        overall.scores.extend(g.overall for g in session.graded)
        for groups, table in ((by_topic, topics), (by_criterion, criteria)):
            for name, scores in groups.items():
                series = table.setdefault(name, Series(name))
                series.points.append(Point(index, mean(scores)))
                series.scores.extend(scores)
    return Progress(
        history=history,
        topics=[topics[t] for t in sorted(topics, key=_topic_order)],
        criteria=[criteria[c] for c in sorted(criteria)],
        overall=overall,
    )


def load_progress(store: TranscriptStore) -> Progress:
    return progress(scan(store))


# -- drawing -----------------------------------------------------------------

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


def _name(text: str) -> str:
    return clip(text, NAME_WIDTH)


def _row(series: Series, runs: list[range]) -> str:
    change = f"{series.change:+.1f}" if series.change is not None else "-"
    return (
        f"{_name(series.name):<{NAME_WIDTH}} {sparkline(series, runs):<{CHART_WIDTH}} "
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
