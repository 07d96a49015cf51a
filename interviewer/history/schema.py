"""The transcript schema: the record of one session, its versions, and the one way to read it.

Every reader of a transcript file comes through here, so a schema change has
one place to go. A file is JSON with a ``schema_version``; ``read_record``
parses it and runs the migration steps from the file's version up to
``SCHEMA_VERSION`` (one function per version, in ``MIGRATIONS``, as database
migrations are kept), so old transcripts keep opening and every model below
only ever sees the current shape. A file newer than this program is refused
with one line saying so.

``Transcript`` is the whole record (replay, export, regrade). Scans over the
whole history (the listing, progress) read a thousand files, so they validate
``TranscriptDigest`` instead: the same schema cut down to the fields they
show, checked by pydantic straight from the file's bytes, which costs about
what parsing the JSON alone does.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interviewer.content.models import Feedback, Usage
from interviewer.errors import UserError, describe_validation_error
from interviewer.grading.protocol import TurnKind

SCHEMA_VERSION = 2
FeedbackTiming = Literal["each", "end"]
TurnStatus = Literal["asked", "answered", "skipped"]


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
    status: TurnStatus = "asked"
    answer: str | None = None
    """Verbatim, as submitted."""
    hints: list[str] = []
    feedback: Feedback | None = None
    self_check: dict[str, bool] | None = None
    """The candidate's own marks after a self-check: point text to covered (see ``marks``)."""
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


# -- the digest: what scans over the whole history read -------------------------------

Score = Annotated[float, Field(ge=1, le=5)]
"""A score as the scans check it: a number on the 1 to 5 scale (JSON also holds 400-digit ones)."""


class _Digest(BaseModel):
    # Strict: a score written as "3" or true is a broken file, not a 3.
    model_config = ConfigDict(strict=True, frozen=True)


class CriterionDigest(_Digest):
    id: str
    score: Score


class GradeDigest(_Digest):
    """``Feedback`` cut down to the scores and the key points a self-check corrects."""

    overall: Score
    rubric: str
    criteria: list[CriterionDigest]
    covered_points: list[str] = []
    missed_points: list[str] = []
    evaluator: str = "offline"


class TurnDigest(_Digest):
    question_id: str
    topic: str
    status: TurnStatus = "asked"
    feedback: GradeDigest | None = None
    self_check: dict[str, bool] | None = None


class SettingsDigest(_Digest):
    topics: list[str] = []
    rubric: str | None = None
    evaluator: str = "offline"


class SummaryDigest(_Digest):
    overall: Score | None = None


class TranscriptDigest(_Digest):
    schema_version: int
    id: str
    started_at: datetime
    settings: SettingsDigest
    turns: list[TurnDigest] = []
    summary: SummaryDigest | None = None
    regraded_from: str | None = None

    @field_validator("started_at", mode="before")
    @classmethod
    def _utc(cls, value: object) -> datetime:
        # Scans sort by it: a time written without a zone is UTC, as they are written.
        if not isinstance(value, str):
            raise ValueError("expected a timestamp")
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- the last grade of each question --------------------------------------------------


class GradedTurn(Protocol):
    """What a turn of either model offers the thread logic."""

    @property
    def question_id(self) -> str: ...
    @property
    def feedback(self) -> object | None: ...
    @property
    def self_check(self) -> dict[str, bool] | None: ...


def final_turns(turns: Sequence[GradedTurn]) -> dict[str, int]:
    """Each question's last graded turn, by index, in the order those grades were given.

    Follow-ups grade the whole thread, so the last grade says where the candidate ended up.
    """
    result: dict[str, int] = {}
    for index, turn in enumerate(turns):
        if turn.feedback is not None:
            result.pop(turn.question_id, None)
            result[turn.question_id] = index
    return result


# -- migrations -------------------------------------------------------------------------

Record = dict[str, Any]


@dataclass(frozen=True)
class Migration:
    source: int
    """The version it reads; it writes ``source + 1``."""
    step: Callable[[Record], None]
    """Changes the record in place."""
    keeps_digest: bool
    """It changes nothing ``TranscriptDigest`` reads (it only writes in defaults the digest
    has too): scans may then read a file of ``source`` without running it (a test checks)."""


