"""Which rubrics graded a session, in a few words, for lists, replay headers and exports.

A session starts under a chosen rubric or each topic's own, and the candidate
may swap mid-way, so the settings alone would say "by topic" of answers
graded under ``consultant``. The label comes from the graded answers instead.

"Each topic's own rubric" has one meaning and, inside the program, one value:
``None`` (in ``Settings.rubric``, as saved in every transcript, and for
``Interview.switch_rubric``). Whatever a front end lets people type or pick
for it goes through ``chosen_rubric``, and every sentence names it through
``rubric_name`` or ``group_name``.
"""

from __future__ import annotations

from collections.abc import Iterable

BY_TOPIC = "by topic"
"""The short label: lists, headers, and the ``RubricUse.id`` saved in summaries."""
OWN = "each topic's own"
"""The same in a sentence ("Rubric: each topic's own, from your next answer on")."""
TOPIC = "topic"
"""What ``--rubric`` and ``/rubric`` take for it."""
CHOICE = "-topic-"
"""Its value in the app's pickers, whose option ids must be non-empty and not a rubric id."""
FORM_LABEL = "each question's topic rubric"
"""The start screen's wording, kept as it is so the app's snapshots do not change."""

# Every spelling any front end has used ("default" in plain mode since its start).
_SPELLINGS = frozenset({"", TOPIC, "default", CHOICE})


def chosen_rubric(value: str | None) -> str | None:
    """A rubric as typed or picked: its id, or ``None`` for each topic's own rubric."""
    return None if value is None or value in _SPELLINGS else value


def rubric_name(rubric_id: str | None) -> str:
    """A chosen rubric (``None``: each topic's own) in a sentence."""
    return rubric_id or OWN


def rubric_key(topic: str, rubric: str) -> str:
    """``by topic`` for an answer graded under its own topic's rubric, else the rubric's id."""
    return BY_TOPIC if rubric == topic else rubric


def group_name(key: str) -> str:
    """A ``rubric_key`` in a sentence: "each topic's own rubric", "consultant rubric"."""
    return f"{OWN} rubric" if key == BY_TOPIC else f"{key} rubric"


def rubrics_label(graded: Iterable[tuple[str, str]], chosen: str | None) -> str:
    """``graded``: each graded answer's (topic, rubric), in order; ``chosen``: the settings'.

    An answer graded under its own topic's rubric counts as "by topic"; runs of
    the same name collapse, so a swap reads "by topic, then consultant".
    Without graded answers it falls back to the rubric the session chose.
    """
    names: list[str] = []
    for topic, rubric in graded:
        name = rubric_key(topic, rubric)
        if not names or names[-1] != name:
            names.append(name)
    return ", then ".join(names) if names else chosen or BY_TOPIC
