"""The chat messages for one grading call, built from a ``GradeRequest``.

Layout: the system message (``prompts/system.md``, the same on every call),
then one user message with the rubric, the question with its hidden key points
and reference answer, this question's earlier exchanges, and the answer to
grade, and the reply's schema as text when the server does not enforce it.
Nothing from other questions is ever sent, so the prompt for the last
question of an interview is no larger than for the first.

Candidate answers are untrusted: each sits inside ``<candidate_answer>`` tags,
and any text in it that could pass for such a tag is defused first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from interviewer.content.models import Rubric
from interviewer.grading.llm.prompts import Prompts
from interviewer.grading.protocol import Exchange, GradeRequest

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

TAG = "candidate_answer"
_TAG_LIKE = re.compile(rf"<(\s*/?\s*{TAG})", re.IGNORECASE)
_NONE = "(none)"


def delimit(answer: str) -> str:
    """The answer between tags, with any tag-like text inside it made harmless."""
    defused = _TAG_LIKE.sub(r"&lt;\1", answer.strip())
    return f"<{TAG}>\n{defused}\n</{TAG}>"


def render_rubric(rubric: Rubric) -> str:
    blocks = [rubric.description]
    for c in rubric.criteria:
        levels = "\n".join(f"- {score}: {text}" for score, text in c.levels.items())
        blocks.append(
            f"## Criterion id `{c.id}`: {c.title} (weight {c.weight:g})\n\n{c.description}\n\n"
            f"{levels}"
        )
    return "\n\n".join(blocks)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items) or _NONE


def _kind(kind: str) -> str:
    return "the main answer" if kind == "question" else "an answer to a follow-up"


def render_thread(request: GradeRequest) -> str:
    if not request.thread:
        return "(none: this is the first answer to this question)"
    return "\n\n".join(
        _render_exchange(n, e, request.question.prompt) for n, e in enumerate(request.thread, 1)
    )


def _render_exchange(number: int, exchange: Exchange, question: str) -> str:
    asked = "the question above" if exchange.prompt.strip() == question else exchange.prompt
    heading = f"## Exchange {number}, {_kind(exchange.kind)}"
    return f"{heading}\n\nAsked: {asked}\n\n{delimit(exchange.answer)}"


def grade_fields(request: GradeRequest) -> dict[str, str]:
    """The values for ``prompts/grade.md``: only this question and its own thread."""
    q = request.question
    asked = request.prompt.strip() or q.prompt
    return {
        "rubric_title": request.rubric.title,
        "rubric": render_rubric(request.rubric),
        "question": q.prompt,
        "key_points": "\n".join(f"{n}. {p.text}" for n, p in enumerate(q.key_points, 1)),
        "reference_answer": q.reference_answer or _NONE,
        "suggested_follow_ups": _bullets(q.follow_ups),
        "thread": render_thread(request),
        "kind": _kind(request.kind),
        "asked": "the question above" if asked == q.prompt else asked,
        "answer": delimit(request.answer),
        "asked_follow_ups": _bullets(sorted(request.asked_follow_ups)),
    }


def build_messages(
    prompts: Prompts, request: GradeRequest, schema_text: str | None = None
) -> list[ChatCompletionMessageParam]:
    """The two messages; ``schema_text`` goes last in the user message when given.

    It is given only when the server does not enforce the schema, and it goes
    in the user message so that the system message never changes.
    """
    user = prompts.grade.render(**grade_fields(request))
    if schema_text is not None:
        user = f"{user}\n{prompts.reply_format.render(schema=schema_text)}"
    return [
        {"role": "system", "content": prompts.system.render()},
        {"role": "user", "content": user},
    ]


def reask_messages(
    prompts: Prompts, messages: list[ChatCompletionMessageParam], reply: str, error: str
) -> list[ChatCompletionMessageParam]:
    """The conversation again, with the unusable reply and what was wrong with it."""
    return [
        *messages,
        {"role": "assistant", "content": reply},
        {"role": "user", "content": prompts.reask.render(error=error)},
    ]
