"""Finding the ``response_format`` a server takes, and keeping it for the session.

Each rejection below is shaped like a real server's: llama-cpp-python's HTTP
500 naming ``response_format.type``, OpenAI's 400 with ``param``, LM Studio's
400 with a bare string, a FastAPI 422 validation list (vLLM's front end), and
a plain-text body.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from llm_fakes import (
    BASE_URL,
    CHAT_URL,
    KEY,
    MODEL,
    FakeOffline,
    Sleeps,
    Texts,
    chunks,
    completion,
    error,
    evaluator,
    fast_policy,
    grade_json,
    reply_stream,
    request,
    sent_body,
    split,
    stream_response,
    usage,
)

from interviewer import cli
from interviewer.grading.llm import evaluator as llm_evaluator
from interviewer.grading.llm.formats import NAMES
from interviewer.grading.llm.retries import is_transient, rejects_format

LLAMA_CPP_PYTHON = httpx.Response(
    500,
    json={
        "error": {
            "message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
            "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
            "'ctx': {'expected': \"'text' or 'json_object'\"}}]",
            "type": "internal_server_error",
            "param": None,
            "code": None,
        }
    },
)
OPENAI_400 = httpx.Response(
    400,
    json={
        "error": {
            "message": "Invalid parameter: 'response_format' of type 'json_schema' is not "
            "supported with this model.",
            "type": "invalid_request_error",
            "param": "response_format",
            "code": None,
        }
    },
)
LM_STUDIO = httpx.Response(400, json={"error": "'response_format.type' must be 'json_schema'"})
FASTAPI_422 = httpx.Response(
    422,
    json={
        "detail": [
            {
                "type": "literal_error",
                "loc": ["body", "response_format", "type"],
                "msg": "Input should be 'text' or 'json_object'",
            }
        ]
    },
)
PLAIN_TEXT = httpx.Response(400, text="json_schema is not supported by this server")

REJECTIONS = {
    "llama-cpp-python 500": LLAMA_CPP_PYTHON,
    "OpenAI 400": OPENAI_400,
    "LM Studio 400": LM_STUDIO,
    "FastAPI 422": FASTAPI_422,
    "plain text 400": PLAIN_TEXT,
}


def copy(response: httpx.Response) -> httpx.Response:
    return httpx.Response(response.status_code, headers=response.headers, content=response.content)


def ladder_server(rejected: int, reply: str | None = None) -> tuple[list[dict[str, Any]], Any]:
    """A server that rejects the first ``rejected`` rungs of the ladder, and the bodies it saw."""
    seen: list[dict[str, Any]] = []

    def handle(req: httpx.Request) -> httpx.Response:
        body = json.loads(req.content)
        seen.append(body)
        rung = rung_of(body)
        if NAMES.index(rung) < rejected:
            return copy(LLAMA_CPP_PYTHON)
        if body.get("stream"):
            return reply_stream(reply or grade_json())
        return httpx.Response(200, json=completion(reply or grade_json()))

    return seen, handle


def rung_of(body: dict[str, Any]) -> str:
    fmt = body.get("response_format")
    if fmt is None:
        return "prompt"
    if fmt["type"] == "json_schema":
        return "json_schema"
    return "json_object+schema" if "schema" in fmt else "json_object"


def user_message(body: dict[str, Any]) -> str:
    content: str = body["messages"][1]["content"]
    return content


# -- which errors are rejections ----------------------------------------------------


def status_error(response: httpx.Response) -> Exception:
    import openai

    response.request = httpx.Request("POST", CHAT_URL)
    client = openai.OpenAI(api_key=KEY, base_url=BASE_URL)
    return client._make_status_error_from_response(response)  # the SDK's own mapping


@pytest.mark.parametrize("shape", list(REJECTIONS))
def test_each_rejection_shape_is_a_rejection_and_not_retried(shape: str) -> None:
    exc = status_error(copy(REJECTIONS[shape]))
    assert rejects_format(exc)
    assert not is_transient(exc)


@pytest.mark.parametrize(
    "response",
    [
        error(500, "The server had an error"),
        error(503, "overloaded"),
        error(429, "response_format requests are rate limited"),  # the 429 decides
    ],
)
def test_an_outage_is_not_a_rejection_and_is_retried(response: httpx.Response) -> None:
    exc = status_error(response)
    assert not rejects_format(exc)
    assert is_transient(exc)


def test_a_prompt_longer_than_the_context_is_not_retried() -> None:
    exc = status_error(error(500, "Requested tokens (9000) exceed context window of 8192"))
    assert not rejects_format(exc)
    assert not is_transient(exc)


# -- each step of the ladder -----------------------------------------------------------


@pytest.mark.parametrize("rejected", [0, 1, 2, 3])
async def test_each_step_of_the_ladder(respx_mock: respx.MockRouter, rejected: int) -> None:
    seen, handle = ladder_server(rejected)
    respx_mock.post(CHAT_URL).mock(side_effect=handle)
    sleeps = Sleeps()
    grader = evaluator(policy=fast_policy(sleeps))

    feedback = await grader.evaluate(request())

    assert feedback.evaluator == MODEL and feedback.notice is None
    assert [rung_of(b) for b in seen] == list(NAMES[: rejected + 1])
    assert sleeps.waits == []  # a rejection is never waited on or retried
    assert grader.response_format == NAMES[rejected]
    last = seen[-1]
    schema_sent = last.get("response_format", {}).get("schema") or last.get(
        "response_format", {}
    ).get("json_schema", {}).get("schema")
    if NAMES[rejected] in ("json_schema", "json_object+schema"):
        # The server enforces the schema: the prompt does not repeat it.
        assert schema_sent["properties"]["criteria"]["required"] == ["substance", "reasoning"]
        assert "# Reply format" not in user_message(last)
    else:
        # Nothing enforces it: the user message carries the schema instead.
        assert schema_sent is None
        assert "# Reply format" in user_message(last)
        assert '"required":["substance","reasoning"]' in user_message(last)
    # Whatever the rung, the system message is the same text.
    assert len({json.dumps(b["messages"][0]) for b in seen}) == 1


async def test_the_ladder_json_object_rung_takes_llama_cpp_python_schema_form(
    respx_mock: respx.MockRouter,
) -> None:
    seen, handle = ladder_server(1)
    respx_mock.post(CHAT_URL).mock(side_effect=handle)
    await evaluator().evaluate(request())
    fmt = seen[-1]["response_format"]
    assert fmt["type"] == "json_object"
    assert fmt["schema"]["properties"]["criteria"]["required"] == ["substance", "reasoning"]


async def test_only_the_grammar_rung_bounds_lengths(respx_mock: respx.MockRouter) -> None:
    seen, handle = ladder_server(1)
    respx_mock.post(CHAT_URL).mock(side_effect=handle)
    await evaluator().evaluate(request())
    strict, grammar = seen[0]["response_format"], seen[1]["response_format"]
    # OpenAI's strict mode is never sent keywords it may not take.
    assert "maxLength" not in json.dumps(strict) and "maxItems" not in json.dumps(strict)
    props = grammar["schema"]["properties"]
    assert props["verdict"]["maxLength"] == 400
    assert props["covered_points"]["maxItems"] == 3  # the question's three key points
    assert props["strengths"]["maxItems"] == 3


async def test_a_server_that_rejects_every_rung_grades_offline_at_once(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.post(CHAT_URL).mock(side_effect=lambda r: copy(PLAIN_TEXT))
    sleeps = Sleeps()
    offline = FakeOffline()
    grader = evaluator(offline, policy=fast_policy(sleeps))

    feedback = await grader.evaluate(request())

    assert feedback.evaluator == "offline"
    assert feedback.notice == (
        "LLM server takes none of the reply formats (json_schema, json_object+schema, "
        "json_object, prompt): HTTP 400; graded offline"
    )
    assert route.call_count == len(NAMES)  # one request per rung, no retries
    assert sleeps.waits == []
    assert grader.response_format is None


@pytest.mark.parametrize("shape", list(REJECTIONS))
async def test_every_rejection_shape_steps_down(respx_mock: respx.MockRouter, shape: str) -> None:
    route = respx_mock.post(CHAT_URL).mock(
        side_effect=[copy(REJECTIONS[shape]), httpx.Response(200, json=completion(grade_json()))]
    )
    grader = evaluator()
    feedback = await grader.evaluate(request())
    assert feedback.evaluator == MODEL
    assert route.call_count == 2
    assert grader.response_format == "json_object+schema"


async def test_a_transient_fault_keeps_its_retries_on_the_rung_that_works(
    respx_mock: respx.MockRouter,
) -> None:
    sleeps = Sleeps()
    route = respx_mock.post(CHAT_URL).mock(
        side_effect=[
            copy(LLAMA_CPP_PYTHON),
            error(503, "overloaded", {"retry-after": "2"}),
            httpx.Response(200, json=completion(grade_json())),
        ]
    )
    feedback = await evaluator(policy=fast_policy(sleeps)).evaluate(request())
    assert feedback.evaluator == MODEL
    assert route.call_count == 3
    assert sleeps.waits == [2.0]  # Retry-After honoured for the outage only
    assert [rung_of(sent_body(c)) for c in route.calls] == [
        "json_schema",
        "json_object+schema",
        "json_object+schema",
    ]


async def test_the_re_ask_stays_on_the_rung_found(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(CHAT_URL).mock(
        side_effect=[
            copy(LLAMA_CPP_PYTHON),
            copy(LLAMA_CPP_PYTHON),
            httpx.Response(200, json=completion("not json")),
            httpx.Response(200, json=completion(grade_json())),
        ]
    )
    feedback = await evaluator().evaluate(request())
    assert feedback.evaluator == MODEL
    bodies = [sent_body(c) for c in route.calls]
    rungs = ["json_schema", "json_object+schema", "json_object", "json_object"]
    assert [rung_of(b) for b in bodies] == rungs
    reask = bodies[-1]["messages"]
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert reask[2]["content"] == "not json"


# -- remembered for the session ----------------------------------------------------------


async def test_the_format_found_is_remembered_for_the_session(
    respx_mock: respx.MockRouter,
) -> None:
    seen, handle = ladder_server(2)
    respx_mock.post(CHAT_URL).mock(side_effect=handle)
    grader = evaluator()

    await grader.evaluate(request())
    assert len(seen) == 3
    await grader.evaluate(request("Another answer: PR AUC."))
    await grader.evaluate(request("A third answer."), on_text=Texts())

    assert [rung_of(b) for b in seen[3:]] == ["json_object", "json_object"]
    assert grader.response_format == "json_object"


def test_the_format_found_is_recorded_in_the_transcripts_settings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    respx_mock: respx.MockRouter,
) -> None:
    seen, handle = ladder_server(1)

    def answer(req: httpx.Request) -> httpx.Response:
        body = json.loads(req.content)
        if body.get("stream"):
            seen.append(body)
            if rung_of(body) == "json_schema":
                return copy(LLAMA_CPP_PYTHON)
            ids = body["response_format"]["schema"]["properties"]["criteria"]["required"]
            criteria = {i: {"evidence": [], "comment": "Fair.", "score": 3} for i in ids}
            content = grade_json(criteria=criteria, covered_points=[])
            return stream_response(chunks(split(content))[:-1])  # no usage, like llama-cpp
        return handle(req)

    respx_mock.post(CHAT_URL).mock(side_effect=answer)
    monkeypatch.setattr(llm_evaluator, "default_policy", lambda s: fast_policy())
    monkeypatch.setattr("sys.stdin", io.StringIO("PR AUC, because fraud is rare.\n.\n" * 2))
    status = cli.main(
        ["practice", "--plain", "--base-url", BASE_URL, "--questions", "2", "--follow-ups", "0"]
    )
    output = capsys.readouterr().out
    assert status == 0
    [path] = (tmp_path / "transcripts").glob("*.json")
    transcript = json.loads(path.read_text())
    assert transcript["settings"]["response_format"] == "json_object+schema"
    assert [t["evaluator"] for t in transcript["turns"]] == [MODEL, MODEL]
    # The server sent no usage: unknown in the transcript and in the summary, not zero.
    assert all(t["usage"]["prompt_tokens"] is None for t in transcript["turns"])
    assert "Tokens: unknown (the server did not report token usage)" in output
    # Found once: one rejected request in the whole session.
    assert [rung_of(b) for b in seen] == ["json_schema", "json_object+schema", "json_object+schema"]


# -- usage the server does not send -------------------------------------------------------


async def test_usage_missing_from_a_stream_is_unknown_not_zero(
    respx_mock: respx.MockRouter,
) -> None:
    pieces = chunks(split(grade_json()))[:-1]  # no usage chunk, as llama-cpp-python sends
    respx_mock.post(CHAT_URL).mock(return_value=stream_response(pieces))
    feedback = await evaluator().evaluate(request(), on_text=Texts())
    assert feedback.evaluator == MODEL
    assert feedback.usage is not None
    assert feedback.usage.prompt_tokens is None and feedback.usage.completion_tokens is None
    assert feedback.usage.cost_usd is None
    assert feedback.usage.line() == "unknown (the server did not report token usage)"


async def test_a_reply_without_usage_makes_the_answers_usage_unknown(
    respx_mock: respx.MockRouter,
) -> None:
    body = completion("not json", tokens=usage(prompt=1000, completion=10, cached=0))
    missing = completion(grade_json())
    del missing["usage"]
    respx_mock.post(CHAT_URL).mock(
        side_effect=[httpx.Response(200, json=body), httpx.Response(200, json=missing)]
    )
    feedback = await evaluator().evaluate(request())
    assert feedback.usage is not None and not feedback.usage.known


def test_usage_of_old_transcripts_still_loads_and_unknown_stays_unknown_in_sums() -> None:
    from interviewer.content.models import Usage

    old = Usage.model_validate({"prompt_tokens": 1200, "completion_tokens": 300})
    assert old.known and old.cached_tokens == 0
    assert (old + old).prompt_tokens == 2400
    unknown = Usage.model_validate_json(Usage.unknown().model_dump_json())
    assert not unknown.known
    assert not (old + unknown).known and not (unknown + old).known
    assert Usage().line() is None  # no model called: nothing to say
    assert old.line() == "1200 prompt (0 cached), 300 completion"
