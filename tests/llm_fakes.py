"""Fake OpenAI-compatible replies, shaped exactly as the API sends them.

Bodies are built from the SDK's own types (``ChatCompletion``,
``ChatCompletionChunk``) and dumped, so a field the API sends is never
misspelt here. Streams are Server-Sent Events: one ``data: {json}`` event per
chunk, ``usage`` on the last chunk (which has no choices, as with
``stream_options.include_usage``), then ``data: [DONE]``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx
import respx
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from openai.types.completion_usage import PromptTokensDetails

from interviewer.config import LLMSettings
from interviewer.content.models import Criterion, CriterionScore, Feedback, Question, Rubric
from interviewer.grading.llm import LLMEvaluator
from interviewer.grading.llm.retries import RetryPolicy
from interviewer.grading.protocol import Exchange, GradeRequest, StreamCallback

BASE_URL = "http://llm.test/v1"
CHAT_URL = f"{BASE_URL}/chat/completions"
KEY = "test-key-not-real"
MODEL = "gpt-5-mini"
CREATED = 1_767_225_600


def settings(**changes: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "model": MODEL,
        "base_url": BASE_URL,
        "api_key": KEY,
        "timeout": 5.0,
        "retry_budget": 30.0,
    }
    return LLMSettings(**{**values, **changes})


# -- the question, rubric and answers the tests grade ------------------------

ANSWER = (
    "Accuracy is useless here because predicting no fraud scores 99.8%. "
    "I would use PR AUC, since it focuses on the rare fraud class."
)


def _levels(what: str) -> dict[int, str]:
    return {n: f"{what} at level {n}." for n in range(1, 6)}


RUBRIC = Rubric(
    id="test-rubric",
    title="Test rubric",
    description="Two criteria with unequal weights.",
    criteria=[
        Criterion(
            id="substance",
            title="Substance",
            description="Covers the key points.",
            weight=3.0,
            measure="coverage",
            levels=_levels("Substance"),
        ),
        Criterion(
            id="reasoning",
            title="Reasoning",
            description="Explains why.",
            weight=1.0,
            measure="reasoning",
            levels=_levels("Reasoning"),
        ),
    ],
)

QUESTION = Question(
    id="fraud-metric",
    topic="model-selection",
    prompt="Fraud is 1 in 500 transactions and a model has 99.8% accuracy. Which metric instead?",
    key_points=[
        "Accuracy is misleading on imbalanced data.",
        "Use PR AUC for the rare class.",
        "Choose the threshold by business cost.",
    ],
    follow_ups=["How would you pick the threshold?", "Would you resample the data?"],
    reference_answer="REFERENCE: PR AUC, threshold by expected cost.",
)


def request(
    answer: str = ANSWER,
    *,
    thread: Sequence[Exchange] = (),
    kind: str = "question",
    prompt: str | None = None,
) -> GradeRequest:
    return GradeRequest(
        question=QUESTION,
        rubric=RUBRIC,
        answer=answer,
        prompt=prompt if prompt is not None else QUESTION.prompt,
        kind=kind,  # type: ignore[arg-type]
        thread=tuple(thread),
    )


def first_follow_up(answer: str) -> GradeRequest:
    """An answer to the question's first follow-up, after ``ANSWER`` to the question."""
    return request(
        answer,
        thread=[Exchange(QUESTION.prompt, ANSWER)],
        kind="follow_up",
        prompt=QUESTION.follow_ups[0],
    )


def grade(**changes: Any) -> dict[str, Any]:
    """A valid reply for ``RUBRIC`` and ``QUESTION``, as the model would fill it."""
    value: dict[str, Any] = {
        "verdict": "You picked the right metric and said why accuracy misleads.",
        "criteria": {
            "substance": {
                "evidence": ["I would use PR AUC"],
                "comment": "Names PR AUC and why accuracy fails.",
                "score": 4,
            },
            "reasoning": {
                "evidence": ["since it focuses on the rare fraud class"],
                "comment": "Gives a reason for the metric.",
                "score": 2,
            },
        },
        "covered_points": [
            {"point": 1, "quote": "Accuracy is useless here"},
            {"point": 2, "quote": "I would use PR AUC"},
        ],
        "strengths": ["Clear metric choice."],
        "gaps": ["No word on the threshold."],
        "follow_up": "How would you set the alert threshold?",
        "flags": [],
    }
    value.update(changes)
    return value


def grade_json(**changes: Any) -> str:
    return json.dumps(grade(**changes))


# -- API-shaped bodies -------------------------------------------------------


def usage(prompt: int = 1200, completion: int = 300, cached: int = 1024) -> CompletionUsage:
    return CompletionUsage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=prompt + completion,
        prompt_tokens_details=PromptTokensDetails(cached_tokens=cached, audio_tokens=0),
    )


def completion(
    content: str | None = None,
    *,
    refusal: str | None = None,
    finish_reason: str = "stop",
    tokens: CompletionUsage | None = None,
) -> dict[str, Any]:
    """A non-streamed ``chat.completion`` body."""
    body = ChatCompletion(
        id="chatcmpl-test",
        object="chat.completion",
        created=CREATED,
        model=f"{MODEL}-2025-08-07",
        system_fingerprint=None,
        service_tier="default",
        choices=[
            Choice(
                index=0,
                finish_reason=finish_reason,  # type: ignore[arg-type]
                logprobs=None,
                message=ChatCompletionMessage(
                    role="assistant", content=content, refusal=refusal, annotations=[]
                ),
            )
        ],
        usage=tokens or usage(),
    )
    return body.model_dump(mode="json", exclude_unset=True)


