"""Progress over the whole history: each topic and criterion, session by session.

The figures and the sparkline glyphs come from ``interviewer.history.progress`` and
``progress_view`` (the same ones ``interviewer progress`` prints), read in a
thread worker that only returns the report, so a long history does not
freeze the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from interviewer.history.progress import RECENT, Progress, Series, load_progress
from interviewer.history.store import TranscriptStore
from interviewer.reports.progress_view import (
    CHART_WIDTH,
    NAME_WIDTH,
    columns,
    short_name,
    sparkline,
)
from interviewer.ui.formatting import local_time, score_bar
from interviewer.ui.widgets.lists import BulletList


@dataclass
class ProgressLoaded(Message):
    """The scan of every transcript, from the loading worker."""

    report: Progress


AXIS = "oldest → newest"


def _chart_width(runs: list[range]) -> int:
    return max(len(runs), len(AXIS))


def _change(change: float | None) -> str:
    if change is None:
        return "-"
    shown = f"{change:+.1f}"
    return "=" if shown in ("+0.0", "-0.0") else shown


def series_row(series: Series, runs: list[range]) -> Content:
    change = _change(series.change)
    return Content.assemble(
        short_name(series.name).ljust(NAME_WIDTH),
        " ",
        (sparkline(series, runs).ljust(_chart_width(runs)), "$accent"),
        "  ",
        score_bar(series.recent, 8),
        (f" {series.recent:.1f}", "bold"),
        f" {change:>5} {series.count:>4}",
    )


def table_head(title: str, runs: list[range]) -> Content:
    axis = AXIS.ljust(_chart_width(runs))
    return Content.assemble(
        (title.ljust(NAME_WIDTH), "bold $accent"),
        " ",
        (axis, "$text-muted"),
        "  ",
        ("recent".ljust(12), "$text-muted"),
        ("change    n", "$text-muted"),
    )


class ProgressScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the previous screen"),
    ]

    def __init__(self, store: TranscriptStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress"):
            yield Static("Reading your transcripts…", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "interviewer"
        self.sub_title = "progress"
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        self.post_message(ProgressLoaded(load_progress(self.store)))

    async def on_progress_loaded(self, message: ProgressLoaded) -> None:
        body = self.query_one("#progress", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._report(message.report))
        skipped = message.report.history.skipped
        if skipped:
            self.notify(f"Skipped {len(skipped)} unreadable file(s).", severity="warning")

    def _report(self, report: Progress) -> list[Widget]:
        sessions = report.sessions
        if not sessions:
            return [
                Static(
                    "No graded interviews yet: hold one first, and your scores over time "
                    "appear here."
                )
            ]
        runs = columns(len(sessions), CHART_WIDTH)
        per = (
            "one column per interview"
            if len(runs) == len(sessions)
            else f"each column is about {len(sessions) / len(runs):.0f} interviews"
        )
        widgets: list[Widget] = [
            Static(
                Content.assemble(
                    (f"{len(sessions)} interview(s)", "bold"),
                    f", {local_time(sessions[0].started_at)} to "
                    f"{local_time(sessions[-1].started_at)} ({per}).",
                )
            ),
            Static(
                f"Scores 1 to 5. Recent: the last {RECENT} graded answers; change: recent "
                f"minus the first {RECENT}; n: graded answers.",
                classes="muted",
            ),
            Static(table_head("By topic", runs), classes="section"),
            *(Static(series_row(s, runs)) for s in report.topics),
            Static(series_row(report.overall, runs), classes="overall-row"),
            Static(table_head("By criterion", runs), classes="section"),
            *(Static(series_row(s, runs)) for s in report.criteria),
        ]
        weakest = [f"{s.name}: {s.recent:.1f} over {s.count} answer(s)" for s in report.weakest()]
        widgets.append(BulletList("Weakest topics", weakest, "▼", classes="section"))
        widgets.append(
            Static(
                "Practise them: New interview, then Questions from: my weak spots.",
                classes="muted",
            )
        )
        if report.history.regrades:
            widgets.append(
                Static(
                    f"({report.history.regrades} re-grade(s) not counted: the same answers twice.)",
                    classes="muted",
                )
            )
        return widgets

    def action_back(self) -> None:
        self.dismiss()
