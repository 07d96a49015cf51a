"""``--focus weak``: practise the weakest topics, and bring back what went badly, spaced out.

Two sources fill a focused session:

* **Reviews.** A question whose final score in a session was below ``BAD``
  (3.5) enters review. It comes back once ``INTERVALS[step]`` sessions have
  passed since it was last answered: after 1 session (never in the very next
  one), and each time it is then answered well the wait grows to 3, then 7
  sessions; answered well after the 7-session wait, it leaves review.
  Answered badly at any point, it starts again at 1. (A Leitner schedule
  counted in sessions rather than days: practice is irregular, and a
  question seen yesterday and again today has not been spaced.) Up to half
  the session, rounded up, is reviews: the most overdue-and-worst first.
* **Weak topics.** The rest comes from the ``WEAK_TOPICS`` topics with the
  lowest recent score (as ``interviewer progress`` ranks them), preferring
  questions never answered before.

A question in review that is not yet due is never chosen, from any source.
Sessions are counted as ``interviewer progress`` counts them: transcripts
with at least one graded answer, regrades excluded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interviewer.content.bank import Library
from interviewer.content.models import Question
from interviewer.history.progress import History, progress, scan
from interviewer.history.schema import Settings
from interviewer.history.store import TranscriptStore

BAD = 3.5
"""A final score below this brings the question back for review."""
INTERVALS = (1, 3, 7)
"""Sessions to wait before a review, by step: the wait grows with each good answer."""
WEAK_TOPICS = 2


@dataclass(frozen=True)
class Review:
    question_id: str
    step: int
    """Index into ``INTERVALS``."""
    last_score: float
    sessions_since: int
    """Sessions held since the question was last answered (0: it was in the latest)."""

    @property
    def interval(self) -> int:
        return INTERVALS[self.step]

    @property
    def due(self) -> bool:
        return self.sessions_since >= self.interval

    @property
    def overdue(self) -> int:
        return self.sessions_since - self.interval


def reviews(history: History) -> list[Review]:
    """Every question in review as of the next session, replaying the history in order."""
    state: dict[str, tuple[int | None, int, float]] = {}
    for index, session in enumerate(history.sessions):
        for graded in session.graded:
            step = state.get(graded.question_id, (None, 0, 0.0))[0]
            if graded.overall < BAD:
                step = 0
            elif step is not None:
                step = step + 1 if step + 1 < len(INTERVALS) else None
            state[graded.question_id] = (step, index, graded.overall)
    upcoming = len(history.sessions)
    return [
        Review(qid, step, score, upcoming - last - 1)
        for qid, (step, last, score) in state.items()
        if step is not None
    ]


@dataclass(frozen=True)
class FocusPlan:
    questions: list[Question]
    weak_topics: list[tuple[str, float]]
    """The weakest topics with their recent scores."""
    reviews: list[Review]
    """The reviews among ``questions``."""
    waiting: int
    """Questions in review that are not due yet."""

    def describe(self) -> str:
        topics = ", ".join(f"{t} ({s:.1f})" for t, s in self.weak_topics) or "none"
        text = f"Focus on weak areas: weakest topics {topics}"
        if self.reviews:
            ids = ", ".join(r.question_id for r in self.reviews)
            text += f"; bringing back {len(self.reviews)} answered badly before ({ids})"
        if self.waiting:
            text += f"; waiting for a later session: {self.waiting}"
        return text + "."


def plan_focus(library: Library, settings: Settings, history: History) -> FocusPlan | None:
    """The questions for a focused session, or ``None`` when the history has nothing to use."""
    if not history.sessions:
        return None
    bank = library.bank
    bank.check_topics(settings.topics)
    allowed = set(settings.topics or bank.topics())

    def fits(question: Question) -> bool:
        return question.topic in allowed and (
            not settings.difficulties or question.difficulty in settings.difficulties
        )

    report = progress(history)
    ranked = report.weakest(count=len(report.topics))
    weak = [(s.name, s.recent) for s in ranked if s.name in allowed][:WEAK_TOPICS]
    in_review = reviews(history)
    waiting = {r.question_id for r in in_review if not r.due}
    due = sorted(
        (r for r in in_review if r.due and r.question_id in bank and fits(bank.get(r.question_id))),
        key=lambda r: (r.last_score, -r.overdue, r.question_id),
    )
    count = settings.questions
    chosen_reviews = due[: (count + 1) // 2]
    chosen = [bank.get(r.question_id) for r in chosen_reviews]
    seen = {g.question_id for s in history.sessions for g in s.graded}

    def add(topics: list[str], exclude: set[str]) -> None:
        if len(chosen) < count:
            chosen.extend(
                bank.select(
                    topics=topics,
                    difficulties=settings.difficulties,
                    count=count - len(chosen),
                    seed=settings.seed,
                    exclude=exclude | {q.id for q in chosen},
                )
            )

    held = waiting | {r.question_id for r in due}
    weak_names = [t for t, _ in weak]
    if weak_names:
        add(weak_names, held | seen)  # new questions on the weak topics first
        add(weak_names, held)
    for review in due[len(chosen_reviews) :]:  # more reviews rather than leave a gap
        if len(chosen) < count:
            chosen.append(bank.get(review.question_id))
            chosen_reviews.append(review)
    add(sorted(allowed), waiting)
    if not chosen:
        return None
    return FocusPlan(chosen, weak, chosen_reviews, len(waiting))


def focus_questions(
    library: Library, settings: Settings, store: TranscriptStore, say: Callable[[str], None]
) -> list[Question] | None:
    """The focused question list for the interview, telling the user what was chosen.

    ``None`` means an empty history: the caller chooses questions as usual.
    """
    history = scan(store)
    plan = plan_focus(library, settings, history)
    if plan is None:
        why = (
            "No graded sessions yet, so --focus weak has nothing to go on"
            if not history.sessions
            else "--focus weak found no question that fits the chosen topics and difficulty"
        )
        say(f"{why}: choosing questions as usual.")
        return None
    say(plan.describe())
    return plan.questions
