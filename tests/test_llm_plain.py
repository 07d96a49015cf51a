"""Whole plain-mode interviews against a faulty OpenAI-compatible server.

Each run goes through the same entry point as ``interviewer practice
--plain``, in-process so respx stands in for the server. The server fails in
one way for the first answer (every attempt), fails once for the second
answer (then recovers, where recovering is possible), and works for the
rest. Every answer must be saved, each turn must say which evaluator graded
it, a fallback must carry its notice, and the key must appear nowhere.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import signal
import time
from collections import Counter
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
    Streamed,
    chunks,
    completion,
    error,
    fast_policy,
    split,
    stream_response,
)

from interviewer import cli
from interviewer.grading.llm import evaluator as llm_evaluator

ANSWERS = [
    f"Answer number {n}: accuracy misleads when fraud is rare, so I would use PR AUC "
    "because it focuses on the rare class, and pick the threshold by business cost."
    for n in range(1, 8)
]

# fault: (notice of the first answer, whether the second answer recovers)
FAULTS: dict[str, tuple[str, bool]] = {
    "429": ("LLM unavailable (HTTP 429 after 3 attempts); graded offline", True),
    "500": ("LLM unavailable (HTTP 500 after 3 attempts); graded offline", True),
    "timeout": ("LLM unavailable (timed out after 3 attempts); graded offline", True),
    "dropped": (
        "LLM unavailable (connection dropped mid-reply after 3 attempts); graded offline",
        True,
    ),
    "refused-connection": (
        "LLM unavailable (could not connect after 3 attempts); graded offline",
        True,
    ),
    "malformed": ("LLM reply unusable twice: it is not valid JSON", True),
    "refusal": ("LLM declined to grade this answer; graded offline", False),
    "length": ("LLM reply cut off at its length limit; graded offline", False),
}


class FakeServer:
    """Grades like a model would, except for the answers it is told to fail."""

    def __init__(self, fault: str) -> None:
        self.fault = fault
        self.calls: Counter[int] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        user = body["messages"][1]["content"]
        number = int(re.findall(r"Answer number (\d+)", user)[-1])
        self.calls[number] += 1
        if number == 1 or (number == 2 and self.calls[number] == 1):
            return self.failure(body)
        return self.reply(body, self.grade(user))

    @staticmethod
    def grade(user: str) -> str:
        ids = re.findall(r"## Criterion id `([a-z0-9-]+)`", user)
        return json.dumps(
            {
                "verdict": "A sound start: you chose the right metric.",
                "criteria": {
                    i: {"evidence": ["I would use PR AUC"], "comment": "Fair.", "score": 3}
                    for i in ids
                },
                "covered_points": [{"point": 1, "quote": "accuracy misleads when fraud is rare"}],
                "strengths": ["Named the right metric."],
                "gaps": ["Say how you would validate it."],
                "follow_up": "How would you validate that choice before launch?",
                "flags": [],
            }
        )

    @staticmethod
    def reply(body: dict[str, Any], content: str | None, **kwargs: Any) -> httpx.Response:
        if body.get("stream"):
            pieces = split(content) if content is not None else []
            if kwargs.get("refusal"):
                return stream_response(chunks(refusal=[kwargs["refusal"]]))
            return stream_response(
                chunks(pieces, finish_reason=kwargs.get("finish_reason", "stop"))
            )
        return httpx.Response(200, json=completion(content, **kwargs))

    def failure(self, body: dict[str, Any]) -> httpx.Response:
        if self.fault == "429":
            return error(429, "Rate limit reached", {"retry-after": "0"})
        if self.fault == "500":
            return error(500, "The server had an error")
        if self.fault == "timeout":
            raise httpx.ReadTimeout("timed out")
        if self.fault == "refused-connection":
            raise httpx.ConnectError("connection refused")
        if self.fault == "dropped":
            good = self.grade(body["messages"][1]["content"])
            return Streamed(chunks(split(good)), drop_after=3).response()
        if self.fault == "malformed":
            return self.reply(body, "Sure! The answer deserves a 4/5.")
        if self.fault == "refusal":
            return self.reply(body, None, refusal="I can't help with that.")
        if self.fault == "length":
            return self.reply(body, '{"verdict": "A sound', finish_reason="length")
        raise AssertionError(self.fault)


def run_interview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, dict[str, Any]]:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setattr(llm_evaluator, "default_policy", lambda s: fast_policy(max_attempts=3))
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{a}\n.\n" for a in ANSWERS)))
    status = cli.main(
        [
            "practice",
            "--plain",
            "--base-url",
            BASE_URL,
            "--questions",
            "3",
            "--follow-ups",
            "1",
            "--seed",
            "7",
            "--topic",
            "model-selection",
        ]
    )
    out = capsys.readouterr()
    files = list((tmp_path / "transcripts").glob("*.json"))
    assert len(files) == 1
    return status, out.out + out.err, json.loads(files[0].read_text())


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_plain_interview_survives_the_fault(
    fault: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    respx_mock: respx.MockRouter,
) -> None:
    server = FakeServer(fault)
    respx_mock.post(CHAT_URL).mock(side_effect=server)

    status, output, transcript = run_interview(tmp_path, monkeypatch, capsys)

    assert status == 0
    assert transcript["ended_at"] is not None
    assert transcript["settings"]["evaluator"] == MODEL
    answered = [t for t in transcript["turns"] if t["status"] == "answered"]
    # Every answer typed (until the interview ended) is saved verbatim, in order.
    assert len(answered) >= 3
    assert [t["answer"] for t in answered] == ANSWERS[: len(answered)]
    assert all(t["evaluator"] for t in answered)
    assert all(t["feedback"]["evaluator"] == t["evaluator"] for t in answered)

    notice, recovers = FAULTS[fault]
    first, second, *rest = answered
    assert first["evaluator"] == "offline"
    assert first["notice"].startswith(notice.removesuffix("; graded offline"))
    assert first["notice"].endswith("; graded offline")
    assert first["feedback"]["notice"] == first["notice"]
    if recovers:
        assert second["evaluator"] == MODEL and second["notice"] is None
    else:
        assert second["evaluator"] == "offline" and second["notice"] == notice
    assert all(t["evaluator"] == MODEL and t["notice"] is None for t in rest)
    assert all(t["usage"]["prompt_tokens"] > 0 for t in answered if t["evaluator"] == MODEL)

    # The candidate is told which evaluator is in use and why an answer was graded offline.
    assert f"evaluator {MODEL}" in output
    assert f"Note: {first['notice']}" in output
    assert "A sound start: you chose the right metric." in output  # the streamed verdict

    # The key is nowhere: not in the transcript, not in any file written, not on screen.
    assert KEY not in output
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def test_ctrl_c_during_an_llm_call_keeps_the_answer(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    respx_mock: respx.MockRouter,
) -> None:
    async def interrupted(request: httpx.Request) -> httpx.Response:
        signal.raise_signal(signal.SIGINT)  # what Ctrl-C does, mid-call
        await asyncio.sleep(30)
        raise AssertionError("the call should have been cancelled")

    respx_mock.post(CHAT_URL).mock(side_effect=interrupted)
    started = time.monotonic()
    status, output, transcript = run_interview(tmp_path, monkeypatch, capsys)

    assert status == 130
    assert time.monotonic() - started < 10  # cancelled, not waited out
    assert "Interrupted. Transcript saved" in output
    first = transcript["turns"][0]
    assert first["answer"] == ANSWERS[0]
    assert first["status"] == "answered"
    assert first["feedback"] is None  # not graded offline behind the candidate's back
    assert transcript["ended_at"] is not None
