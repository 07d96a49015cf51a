"""The question bank: loading, validating and choosing questions.

The TOML format is a contract users write their own banks in (see
docs/bank-format.md), so every error names the file, the question and the
field, and ids must be unique across all banks loaded together.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from interviewer import locations
from interviewer.content.models import Question
from interviewer.content.rubrics import FALLBACK, RubricSet, load_rubrics
from interviewer.errors import UserError, describe_validation_error
from interviewer.tomlfiles import read_toml, toml_files

BUILTIN_TOPICS = ("model-selection", "algorithms", "preprocessing", "deployment", "end-to-end")


class Bank:
    def __init__(
        self,
        questions: dict[str, Question],
        sources: dict[str, Path],
        empty_folders: Sequence[Path] = (),
    ) -> None:
        self._questions = questions
        self.sources = sources
        self.empty_folders = list(empty_folders)
        """Folders given as banks that hold no question: worth a warning, likely a wrong path."""

    def __iter__(self) -> Iterator[Question]:
        return iter(self._questions.values())

    def __len__(self) -> int:
        return len(self._questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._questions

    def get(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise UserError(f"unknown question '{question_id}'") from None

    def topics(self) -> list[str]:
        found = {q.topic for q in self}
        return [t for t in BUILTIN_TOPICS if t in found] + sorted(found - set(BUILTIN_TOPICS))

    def check_topics(self, topics: Iterable[str]) -> None:
        known = self.topics()
        for topic in topics:
            if topic not in known:
                raise UserError(f"unknown topic '{topic}' (known: {', '.join(known)})")

    def matching(
        self, topics: Sequence[str] = (), difficulties: Sequence[str] = ()
    ) -> list[Question]:
        """The questions on any of ``topics`` at any of ``difficulties`` (empty: all)."""
        self.check_topics(topics)
        return [
            q
            for q in self
            if (not topics or q.topic in topics)
            and (not difficulties or q.difficulty in difficulties)
        ]

    def select(
        self,
        *,
        topics: Sequence[str] = (),
        difficulties: Sequence[str] = (),
        count: int,
        seed: int,
        exclude: Iterable[str] = (),
    ) -> list[Question]:
        """Pick ``count`` distinct questions, repeatably for a given seed.

        Topics take turns so a five-question session over two topics is not
        five questions on one.
        """
        skip = set(exclude)
        pool = [q for q in self.matching(topics, difficulties) if q.id not in skip]
        rng = random.Random(seed)
        rng.shuffle(pool)
        chosen: list[Question] = []
        by_topic: dict[str, list[Question]] = {}
        for q in pool:
            by_topic.setdefault(q.topic, []).append(q)
        order = list(by_topic)
        rng.shuffle(order)
        while len(chosen) < count and any(by_topic.values()):
            for topic in order:
                if by_topic[topic] and len(chosen) < count:
                    chosen.append(by_topic[topic].pop())
        return chosen


@dataclass(frozen=True)
class Library:
    """A bank with the rubrics its questions use, validated against each other."""

    bank: Bank
    rubrics: RubricSet

    def rubric_for(self, question: Question, override: str | None = None) -> str:
        if override:
            return override
        if question.rubric:
            return question.rubric
        return question.topic if question.topic in self.rubrics else FALLBACK


def _load_file(path: Path, questions: dict[str, Question], sources: dict[str, Path]) -> None:
    data = read_toml(path)
    unknown = set(data) - {"question"}
    if unknown:
        raise UserError(
            f"{path}: unknown top-level key '{sorted(unknown)[0]}' (expected [[question]])"
        )
    entries = data.get("question", [])
    if not isinstance(entries, list):
        raise UserError(f"{path}: 'question' must be an array of tables ([[question]])")
    for index, entry in enumerate(entries, start=1):
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"{path}: question {index}" + (f" (id '{label}')" if label else "")
        try:
            question = Question.model_validate(entry)
        except ValidationError as exc:
            raise UserError(describe_validation_error(exc, where)) from None
        if question.id in questions:
            raise UserError(
                f"{path}: duplicate question id '{question.id}' (also in {sources[question.id]})"
            )
        questions[question.id] = question
        sources[question.id] = path


def load_bank(folders: Iterable[Path]) -> Bank:
    questions: dict[str, Question] = {}
    sources: dict[str, Path] = {}
    empty: list[Path] = []
    for folder in folders:
        before = len(questions)
        for path in toml_files(folder):
            _load_file(path, questions, sources)
        if len(questions) == before:
            empty.append(folder)
    return Bank(questions, sources, empty)


def bank_folders(extra: Sequence[Path] = ()) -> list[Path]:
    """The built-in bank, then ``INTERVIEWER_BANKS``, then ``--bank`` folders."""
    return [locations.builtin_bank(), *locations.extra_banks(), *extra]


def load_library(extra_banks: Sequence[Path] = ()) -> Library:
    folders = bank_folders(extra_banks)
    rubric_folders = [locations.builtin_rubrics()] + [
        f / "rubrics" for f in folders[1:] if f.is_dir()
    ]
    rubrics = load_rubrics(rubric_folders)
    bank = load_bank(folders)
    if len(bank) == 0:
        raise UserError("the question bank is empty")
    for question in bank:
        if question.rubric and question.rubric not in rubrics:
            raise UserError(
                f"{bank.sources[question.id]}: question '{question.id}': "
                f"field 'rubric': unknown rubric '{question.rubric}'"
            )
    return Library(bank, rubrics)
