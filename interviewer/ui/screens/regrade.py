"""A re-grade beside the original: the same answers, scored under another rubric.

The pairing of criteria across rubrics (by id, else by what they measure)
and the new transcript come from ``interviewer.history.regrade``; this screen only
draws each pair as two bars and the change between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from interviewer.clip import clip
from interviewer.content.bank import Library
from interviewer.content.rubric_label import rubric_name
from interviewer.history.regrade import Regrade
from interviewer.history.summary import rubrics_used
from interviewer.reports.regrade_view import change_text  # the CLI's figures, so both agree
from interviewer.ui.formatting import display_path, score_bar
from interviewer.ui.messages import ReplayRequested
from interviewer.ui.widgets.chat import AnswerBubble

LABEL_WIDTH = 30


def _score(value: float | None, digits: int) -> Content:
    if value is None:
        return Content("-".ljust(8 + 5))
    return Content.assemble(score_bar(value, 8), f" {value:.{digits}f}".ljust(5))


def comparison_row(label: str, old: float | None, new: float | None, digits: int) -> Content:
    label = clip(label, LABEL_WIDTH)
    change = change_text(old, new, digits)
    style = "$text-success" if change.startswith("+") else "$text-error" if "-" in change else ""
    return Content.assemble(
        label.ljust(LABEL_WIDTH),
        " ",
        _score(old, digits),
        "  ",
        _score(new, digits),
        (f" {change:>5}", style),
    )


class RegradeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "replay", "Replay the re-grade", tooltip="Step through the new transcript"),
        Binding("escape", "back", "Back", tooltip="Back to the original"),
    ]

    def __init__(self, result: Regrade, path: Path, library: Library | None) -> None:
        super().__init__()
        self.result = result
        self.path = path
        self.library = library

    def compose(self) -> ComposeResult:
        old, new = self.result.original, self.result.transcript
        header = Content.assemble("".ljust(LABEL_WIDTH), " ", ("before".ljust(15), "bold"))
        header = header + Content.styled("after", "bold")
        yield Header()
        with VerticalScroll(id="regrade"):
            before_name = rubrics_used(old)
            yield Static(
                Content.assemble(
                    ("Re-graded under ", "bold"),
                    (rubric_name(new.settings.rubric), "bold"),
                    f" rubric (was {before_name}), graded by {new.settings.evaluator}."
                    " The answers are unchanged.",
                )
            )
            yield Static(
                Content.assemble(("Saved as ", "bold"), display_path(self.path)), classes="muted"
            )
            for number, change in enumerate(self.result.answers, start=1):
                turn = change.turn
                kind = "follow-up" if turn.kind == "follow_up" else "answer"
                yield Label(f"{number}. {turn.topic} · {kind}", classes="heading section")
                yield AnswerBubble(turn.answer or "", title=turn.question_id)
                yield Static(header)
                yield Static(
                    comparison_row(
                        "overall", change.old.overall if change.old else None, change.new.overall, 1
                    )
                )
                for c in change.criteria:
                    yield Static(comparison_row(c.label, c.old, c.new, 0))
            if not self.result.answers:
                yield Static("The transcript holds no answers to re-grade.")
            before, after = self.result.old_summary, self.result.new_summary
            yield Label("The whole session", classes="heading section")
            yield Static(header)
            yield Static(comparison_row("overall", before.overall, after.overall, 1))
            for topic in dict.fromkeys([*before.topics, *after.topics]):
                yield Static(
                    comparison_row(topic, before.topics.get(topic), after.topics.get(topic), 1)
                )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "interviewer"
        self.sub_title = "re-grade"

    def action_replay(self) -> None:
        self.post_message(ReplayRequested(self.path, self.result.transcript))

    def action_back(self) -> None:
        self.dismiss()
