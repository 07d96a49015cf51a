"""Transcripts: one JSON file per session, written atomically after every change.

The answer is saved before it is graded, through a temp file that is fsynced
and renamed over the old one, so a crash, a kill or Ctrl-C at any moment
leaves the previous complete file or the new complete file, never half of
one, and never loses a submitted answer. Records carry a schema version and
load through an upgrade step, so old transcripts keep opening.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from interviewer.errors import UserError, describe_validation_error
from interviewer.evaluation import TurnKind
from interviewer.models import Feedback, Usage
from interviewer.rubric_label import rubrics_label

SCHEMA_VERSION = 1
FeedbackTiming = Literal["each", "end"]
T = TypeVar("T")


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class Settings(BaseModel):
    topics: list[str] = []
    difficulties: list[str] = []
    questions: int = 5
    follow_ups: int = 1
    rubric: str | None = None
    """The rubric chosen for the session; ``None`` means each question's topic rubric."""
    evaluator: str = "offline"
    seed: int = 0
    feedback: FeedbackTiming = "each"
    focus: str | None = None
    response_format: str | None = None
    """The reply format the LLM's server accepted (``formats.NAMES``); ``None`` offline."""


class Turn(BaseModel):
    question_id: str
    topic: str
    kind: TurnKind
    prompt: str
    rubric: str
    status: Literal["asked", "answered", "skipped"] = "asked"
    answer: str | None = None
    """Verbatim, as submitted."""
    hints: list[str] = []
    feedback: Feedback | None = None
    self_check: dict[str, bool] | None = None
    """The candidate's own marks after a self-check: key point text to covered (see selfcheck)."""
    evaluator: str | None = None
    notice: str | None = None
    """Why the answer was graded offline though an LLM was configured."""
    usage: Usage | None = None
    asked_at: datetime
    answered_at: datetime | None = None
    graded_at: datetime | None = None


class CriterionAverage(BaseModel):
    id: str
    score: float
    count: int
    title: str | None = None
    """The rubric's name for the criterion (summaries saved before it have only the id)."""
    rubric: str | None = None
    """A ``RubricUse.id``: what it was graded under (summaries saved before it merged rubrics)."""


class RubricUse(BaseModel):
    """A rubric the session's answers were graded under, and which questions it graded."""

    id: str
    """The rubric's id, or ``by topic`` for answers graded under their own topic's rubric."""
    title: str | None = None
    questions: list[int]
    """Question numbers, from 1 in the order asked."""
    topics: list[str]


class Summary(BaseModel):
    overall: float | None
    answered: int
    skipped: int
    criteria: list[CriterionAverage]
    topics: dict[str, float]
    strongest: list[str]
    weakest: list[str]
    practise_next: list[str]
    rubrics: list[RubricUse] = []
    """Empty in summaries saved before it; ``summary_of`` derives them from the turns."""


class Transcript(BaseModel):
    schema_version: int = SCHEMA_VERSION
    id: str
    started_at: datetime
    ended_at: datetime | None = None
    settings: Settings
    turns: list[Turn] = []
    summary: Summary | None = None
    regraded_from: str | None = None
    """The id of the transcript this one re-grades, answers unchanged."""

    @property
    def usage(self) -> Usage:
        total = Usage()
        for turn in self.turns:
            if turn.usage is not None:
                total = total + turn.usage
        return total

    def file_name(self) -> str:
        return f"{self.started_at:%Y%m%d-%H%M%S}-{self.id}.json"


