"""What the model fills in, and how that becomes the shared ``Feedback``.

The JSON schema is built for each request from the rubric and the question,
so that it leaves a small model nothing to get wrong in structure: every
criterion of the rubric is a required property of its own, under its exact
id, in the rubric's order (a list of ``{"id": ...}`` items let a 135M model
invent ids or stop after one criterion), and a covered key point is named by
a number from an enum of the question's points. Only keywords that OpenAI's
strict mode and the grammar compilers of local servers all accept are used
(``enum``, ``required``, ``additionalProperties``, ``anyOf``), so one schema
serves every rung of the format ladder.

Readable prose comes first (``verdict``) so front ends have text to show while
the rest is generated. Inside a criterion, evidence and comment come before
the score: the model quotes and reasons, then scores.

The model is trusted with judgement only. The overall score is computed here
from the rubric's weights; evidence that does not occur in the candidate's
answers is dropped; a key point counts as covered only with a quote that
does occur in them; a follow-up already asked is replaced.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer.content.models import CriterionScore, Feedback, Flag, Usage
from interviewer.grading.protocol import GradeRequest

SCHEMA_NAME = "interview_grade"


class _Reply(BaseModel):
    # Strict structured outputs want every field required and no extra keys.
    model_config = ConfigDict(extra="forbid")


class CriterionGrade(_Reply):
    evidence: list[str]
    comment: str
    score: Literal[1, 2, 3, 4, 5]


class CoveredPoint(_Reply):
    point: int
    """The key point's 1-based number."""
    quote: str
    """The candidate's own words that cover it; without a real quote it does not count."""


class Grade(_Reply):
    verdict: str
    criteria: dict[str, CriterionGrade]
    """Keyed by criterion id, in the rubric's order."""
    covered_points: list[CoveredPoint]
    strengths: list[str]
    gaps: list[str]
    follow_up: str | None
    flags: list[Flag]


class InvalidGrade(ValueError):
    """A reply that cannot be used; ``message`` is what the model is told on the re-ask."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_QUOTE_CHARS = 200
"""About 25 words, the longest quote the system prompt asks for."""
_SENTENCES_CHARS = 400
"""Two or three sentences: a verdict, a comment, a follow-up."""


def _object(properties: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def grade_schema(request: GradeRequest, *, bounded: bool = False) -> dict[str, Any]:
    """The JSON schema of a grade for this rubric and this question.

    ``bounded`` adds ``maxLength`` and ``maxItems``, for servers that compile
    the schema into a grammar: a small model that starts repeating itself is
    then stopped by the grammar instead of running on to the context limit.
    OpenAI's strict mode is not sent them.
    """

    def text(limit: int) -> dict[str, Any]:
        return {"type": "string", "maxLength": limit} if bounded else {"type": "string"}

    def items(item: dict[str, Any], limit: int) -> dict[str, Any]:
        listed = {"type": "array", "items": item}
        return {**listed, "maxItems": limit} if bounded else listed

    criterion = {
        "evidence": items(text(_QUOTE_CHARS), 3),
        "comment": text(_SENTENCES_CHARS),
        "score": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
    }
    criteria = {c.id: _object(criterion, c.title) for c in request.rubric.criteria}
    points = list(range(1, len(request.question.key_points) + 1))
    covered = _object({"point": {"type": "integer", "enum": points}, "quote": text(_QUOTE_CHARS)})
    flags = list(get_args(Flag))
    return _object(
        {
            "verdict": text(_SENTENCES_CHARS),
            "criteria": _object(criteria),
            "covered_points": items(covered, len(points)),
            "strengths": items(text(_SENTENCES_CHARS), 3),
            "gaps": items(text(_SENTENCES_CHARS), 3),
            "follow_up": {"anyOf": [text(_SENTENCES_CHARS), {"type": "null"}]},
            "flags": items({"type": "string", "enum": flags}, len(flags)),
        }
    )


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
    lines = [f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in errors]
    more = f" (and {len(lines) - limit} more)" if len(lines) > limit else ""
    return "; ".join(lines[:limit]) + more


def parse_grade(content: str) -> Grade:
    """The grade in a reply, which may hold raw line breaks inside its strings.

    llama-cpp-python's JSON grammar lets any character but a quote or a
    backslash into a string, so a small model writes raw newlines there.
    JSON forbids them, but they cannot be misread, so they are accepted.
    """
    text = strip_fences(content)
    if not text:
        raise InvalidGrade("it is empty")
    try:
        value = json.loads(text, strict=False)
    except ValueError as exc:
        raise InvalidGrade(f"it is not valid JSON ({exc})") from None
    try:
        return Grade.model_validate(value)
    except ValidationError as exc:
        raise InvalidGrade(describe(exc)) from None


def check_against(grade: Grade, request: GradeRequest) -> None:
    """Criteria and key point numbers must match the rubric and question that were sent."""
    wanted = [c.id for c in request.rubric.criteria]
    given = list(grade.criteria)
    problems = []
    missing = [i for i in wanted if i not in given]
    unknown = [i for i in given if i not in wanted]
    if missing:
        problems.append(f"criteria is missing {', '.join(missing)}")
    if unknown:
        problems.append(f"criteria has unknown ids {', '.join(unknown)} (use {', '.join(wanted)})")
    count = len(request.question.key_points)
    bad = sorted({p.point for p in grade.covered_points if not 1 <= p.point <= count})
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


def covered_numbers(grade: Grade, answers: list[str]) -> set[int]:
    """The key points the model called covered and backed with a quote from the answers."""
    return {p.point for p in grade.covered_points if grounded([p.quote], answers)}


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
    answers = request.thread_answers
    criteria = [
        CriterionScore(
            id=c.id,
            score=grade.criteria[c.id].score,
            comment=grade.criteria[c.id].comment.strip(),
            evidence=grounded(grade.criteria[c.id].evidence, answers),
        )
        for c in request.rubric.criteria
    ]
    covered = covered_numbers(grade, answers)
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
