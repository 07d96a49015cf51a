"""The LLM evaluator: grades an answer with a chat model, or says why it could not.

It satisfies the same ``Evaluator`` protocol as the offline evaluator and
returns the same ``Feedback``. Whatever goes wrong with the model (it is
unreachable, rate limited, refuses, runs out of tokens, or twice replies with
something unusable), the answer is graded by the fallback evaluator instead,
with ``notice`` saying why: the interview never stops because of the LLM.
Cancelling (Ctrl-C) is the one thing that is not caught.

The first call of a session finds the ``response_format`` the server takes
(``formats.LADDER``); ``response_format`` then names it, the dialogue records
it in the transcript's settings, and later calls start there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import openai

from interviewer.clip import clip
from interviewer.config import LLMSettings
from interviewer.content.models import Feedback, Usage
from interviewer.grading.llm.client import ChatClient, Reply, UnexpectedReply
from interviewer.grading.llm.formats import LADDER, NAMES, Format, rejects_format
from interviewer.grading.llm.messages import build_messages, reask_messages
from interviewer.grading.llm.pricing import Tokens, usage
from interviewer.grading.llm.prompts import Prompts, load_prompts
from interviewer.grading.llm.render import TextStream, partial_json, render
from interviewer.grading.llm.retries import Attempts, RetryPolicy, default_policy, with_retries
from interviewer.grading.llm.schema import (
    SCHEMA_NAME,
    InvalidGrade,
    grade_schema,
    parse_grade,
    to_feedback,
)
from interviewer.grading.protocol import Evaluator, GradeRequest, StreamCallback

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

log = logging.getLogger(__name__)

_NOTICE_DETAIL = 120


class GradingFailed(Exception):
    """The model cannot grade this answer; ``reason`` is the start of the notice."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Call:
    """What one ``evaluate`` has spent and shown so far."""

    stream: TextStream | None
    tokens: Tokens = field(default_factory=Tokens)
    attempts: Attempts = field(default_factory=Attempts)


def what_failed(exc: BaseException) -> str:
    """The kind of failure, never its message (which may echo a key or a body)."""
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    elif isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return "timed out"
    elif isinstance(exc, openai.APIConnectionError):
        return "could not connect"
    elif isinstance(exc, httpx.TransportError):
        return "connection dropped mid-reply"
    elif isinstance(exc, openai.APIError):
        return "error reported by the server"
    elif isinstance(exc, UnexpectedReply):
        return "the server's reply is not an OpenAI-compatible chat completion"
    else:
        return f"unexpected {type(exc).__name__}"


def failure_reason(exc: BaseException, attempts: int) -> str:
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return f"LLM unavailable ({what_failed(exc)}{tries})"


def _clip(text: str) -> str:
    return clip(text, _NOTICE_DETAIL)


