"""The data every part of the program shares: questions, rubrics and feedback.

These are the contracts. Users write banks and rubrics in TOML that load into
these models, and both evaluators (offline and LLM) return the same
``Feedback``, so the dialogue manager, transcripts and front ends never care
which one graded an answer. ``extra="forbid"`` turns a typo in a user's file
into an error naming the field instead of a silently ignored key.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
Score = Annotated[int, Field(ge=1, le=5)]
Overall = Annotated[float, Field(ge=1.0, le=5.0)]

# What the offline evaluator measures for a criterion. An LLM reads the
# criterion's descriptions instead; this only tells the offline grader which
# signal in the answer stands for the criterion.
Measure = Literal[
    "coverage",  # key points of the question said, in any words
    "reasoning",  # explanation (because, so, which means) rather than a list of terms
    "tradeoffs",  # alternatives weighed, costs named
    "structure",  # clarify, assumptions, approach, trade-offs, conclusion
    "clarity",  # little filler or hedging, sentences of a readable length
    "plain-language",  # jargon explained or avoided
    "business-impact",  # consequences in money, users, risk
    "recommendation",  # a clear decision or next step
    "conciseness",  # length fitting the question
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPoint(Strict):
    """One thing a strong answer covers, as a plain sentence.

    ``hints`` are optional extra phrases that also count as saying the point
    (for jargon the built-in synonym list does not know). A bank of plain
    strings works fully without them.

    ``probe`` is a question that draws the point out without stating it: the
    follow-up asked when the candidate missed the point, so the interviewer
    interviews rather than reads the answer back.
    """

    text: Annotated[str, Field(min_length=1)]
    hints: list[Annotated[str, Field(min_length=1)]] = []
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    probe: Annotated[str, Field(min_length=1)] | None = None


class Question(Strict):
    id: Slug
    topic: Slug
    difficulty: Difficulty = "medium"
    prompt: Annotated[str, Field(min_length=1)]
    key_points: Annotated[list[KeyPoint], Field(min_length=1)]
    follow_ups: list[Annotated[str, Field(min_length=1)]] = []
    reference_answer: str | None = None
    rubric: Slug | None = None
    """The rubric this question uses by default; else its topic's, else ``general``."""

    @field_validator("key_points", mode="before")
    @classmethod
    def _plain_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("prompt", "reference_answer")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None


class Criterion(Strict):
    id: Slug
    title: Annotated[str, Field(min_length=1)]
    description: Annotated[str, Field(min_length=1)]
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    measure: Measure
    levels: dict[int, Annotated[str, Field(min_length=1)]]
    """What a score of 1, 2, 3, 4 and 5 looks like, the scale a person and an LLM share."""

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: dict[int, str]) -> dict[int, str]:
        if sorted(value) != [1, 2, 3, 4, 5]:
            raise ValueError("needs exactly the levels 1, 2, 3, 4 and 5")
        return dict(sorted(value.items()))


class Rubric(Strict):
    id: Slug
    title: Annotated[str, Field(min_length=1)]
    description: Annotated[str, Field(min_length=1)]
    criteria: Annotated[list[Criterion], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_criteria(self) -> Rubric:
        seen: set[str] = set()
        for c in self.criteria:
            if c.id in seen:
                raise ValueError(f"criterion id {c.id!r} appears twice")
            seen.add(c.id)
        return self

    def weighted(self, scores: dict[str, float]) -> float:
        """The overall score: the criteria's weighted mean, on the 1 to 5 scale."""
        total = sum(c.weight for c in self.criteria)
        value = sum(c.weight * scores[c.id] for c in self.criteria) / total
        return round(min(5.0, max(1.0, value)), 2)


class CriterionScore(BaseModel):
    id: str
    score: Score
    comment: str = ""
    evidence: list[str] = []
    """Quotes from the answer behind the score, verbatim."""


class Usage(BaseModel):
    """Tokens and estimated cost. ``None`` means unknown (the server did not report usage).

    A sum with an unknown part is unknown: a partial count would read as a total.
    """

    prompt_tokens: int | None = 0
    completion_tokens: int | None = 0
    cached_tokens: int | None = 0
    cost_usd: float | None = None

    @classmethod
    def unknown(cls) -> Usage:
        return cls(prompt_tokens=None, completion_tokens=None, cached_tokens=None)

    @property
    def known(self) -> bool:
        return self.prompt_tokens is not None and self.completion_tokens is not None

    def __add__(self, other: Usage) -> Usage:
        if not (self.known and other.known):
            return Usage.unknown()
        cost = None
        if self.cost_usd is not None or other.cost_usd is not None:
            cost = (self.cost_usd or 0.0) + (other.cost_usd or 0.0)
        return Usage(
            prompt_tokens=(self.prompt_tokens or 0) + (other.prompt_tokens or 0),
            completion_tokens=(self.completion_tokens or 0) + (other.completion_tokens or 0),
            cached_tokens=(self.cached_tokens or 0) + (other.cached_tokens or 0),
            cost_usd=cost,
        )

    def line(self) -> str | None:
        """The summary's token line, or ``None`` when no model was called."""
        if not self.known:
            return "unknown (the server did not report token usage)"
        if not self.prompt_tokens:
            return None
        cost = f", about ${self.cost_usd:.4f}" if self.cost_usd is not None else ""
        return (
            f"{self.prompt_tokens} prompt ({self.cached_tokens or 0} cached), "
            f"{self.completion_tokens} completion{cost}"
        )


Flag = Literal[
    "instruction-to-grader", "buzzword-list", "empty", "off-topic", "repetition", "contradiction"
]


class Feedback(BaseModel):
    """What any evaluator says about one answer."""

    overall: Overall
    verdict: str | None = None
    """A sentence or two on the answer as a whole (the LLM writes one; offline leaves it out)."""
    criteria: list[CriterionScore]
    covered_points: list[str] = []
    missed_points: list[str] = []
    strengths: list[str] = []
    gaps: list[str] = []
    follow_up: str | None = None
    evaluator: str
    """``offline``, or the model's name."""
    rubric: str
    flags: list[Flag] = []
    notice: str | None = None
    """Why this answer was graded offline although an LLM was configured."""
    usage: Usage | None = None
