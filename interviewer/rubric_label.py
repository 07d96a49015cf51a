"""Which rubrics graded a session, in a few words, for lists, replay headers and exports.

A session starts under a chosen rubric or each topic's own, and the candidate
may swap mid-way, so the settings alone would say "by topic" of answers
graded under ``consultant``. The label comes from the graded answers instead.
"""

from __future__ import annotations

from collections.abc import Iterable

BY_TOPIC = "by topic"


def rubric_key(topic: str, rubric: str) -> str:
    """``by topic`` for an answer graded under its own topic's rubric, else the rubric's id."""
    return BY_TOPIC if rubric == topic else rubric


def group_name(key: str) -> str:
    """A ``rubric_key`` in a sentence: "each topic's own rubric", "consultant rubric"."""
    return "each topic's own rubric" if key == BY_TOPIC else f"{key} rubric"


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
