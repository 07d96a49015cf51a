"""Loading rubrics: the built-in ones plus any that user banks bring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from interviewer.content.models import Rubric
from interviewer.errors import UserError, describe_validation_error
from interviewer.tomlfiles import read_toml

FALLBACK = "general"


class RubricSet:
    def __init__(self, rubrics: dict[str, Rubric], sources: dict[str, Path]) -> None:
        self._rubrics = rubrics
        self.sources = sources

    def __iter__(self) -> Iterator[Rubric]:
        return iter(self._rubrics.values())

    def __contains__(self, rubric_id: object) -> bool:
        return rubric_id in self._rubrics

    def __len__(self) -> int:
        return len(self._rubrics)

    def ids(self) -> list[str]:
        return list(self._rubrics)

    def get(self, rubric_id: str) -> Rubric:
        try:
            return self._rubrics[rubric_id]
        except KeyError:
            known = ", ".join(sorted(self._rubrics))
            raise UserError(f"unknown rubric '{rubric_id}' (known: {known})") from None


def load_rubric(path: Path) -> Rubric:
    try:
        return Rubric.model_validate(read_toml(path))
    except ValidationError as exc:
        raise UserError(describe_validation_error(exc, str(path))) from None


def load_rubrics(folders: Iterable[Path]) -> RubricSet:
    rubrics: dict[str, Rubric] = {}
    sources: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            rubric = load_rubric(path)
            if rubric.id in rubrics:
                raise UserError(
                    f"{path}: rubric id '{rubric.id}' is already defined in {sources[rubric.id]}"
                )
            rubrics[rubric.id] = rubric
            sources[rubric.id] = path
    if FALLBACK not in rubrics:
        raise UserError(f"no '{FALLBACK}' rubric found (looked in the rubric folders)")
    return RubricSet(rubrics, sources)
