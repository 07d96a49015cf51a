"""The footer: on every screen each key it shows is whole, none cut mid-word, at 80 columns too.

The footer shows each screen's main keys; F1 lists every key (docs/app.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, TextArea
from textual.widgets._footer import FooterKey

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.store import TranscriptStore
from interviewer.ui.app import InterviewerApp, make_app
from tests.ui.conftest import STRONG, SlowEvaluator, build_app, hold_interview

Visit = Callable[[InterviewerApp, Pilot[Any]], Awaitable[None]]


def footer_keys(app: InterviewerApp) -> list[tuple[str, int, int]]:
    """Each footer key's text and its first and last column on screen, left to right."""
    footer = app.screen.query_one(Footer)
    keys = sorted((k for k in footer.query(FooterKey) if k.region.width), key=lambda k: k.region.x)
    return [(f"{k.key_display} {k.description}", k.region.x, k.region.right) for k in keys]


def assert_whole(app: InterviewerApp) -> list[str]:
    footer = app.screen.query_one(Footer)
    assert footer.max_scroll_x == 0, "the keys overflow the footer"
    shown = footer_keys(app)
    assert shown
    right = 0
    for text, start, end in shown:
        assert start >= right, f"{text!r} overlaps the key before it"
        assert end <= footer.region.right, f"{text!r} is cut at the edge"
        right = end
    return [text for text, _, _ in shown]


async def _pause(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def start_screen(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await _pause(app, pilot)


async def interview(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await _pause(app, pilot)


async def summary(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await interview(app, pilot)
    app.screen.query_one("#answer", TextArea).insert(STRONG)
    await pilot.press("ctrl+g")
    await _pause(app, pilot)


async def transcripts(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+l")
    await _pause(app, pilot)


async def replay(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await transcripts(app, pilot)
    await pilot.press("enter")
    await _pause(app, pilot)


async def replay_summary(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await replay(app, pilot)
    await pilot.press("s")
    await _pause(app, pilot)


async def regrade(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await replay(app, pilot)
    await pilot.press("g", "enter")
    await _pause(app, pilot)


async def progress(app: InterviewerApp, pilot: Pilot[Any]) -> None:
    await transcripts(app, pilot)
    await pilot.press("p")
    await _pause(app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize(
    "visit",
    [start_screen, interview, summary, transcripts, replay, replay_summary, regrade, progress],
)
async def test_footer_keys_are_whole(
    visit: Visit, size: tuple[int, int], library: Library, store: TranscriptStore
) -> None:
    await hold_interview(library, store)
    app = build_app(library, store)
    async with app.run_test(size=size) as pilot:
        await visit(app, pilot)
        keys = assert_whole(app)
        assert any(k.startswith("f1 ") for k in keys), keys  # F1 lists the rest
        # The palette's key makes way under 90 columns; F1 lists it too.
        assert any(k.startswith("^p ") for k in keys) == (size[0] >= 90), keys


async def test_footer_keys_are_whole_while_grading(
    library: Library, store: TranscriptStore, offline: OfflineEvaluator
) -> None:
    slow = SlowEvaluator(offline)
    app = build_app(library, store, evaluator=slow)
    async with app.run_test(size=(80, 24)) as pilot:
        await interview(app, pilot)
        app.screen.query_one("#answer", TextArea).insert(STRONG)
        await pilot.press("ctrl+s")
        await slow.started.wait()
        await pilot.pause()
        keys = assert_whole(app)
        assert any("Cancel" in k for k in keys), keys
        slow.release()
        await _pause(app, pilot)


async def test_replay_footer_from_the_command_line(
    library: Library, store: TranscriptStore
) -> None:
    path = await hold_interview(library, store)
    app = make_app(store, library=library, start="replay", replay=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_whole(app)
