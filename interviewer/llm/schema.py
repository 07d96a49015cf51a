"""What the model fills in, and how that becomes the shared ``Feedback``.

The schema is the same for every rubric (criteria are a list, not one field
per criterion) so the response format, like the system message, never changes
between calls. Readable prose comes first (``verdict``, then each criterion's
comment) so the front ends have text to show while the rest is generated.
Inside a criterion, evidence and comment come before the score: the model
quotes and reasons, then scores.

The model is trusted with judgement only. Scores outside 1 to 5 fail
validation; criterion ids must match the rubric; the overall score is computed
here from the rubric's weights; evidence that does not occur in the
candidate's answers is dropped; a follow-up already asked is replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer.evaluation import GradeRequest
from interviewer.models import CriterionScore, Feedback, Flag, Usage

if TYPE_CHECKING:
    from openai.types.shared_params import ResponseFormatJSONSchema

SCHEMA_NAME = "interview_grade"


class _Reply(BaseModel):
    # Strict structured outputs want every field required and no extra keys.
    model_config = ConfigDict(extra="forbid")


class CriterionGrade(_Reply):
    id: str
    evidence: list[str]
    comment: str
    score: Literal[1, 2, 3, 4, 5]
    """An enum rather than minimum/maximum: every constrained decoder supports enums."""


class Grade(_Reply):
    verdict: str
    criteria: list[CriterionGrade]
    covered_points: list[int]
    """1-based numbers of the question's key points the thread covers."""
    strengths: list[str]
    gaps: list[str]
    follow_up: str | None
    flags: list[Flag]


class InvalidGrade(ValueError):
    """A reply that cannot be used; ``message`` is what the model is told on the re-ask."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def response_format() -> ResponseFormatJSONSchema:
    """The ``response_format`` for Chat Completions: the ``Grade`` schema, strict."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": SCHEMA_NAME,
            "strict": True,
            "schema": Grade.model_json_schema(),
        },
    }


def strip_fences(content: str) -> str:
    """The JSON inside a Markdown code fence, which some local models add anyway."""
    text = content.strip()
    if text.startswith("```"):
        newline = text.find("\n")
        text = text[newline + 1 :] if newline != -1 else ""
        if text.rstrip().endswith("```"):
            text = text.rstrip()[:-3]
    return text.strip()


def describe(error: ValidationError, limit: int = 5) -> str:
    errors = error.errors(include_url=False, include_input=False)
    if any(e["type"] == "json_invalid" for e in errors):
        return f"it is not valid JSON ({errors[0]['msg']})"
    lines = [f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in errors]
    more = f" (and {len(lines) - limit} more)" if len(lines) > limit else ""
    return "; ".join(lines[:limit]) + more


def parse_grade(content: str) -> Grade:
    text = strip_fences(content)
    if not text:
        raise InvalidGrade("it is empty")
    try:
        return Grade.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidGrade(describe(exc)) from None


def check_against(grade: Grade, request: GradeRequest) -> None:
    """Criteria and key point numbers must match the rubric and question that were sent."""
    wanted = [c.id for c in request.rubric.criteria]
    given = [c.id for c in grade.criteria]
    problems = []
    missing = [i for i in wanted if i not in given]
    unknown = [i for i in given if i not in wanted]
    doubled = sorted({i for i in given if given.count(i) > 1})
    if missing:
        problems.append(f"criteria is missing {', '.join(missing)}")
    if unknown:
        problems.append(f"criteria has unknown ids {', '.join(unknown)} (use {', '.join(wanted)})")
    if doubled:
        problems.append(f"criteria lists {', '.join(doubled)} more than once")
    count = len(request.question.key_points)
    bad = sorted({n for n in grade.covered_points if not 1 <= n <= count})
    if bad:
        problems.append(
            f"covered_points has {', '.join(map(str, bad))}; key points are numbered 1 to {count}"
        )
    if problems:
        raise InvalidGrade("; ".join(problems))


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


_QUOTE_EDGES = " \t\n\"'“”‘’«»`"


def grounded(quotes: list[str], answers: list[str]) -> list[str]:
    """The quotes that occur in the answers, ignoring case, spacing and wrapping quote marks."""
    haystack = _normal("\n".join(answers))
    kept: list[str] = []
    for quote in quotes:
        core = quote.strip(_QUOTE_EDGES).rstrip(".,;:").strip(_QUOTE_EDGES)
        if core and _normal(core) in haystack and core not in kept:
            kept.append(core)
    return kept


def fresh_follow_up(proposed: str | None, request: GradeRequest) -> str | None:
    """The model's follow-up unless already asked; then an unasked one from the bank, if any."""
    asked = {_normal(a) for a in request.asked_follow_ups} | {_normal(request.question.prompt)}
    if proposed and proposed.strip() and _normal(proposed) not in asked:
        return proposed.strip()
    return next((f for f in request.question.follow_ups if _normal(f) not in asked), None)


def _clean(items: list[str]) -> list[str]:
    return [s.strip() for s in items if s.strip()]


def to_feedback(grade: Grade, request: GradeRequest, evaluator: str, usage: Usage) -> Feedback:
    check_against(grade, request)
    by_id = {c.id: c for c in grade.criteria}
    answers = request.thread_answers
    criteria = [
        CriterionScore(
            id=c.id,
            score=by_id[c.id].score,
            comment=by_id[c.id].comment.strip(),
            evidence=grounded(by_id[c.id].evidence, answers),
        )
        for c in request.rubric.criteria
    ]
    covered = set(grade.covered_points)
    points = request.question.key_points
    return Feedback(
        overall=request.rubric.weighted({c.id: c.score for c in criteria}),
        verdict=grade.verdict.strip() or None,
        criteria=criteria,
        covered_points=[p.text for n, p in enumerate(points, 1) if n in covered],
        missed_points=[p.text for n, p in enumerate(points, 1) if n not in covered],
        strengths=_clean(grade.strengths),
        gaps=_clean(grade.gaps),
        follow_up=fresh_follow_up(grade.follow_up, request),
        evaluator=evaluator,
        rubric=request.rubric.id,
        flags=list(dict.fromkeys(grade.flags)),
        usage=usage,
    )
