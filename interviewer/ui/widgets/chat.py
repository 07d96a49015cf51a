"""The entries of the interview's chat log, and the log itself.

Every entry shows user or bank text with markup off: an answer that happens
to contain ``[b]`` must appear as typed, not restyled or rejected.
"""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from interviewer.reports.render import reflow
from interviewer.session.dialogue import Prompt


def prompt_title(prompt: Prompt, *, again: bool = False) -> str:
    """Short enough to stay whole on a bubble at 80 columns (about 46 characters).

    A follow-up leaves out the topic and difficulty its question already showed,
    and a repeated question its difficulty.
    """
    q = prompt.question
    where = f"{prompt.number} of {prompt.total}"
    if prompt.kind == "follow_up":
        title = f"Follow-up · question {where}"
    else:
        title = f"Question {where} · {q.topic}" + ("" if again else f" · {q.difficulty}")
    return title + (" (again)" if again else "")


class QuestionBubble(Static):
    def __init__(self, title: str, text: str) -> None:
        super().__init__(reflow(text), markup=False, classes="bubble question")
        self.border_title = title


class AnswerBubble(Static):
    def __init__(self, text: str, title: str = "Your answer") -> None:
        super().__init__(text, markup=False, classes="bubble answer")
        self.border_title = title


class Note(Static):
    """A one-line remark from the app: a hint, a skip, a rubric change, a cancelled grading."""

    def __init__(self, text: str, kind: str = "info") -> None:
        super().__init__(text, markup=False, classes=f"note {kind}")


class GradingCard(Static):
    """Stands where the feedback card will be, and shows the LLM's text as it streams."""

    def __init__(self, evaluator: str) -> None:
        super().__init__(
            f"Grading your answer ({evaluator})…", markup=False, classes="card grading"
        )
        self.border_title = "Grading · Esc cancels"

    def stream(self, text: str) -> None:
        self.update(text)


class ChatLog(VerticalScroll):
    """The conversation; each new entry scrolls into view.

    Scrolling waits for the layout: right after a mount the new entries have
    no size yet, so the wanted position (the end, or the top of a feedback
    card, whose score and bars matter most) is kept and applied after each
    layout of the screen, which also follows streamed text as it grows.
    Scrolling by hand drops it, so the log never pulls the reader away.
    """

    _target: Widget | Literal["end"] | None = None

    async def add(self, *widgets: Widget, reveal: Widget | None = None) -> None:
        """Mount ``widgets`` and scroll to the end, or to the top of ``reveal``."""
        self._target = reveal or "end"
        await self.mount(*widgets)
        self.call_after_refresh(self._scroll_to_target)

    def hold(self) -> None:
        """The reader scrolled: stop moving the log for them."""
        self._target = None

    def on_mount(self) -> None:
        # After each layout pass the new entries have their sizes and the log
        # its new scrollable height: the moment to scroll.
        self.screen.screen_layout_refresh_signal.subscribe(self, self._after_layout)

    def _after_layout(self, screen: Screen[object]) -> None:
        self._scroll_to_target()

    def _scroll_to_target(self) -> None:
        target = self._target
        if target == "end":
            self.scroll_end(animate=False, immediate=True)
        elif isinstance(target, Widget) and target.is_mounted and target.virtual_region:
            # Kept, not cleared: the log's scrollable size may not have caught
            # up with the new entries yet, and scrolling again is harmless.
            self.scroll_to_widget(target, top=True, animate=False, immediate=True)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.hold()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.hold()

    def action_scroll_up(self) -> None:
        self.hold()
        super().action_scroll_up()

    def action_page_up(self) -> None:
        self.hold()
        super().action_page_up()

    def action_scroll_home(self) -> None:
        self.hold()
        super().action_scroll_home()

    def action_scroll_down(self) -> None:
        self.hold()
        super().action_scroll_down()

    def action_page_down(self) -> None:
        self.hold()
        super().action_page_down()