class LLMEvaluator:
    def __init__(
        self,
        settings: LLMSettings,
        fallback: Evaluator,
        *,
        http_client: httpx.AsyncClient | None = None,
        policy: RetryPolicy | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        self._settings = settings
        self._fallback = fallback
        self._prompts = prompts if prompts is not None else load_prompts()
        self._policy = policy if policy is not None else default_policy(settings)
        self._client = ChatClient(settings, http_client=http_client)
        self._rung = 0
        """Where on ``LADDER`` the next call starts: the highest rung not rejected."""
        self._found: Format | None = None

    def __repr__(self) -> str:
        return f"LLMEvaluator(model={self.name!r})"

    @property
    def name(self) -> str:
        return self._settings.model

    @property
    def response_format(self) -> str | None:
        """The format the server accepted, once a reply has come back in it."""
        return self._found.name if self._found is not None else None

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback:
        call = _Call(stream=TextStream(on_text) if on_text is not None else None)
        budget = self._settings.retry_budget
        try:
            async with asyncio.timeout(budget):
                return await self._grade(request, call)
        except GradingFailed as exc:
            reason = exc.reason
        except TimeoutError:
            reason = f"LLM gave no complete reply within {budget:g} s"
        except Exception as exc:  # the interview goes on whatever the LLM does
            reason = failure_reason(exc, call.attempts.count)
        # info, not warning: the notice already tells the candidate, and a warning would reach
        # stderr through logging's last-resort handler and garble the terminal app.
        log.info("grading offline: %s", reason)
        return await self._fall_back(request, call, f"{reason}; graded offline")

    async def _grade(self, request: GradeRequest, call: _Call) -> Feedback:
        retold: list[ChatCompletionMessageParam] = []
        """The unusable reply and what was wrong with it, once there was one."""
        problem = ""
        for _ in range(2):  # the reply, and one re-ask carrying what was wrong with it
            reply = await self._ask(request, retold, call)
            call.tokens.add(reply.tokens)
            if reply.refusal:
                raise GradingFailed("LLM declined to grade this answer")
            if reply.finish_reason == "length":
                raise GradingFailed("LLM reply cut off at its length limit")
            if reply.finish_reason == "content_filter":
                raise GradingFailed("LLM reply stopped by the server's content filter")
            try:
                grade = parse_grade(reply.content)
                return to_feedback(grade, request, self.name, self._usage(call.tokens))
            except InvalidGrade as exc:
                problem = exc.message
            retold = reask_messages(self._prompts, [], reply.content, problem)
            if call.stream is not None:
                call.stream.restart("that reply was malformed; asking again")
        raise GradingFailed(f"LLM reply unusable twice: {_clip(problem)}")

    async def _ask(
        self,
        request: GradeRequest,
        retold: list[ChatCompletionMessageParam],
        call: _Call,
    ) -> Reply:
        """One reply, stepping down the format ladder each time the server rejects a format."""
        while True:
            fmt = LADDER[self._rung]
            schema = grade_schema(request, bounded=fmt.bounded)
            messages = build_messages(self._prompts, request, fmt.instruction(schema)) + retold
            try:
                reply = await self._send(messages, fmt.response_format(schema, SCHEMA_NAME), call)
            except Exception as exc:
                if not rejects_format(exc):
                    raise
                if self._rung + 1 == len(LADDER):
                    raise GradingFailed(
                        f"LLM server takes none of the reply formats ({', '.join(NAMES)}): "
                        f"{what_failed(exc)}"
                    ) from None
                self._rung += 1
                log.info("the server rejects %s; trying %s", fmt.name, LADDER[self._rung].name)
                continue
            self._found = fmt
            return reply

    async def _send(
        self,
        messages: list[ChatCompletionMessageParam],
        response_format: dict[str, object] | None,
        call: _Call,
    ) -> Reply:
        stream = call.stream
        on_content: Callable[[str], None] | None = None
        if stream is not None:

            def on_content(content: str) -> None:
                stream.show(render(partial_json(content)))

        def on_retry(error: BaseException) -> None:
            log.info("retrying the LLM call: %s", failure_reason(error, 1))
            if stream is not None:
                stream.restart("connection trouble; trying again")

        return await with_retries(
            lambda: self._client.complete(messages, response_format, on_content),
            self._policy,
            attempts=call.attempts,
            on_retry=on_retry,
        )

    async def _fall_back(self, request: GradeRequest, call: _Call, notice: str) -> Feedback:
        on_text: StreamCallback | None = None
        if call.stream is not None:
            call.stream.restart(notice)
            on_text = call.stream.show
        feedback = await self._fallback.evaluate(request, on_text)
        update: dict[str, object] = {"notice": notice}
        if call.tokens:  # tokens spent before the failure still cost money
            update["usage"] = self._usage(call.tokens)
        return feedback.model_copy(update=update)

    def _usage(self, tokens: Tokens) -> Usage:
        return usage(self.name, tokens, self._settings.prices)

    async def aclose(self) -> None:
        await self._client.aclose()
        await self._fallback.aclose()
