"""Benchmark: the delay between the server's first streamed bytes and the first text shown.

A tiny OpenAI-compatible streaming server runs on 127.0.0.1 in a thread. For
each trial it sends the response headers, "thinks" for a moment, then streams
a grading reply as ``chat.completion.chunk`` events, a few characters of the
verdict at a time, noting the moment each event has been written to the
socket. The client is the real ``LLMEvaluator`` with an ``on_text`` that
prints the new suffix (to a buffer) the way plain mode does, noting when
each text lands. The first event already carries words of the verdict, so
"first text shown minus first event written" is the whole delay between the
server's first bytes and the first text printed.

For scale, the same stream is also read with bare httpx (first body bytes
received): what loopback TCP and the HTTP client cost before the SDK or our
code sees anything. The difference is what the SDK's SSE parsing and our
partial-JSON rendering add.

    .venv/bin/python bench/llm_stream_latency.py [--trials N]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import socket
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from openai.types.chat import ChatCompletionChunk

from interviewer.config import LLMSettings
from interviewer.content.bank import load_library
from interviewer.grading.llm import LLMEvaluator
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest

THINK_S = 0.03
"""The server's pause after the headers, like a model's time to its first token."""
GAP_S = 0.002
"""Between events, about 500 events a second."""
VERDICT = (
    "You chose a sound metric and explained why accuracy misleads on rare fraud, but you "
    "never said how the alert threshold would be set or what a false alarm costs the bank; "
    "tie the threshold to the cost of each kind of error."
)


def _event(content: str, *, first: bool = False, finish: bool = False) -> bytes:
    delta: dict[str, object] = {"content": content}
    if first:
        delta["role"] = "assistant"
    chunk = ChatCompletionChunk.model_validate(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "bench-model",
            "choices": [{"index": 0, "delta": delta, "finish_reason": "stop" if finish else None}],
        }
    )
    return f"data: {chunk.model_dump_json(exclude_unset=True)}\n\n".encode()


def reply_events(criteria: list[str]) -> list[tuple[bytes, int]]:
    """The events of one reply, each with the verdict length shown once it has arrived."""
    rest = {
        "criteria": {c: {"evidence": [], "comment": "Fair.", "score": 3} for c in criteria},
        "covered_points": [],
        "strengths": ["Named the right metric."],
        "gaps": ["No threshold."],
        "follow_up": "How would you set the threshold?",
        "flags": [],
    }
    head = '{"verdict": "You'
    events = [(_event(head, first=True), len("You"))]
    for i in range(len("You"), len(VERDICT), 4):
        # Visible text: a trailing space shows with the word after it.
        shown = len(VERDICT[: i + 4].rstrip())
        events.append((_event(VERDICT[i : i + 4]), shown))
    tail = '", ' + json.dumps(rest)[1:]
    events += [(_event(tail[i : i + 40]), len(VERDICT)) for i in range(0, len(tail), 40)]
    events.append((_event("", finish=True), len(VERDICT)))
    return events


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, events: list[tuple[bytes, int]]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.events = events
        self.written: list[float] = []
        """When each event of the latest reply finished writing to the socket."""


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.flush()
        written: list[float] = []
        self.server.written = written  # filled as events go out, read once the reply is in
        time.sleep(THINK_S)
        for data, _shown in self.server.events:
            self.wfile.write(data)
            self.wfile.flush()
            written.append(time.perf_counter())
            time.sleep(GAP_S)
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *args: object) -> None:
        pass


async def one_trial(evaluator: LLMEvaluator, request: GradeRequest) -> list[tuple[int, float]]:
    """The (length, time) of every text ``on_text`` printed."""
    printed: list[tuple[int, float]] = []
    screen = io.StringIO()

    def on_text(text: str) -> None:
        done = printed[-1][0] if printed else 0
        screen.write(text[done:])  # plain mode prints only the new suffix
        printed.append((len(text), time.perf_counter()))

    feedback = await evaluator.evaluate(request, on_text=on_text)
    if feedback.notice:
        raise SystemExit(f"graded offline: {feedback.notice}")
    return printed


async def bare_first_bytes(url: str, marker: bytes) -> float:
    async with (
        httpx.AsyncClient() as client,
        client.stream("POST", url, json={"stream": True}) as response,
    ):
        seen: float | None = None
        async for data in response.aiter_raw():
            if seen is None and marker in data:
                seen = time.perf_counter()
    if seen is None:
        raise SystemExit("the bare client never saw the first event")
    return seen


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return (
        f"median {statistics.median(ordered) * 1000:6.2f} ms   p90 {p90 * 1000:6.2f} ms   "
        f"max {ordered[-1] * 1000:6.2f} ms"
    )


async def run(trials: int) -> None:
    library = load_library()
    question = next(iter(library.bank))
    rubric = library.rubrics.get(library.rubric_for(question))
    request = GradeRequest(question=question, rubric=rubric, answer="Use PR AUC.")
    events = reply_events([c.id for c in rubric.criteria])
    server = Server(events)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    evaluator = LLMEvaluator(
        LLMSettings(model="bench-model", base_url=base_url), OfflineEvaluator(library.bank)
    )
    first: list[float] = []
    later: list[float] = []
    bare: list[float] = []
    try:
        await one_trial(evaluator, request)  # warm up imports and the connection code
        for _ in range(trials):
            printed = await one_trial(evaluator, request)
            written = server.written
            first.append(printed[0][1] - written[0])
            for (_, shown), at in zip(events[1:], written[1:], strict=True):
                landed = next((t for length, t in printed if length >= shown), None)
                if landed is not None and shown > events[0][1]:
                    later.append(landed - at)
                    if shown == len(VERDICT):
                        break
            bare.append(
                await bare_first_bytes(f"{base_url}/chat/completions", b"verdict")
                - server.written[0]
            )
    finally:
        await evaluator.aclose()
        server.shutdown()

    print(f"{trials} streamed replies over loopback, {len(events)} events each")
    print(f"first text printed after the server's first event:  {ms(first)}")
    print(f"  of which bare httpx sees the first bytes after:   {ms(bare)}")
    added = [f - b for f, b in zip(first, bare, strict=True)]
    print(f"  so the SDK and our code add:                      {ms(added)}")
    print(f"each later verdict event, written to printed:       {ms(later)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.trials))
    return 0


if __name__ == "__main__":
    sys.exit(main())
