"""The start screen: what to practise, with defaults good enough that Enter starts at once.

The defaults come from the command line (``interviewer practice --topic …``),
so a flag pre-fills the form instead of skipping it. Nothing ticked means
every topic and every difficulty; "my weak spots" is ``--focus weak``, whose
questions are planned from every saved transcript in a thread worker (as the
other screens read history), so a long history never freezes the form.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, SelectionList, Static
from textual.worker import get_current_worker

from interviewer.content.bank import Library
from interviewer.content.models import DIFFICULTIES
from interviewer.content.rubric_label import CHOICE, FORM_LABEL, chosen_rubric
from interviewer.history.schema import Settings
from interviewer.history.store import TranscriptStore
from interviewer.ui.formatting import display_path
from interviewer.ui.messages import StartRequested, TranscriptsRequested
from interviewer.ui.widgets.tick_list import TickList

WHOLE_BANK = "-bank-"
FOCUS = "focus"
FOLLOW_UP_CHOICES = (0, 1, 2, 3)


class StartScreen(Screen[None]):
    AUTO_FOCUS = "#start"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", tooltip="Start the interview with these choices"),
        Binding("ctrl+l", "transcripts", "Transcripts", tooltip="Past interviews, to replay"),
    ]

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        evaluator: str,
        store: TranscriptStore,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.evaluator = evaluator
        self.store = store
        self.transcripts = store.directory
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        s = self.settings
        rubrics = [(FORM_LABEL, CHOICE)] + [(f"{r.id}", r.id) for r in self.library.rubrics]
        yield Header()
        with VerticalScroll(id="start-form"):
            yield Static(
                "Practise a machine-learning interview. Enter starts with these choices.",
                id="start-intro",
            )
            with Horizontal(id="start-columns"):
                with Vertical(classes="column"):
                    yield Label("Topics [dim](none ticked: all)[/]")
                    yield TickList(
                        *[(t, t, t in s.topics) for t in self.library.bank.topics()],
                        id="topics",
                    )
                    yield Label("Difficulty [dim](none ticked: any)[/]")
                    yield TickList(
                        *[(d, d, d in s.difficulties) for d in DIFFICULTIES], id="difficulty"
                    )
                    yield Label("Questions from")
                    yield Select(
                        [("the whole bank", WHOLE_BANK), ("my weak spots (from history)", "weak")],
                        value=s.focus or WHOLE_BANK,
                        allow_blank=False,
                        id="focus",
                        compact=True,
                    )
                with Vertical(classes="column"):
                    yield Label("Questions")
                    yield Input(
                        str(s.questions),
                        type="integer",
                        id="questions",
                        compact=True,
                        max_length=3,
                    )
                    yield Label("Rubric")
                    yield Select(
                        rubrics,
                        value=s.rubric or CHOICE,
                        allow_blank=False,
                        id="rubric",
                        compact=True,
                    )
                    yield Label("Follow-ups per question")
                    yield Select(
                        [(str(n), n) for n in sorted({*FOLLOW_UP_CHOICES, s.follow_ups})],
                        value=s.follow_ups,
                        allow_blank=False,
                        id="follow-ups",
                        compact=True,
                    )
                    yield Label("Feedback")
                    yield Select(
                        [("after each answer", "each"), ("at the end (mock interview)", "end")],
                        value=s.feedback,
                        allow_blank=False,
                        id="feedback",
                        compact=True,
                    )
            yield Static(self._evaluator_line(), id="evaluator")
            yield Static(
                Content.assemble(("Transcripts  ", "bold"), display_path(self.transcripts)),
                id="transcripts",
            )
            yield Button("Start interview", variant="primary", id="start", compact=True)
        yield Footer()

    def _evaluator_line(self) -> Content:
        if self.evaluator == "offline":
            detail = "offline, built in (set OPENAI_API_KEY or OPENAI_BASE_URL for LLM grading)"
        else:
            detail = f"LLM {self.evaluator} (falls back to offline grading if it fails)"
        return Content.assemble(("Evaluator    ", "bold"), detail)

    def on_mount(self) -> None:
        self.title = "interviewer"
        self.sub_title = "new interview"
        self.query_one("#questions", Input).cursor_blink = self._cursor_blink
        self.query_one("#start-form").can_focus = False  # Tab goes straight to the choices

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        settings = self.chosen()
        if settings is None:
            return
        self._stop_planning()  # the latest choices win
        if settings.focus == "weak":
            self.plan_focus(settings)
        else:
            self.post_message(StartRequested(settings))

    @work(thread=True, exclusive=True, group=FOCUS)
    def plan_focus(self, settings: Settings) -> None:
        from interviewer.history.focus import focus_questions

        notes: list[str] = []
        questions = focus_questions(self.library, settings, self.store, notes.append)
        if not get_current_worker().is_cancelled:  # a second Start replaced this one
            self.post_message(StartRequested(settings, questions, tuple(notes)))

    def _stop_planning(self) -> None:
        self.workers.cancel_group(self, FOCUS)

    def on_screen_suspend(self) -> None:
        self._stop_planning()  # left for another screen: no interview starts behind it

    def action_transcripts(self) -> None:
        self.post_message(TranscriptsRequested())

    def chosen(self) -> Settings | None:
        """The settings on screen, or ``None`` (with a notice) when the count is not valid."""
        field = self.query_one("#questions", Input)
        try:
            count = int(field.value)
        except ValueError:
            count = 0
        if count < 1:
            self.notify("Questions: enter a whole number, 1 or more.", severity="error")
            field.focus()
            return None
        rubric = self.query_one("#rubric", Select).value
        focus = self.query_one("#focus", Select).value
        chosen = {
            "topics": list(self.query_one("#topics", SelectionList).selected),
            "difficulties": list(self.query_one("#difficulty", SelectionList).selected),
            "questions": count,
            "rubric": chosen_rubric(str(rubric)),
            "follow_ups": self.query_one("#follow-ups", Select).value,
            "feedback": self.query_one("#feedback", Select).value,
            "focus": None if focus == WHOLE_BANK else focus,
        }
        # Validated, not copied: a widget's value must still be a valid setting.
        return Settings.model_validate({**self.settings.model_dump(), **chosen})