def _chunk(
    delta: ChoiceDelta | None,
    finish_reason: str | None = None,
    tokens: CompletionUsage | None = None,
) -> ChatCompletionChunk:
    choices = (
        []
        if delta is None
        else [
            ChunkChoice(
                index=0,
                delta=delta,
                logprobs=None,
                finish_reason=finish_reason,  # type: ignore[arg-type]
            )
        ]
    )
    return ChatCompletionChunk(
        id="chatcmpl-test",
        object="chat.completion.chunk",
        created=CREATED,
        model=f"{MODEL}-2025-08-07",
        system_fingerprint=None,
        service_tier="default",
        choices=choices,
        usage=tokens,
    )


def split(text: str, size: int = 7) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def chunks(
    content: Sequence[str] = (),
    *,
    refusal: Sequence[str] = (),
    finish_reason: str = "stop",
    tokens: CompletionUsage | None = None,
) -> list[ChatCompletionChunk]:
    """The chunks of one streamed reply: role, the pieces, the finish, the usage."""
    first = ChoiceDelta(role="assistant", content="" if not refusal else None, refusal=None)
    out = [_chunk(first)]
    out += [_chunk(ChoiceDelta(content=piece)) for piece in content]
    out += [_chunk(ChoiceDelta(refusal=piece)) for piece in refusal]
    out.append(_chunk(ChoiceDelta(), finish_reason=finish_reason))
    out.append(_chunk(None, tokens=tokens or usage()))
    return out


def event(chunk: ChatCompletionChunk) -> bytes:
    return f"data: {chunk.model_dump_json(exclude_unset=True)}\n\n".encode()


DONE = b"data: [DONE]\n\n"


def sse(items: Sequence[ChatCompletionChunk]) -> bytes:
    return b"".join(event(c) for c in items) + DONE


@dataclass
class Streamed:
    """A streaming body that can pause, drop the connection, or note when each event goes out."""

    items: Sequence[ChatCompletionChunk]
    drop_after: int | None = None
    """Raise a dropped-connection error after this many events."""
    before_event: Callable[[int], Any] | None = None
    """Called (and awaited, if it returns an awaitable) before event ``n`` is sent."""
    sent: list[int] = field(default_factory=list)

    async def body(self) -> AsyncIterator[bytes]:
        for n, item in enumerate(self.items):
            if self.drop_after is not None and n == self.drop_after:
                raise httpcore.RemoteProtocolError("peer closed connection mid-body")
            if self.before_event is not None:
                result = self.before_event(n)
                if asyncio.iscoroutine(result):
                    await result
            self.sent.append(n)
            yield event(item)
        yield DONE

    def response(self) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=self.body()
        )


def stream_response(items: Sequence[ChatCompletionChunk]) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=sse(items))


def reply_stream(content: str, **kwargs: Any) -> httpx.Response:
    return stream_response(chunks(split(content), **kwargs))


def error(
    status: int, message: str = "error", headers: dict[str, str] | None = None
) -> httpx.Response:
    """An error response with the API's error body shape."""
    body = {"error": {"message": message, "type": "server_error", "param": None, "code": None}}
    return httpx.Response(status, json=body, headers=headers or {})


def replies(
    router: respx.MockRouter, *responses: httpx.Response | dict[str, Any] | str
) -> respx.Route:
    """Answer chat requests with ``responses`` in turn, or always with a single one.

    A string is a plain reply with that content; a dict is a ``completion`` body.
    """
    effects = [
        r
        if isinstance(r, httpx.Response)
        else httpx.Response(200, json=r if isinstance(r, dict) else completion(r))
        for r in responses
    ]
    route = router.post(CHAT_URL)
    if len(effects) == 1:
        return route.mock(return_value=effects[0])
    return route.mock(side_effect=effects)


def sent_body(call: Any) -> dict[str, Any]:
    """The JSON body of a request respx recorded."""
    return json.loads(call.request.content)


# -- test doubles --------------------------------------------------------------


class Sleeps:
    """Records the waits the retry policy asks for and moves a fake clock instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 0.0

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)

    def clock(self) -> float:
        return self.now


def fast_policy(sleeps: Sleeps | None = None, **changes: Any) -> RetryPolicy:
    sleeps = sleeps or Sleeps()
    values: dict[str, Any] = {
        "budget": 30.0,
        "initial": 0.01,
        "max_wait": 0.05,
        "jitter": 0.0,
        "sleep": sleeps,
        "clock": sleeps.clock,
    }
    return RetryPolicy(**{**values, **changes})


class FakeOffline:
    """A fallback evaluator that records its calls."""

    def __init__(self, text: str = "Offline feedback.") -> None:
        self.calls: list[GradeRequest] = []
        self.closed = False
        self.text = text

    @property
    def name(self) -> str:
        return "offline"

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback:
        self.calls.append(request)
        if on_text is not None:
            on_text(self.text)
        return Feedback(
            overall=2.0,
            criteria=[CriterionScore(id=c.id, score=2) for c in request.rubric.criteria],
            evaluator="offline",
            rubric=request.rubric.id,
            strengths=[self.text],
        )

    async def aclose(self) -> None:
        self.closed = True


def evaluator(
    offline: FakeOffline | None = None, policy: RetryPolicy | None = None, **changes: Any
) -> LLMEvaluator:
    """An evaluator against the fake base URL, with tiny retry waits."""
    return LLMEvaluator(
        settings(**changes), offline or FakeOffline(), policy=policy or fast_policy()
    )


class Texts:
    """An ``on_text`` callback that checks every call extends the one before."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> None:
        if self.calls:
            assert text.startswith(self.calls[-1]) and len(text) > len(self.calls[-1]), (
                f"not prefix-stable: {self.calls[-1]!r} -> {text!r}"
            )
        self.calls.append(text)

    @property
    def last(self) -> str:
        return self.calls[-1] if self.calls else ""
