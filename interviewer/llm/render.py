"""Readable feedback text from a reply that is still arriving.

The model writes JSON; the candidate should see prose. Each time content
arrives, the JSON so far is parsed leniently (``jiter``'s partial mode keeps a
string that is still being written) and rendered: the verdict, then one line
per criterion with its comment and, once it is settled, its score, then
strengths and gaps. Every rendering extends the previous one, because only
the last value in the JSON can still be growing and it is rendered last; a
``TextStream`` still refuses any text that would not, so a terminal can
always print just the new suffix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jiter

from interviewer.evaluation import StreamCallback
from interviewer.llm.schema import strip_fences


def partial_json(content: str) -> Any:
    """The JSON value so far, or ``None`` while there is none (or it is not JSON at all)."""
    text = strip_fences(content)
    if not text:
        return None
    try:
        return jiter.from_json(text.encode(), partial_mode="trailing-strings")
    except ValueError:
        return None


def _criterion(item: Mapping[str, Any], titles: Mapping[str, str], settled: bool) -> str:
    title = titles.get(item.get("id", ""))
    comment = item.get("comment")
    if title is None or not isinstance(comment, str):
        return ""
    line = f"- {title}: {comment.strip()}" if comment.strip() else f"- {title}:"
    score = item.get("score")
    if settled and isinstance(score, int) and not isinstance(score, bool):
        line += f" ({score}/5)"
    return line


def _list(heading: str, items: object) -> str:
    if not isinstance(items, list):
        return ""
    lines = [f"- {s.strip()}" for s in items if isinstance(s, str)]
    return "\n".join([heading, *lines]) if lines else ""


def render(grade: object, titles: Mapping[str, str]) -> str:
    """The text of a (possibly partial) reply: prose only, no JSON, no key points."""
    if not isinstance(grade, Mapping):
        return ""
    keys = list(grade)
    verdict = grade.get("verdict")
    parts = [verdict.strip()] if isinstance(verdict, str) else []
    criteria = grade.get("criteria")
    if isinstance(criteria, list):
        closed = keys[-1] != "criteria"  # a later field has begun, so the list is complete
        lines = [
            _criterion(item, titles, settled=closed or n < len(criteria) - 1)
            for n, item in enumerate(criteria)
            if isinstance(item, Mapping)
        ]
        parts.append("\n".join(line for line in lines if line))
    parts.append(_list("Strengths:", grade.get("strengths")))
    parts.append(_list("Gaps:", grade.get("gaps")))
    return "\n\n".join(p for p in parts if p)


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
