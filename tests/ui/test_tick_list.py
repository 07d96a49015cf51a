"""Ticked and unticked boxes differ in their characters, so NO_COLOR can read them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from interviewer.ui.widgets.tick_list import TickList


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList(("alpha", "alpha", True), ("beta", "beta", False))


async def test_only_ticked_boxes_show_a_mark() -> None:
    app = _One()
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        first, second = ticks.render_line(0).text, ticks.render_line(1).text
        assert "X" in first and "alpha" in first
        assert "X" not in second and "beta" in second
        ticks.select("beta")
        await pilot.pause()
        assert "X" in ticks.render_line(1).text
