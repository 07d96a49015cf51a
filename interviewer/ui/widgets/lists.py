"""A titled list of short items with a marker, wrapped with a hanging indent.

Feedback and summaries are mostly lists (covered points, gaps, what to
practise next); a marker column keeps a wrapped item readable at a glance and
tells the lists apart without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static


class BulletList(Vertical):
    DEFAULT_CSS = """
    BulletList { height: auto; }
    BulletList > .heading { text-style: bold; }
    BulletList > Horizontal { height: auto; }
    BulletList .marker { width: 2; }
    BulletList .item { width: 1fr; }
    """

    def __init__(
        self, heading: str, items: Sequence[str], marker: str, *, classes: str = ""
    ) -> None:
        super().__init__(classes=classes)
        self.heading = heading
        self.items = list(items)
        self.marker = marker
        self.display = bool(self.items)

    def compose(self) -> ComposeResult:
        yield Label(self.heading, classes="heading", markup=False)
        for item in self.items:
            with Horizontal():
                yield Static(self.marker, classes="marker", markup=False)
                yield Static(item, classes="item", markup=False)