MIGRATIONS: list[Migration] = []
"""In order: ``MIGRATIONS[i]`` takes version ``i + 1`` to ``i + 2``, the last one to the current."""


def migration(
    source: int, *, keeps_digest: bool
) -> Callable[[Callable[[Record], None]], Callable[[Record], None]]:
    def register(step: Callable[[Record], None]) -> Callable[[Record], None]:
        MIGRATIONS.append(Migration(source, step, keeps_digest))
        return step

    return register


def _objects(value: object) -> list[Record]:
    """The JSON objects in a list (a broken file's other values are left for validation)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@migration(1, keeps_digest=True)
def fields_added_during_version_1(data: Record) -> None:
    """Version 1 grew fields as features came (self-checks, per-rubric summaries, LLM reply
    formats, verdicts); a file may lack any of them. Write in the values their absence meant,
    so a version-2 record holds every field."""
    if isinstance(data.get("settings"), dict):
        data["settings"].setdefault("response_format", None)
    for turn in _objects(data.get("turns")):
        turn.setdefault("self_check", None)
        if isinstance(turn.get("feedback"), dict):
            turn["feedback"].setdefault("verdict", None)
    summary = data.get("summary")
    if isinstance(summary, dict):
        summary.setdefault("rubrics", [])
        for criterion in _objects(summary.get("criteria")):
            criterion.setdefault("title", None)
            criterion.setdefault("rubric", None)


def upgrade(data: Record, source: Path) -> Record:
    """Bring a record up to ``SCHEMA_VERSION``, one migration step per version."""
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UserError(f"{source}: field 'schema_version': missing or not a number")
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{source}: field 'schema_version': {version} is newer than this program "
            f"understands ({SCHEMA_VERSION}); upgrade interviewer"
        )
    if version < 1:
        raise UserError(f"{source}: field 'schema_version': {version} is not a version (from 1)")
    for migrate in MIGRATIONS[version - 1 :]:
        migrate.step(data)
        data["schema_version"] = migrate.source + 1
    return data


# -- reading a file ---------------------------------------------------------------------


class Unreadable(UserError):
    """The file is not a transcript at all (not text, not JSON, not an object)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: not a transcript ({problem})")
        self.problem = problem


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _record(raw: bytes, path: Path) -> Record:
    """The file's JSON object brought up to the current schema, or one error naming the file."""
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
            return upgrade(data, path)
        problem = "expected a JSON object"
    raise Unreadable(path, problem)


def read_record(path: Path) -> Record:
    """The file as a current-version JSON object (the migrations run), or one error naming it."""
    return _record(_read_bytes(path), path)


def load_transcript(path: Path) -> Transcript:
    data = read_record(path)
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        raise UserError(describe_validation_error(exc, str(path))) from None


_VERSION = re.compile(rb'\{\s*"schema_version":\s*(\d{1,4})\s*,')
"""How this program starts every file it writes."""


def _digest_as_is(version: int) -> bool:
    """Whether a file of ``version`` gives the same digest before its migrations as after."""
    steps = MIGRATIONS[version - 1 :] if 1 <= version <= SCHEMA_VERSION else None
    return steps is not None and all(m.keeps_digest for m in steps)


def load_digest(path: Path) -> TranscriptDigest:
    """The fields a scan reads; the same errors as ``load_transcript`` for a broken file.

    A file as this program writes it whose migrations keep the digest (the current version
    always does) is validated by pydantic straight from its bytes, without a Python object
    for every value in it: that is what keeps listing a thousand files fast. Any other file
    is parsed, migrated and validated as ``load_transcript`` does.
    """
    raw = _read_bytes(path)
    peek = _VERSION.match(raw)
    if peek is not None and _digest_as_is(version := int(peek[1])):
        try:
            digest = TranscriptDigest.model_validate_json(raw)
        except ValidationError:
            pass  # the careful way below says what is wrong
        else:
            if digest.schema_version == version:  # not fooled by a second key
                return digest.model_copy(update={"schema_version": SCHEMA_VERSION})
    data = _record(raw, path)  # older (migrated), newer (refused) or broken
    try:
        return TranscriptDigest.model_validate(data)
    except ValidationError as exc:
        raise UserError(describe_validation_error(exc, str(path))) from None
