"""Readable feedback text from a reply that is still arriving.

The model writes JSON; the candidate should see prose. Each time content
arrives, the JSON so far is parsed leniently (``jiter``'s partial mode keeps a
string that is still being written) and its verdict, the first field of the
schema, is shown. The verdict only grows while it is written, and a
``TextStream`` refuses any text that would not extend what is on screen, so
a terminal can always print just the new suffix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jiter

from interviewer.grading.llm.schema import strip_fences
from interviewer.grading.protocol import StreamCallback

_CONTROL = {n: " " for n in range(0x20)}
"""Raw control characters, which small models write inside strings, read as spaces."""


def partial_json(content: str) -> Any:
    """The JSON value so far, or ``None`` while there is none (or it is not JSON at all)."""
    text = strip_fences(content).translate(_CONTROL)
    if not text:
        return None
    try:
        return jiter.from_json(text.encode(), partial_mode="trailing-strings")
    except ValueError:
        return None


def render(grade: object) -> str:
    """The text of a (possibly partial) reply: its verdict, as prose.

    Only the verdict is streamed: every other field reaches the candidate in
    the structured feedback the front end prints once grading is done, so
    streaming it as well would show it twice.
    """
    if not isinstance(grade, Mapping):
        return ""
    verdict = grade.get("verdict")
    return verdict.strip() if isinstance(verdict, str) else ""


class TextStream:
    """Hands ``on_text`` the text so far, only ever growing.

    A fresh start (a retry, the re-ask, the offline fallback) keeps what is
    already on screen and continues below a short note, rather than taking
    back text the candidate has read.
    """

    def __init__(self, on_text: StreamCallback) -> None:
        self._on_text = on_text
        self._base = ""
        self.shown = ""

    def show(self, text: str) -> None:
        if not text:
            return
        full = self._base + text
        if len(full) > len(self.shown) and full.startswith(self.shown):
            self.shown = full
            self._on_text(full)

    def restart(self, note: str) -> None:
        """Continue below ``note`` once new text comes, if anything has been shown yet.

        The note appears with the first new text, so a restart that never
        produces any (a second retry straight after the first) shows nothing.
        """
        if self.shown:
            self._base = f"{self.shown}\n\n[{note}]\n\n"
