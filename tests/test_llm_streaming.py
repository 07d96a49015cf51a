"""Streaming: readable feedback text that grows as the chunks arrive."""

from __future__ import annotations

import json

import httpx
import pytest
import respx
from llm_fakes import (
    CHAT_URL,
    MODEL,
    FakeOffline,
    Streamed,
    Texts,
    chunks,
    completion,
    evaluator,
    fast_policy,
    grade,
    grade_json,
    reply_stream,
    request,
    settings,
    split,
    usage,
)

from interviewer.grading.llm import LLMEvaluator
from interviewer.grading.llm.render import TextStream, partial_json, render


async def test_streamed_reply_gives_the_same_feedback_as_a_plain_one(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.post(CHAT_URL)
    route.side_effect = [
        httpx.Response(200, json=completion(grade_json())),
        reply_stream(grade_json()),
    ]
    plain = await evaluator().evaluate(request())
    texts = Texts()
    streamed = await evaluator().evaluate(request(), on_text=texts)
    assert streamed == plain
    assert streamed.evaluator == MODEL


async def test_the_verdict_streams_as_prose_that_grows(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(CHAT_URL).mock(return_value=reply_stream(grade_json()))
    texts = Texts()  # fails the test on any call that does not extend the previous one
    await evaluator().evaluate(request(), on_text=texts)

    verdict = grade()["verdict"]
    assert len(texts.calls) > 5  # chunk by chunk, not all at the end
    assert texts.last == verdict
    assert all(verdict.startswith(text) for text in texts.calls)  # never raw JSON


async def test_first_text_is_shown_before_the_next_chunk_is_sent(
    respx_mock: respx.MockRouter,
) -> None:
    content = grade_json()
    first = content.index("You") + 3  # the first chunk already carries words of the verdict
    pieces = [content[:first], *split(content[first:])]
    texts = Texts()
    shown_before: dict[int, int] = {}
    body = Streamed(
        chunks(pieces), before_event=lambda n: shown_before.setdefault(n, len(texts.calls))
    )
    respx_mock.post(CHAT_URL).mock(return_value=body.response())

    await evaluator().evaluate(request(), on_text=texts)

    # Event 0 is the role, event 1 the first content: its text is on screen before event 2 leaves.
    assert shown_before[1] == 0
    assert shown_before[2] == 1
    assert texts.calls[0] == "You"


async def test_usage_comes_from_the_last_chunk(respx_mock: respx.MockRouter) -> None:
    tokens = usage(prompt=1500, completion=250, cached=1280)
    respx_mock.post(CHAT_URL).mock(return_value=reply_stream(grade_json(), tokens=tokens))
    feedback = await evaluator().evaluate(request(), on_text=Texts())
    assert feedback.usage is not None
    assert (feedback.usage.prompt_tokens, feedback.usage.completion_tokens) == (1500, 250)
    assert feedback.usage.cached_tokens == 1280
    assert feedback.usage.cost_usd is not None and feedback.usage.cost_usd > 0


async def test_a_re_ask_continues_below_what_was_already_shown(
    respx_mock: respx.MockRouter,
) -> None:
    bad = grade_json(
        criteria=[{"id": "substance", "evidence": [], "comment": "Too high.", "score": 9}]
    )
    respx_mock.post(CHAT_URL).mock(side_effect=[reply_stream(bad), reply_stream(grade_json())])
    texts = Texts()
    feedback = await evaluator().evaluate(request(), on_text=texts)
    assert feedback.evaluator == MODEL
    first, _, second = texts.last.partition("\n\n[that reply was malformed; asking again]\n\n")
    assert first == second == grade()["verdict"]


async def test_falling_back_after_text_was_shown_says_so_and_continues(
    respx_mock: respx.MockRouter,
) -> None:
    content = grade_json()
    respx_mock.post(CHAT_URL).mock(
        return_value=Streamed(chunks(split(content)), drop_after=5).response()
    )
    texts = Texts()
    offline = FakeOffline("Offline feedback here.")
    llm = LLMEvaluator(settings(), offline, policy=fast_policy(max_attempts=1))
    feedback = await llm.evaluate(request(), on_text=texts)
    assert feedback.evaluator == "offline"
    assert feedback.notice is not None
    shown, _, rest = texts.last.partition(f"\n\n[{feedback.notice}]\n\n")
    assert shown and shown in "You picked the right metric and said why accuracy misleads."
    assert rest == "Offline feedback here."


def escaped_reply() -> str:
    reply = grade()
    reply["verdict"] = 'Good: "PR AUC" — naïve accuracy fails.\nNext, the threshold 🎯.'
    return json.dumps(reply, ensure_ascii=True)


@pytest.mark.parametrize(
    "reply", [grade_json(), escaped_reply(), "```json\n" + grade_json() + "\n```"]
)
def test_rendering_every_prefix_only_ever_extends_the_text(reply: str) -> None:
    shown = ""
    for end in range(len(reply) + 1):
        text = render(partial_json(reply[:end]))
        assert text.startswith(shown), (shown, text)
        shown = text
    assert shown == json.loads(reply.strip("`json\n"))["verdict"]


def test_non_json_content_shows_nothing() -> None:
    assert render(partial_json("Sure! Here is the grade")) == ""


def test_text_stream_refuses_text_that_would_take_back_what_was_shown() -> None:
    texts = Texts()
    stream = TextStream(texts)
    stream.show("Hello")
    stream.show("Help")  # not an extension: ignored rather than rewriting the screen
    stream.show("Hello there")
    stream.restart("note")
    stream.restart("a later note")  # nothing new came: only the latest note will show
    stream.show("Again")
    assert texts.calls == ["Hello", "Hello there", "Hello there\n\n[a later note]\n\nAgain"]
