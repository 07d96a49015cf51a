"""The offline evaluator's word knowledge, read from data files beside this module.

Synonyms (``data/synonyms.toml``), the words that turn a statement around
(``data/polarity.toml``), the jargon a product manager needs explained
(``data/jargon.toml``), the phrases the wording signals look for
(``data/wording.toml``) and the stopwords and spellings (``data/words.toml``)
are knowledge, not logic: they live in data files that anyone can extend
without touching code, and are read once, when the grader is first used.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

CONCEPT_PREFIX = "@"


def _data(name: str) -> dict[str, Any]:
    text = resources.files("interviewer.grading.offline").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Each concept and the phrases that say it."""
    return {concept: tuple(phrases) for concept, phrases in _data("synonyms.toml").items()}


@cache
def polarity() -> dict[str, tuple[str, ...]]:
    """Cue phrases by kind: ``negative``, ``positive``, ``dispreferred_after``..."""
    return {kind: tuple(phrases) for kind, phrases in _data("polarity.toml").items()}


@cache
def words() -> dict[str, Any]:
    """``stopwords`` (a list) and ``british`` (British spelling to American)."""
    return _data("words.toml")


@cache
def wording() -> dict[str, tuple[str, ...]]:
    """The phrases each wording signal looks for: ``reasoning``, ``tradeoffs``, ``hedge``..."""
    return {kind: tuple(phrases) for kind, phrases in _data("wording.toml").items()}


@cache
def jargon() -> dict[str, tuple[str, ...]]:
    """Technical terms, phrases that explain one, and phrases that only name one."""
    return {kind: tuple(phrases) for kind, phrases in _data("jargon.toml").items()}
