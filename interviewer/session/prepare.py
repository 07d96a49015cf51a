"""Settings come down: typed options in, everything an interview or a replay needs out.

Both front ends call this, the command line after parsing its flags and the
app through the command line, so neither knows how the other reads options
and the app never sees ``argparse``. Warnings and notes go up through ``say``
(the command line prints them on stderr) rather than being printed here.
Heavy modules load inside the functions: building options stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from interviewer.config import LLMSettings
    from interviewer.content.bank import Library
    from interviewer.grading.protocol import Evaluator
    from interviewer.history.schema import Settings
    from interviewer.history.store import TranscriptStore

Say = Callable[[str], None]
"""Receives one line for the person at the terminal (a warning or a note)."""


@dataclass(frozen=True)
class Sources:
    """Where questions and transcripts live, and how answers are graded: every command's flags."""

    banks: tuple[Path, ...] = ()
    """Folders of question files beyond the built-in bank (``--bank``)."""
    transcripts: Path | None = None
    """Where transcripts are saved; ``None``: INTERVIEWER_TRANSCRIPTS, else the default."""
    model: str | None = None
    base_url: str | None = None
    offline: bool = False
    """Grade offline even when an LLM is configured."""

    def library(self, say: Say) -> Library:
        from interviewer.content.bank import load_library

        lib = load_library(list(self.banks))
        for folder in lib.bank.empty_folders:
            say(f"warning: {folder}: no questions in this bank folder")
        return lib

    def llm_settings(self) -> LLMSettings:
        from interviewer.config import load_llm_settings

        return load_llm_settings(model=self.model, base_url=self.base_url, offline=self.offline)

    def evaluator(self, lib: Library) -> Evaluator:
        from interviewer.grading.factory import make_evaluator

        return make_evaluator(self.llm_settings(), lib.bank)

    def store(self) -> TranscriptStore:
        from interviewer import locations
        from interviewer.history.store import TranscriptStore

        return TranscriptStore(locations.transcripts_dir(self.transcripts))


@dataclass(frozen=True)
class PracticeOptions:
    """What to practise, as chosen on the command line (the start screen starts from it)."""

    sources: Sources = field(default_factory=Sources)
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    questions: int = 5
    follow_ups: int = 1
    rubric: str | None = None
    """A rubric's id; ``None``: each question's topic rubric."""
    seed: int | None = None
    """``None``: a new seed, so new questions."""
    feedback: Literal["each", "end"] = "each"
    focus: Literal["weak"] | None = None

    def settings(self) -> Settings:
        from interviewer.history.schema import Settings
        from interviewer.session.dialogue import new_seed

        return Settings(
            topics=list(dict.fromkeys(self.topics)),
            difficulties=list(dict.fromkeys(self.difficulties)),
            questions=self.questions,
            follow_ups=self.follow_ups,
            rubric=self.rubric,
            seed=self.seed if self.seed is not None else new_seed(),
            feedback=self.feedback,
            focus=self.focus,
        )


@dataclass(frozen=True)
class Prepared:
    """What both front ends need to start an interview, checked before anything runs."""

    library: Library
    settings: Settings
    evaluator: Evaluator
    store: TranscriptStore


def prepare(options: PracticeOptions, say: Say) -> Prepared:
    """Load and check everything: an unknown rubric or a bad bank fails here, as a ``UserError``.

    Asking for more questions than match is not an error: the session asks
    what there is, and ``say`` tells the candidate so.
    """
    lib = options.sources.library(say)
    settings = options.settings()
    if settings.rubric:
        lib.rubrics.get(settings.rubric)
    available = len(lib.bank.matching(settings.topics, settings.difficulties))
    if 0 < available < settings.questions:
        narrowed = options.topics or options.difficulties
        where = "match the chosen topics and difficulty" if narrowed else "in the bank"
        wanted = settings.questions
        say(f"note: only {available} questions {where}; asking {available}, not {wanted}")
        settings = settings.model_copy(update={"questions": available})
    return Prepared(lib, settings, options.sources.evaluator(lib), options.sources.store())


@dataclass(frozen=True)
class PreparedReplay:
    """A replay (``path``), or the list of transcripts to pick one from (``path`` is ``None``)."""

    sources: Sources
    library: Library
    store: TranscriptStore
    path: Path | None = None

    def evaluator(self) -> Evaluator:
        """Built only when the candidate re-grades: a replay may never need one."""
        return self.sources.evaluator(self.library)


def prepare_replay(sources: Sources, file: str | None, say: Say) -> PreparedReplay:
    """``file``: a transcript's path, file name or id (or its start); else a ``UserError``."""
    store = sources.store()
    path = store.find(file) if file else None
    return PreparedReplay(sources, sources.library(say), store, path)
