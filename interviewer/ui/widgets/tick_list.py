"""A selection list whose boxes say their state in characters, not only in colour.

Textual draws every box as ``X`` and tells ticked from unticked by colour
alone, which leaves nothing to read under NO_COLOR or on a monochrome
terminal. Here an unticked box is blank.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if option.value in self.selected:
            return line
        segments = list(line)
        if len(segments) > 1:
            text, style, control = segments[1]
            segments[1] = Segment(" " * len(text), style, control)
        return Strip(segments, line.cell_length)
