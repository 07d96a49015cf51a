"""Cutting text to a width with "…", the one way every list, table and notice does it.

The ellipsis takes the last column, so a clipped text is exactly ``width``
characters and columns still line up; ``at_word`` keeps whole words for
prose (excerpts of answers and questions), where a cut word reads as a typo.
"""

from __future__ import annotations

ELLIPSIS = "…"


def clip(text: str, width: int, *, at_word: bool = False) -> str:
    """``text`` when it fits in ``width`` characters, else cut to fit with "…" at the end."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if at_word:
        cut = cut.rsplit(" ", 1)[0]
    return cut + ELLIPSIS


def excerpt(text: str, width: int) -> str:
    """Prose on one line (runs of whitespace become one space), clipped at a word."""
    return clip(" ".join(text.split()), width, at_word=True)
