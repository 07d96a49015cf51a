"""One row per past session, for ``interviewer transcripts`` and the app's list.

A history is a thousand files, so each row comes from the transcript's
digest (``schema.TranscriptDigest``) rather than the whole record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewer.content.rubric_label import rubrics_label
from interviewer.history.schema import TranscriptDigest
from interviewer.history.store import TranscriptStore, iter_digests


@dataclass(frozen=True)
class Listing:
    path: Path
    id: str
    started_at: datetime
    topics: list[str]
    rubric: str
    evaluator: str
    questions: int
    overall: float | None
    regraded_from: str | None


def listing(path: Path, digest: TranscriptDigest) -> Listing:
    settings, turns = digest.settings, digest.turns
    graded = [(t.topic, t.feedback.rubric) for t in turns if t.feedback is not None]
    return Listing(
        path=path,
        id=digest.id,
        started_at=digest.started_at,
        topics=settings.topics or sorted({t.topic for t in turns}),
        rubric=rubrics_label(graded, settings.rubric),
        evaluator=settings.evaluator,
        questions=len({t.question_id for t in turns if t.status == "answered"}),
        overall=digest.summary.overall if digest.summary is not None else None,
        regraded_from=digest.regraded_from,
    )


def iter_listings(store: TranscriptStore) -> Iterator[Listing | tuple[Path, str]]:
    """Every transcript's listing, or ``(path, reason)`` for one that cannot be read."""
    return iter_digests(store, listing)
