"""The messages that travel up: from the grading worker to its screen, and from screens to the app.

Workers and screens never reach into the app or another screen's widgets:
they call the core and post one of these, and whoever owns the state reacts
in a handler ("attributes down, messages up").

Each is a dataclass, as Textual's own messages are: ``Message.__post_init__``
sets up what ``Message.__init__`` would, and the handler's name still comes
from the class name (``on_start_requested``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from interviewer.content.models import Question
from interviewer.history.regrade import Regrade
from interviewer.history.schema import Settings, Transcript
from interviewer.session.dialogue import Interview, Outcome


@dataclass
class FeedbackStreamed(Message, bubble=False):
    """The feedback text so far while an LLM writes it (the whole text, not a delta)."""

    text: str

    def can_replace(self, message: Message) -> bool:
        # Each one carries all the text so far, so a burst of tokens that
        # arrives faster than the screen redraws collapses into the newest.
        return isinstance(message, FeedbackStreamed)


@dataclass
class AnswerGraded(Message, bubble=False):
    """The grading worker's result, for the interview screen alone."""

    outcome: Outcome


@dataclass
class StartRequested(Message):
    """The start screen's choices; the app builds the interview from them."""

    settings: Settings
    questions: list[Question] | None = None
    """Planned from history for ``focus weak``; ``None``: drawn from the bank as usual."""
    notes: tuple[str, ...] = ()
    """What planning them told the candidate (which weak spots were chosen, or why none)."""


@dataclass
class InterviewFinished(Message):
    """The interview has ended (its summary is saved); show the summary."""

    interview: Interview


class NewInterviewRequested(Message):
    pass


@dataclass
class TranscriptsRequested(Message):
    """Show the list of past transcripts, over this screen or (``replace``) instead of it."""

    replace: bool = False


@dataclass
class ReplayRequested(Message):
    """Step through a transcript, already loaded (from the summary) or by its path (the list)."""

    path: Path
    transcript: Transcript | None = None


@dataclass
class RegradeProgress(Message, bubble=False):
    """How far a re-grade has got: ``done`` answers of ``total``."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RegradeProgress)


@dataclass
class Regraded(Message, bubble=False):
    """A re-grade finished and was saved at ``path``."""

    result: Regrade
    path: Path


class ProgressRequested(Message):
    """Show scores over the whole history."""
