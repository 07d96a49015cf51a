"""Everything that can go wrong with the model, and how each answer still gets graded."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
import respx
from llm_fakes import (
    CHAT_URL,
    KEY,
    MODEL,
    FakeOffline,
    Sleeps,
    Streamed,
    Texts,
    chunks,
    completion,
    error,
    evaluator,
    fast_policy,
    grade,
    grade_json,
    replies,
    request,
    sent_body,
    split,
    stream_response,
    usage,
)

from interviewer.grading.llm.retries import RetryPolicy, retry_after

# -- transient failures: retried, then graded by the model -------------------


async def test_429_waits_as_long_as_retry_after_says(respx_mock: respx.MockRouter) -> None:
    sleeps = Sleeps()
    route = replies(
        respx_mock,
        error(429, "Rate limit reached", {"retry-after": "7"}),
        error(429, "Rate limit reached", {"retry-after-ms": "250"}),
        grade_json(),
    )
    feedback = await evaluator(policy=fast_policy(sleeps)).evaluate(request())
    assert feedback.evaluator == MODEL
    assert feedback.notice is None
    assert route.call_count == 3
    assert sleeps.waits == [7.0, 0.25]


async def test_retry_after_as_an_http_date_is_understood() -> None:
    response = httpx.Response(
        429,
        headers={"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"},
        request=httpx.Request("POST", CHAT_URL),
    )
    import openai

    exc = openai.RateLimitError("rate limited", response=response, body=None)
    assert retry_after(exc) == 0.0  # a date in the past: go now


async def test_429_that_asks_for_more_than_the_budget_falls_back_at_once(
    respx_mock: respx.MockRouter,
) -> None:
    sleeps = Sleeps()
    offline = FakeOffline()
    route = replies(respx_mock, error(429, headers={"retry-after": "600"}))
    feedback = await evaluator(offline, fast_policy(sleeps, budget=30)).evaluate(request())
    assert route.call_count == 1
    assert sleeps.waits == []  # never sleeps past the budget
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM unavailable (HTTP 429); graded offline"
    assert len(offline.calls) == 1


async def test_429_until_retries_run_out_falls_back_with_a_notice(
    respx_mock: respx.MockRouter,
) -> None:
    offline = FakeOffline()
    route = replies(respx_mock, error(429, headers={"retry-after": "0"}))
    feedback = await evaluator(offline, fast_policy(max_attempts=4)).evaluate(request())
    assert route.call_count == 4
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM unavailable (HTTP 429 after 4 attempts); graded offline"
    assert offline.calls == [request()]


async def test_5xx_is_retried_with_growing_waits(respx_mock: respx.MockRouter) -> None:
    sleeps = Sleeps()
    route = replies(respx_mock, error(500), error(502), error(503), grade_json())
    feedback = await evaluator(policy=fast_policy(sleeps)).evaluate(request())
    assert feedback.evaluator == MODEL
    assert route.call_count == 4
    assert sleeps.waits == pytest.approx([0.01, 0.02, 0.04])


async def test_backoff_has_jitter_and_a_ceiling(respx_mock: respx.MockRouter) -> None:
    sleeps = Sleeps()
    replies(respx_mock, error(500))
    policy = fast_policy(sleeps, initial=1.0, max_wait=3.0, jitter=0.5, max_attempts=6)
    await evaluator(policy=policy).evaluate(request())
    assert len(sleeps.waits) == 5
    assert 1.0 <= sleeps.waits[0] <= 1.5
    assert 2.0 <= sleeps.waits[1] <= 2.5
    assert all(w <= 3.0 for w in sleeps.waits)


async def test_500s_until_retries_run_out_fall_back(respx_mock: respx.MockRouter) -> None:
    route = replies(respx_mock, error(500))
    feedback = await evaluator().evaluate(request())
    assert route.call_count == RetryPolicy(budget=1).max_attempts
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM unavailable (HTTP 500 after 6 attempts); graded offline"


async def test_retries_stop_within_the_budget(respx_mock: respx.MockRouter) -> None:
    sleeps = Sleeps()
    replies(respx_mock, error(503))
    policy = fast_policy(sleeps, initial=4.0, max_wait=60.0, budget=20.0, max_attempts=50)
    await evaluator(policy=policy).evaluate(request())
    # 4 + 8 = 12 s of waiting; a further 16 s would start an attempt past 20 s.
    assert sleeps.waits == [4.0, 8.0]


async def test_a_timeout_is_retried(respx_mock: respx.MockRouter) -> None:
    route = replies(respx_mock, grade_json())
    route.side_effect = [
        httpx.ReadTimeout("slow"),
        httpx.ConnectTimeout("slow"),
        route.return_value,
    ]
    feedback = await evaluator().evaluate(request())
    assert feedback.evaluator == MODEL
    assert route.call_count == 3


async def test_timeouts_until_retries_run_out_fall_back(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(CHAT_URL).mock(side_effect=httpx.ReadTimeout("slow"))
    feedback = await evaluator(policy=fast_policy(max_attempts=3)).evaluate(request())
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM unavailable (timed out after 3 attempts); graded offline"


async def test_a_refused_connection_falls_back(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(CHAT_URL).mock(side_effect=httpx.ConnectError("refused"))
    feedback = await evaluator(policy=fast_policy(max_attempts=2)).evaluate(request())
    assert route.call_count == 2
    assert feedback.notice == "LLM unavailable (could not connect after 2 attempts); graded offline"


async def test_a_connection_dropped_mid_stream_is_retried(respx_mock: respx.MockRouter) -> None:
    content = split(grade_json())
    dropped = Streamed(chunks(content), drop_after=6)
    route = respx_mock.post(CHAT_URL).mock(
        side_effect=[dropped.response(), stream_response(chunks(content))]
    )
    texts = Texts()
    feedback = await evaluator().evaluate(request(), on_text=texts)
    assert route.call_count == 2
    assert feedback.evaluator == MODEL
    assert feedback.notice is None
    assert "[connection trouble; trying again]" in texts.last
    assert texts.last.endswith("\n\n[connection trouble; trying again]\n\n" + grade()["verdict"])


async def test_connection_dropped_every_time_falls_back(respx_mock: respx.MockRouter) -> None:
    content = chunks(split(grade_json()))
    respx_mock.post(CHAT_URL).mock(
        side_effect=lambda request: Streamed(content, drop_after=4).response()
    )
    feedback = await evaluator(policy=fast_policy(max_attempts=3)).evaluate(
        request(), on_text=Texts()
    )
    assert feedback.evaluator == "offline"
    assert feedback.notice == (
        "LLM unavailable (connection dropped mid-reply after 3 attempts); graded offline"
    )


# -- failures that retrying would not fix: straight to the fallback ---------------


async def test_a_refusal_falls_back_without_retrying(respx_mock: respx.MockRouter) -> None:
    route = replies(respx_mock, completion(None, refusal="I can't help with that."))
    offline = FakeOffline()
    feedback = await evaluator(offline).evaluate(request())
    assert route.call_count == 1
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM declined to grade this answer; graded offline"
    assert len(offline.calls) == 1


async def test_a_streamed_refusal_falls_back(respx_mock: respx.MockRouter) -> None:
    replies(respx_mock, stream_response(chunks(refusal=["I can't ", "help with that."])))
    texts = Texts()
    feedback = await evaluator().evaluate(request(), on_text=texts)
    assert feedback.notice == "LLM declined to grade this answer; graded offline"
    assert texts.calls == ["Offline feedback."]  # the refusal itself is never shown


async def test_a_reply_cut_off_at_the_length_limit_falls_back(
    respx_mock: respx.MockRouter,
) -> None:
    truncated = grade_json()[:80]
    route = replies(respx_mock, completion(truncated, finish_reason="length"))
    feedback = await evaluator().evaluate(request())
    assert route.call_count == 1
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM reply cut off at its length limit; graded offline"


async def test_a_streamed_length_finish_falls_back_after_the_text_shown(
    respx_mock: respx.MockRouter,
) -> None:
    truncated = split(grade_json()[:120])
    replies(respx_mock, stream_response(chunks(truncated, finish_reason="length")))
    texts = Texts()
    feedback = await evaluator().evaluate(request(), on_text=texts)
    assert feedback.notice == "LLM reply cut off at its length limit; graded offline"
    assert texts.last.startswith("You picked the right metric")
    assert texts.last.endswith(f"[{feedback.notice}]\n\nOffline feedback.")


async def test_a_content_filter_stop_falls_back(respx_mock: respx.MockRouter) -> None:
    replies(respx_mock, completion("", finish_reason="content_filter"))
    feedback = await evaluator().evaluate(request())
    assert feedback.notice == "LLM reply stopped by the server's content filter; graded offline"


@pytest.mark.parametrize("status", [400, 401, 403, 404])
async def test_client_errors_are_not_retried(respx_mock: respx.MockRouter, status: int) -> None:
    route = replies(respx_mock, error(status, f"Incorrect API key provided: {KEY}"))
    feedback = await evaluator().evaluate(request())
    assert route.call_count == 1
    assert feedback.notice == f"LLM unavailable (HTTP {status}); graded offline"


async def test_an_error_event_in_the_stream_falls_back(respx_mock: respx.MockRouter) -> None:
    body = b'data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n'
    replies(
        respx_mock, httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)
    )
    feedback = await evaluator().evaluate(request(), on_text=Texts())
    assert feedback.notice == "LLM unavailable (error reported by the server); graded offline"


async def test_a_server_that_is_not_openai_compatible_falls_back(
    respx_mock: respx.MockRouter,
) -> None:
    replies(respx_mock, httpx.Response(200, html="<html>It works!</html>"))
    feedback = await evaluator().evaluate(request())
    assert feedback.evaluator == "offline"
    assert feedback.notice == (
        "LLM unavailable (the server's reply is not an OpenAI-compatible chat completion); "
        "graded offline"
    )


async def test_a_stream_of_something_else_falls_back(respx_mock: respx.MockRouter) -> None:
    body = b"data: <html>It works!</html>\n\n"
    replies(
        respx_mock, httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)
    )
    feedback = await evaluator().evaluate(request(), on_text=Texts())
    assert feedback.notice is not None and "not an OpenAI-compatible" in feedback.notice


# -- replies that are not usable: asked again once, then the fallback ---------------


async def test_malformed_json_is_asked_again_with_the_error(respx_mock: respx.MockRouter) -> None:
    bad = '{"verdict": "Good", "criteria": [}'
    route = replies(respx_mock, bad, grade_json())
    feedback = await evaluator().evaluate(request())
    assert feedback.evaluator == MODEL
    assert feedback.notice is None
    first, again = sent_body(route.calls[0]), sent_body(route.calls[1])
    assert again["messages"][:2] == first["messages"]
    assert again["messages"][2] == {"role": "assistant", "content": bad}
    assert again["messages"][3]["role"] == "user"
    assert "not valid JSON" in again["messages"][3]["content"]
    assert again["response_format"] == first["response_format"]


async def test_invalid_twice_falls_back_and_keeps_the_tokens_spent(
    respx_mock: respx.MockRouter,
) -> None:
    bad = grade_json(criteria=[{"id": "substance", "evidence": [], "comment": "", "score": 7}])
    spent = usage(prompt=1000, completion=100, cached=0)
    route = replies(respx_mock, completion(bad, tokens=spent), completion("{}", tokens=spent))
    offline = FakeOffline()
    feedback = await evaluator(offline).evaluate(request())
    assert route.call_count == 2
    assert len(offline.calls) == 1
    assert feedback.evaluator == "offline"
    assert feedback.notice is not None
    assert feedback.notice.startswith("LLM reply unusable twice: ")
    assert feedback.notice.endswith("; graded offline")
    assert "Field required" in feedback.notice  # what was wrong with the second reply
    assert feedback.usage is not None
    assert (feedback.usage.prompt_tokens, feedback.usage.completion_tokens) == (2000, 200)


# -- never stops, never hangs, never leaks --------------------------------------


async def test_the_whole_call_is_bounded_by_the_budget(respx_mock: respx.MockRouter) -> None:
    async def stall(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        raise AssertionError("the budget should have cut this off")

    respx_mock.post(CHAT_URL).mock(side_effect=stall)
    llm = evaluator(retry_budget=0.2)
    feedback = await asyncio.wait_for(llm.evaluate(request()), timeout=5)
    assert feedback.evaluator == "offline"
    assert feedback.notice == "LLM gave no complete reply within 0.2 s; graded offline"


async def test_cancelling_mid_stream_cancels_cleanly(respx_mock: respx.MockRouter) -> None:
    started = asyncio.Event()

    async def hang(n: int) -> None:
        if n == 3:
            started.set()
            await asyncio.sleep(30)

    body = Streamed(chunks(split(grade_json())), before_event=hang)
    respx_mock.post(CHAT_URL).mock(return_value=body.response())
    offline = FakeOffline()
    texts = Texts()
    task = asyncio.create_task(evaluator(offline).evaluate(request(), on_text=texts))
    await asyncio.wait_for(started.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert offline.calls == []  # cancelled, not failed: no fallback grading
    assert body.sent == [0, 1, 2]


async def test_cancelling_during_a_retry_wait_cancels_cleanly(
    respx_mock: respx.MockRouter,
) -> None:
    replies(respx_mock, error(429, headers={"retry-after": "30"}))
    offline = FakeOffline()
    llm = evaluator(offline, RetryPolicy(budget=60))  # real sleeps
    task = asyncio.create_task(llm.evaluate(request()))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert offline.calls == []


async def test_notices_never_carry_the_key_or_the_body(respx_mock: respx.MockRouter) -> None:
    leaky = error(500, f"upstream said: Authorization: Bearer {KEY}")
    replies(respx_mock, leaky)
    feedback = await evaluator(policy=fast_policy(max_attempts=2)).evaluate(request())
    dumped = feedback.model_dump_json()
    assert KEY not in dumped
    assert "upstream said" not in dumped


async def test_nothing_logged_carries_the_key(
    respx_mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    replies(respx_mock, error(401, f"Incorrect API key provided: {KEY}"))
    await evaluator().evaluate(request())
    assert caplog.records  # the fallback is logged...
    assert KEY not in caplog.text  # ...without the key, even from the SDK's debug logs


async def test_aclose_closes_the_client_and_the_fallback() -> None:
    offline = FakeOffline()
    llm = evaluator(offline)
    await llm.aclose()
    assert offline.closed
    assert llm._client._client.is_closed()


async def test_every_fault_still_returns_feedback_for_the_rubric(
    respx_mock: respx.MockRouter,
) -> None:
    faults: list[httpx.Response | str] = [
        error(429, headers={"retry-after": "0"}),
        error(500),
        completion(None, refusal="No."),  # type: ignore[list-item]
        completion("{", finish_reason="length"),  # type: ignore[list-item]
        "not json",
    ]
    for fault in faults:
        respx_mock.reset()
        respx_mock.routes.clear()
        replies(respx_mock, fault)
        feedback = await evaluator(policy=fast_policy(max_attempts=2)).evaluate(request())
        assert feedback.rubric == "test-rubric"
        assert [c.id for c in feedback.criteria] == ["substance", "reasoning"]
        assert feedback.notice and feedback.notice.endswith("; graded offline")
        assert json.loads(feedback.model_dump_json())["evaluator"] == "offline"


async def test_falling_back_prints_nothing_behind_the_front_ends_back(
    respx_mock: respx.MockRouter, capsys: pytest.CaptureFixture[str]
) -> None:
    """The notice is the front end's to show; a stray stderr line would garble the app."""
    replies(respx_mock, error(500))
    logging.getLogger().handlers.clear()  # as in the real program: no logging configured
    await evaluator().evaluate(request())
    assert capsys.readouterr() == ("", "")
