"""Progress over the whole history: scores per topic and per criterion, session by session.

A long history is a thousand files, so this reads each transcript's digest
(as the listing does) and takes only the final grade of each question, as
the summary does (``final_turns``): validating every turn in full would cost
several times more. A corrupt or half-written file comes back as
``(path, reason)`` to be named in a warning; it never stops the scan. The
drawing is ``progress_view``.

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

from interviewer.content.bank import BUILTIN_TOPICS
from interviewer.history.marks import corrected_scores, effective_marks
from interviewer.history.schema import TranscriptDigest, final_turns
from interviewer.history.store import TranscriptStore, iter_digests

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


def _session(path: Path, digest: TranscriptDigest) -> Session | None:
    """The final grades of a transcript, as self-checks corrected them; ``None`` for a regrade."""
    if digest.regraded_from:
        return None
    turns = digest.turns
    graded = []
    for qid, index in final_turns(turns).items():
        turn = turns[index]
        assert turn.feedback is not None
        overall, criteria = corrected_scores(turn.feedback, qid, effective_marks(turns, index))
        graded.append(Graded(qid, turn.topic, overall, criteria))
    return Session(path, digest.id, digest.started_at, tuple(graded))


def scan(store: TranscriptStore) -> History:
    sessions: list[Session] = []
    skipped: list[tuple[Path, str]] = []
    regrades = 0
    for item in iter_digests(store, _session):
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
