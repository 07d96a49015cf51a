"""Every key, screen by screen, built from the bindings themselves so it cannot drift."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

Section = tuple[str, Sequence[BindingType], Sequence[tuple[str, str]]]
"""A title, its bindings, and extra (keys, meaning) rows for keys widgets own."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", tooltip="Close the help")
    ]

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for title, bindings, extra in self.sections:
                    yield Label(title, classes="heading")
                    for binding in bindings:
                        if isinstance(binding, Binding) and binding.description:
                            yield self._row(self._keys(binding), binding.description, binding)
                    for keys, meaning in extra:
                        yield self._row(keys, meaning, None)
            yield Label("Esc closes · Ctrl+P opens the command palette", classes="muted")

    def _keys(self, binding: Binding) -> str:
        keys = [k.strip() for k in binding.key.split(",")]
        return " / ".join(
            self.app.get_key_display(dataclasses.replace(binding, key=k, key_display=None))
            for k in keys
        )

    def _row(self, keys: str, description: str, binding: Binding | None) -> Horizontal:
        detail = f"  {binding.tooltip}" if binding is not None and binding.tooltip else ""
        return Horizontal(
            Static(keys, classes="keys", markup=False),
            Static(Content.assemble(description, (detail, "$text-muted")), classes="what"),
            classes="help-row",
        )

    def action_close(self) -> None:
        self.dismiss()
