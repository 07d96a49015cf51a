"""Past interviews, newest first: pick one to replay it.

The files are read in a thread worker that only returns rows (it never
touches a widget), so a folder of a thousand transcripts does not freeze
the screen; unreadable files are counted and named in a notice, not fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interviewer.history.listing import Listing, iter_listings
from interviewer.history.store import TranscriptStore
from interviewer.ui.formatting import display_path, local_time
from interviewer.ui.messages import NewInterviewRequested, ProgressRequested, ReplayRequested


@dataclass
class ListingsLoaded(Message):
    rows: list[Listing]
    problems: list[tuple[Path, str]]


class TranscriptsScreen(Screen[None]):
    AUTO_FOCUS = "#transcripts-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "open", "Replay", priority=True, tooltip="Step through the highlighted one"
        ),
        Binding("p", "progress", "Progress", tooltip="Scores over time, and the weakest topics"),
        Binding("n", "new", "New interview", tooltip="Back to the start screen"),
        Binding("escape", "back", "Back", tooltip="Back to the previous screen"),
    ]

    def __init__(self, store: TranscriptStore, *, can_practise: bool) -> None:
        super().__init__()
        self.store = store
        self.can_practise = can_practise
        self.rows: list[Listing] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.assemble(("Transcripts in ", "bold"), display_path(self.store.directory)),
            id="transcripts-where",
        )
        table: DataTable[str] = DataTable(id="transcripts-table", cursor_type="row")
        table.add_columns("Date", "Score", "Answered", "Rubric", "Evaluator", "Topics")
        yield table
        yield Static("Reading…", id="transcripts-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "interviewer"
        self.sub_title = "transcripts"

    def on_screen_resume(self) -> None:
        self.load()  # on coming back too: a re-grade may have added a transcript

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return len(self.app.screen_stack) > 2
        if action == "new":
            return self.can_practise
        if action == "open":
            return bool(self.rows)
        return True

    @work(thread=True, exclusive=True, group="listing")
    def load(self) -> None:
        rows: list[Listing] = []
        problems: list[tuple[Path, str]] = []
        for item in iter_listings(self.store):
            if isinstance(item, Listing):
                rows.append(item)
            else:
                problems.append(item)
        rows.sort(key=lambda r: r.started_at, reverse=True)
        self.post_message(ListingsLoaded(rows, problems))

    def on_listings_loaded(self, message: ListingsLoaded) -> None:
        self.rows = message.rows
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            score = f"{row.overall:.1f}" if row.overall is not None else "-"
            topics = ", ".join(row.topics) or "-"
            if row.regraded_from:
                topics += f" (regrade of {row.regraded_from})"
            table.add_row(
                local_time(row.started_at),
                score,
                str(row.questions),
                row.rubric,
                row.evaluator,
                topics,
                key=str(row.path),
            )
        empty = self.query_one("#transcripts-empty", Static)
        empty.display = not self.rows
        empty.update(
            "No transcripts yet. Hold an interview first: run `interviewer`."
            if not self.rows
            else ""
        )
        if message.problems:
            names = ", ".join(p.name for p, _ in message.problems[:3])
            more = "…" if len(message.problems) > 3 else ""
            self.notify(
                f"Skipped {len(message.problems)} unreadable file(s): {names}{more}",
                severity="warning",
            )
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(ReplayRequested(Path(event.row_key.value)))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.rows:
            self.post_message(ReplayRequested(self.rows[table.cursor_row].path))

    def action_progress(self) -> None:
        self.post_message(ProgressRequested())

    def action_new(self) -> None:
        self.post_message(NewInterviewRequested())

    def action_back(self) -> None:
        self.dismiss()
