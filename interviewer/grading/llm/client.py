"""One call to an OpenAI-compatible Chat Completions endpoint, streamed or not.

``ChatClient.complete`` makes a single attempt (retries live in
``retries.py``) and returns the reply's text, refusal, finish reason and
token counts (unknown, not zero, when the server sends none: llama-cpp-python
accepts ``stream_options.include_usage`` and still sends no usage). The
``response_format`` is chosen per call by the evaluator. When streaming,
``on_content`` receives the content so far after every chunk, straight from
the SSE parser, with nothing buffered. The SDK's own retries are off so they
do not multiply with ours. The API key is handed to the SDK and kept nowhere
else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
import openai
from openai import AsyncStream, omit
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from interviewer.config import LLMSettings
from interviewer.grading.llm.pricing import Tokens

if TYPE_CHECKING:
    from openai.types import CompletionUsage
    from openai.types.chat import ChatCompletionMessageParam

ResponseFormat = dict[str, Any] | None
"""The ``response_format`` field as sent, or ``None`` to send none."""

NO_KEY = "no-key-required"
"""Sent as the key to servers configured by base URL alone: local servers ignore it."""


class UnexpectedReply(Exception):
    """The server answered, but not with a chat completion (not OpenAI-compatible)."""


@dataclass
class Reply:
    content: str = ""
    refusal: str | None = None
    finish_reason: str | None = None
    tokens: Tokens = field(default_factory=lambda: Tokens(unknown=True))


def _tokens(usage: CompletionUsage | None) -> Tokens:
    if usage is None:
        return Tokens(unknown=True)
    details = usage.prompt_tokens_details
    cached = (details.cached_tokens or 0) if details is not None else 0
    return Tokens(prompt=usage.prompt_tokens, completion=usage.completion_tokens, cached=cached)


async def _chunks(stream: AsyncStream[ChatCompletionChunk]) -> AsyncIterator[ChatCompletionChunk]:
    try:
        async for chunk in stream:
            yield chunk
    except ValueError:  # an event that is not JSON, or not a chunk
        raise UnexpectedReply from None


class ChatClient:
    def __init__(
        self,
        settings: LLMSettings,
        *,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.model = settings.model
        key = settings.api_key.get_secret_value() if settings.api_key is not None else ""
        self._client = openai.AsyncOpenAI(
            api_key=key or NO_KEY,
            base_url=settings.base_url,
            max_retries=0,
            timeout=settings.timeout,
            http_client=http_client,
        )

    def __repr__(self) -> str:
        return f"ChatClient(model={self.model!r}, base_url={str(self._client.base_url)!r})"

    async def complete(
        self,
        messages: list[ChatCompletionMessageParam],
        response_format: ResponseFormat,
        on_content: Callable[[str], None] | None = None,
    ) -> Reply:
        # json_object with a schema is llama-cpp-python's own extension: the SDK's
        # types do not know it, the server does.
        fmt: Any = response_format if response_format is not None else omit
        if on_content is None:
            return await self._complete(messages, fmt)
        return await self._stream(messages, fmt, on_content)

    async def _complete(self, messages: list[ChatCompletionMessageParam], fmt: Any) -> Reply:
        completion = await self._client.chat.completions.create(
            model=self.model,
            messages=messages,
            response_format=fmt,
        )
        if not isinstance(completion, ChatCompletion):  # the SDK hands back non-JSON as is
            raise UnexpectedReply
        reply = Reply(tokens=_tokens(completion.usage))
        if completion.choices:
            choice = completion.choices[0]
            reply.content = choice.message.content or ""
            reply.refusal = choice.message.refusal
            reply.finish_reason = choice.finish_reason
        return reply

    async def _stream(
        self,
        messages: list[ChatCompletionMessageParam],
        fmt: Any,
        on_content: Callable[[str], None],
    ) -> Reply:
        reply = Reply()
        refusal: list[str] = []
        stream = await self._client.chat.completions.create(
            model=self.model,
            messages=messages,
            response_format=fmt,
            stream=True,
            stream_options={"include_usage": True},
        )
        async with stream:
            async for chunk in _chunks(stream):
                if chunk.usage is not None:
                    reply.tokens = _tokens(chunk.usage)
                for choice in chunk.choices:
                    if choice.index != 0:
                        continue
                    delta = choice.delta
                    if delta.refusal:
                        refusal.append(delta.refusal)
                    if delta.content:
                        reply.content += delta.content
                        on_content(reply.content)
                    if choice.finish_reason is not None:
                        reply.finish_reason = choice.finish_reason
        reply.refusal = "".join(refusal) if refusal else None
        return reply

    async def aclose(self) -> None:
        await self._client.close()
