"""Reports to share with a mentor: Markdown, one self-contained HTML file, or JSON.

Every answer and every grade is in the report, follow-ups and skipped drafts
included, so the reader sees what the candidate saw. A new format is a
module beside ``markdown`` and ``html`` (sharing
``parts``), a name in ``Format`` and a branch in ``export``.
"""

from __future__ import annotations

from typing import Literal

from interviewer.content.rubrics import RubricSet
from interviewer.history.schema import Transcript
from interviewer.reports.html import to_html
from interviewer.reports.markdown import md, to_markdown

__all__ = ["Format", "export", "md", "to_html", "to_json", "to_markdown"]

Format = Literal["md", "html", "json"]


def to_json(transcript: Transcript) -> str:
    """The transcript itself: it holds no secrets (keys live in the environment)."""
    return transcript.model_dump_json(indent=2) + "\n"


def export(transcript: Transcript, fmt: Format, rubrics: RubricSet | None = None) -> str:
    if fmt == "md":
        return to_markdown(transcript, rubrics)
    if fmt == "html":
        return to_html(transcript, rubrics)
    return to_json(transcript)
