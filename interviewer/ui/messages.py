"""The messages that travel up: from the grading worker to its screen, and from screens to the app.

Workers and screens never reach into the app or another screen's widgets:
they call the core and post one of these, and whoever owns the state reacts
in a handler ("attributes down, messages up").
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from interviewer.dialogue import Interview, Outcome
from interviewer.regrade import Regrade
from interviewer.transcripts import Settings, Transcript


class FeedbackStreamed(Message, bubble=False):
    """The feedback text so far while an LLM writes it (the whole text, not a delta)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        # Each one carries all the text so far, so a burst of tokens that
        # arrives faster than the screen redraws collapses into the newest.
        return isinstance(message, FeedbackStreamed)


class AnswerGraded(Message, bubble=False):
    """The grading worker's result, for the interview screen alone."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


class StartRequested(Message):
    """The start screen's choices; the app builds the interview from them."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class InterviewFinished(Message):
    """The interview has ended (its summary is saved); show the summary."""

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview


class NewInterviewRequested(Message):
    pass


class TranscriptsRequested(Message):
    """Show the list of past transcripts, over this screen or (``replace``) instead of it."""

    def __init__(self, *, replace: bool = False) -> None:
        super().__init__()
        self.replace = replace


class ReplayRequested(Message):
    """Step through a transcript, already loaded (from the summary) or by its path (the list)."""

    def __init__(self, path: Path, transcript: Transcript | None = None) -> None:
        super().__init__()
        self.path = path
        self.transcript = transcript


class RegradeProgress(Message, bubble=False):
    """How far a re-grade has got: ``done`` answers of ``total``."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RegradeProgress)


class Regraded(Message, bubble=False):
    """A re-grade finished and was saved at ``path``."""

    def __init__(self, result: Regrade, path: Path) -> None:
        super().__init__()
        self.result = result
        self.path = path


class ProgressRequested(Message):
    """Show scores over the whole history."""
