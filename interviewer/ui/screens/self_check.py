"""The self-check: the reference answer and the key points, each marked by the candidate.

Opened on a graded answer (Ctrl+L in the interview, C in a replay). It starts
from the evaluator's marks (with the candidate's earlier ones on top), a
number key or a click toggles a point (a click reaches points past the ninth,
which have no key), Enter saves and Esc closes without saving. It
dismisses with the marks, or ``None``; the caller records and saves them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from interviewer.history.marks import Marks
from interviewer.history.schema import Turn
from interviewer.history.self_check import Check
from interviewer.reports.render import reflow

MAX_KEYS = 9


def check_heading(turn: Turn) -> str:
    return f"{turn.question_id}, your {'follow-up' if turn.kind == 'follow_up' else 'answer'}"


class SelfCheckScreen(ModalScreen[Marks | None]):
    DEFAULT_CSS = """
    SelfCheckScreen { align: center middle; }
    #self-check { height: 92%; }
    #self-check-body { height: 1fr; }
    #self-check-body .heading { text-style: bold; }
    #self-check-body .reference-heading { margin-top: 1; }
    #self-check-body .point { height: auto; }
    #self-check-body .point > .mark { width: 13; }
    #self-check-body .point > .text { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"mark({n})", f"Point {n}", show=False, tooltip="Covered or missed")
            for n in range(1, MAX_KEYS + 1)
        ),
        Binding("enter", "save", "Save", tooltip="Keep these marks; the scores follow them"),
        Binding("escape", "dismiss_check", "Close", tooltip="Close without saving"),
    ]

    def __init__(self, check: Check, heading: str) -> None:
        super().__init__()
        self.check = check
        self.heading = heading
        self.marks: Marks = {p: check.start.get(p, False) for p in check.points}

    def compose(self) -> ComposeResult:
        with Vertical(id="self-check", classes="dialog"):
            yield Label(f"Self-check · {self.heading}", classes="dialog-title", markup=False)
            with VerticalScroll(id="self-check-body"):
                # The points first: they are what the keys change; the reference backs them up.
                yield Label("Key points: did your answer say each one?", classes="heading")
                for number in range(1, len(self.check.points) + 1):
                    mark, text = self._row(number)
                    with Horizontal(id=f"point-{number}", classes="point"):
                        yield Static(mark, classes="mark")
                        yield Static(text, classes="text")
                yield Label("Reference answer", classes="heading reference-heading")
                yield Static(reflow(self.check.reference), markup=False)
            yield Label(
                f"{self._keys()} or a click: covered or missed · Enter saves · Esc closes",
                classes="muted",
            )

    def _keys(self) -> str:
        last = min(len(self.check.points), MAX_KEYS)
        return "1" if last == 1 else f"1-{last}"

    def _row(self, number: int) -> tuple[Content, Content]:
        """The key and the mark; the point, and the evaluator's mark where it differs."""
        point = self.check.points[number - 1]
        covered = self.marks[point]
        key = f"{number}" if number <= MAX_KEYS else " "
        mark = ("✓ covered", "bold $success") if covered else ("✗ missed", "bold $error")
        theirs = self.check.evaluator.get(point, False)
        differs = (
            "" if covered == theirs else f"  (the evaluator: {'covered' if theirs else 'missed'})"
        )
        return (
            Content.assemble((f"{key} ", "bold"), mark),
            Content.assemble(point, (differs, "$text-muted")),
        )

    def action_mark(self, number: int) -> None:
        if 1 <= number <= len(self.check.points):
            point = self.check.points[number - 1]
            self.marks[point] = not self.marks[point]
            mark, text = self._row(number)
            row = self.query_one(f"#point-{number}", Horizontal)
            row.query_one(".mark", Static).update(mark)
            row.query_one(".text", Static).update(text)

    def on_click(self, event: events.Click) -> None:
        node: DOMNode | None = event.widget
        while node is not None and not (node.id or "").startswith("point-"):
            node = node.parent
        if node is not None and node.id is not None:
            self.action_mark(int(node.id.removeprefix("point-")))

    def action_save(self) -> None:
        self.dismiss(dict(self.marks))

    def action_dismiss_check(self) -> None:
        self.dismiss(None)
