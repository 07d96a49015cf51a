"""A modal list of rubrics; the choice applies from the candidate's next answer.

Dismisses with a rubric id or ``rubric_label.CHOICE`` (each topic's own: read
either with ``chosen_rubric``), or ``None`` when the candidate backs out with Esc.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from interviewer.content.rubric_label import BY_TOPIC, CHOICE, OWN
from interviewer.content.rubrics import RubricSet


class RubricPicker(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_picker", "Back", tooltip="Keep the current rubric")
    ]

    def __init__(
        self,
        rubrics: RubricSet,
        current: str | None,
        *,
        title: str = "Grade the next answers with…",
        help_line: str = "Enter picks · Esc keeps the current one",
    ) -> None:
        super().__init__()
        self.rubrics = rubrics
        self.current = current or CHOICE
        self.title_text = title
        self.help_line = help_line

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble((BY_TOPIC, "bold"), (f"  {OWN} (the default)", "$text-muted")),
                id=CHOICE,
            )
        ]
        for rubric in self.rubrics:
            options.append(
                Option(
                    Content.assemble((rubric.id, "bold"), (f"  {rubric.title}", "$text-muted")),
                    id=rubric.id,
                )
            )
        with Vertical(id="picker", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(*options, id="rubrics")
            yield Label(self.help_line, id="picker-help", classes="muted", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        self.dismiss(choice or CHOICE)

    def action_dismiss_picker(self) -> None:
        self.dismiss(None)
