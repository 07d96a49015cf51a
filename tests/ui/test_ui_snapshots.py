"""Snapshots of each screen at 100x30 (and the interview at 80x24).

Repeatable by construction: a fixed seed picks the questions, the clock is
frozen, the transcript id is fixed, cursors do not blink, local time is UTC
and paths show under ``~``. After an intended change, run
``pytest tests/ui --snapshot-update`` and look at the report before keeping it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewer.content.bank import Library
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import make_app
from interviewer.ui.screens.interview import InterviewScreen
from tests.ui.conftest import STRONG, build_app, hold_interview

Snap = Callable[..., bool]


def partial_answer(screen: InterviewScreen) -> str:
    """The first two sentences of the reference answer: some key points covered, some missed."""
    prompt = screen.interview.current
    assert prompt is not None
    reference = prompt.question.reference_answer or STRONG
    return " ".join(re.split(r"(?<=[.!?])\s+", reference)[:2])


async def answer(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    screen.query_one("#answer", TextArea).insert(partial_answer(screen))
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_start_screen(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    assert snap_compare(build_app(library, store), terminal_size=(100, 30))


async def _first_answer(pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await answer(pilot)


def test_interview_with_a_feedback_card(
    snap_compare: Snap, library: Library, store: TranscriptStore
) -> None:
    app = build_app(library, store)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_first_answer)


def test_interview_at_80x24(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    app = build_app(library, store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_first_answer)


def test_summary(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(3):
            await answer(pilot)

    app = build_app(library, store, follow_ups=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_transcripts_list(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    asyncio.run(hold_interview(library, store))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(store, library=library, start="transcripts")
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_replay(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    path = asyncio.run(hold_interview(library, store))
    app = make_app(store, library=library, start="replay", replay=path)
    assert snap_compare(app, terminal_size=(100, 30))


def test_progress(snap_compare: Snap, library: Library, store: TranscriptStore) -> None:
    for n in range(3):
        asyncio.run(hold_interview(library, store, transcript_id=f"p{n}", days_later=n, seed=n))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("p")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(store, library=library, start="transcripts")
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
