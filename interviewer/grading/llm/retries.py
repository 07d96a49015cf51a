"""When to try a call to the model again, how long to wait, and when to give up.

Transient failures are retried: connection errors, timeouts, a connection
dropped mid-reply, HTTP 408, 409, 429 and 5xx, except an error whose body says
it will happen again (a rejected ``response_format``, a prompt longer than
the context window): that one fails at once. The wait is exponential with
jitter, except that a ``Retry-After`` (or ``retry-after-ms``) header from the
server is honoured. Retries stop before the next attempt would start past
the budget, so one answer never waits longer than ``LLMSettings.retry_budget``
in all. The SDK's own retries are off (``max_retries=0``), or the two would
multiply.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
    wait_exponential_jitter,
)
from tenacity.stop import stop_base

from interviewer.config import LLMSettings

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({408, 409, 429})


@dataclass(frozen=True)
class RetryPolicy:
    budget: float
    """Seconds from the first attempt after which no new attempt starts."""
    max_attempts: int = 6
    initial: float = 1.0
    max_wait: float = 20.0
    jitter: float = 1.0
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)
    clock: Callable[[], float] = field(default=time.monotonic)
    """Seconds, for the budget; a test pairs a fake clock with a fake ``sleep``."""


def default_policy(settings: LLMSettings) -> RetryPolicy:
    return RetryPolicy(budget=settings.retry_budget)


_FORMAT_WORDS = ("response_format", "json_schema")
_PERMANENT_WORDS = ("context window", "context length", "maximum context")
"""A request too long for the model's context fails the same way however often it is sent."""


def _body_text(exc: openai.APIStatusError) -> str:
    parts = [exc.message]
    if exc.body is not None:
        parts.append(json.dumps(exc.body, default=str))
    return " ".join(parts).lower()


def rejects_format(exc: BaseException) -> bool:
    """An HTTP error saying the server will not take the ``response_format`` sent.

    llama-cpp-python answers this with HTTP 500, so the status alone cannot
    tell it from an outage: the body has to name the field.
    """
    if not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code < 400 or exc.status_code in RETRYABLE_STATUS:
        return False
    return any(word in _body_text(exc) for word in _FORMAT_WORDS)


def will_not_change(exc: BaseException) -> bool:
    """A server error that the same request would meet again: retrying only wastes time."""
    if rejects_format(exc):
        return True
    if isinstance(exc, openai.APIStatusError) and exc.status_code not in RETRYABLE_STATUS:
        return any(word in _body_text(exc) for word in _PERMANENT_WORDS)
    return False


def is_transient(exc: BaseException) -> bool:
    if will_not_change(exc):
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    # APIConnectionError covers APITimeoutError; httpx errors surface raw when the
    # connection drops or stalls while the reply streams in.
    return isinstance(exc, openai.APIConnectionError | httpx.TransportError)


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait, from ``retry-after-ms`` or ``Retry-After``."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            pass
        parsed = email.utils.parsedate_tz(value)
        if parsed is not None:
            return max(0.0, email.utils.mktime_tz(parsed) - time.time())
    return None


class _Wait:
    """``Retry-After`` when the server sent one, else exponential backoff with jitter."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._backoff = wait_exponential_jitter(
            multiplier=policy.initial, max=policy.max_wait, jitter=policy.jitter
        )

    def __call__(self, state: RetryCallState) -> float:
        asked = retry_after(state.outcome.exception() if state.outcome else None)
        return asked if asked is not None else self._backoff(state)


class _Budget(stop_base):
    """Stop before the next attempt would start after the budget (its wait included)."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._start = policy.clock()

    def __call__(self, state: RetryCallState) -> bool:
        elapsed = self._policy.clock() - self._start
        return elapsed + state.upcoming_sleep >= self._policy.budget


@dataclass
class Attempts:
    """How many attempts a call took, for the notice when it fails."""

    count: int = 0


async def with_retries(
    call: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    attempts: Attempts | None = None,
    on_retry: Callable[[BaseException], None] | None = None,
) -> T:
    """``await call()``, again after each transient failure, within the policy's budget.

    The last failure is re-raised when retries run out; anything that is not
    transient (and ``asyncio.CancelledError``) is raised at once.
    """
    tally = attempts if attempts is not None else Attempts()

    def before_sleep(state: RetryCallState) -> None:
        if on_retry is not None and state.outcome is not None:
            error = state.outcome.exception()
            if error is not None:
                on_retry(error)

    retrying = AsyncRetrying(
        retry=retry_if_exception(is_transient),
        wait=_Wait(policy),
        stop=stop_any(_Budget(policy), stop_after_attempt(policy.max_attempts)),
        sleep=policy.sleep,
        before_sleep=before_sleep,
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            tally.count += 1
            return await call()
    raise AssertionError("unreachable: tenacity either returns or re-raises")
