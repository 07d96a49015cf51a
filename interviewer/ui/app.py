"""The Textual app: screens, navigation between them, and quitting safely.

``make_app`` builds it for the CLI and for the tests alike (the way posting's
``make_posting`` does), so a snapshot runs the same app a user does, with a
frozen clock, a fixed transcript id and no cursor blink passed in.

Screens receive what they show and post messages up; this module alone
decides which screen comes next and owns the one piece of cross-screen
state that matters, the interview in progress, so Ctrl+Q can end and save
it from wherever the candidate is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from interviewer.content.bank import Library
from interviewer.errors import UserError
from interviewer.grading.protocol import Evaluator
from interviewer.history.schema import Settings, Transcript, load_transcript, now
from interviewer.history.store import TranscriptStore
from interviewer.session.dialogue import Interview, new_seed
from interviewer.ui.commands import ScreenCommands
from interviewer.ui.messages import (
    InterviewFinished,
    NewInterviewRequested,
    ProgressRequested,
    ReplayRequested,
    StartRequested,
    TranscriptsRequested,
)
from interviewer.ui.screens.help import HelpScreen, Section
from interviewer.ui.screens.interview import InterviewScreen
from interviewer.ui.screens.progress import ProgressScreen
from interviewer.ui.screens.regrade import RegradeScreen
from interviewer.ui.screens.replay import ReplayScreen
from interviewer.ui.screens.start import StartScreen
from interviewer.ui.screens.summary import SummaryScreen
from interviewer.ui.screens.transcripts import TranscriptsScreen

Start = Literal["practice", "transcripts", "replay"]


@dataclass(frozen=True)
class AppConfig:
    store: TranscriptStore
    library: Library | None = None
    evaluator: Evaluator | None = None
    """Grades interviews (and re-grades); ``None`` in replay, where ``make_evaluator`` is used."""
    make_evaluator: Callable[[], Evaluator] | None = None
    """Builds an evaluator on first use: a replay may never re-grade, so never pay for it."""
    settings: Settings | None = None
    clock: Callable[[], datetime] = now
    transcript_id: str | None = None
    """The first interview's id (tests fix it so snapshots do not change)."""
    cursor_blink: bool = True


class InterviewerApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    # Screens get ``-narrow`` under 90 columns and ``-short`` under 28 rows,
    # where the side panel and the answer box give way to the conversation.
    # (Textual declares these as plain attributes, so no ClassVar here.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip="Every key on every screen"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            tooltip="Quit; an interview in progress is ended and saved first",
        ),
    ]

    def __init__(
        self,
        config: AppConfig,
        *,
        start: Start = "practice",
        replay: Transcript | None = None,
        replay_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.start = start
        self._replay = (replay, replay_path)
        self._interview_screen: InterviewScreen | None = None
        self.evaluator: Evaluator | None = config.evaluator
        """The evaluator in use, once there is one (the caller closes it after the app)."""
        self._interviews = 0
        self._last_settings: Settings | None = None
        self.saved: list[Path] = []
        """Transcripts of interviews held in this run, to print after the app exits."""

    # -- screens -----------------------------------------------------------

    def on_mount(self) -> None:
        transcript, path = self._replay
        if self.start == "replay" and transcript is not None and path is not None:
            self.push_screen(self._replay_screen(transcript, path))
        elif self.start == "transcripts":
            self.push_screen(self._transcripts_screen())
        else:
            self.push_screen(self._start_screen())

    def _start_screen(self) -> StartScreen:
        c = self.config
        if c.library is None or c.evaluator is None or c.settings is None:
            raise RuntimeError("practice needs a library, an evaluator and settings")
        # The next interview starts from the last one's choices, with new questions.
        last = self._last_settings
        settings = c.settings if last is None else last.model_copy(update={"seed": new_seed()})
        return StartScreen(
            c.library,
            settings,
            evaluator=c.evaluator.name,
            store=c.store,
            cursor_blink=c.cursor_blink,
        )

    def _regrade_evaluator(self) -> Evaluator:
        if self.evaluator is None:
            assert self.config.make_evaluator is not None
            self.evaluator = self.config.make_evaluator()
        return self.evaluator

    def _replay_screen(self, transcript: Transcript, path: Path) -> ReplayScreen:
        can_grade = self.config.evaluator is not None or self.config.make_evaluator is not None
        return ReplayScreen(
            transcript,
            path,
            self.config.library,
            evaluator=self._regrade_evaluator if can_grade else None,
            clock=self.config.clock,
        )

    def _transcripts_screen(self) -> TranscriptsScreen:
        return TranscriptsScreen(self.config.store, can_practise=self.config.evaluator is not None)

    async def _show_alone(self, screen: Screen[None]) -> None:
        """Make ``screen`` the only one on the stack (above Textual's default screen)."""
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        await self.switch_screen(screen)

    async def on_start_requested(self, message: StartRequested) -> None:
        c = self.config
        assert c.library is not None and c.evaluator is not None
        settings = message.settings
        for note in message.notes:
            self.notify(note, timeout=10)
        try:
            interview = Interview(
                c.library,
                c.evaluator,
                settings,
                c.store,
                questions=message.questions,
                clock=c.clock,
                transcript_id=c.transcript_id if self._interviews == 0 else None,
            )
        except UserError as exc:
            self.notify(str(exc), title="Cannot start", severity="error")
            return
        self._interviews += 1
        self._last_settings = settings
        self.saved.append(interview.path)
        self._interview_screen = InterviewScreen(
            interview, clock=c.clock, cursor_blink=c.cursor_blink
        )
        await self._show_alone(self._interview_screen)

    async def on_interview_finished(self, message: InterviewFinished) -> None:
        interview = message.interview
        self._interview_screen = None
        self.saved[-1] = interview.path
        await self._show_alone(
            SummaryScreen(interview.transcript, interview.path, self.config.library)
        )

    async def on_new_interview_requested(self, message: NewInterviewRequested) -> None:
        if self.config.evaluator is not None:
            await self._show_alone(self._start_screen())

    async def on_transcripts_requested(self, message: TranscriptsRequested) -> None:
        if message.replace:
            await self.switch_screen(self._transcripts_screen())
        else:
            await self.push_screen(self._transcripts_screen())

    async def on_replay_requested(self, message: ReplayRequested) -> None:
        try:
            transcript = message.transcript or load_transcript(message.path)
        except UserError as exc:
            self.notify(str(exc), title="Cannot open", severity="error")
            return
        await self.push_screen(self._replay_screen(transcript, message.path))

    async def on_progress_requested(self, message: ProgressRequested) -> None:
        if not isinstance(self.screen, ProgressScreen):
            await self.push_screen(ProgressScreen(self.config.store))

    # -- keys everywhere ---------------------------------------------------

    def help_sections(self, current: Screen[Any] | None = None) -> list[Section]:
        """Every screen's keys: those that work anywhere, then ``current``'s, then the rest."""
        everywhere = [*self.BINDINGS, Binding("ctrl+p", "command_palette", "Command palette")]
        screens: list[tuple[type[Screen[Any]], Section]] = [
            (
                StartScreen,
                (
                    "Start",
                    StartScreen.BINDINGS,
                    [
                        ("enter", "Start (from the button or the Questions field)"),
                        ("tab / shift+tab", "Move between the choices"),
                        ("space", "Tick or untick a topic or difficulty"),
                    ],
                ),
            ),
            (
                InterviewScreen,
                (
                    "Interview",
                    InterviewScreen.BINDINGS,
                    [
                        ("enter", "A new line in your answer"),
                        ("tab", "Focus the conversation (arrow keys scroll it)"),
                    ],
                ),
            ),
            (SummaryScreen, ("Summary", SummaryScreen.BINDINGS, [])),
            (
                TranscriptsScreen,
                ("Transcripts", TranscriptsScreen.BINDINGS, [("↑ / ↓", "Highlight an interview")]),
            ),
            (ReplayScreen, ("Replay", ReplayScreen.BINDINGS, [])),
            (RegradeScreen, ("Re-grade", RegradeScreen.BINDINGS, [])),
            (ProgressScreen, ("Progress", ProgressScreen.BINDINGS, [])),
        ]
        screens.sort(key=lambda item: not isinstance(current, item[0]))
        return [("Everywhere", everywhere, []), *(section for _, section in screens)]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Progress",
            "Scores over time per topic and criterion, and the weakest topics",
            lambda: self.post_message(ProgressRequested()),
        )
        yield SystemCommand(
            "Transcripts",
            "Past interviews, to replay or re-grade",
            lambda: self.post_message(TranscriptsRequested()),
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections(self.screen)))

    async def action_quit(self) -> None:
        screen = self._interview_screen
        if screen is not None:
            screen.close_for_quit()
            self.saved[-1] = screen.interview.path
            self._interview_screen = None
        self.exit(0)


def make_app(
    store: TranscriptStore,
    *,
    library: Library | None = None,
    evaluator: Evaluator | None = None,
    make_evaluator: Callable[[], Evaluator] | None = None,
    settings: Settings | None = None,
    start: Start = "practice",
    replay: Path | None = None,
    clock: Callable[[], datetime] = now,
    transcript_id: str | None = None,
    cursor_blink: bool = True,
) -> InterviewerApp:
    """The app, ready to run: an interview (``practice``), the list of transcripts, or a replay.

    ``replay`` is read here, before the app starts, so a bad file is a one-line
    error on the command line rather than a screen.
    """
    if start == "practice" and (library is None or evaluator is None):
        raise ValueError("practice needs a library and an evaluator")
    transcript = load_transcript(replay) if start == "replay" and replay is not None else None
    config = AppConfig(
        store=store,
        library=library,
        evaluator=evaluator,
        make_evaluator=make_evaluator,
        settings=settings or Settings(),
        clock=clock,
        transcript_id=transcript_id,
        cursor_blink=cursor_blink,
    )
    return InterviewerApp(config, start=start, replay=transcript, replay_path=replay)