def _upgrade(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Bring an older record up to the current schema (one step per version)."""
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise UserError(f"{path}: field 'schema_version': missing or not a number")
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{path}: field 'schema_version': {version} is newer than this program "
            f"understands ({SCHEMA_VERSION}); upgrade interviewer"
        )
    return data


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str, *, private: bool = True) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, whole.

    ``private`` files (transcripts) are readable by their owner only; others
    (reports, made to be shared) get the mode the user's umask gives.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class TranscriptStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, transcript: Transcript) -> Path:
        return self.directory / transcript.file_name()

    def save(self, transcript: Transcript) -> Path:
        path = self.path_for(transcript)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            atomic_write(path, transcript.model_dump_json(indent=2, exclude_none=False) + "\n")
        except OSError as exc:
            raise UserError(f"{path}: cannot save the transcript: {exc.strerror or exc}") from None
        return path

    def files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.json"))

    def find(self, reference: str) -> Path:
        """A path, a file name in the store, or a transcript id (or its start)."""
        candidate = Path(reference).expanduser()
        if candidate.is_file():
            return candidate
        matches = [p for p in self.files() if p.name == reference or reference in p.stem]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UserError(
                f"unknown transcript '{reference}' (not a file, nor an id in {self.directory})"
            )
        raise UserError(f"transcript '{reference}' is ambiguous: {len(matches)} files match")


class _Unreadable(UserError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: not a transcript ({problem})")
        self.problem = problem


def _read_record(path: Path) -> dict[str, Any]:
    """The file's JSON object brought up to the current schema, or one error naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 text: byte {exc.start} is not valid"
    except json.JSONDecodeError as exc:
        problem = f"invalid JSON: {exc}"
    except RecursionError:
        problem = "JSON nested too deeply"
    else:
        if isinstance(data, dict):
            return _upgrade(data, path)
        problem = "expected a JSON object"
    raise _Unreadable(path, problem)


def load_transcript(path: Path) -> Transcript:
    data = _read_record(path)
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        raise UserError(describe_validation_error(exc, str(path))) from None


@dataclass(frozen=True)
class Listing:
    path: Path
    id: str
    started_at: datetime
    topics: list[str]
    rubric: str
    evaluator: str
    questions: int
    overall: float | None
    regraded_from: str | None


def raw_time(value: Any) -> datetime:
    """A timestamp from raw JSON; one without a zone is taken as UTC, as they are written."""
    if not isinstance(value, str):
        raise TypeError("expected a timestamp")
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def raw_score(value: Any) -> float:
    """A score from raw JSON: a number on the 1 to 5 scale (JSON also holds 400-digit ones)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
        raise ValueError("expected a score from 1 to 5")
    return float(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _listing(path: Path, data: dict[str, Any]) -> Listing:
    # Listing reads a thousand files, so it takes the few fields it shows
    # straight from the JSON instead of validating every turn; each is
    # checked, since the listing prints and sorts them.
    settings = data["settings"]
    turns = data.get("turns", [])
    summary = data.get("summary") or {}
    topics = settings.get("topics") or sorted({_text(t["topic"]) for t in turns})
    overall = summary.get("overall")
    regraded_from = data.get("regraded_from")
    return Listing(
        path=path,
        id=_text(data["id"]),
        started_at=raw_time(data["started_at"]),
        topics=[_text(topic) for topic in topics],
        rubric=rubrics_label(
            [
                (_text(t["topic"]), _text(t["feedback"]["rubric"]))
                for t in turns
                if t.get("feedback")
            ],
            None if settings.get("rubric") is None else _text(settings["rubric"]),
        ),
        evaluator=_text(settings.get("evaluator", "offline")),
        questions=len({t["question_id"] for t in turns if t.get("status") == "answered"}),
        overall=None if overall is None else raw_score(overall),
        regraded_from=None if regraded_from is None else _text(regraded_from),
    )


def iter_raw(
    store: TranscriptStore, read: Callable[[Path, dict[str, Any]], T]
) -> Iterator[T | tuple[Path, str]]:
    """``read(path, raw JSON)`` for every transcript, or ``(path, reason)`` for a bad one.

    For scans over the whole history (listing, progress): the raw JSON is
    many times faster than validating every turn, and a file of the wrong
    shape fails inside ``read`` with a lookup or type error that is caught here.
    """
    for path in store.files():
        try:
            yield read(path, _read_record(path))
        except _Unreadable as exc:
            yield path, f"skipped, not a readable transcript ({exc.problem})"
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
            UserError,
        ) as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            yield path, f"skipped, not a readable transcript ({type(exc).__name__}: {reason})"


def iter_listings(store: TranscriptStore) -> Iterator[Listing | tuple[Path, str]]:
    """Every transcript's listing, or ``(path, reason)`` for one that cannot be read."""
    return iter_raw(store, _listing)
