"""Benchmark: the LLM prompt stays flat over an interview instead of growing with it.

Runs real 8-question interviews (the dialogue manager, the LLM evaluator and
its HTTP client; one follow-up per question) against an in-process fake
OpenAI-compatible server that records every request, and prints the size of
each prompt as sent: the messages, and the whole request body (with the JSON
schema).

Two interviews:

- ``same-size``: eight questions with identical content (a built-in question
  copied under eight ids). A prompt that carried earlier questions would grow
  from the 1st to the 8th; a flat one is the same size. The script fails
  (exit status 1) if the 8th question's prompt is larger than the 1st's.
- ``built-in``: eight different built-in questions, for realistic figures.
  Sizes differ only with each question's own rubric, text, key points and
  reference answer, not with its position in the interview.

Every call has two messages (the system message, the same on all calls, and
the user message for this answer); a follow-up's prompt adds only the main
answer to its own question.

    .venv/bin/python bench/llm_prompt_size.py
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from interviewer.config import LLMSettings
from interviewer.content.bank import Bank, Library, load_library
from interviewer.content.models import Question
from interviewer.grading.llm import LLMEvaluator
from interviewer.grading.llm.schema import CriterionGrade, Grade
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import Settings
from interviewer.history.store import TranscriptStore
from interviewer.session.dialogue import Interview

QUESTIONS = 8
BASE_URL = "http://prompt-size.invalid/v1"


@dataclass
class Sent:
    answer: str
    messages: int
    system: str
    prompt_chars: int
    body_bytes: int


class Recorder:
    """A fake server: records each request and replies with a valid grade."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        messages = body["messages"]
        user = messages[-1]["content"]
        self.sent.append(
            Sent(
                answer=re.findall(r"ANSWER-\d+-\w+", user)[-1],
                messages=len(messages),
                system=messages[0]["content"],
                prompt_chars=sum(len(m["content"]) for m in messages),
                body_bytes=len(request.content),
            )
        )
        ids = re.findall(r"## Criterion id `([a-z0-9-]+)`", user)
        grade = Grade(
            verdict="Fair.",
            criteria={i: CriterionGrade(evidence=[], comment="Fair.", score=3) for i in ids},
            covered_points=[],
            strengths=[],
            gaps=[],
            follow_up=f"Follow-up number {len(self.sent)}?",
            flags=[],
        )
        reply = {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": grade.model_dump_json()},
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
        return httpx.Response(200, json=reply)


def answer_for(question: Question, number: int, kind: str) -> str:
    text = question.reference_answer or " ".join(p.text for p in question.key_points)
    return f"ANSWER-{number}-{kind} {text}"


async def interview(library: Library, questions: list[Question]) -> list[Sent]:
    recorder = Recorder()
    client = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    settings = LLMSettings(model="gpt-5-mini", base_url=BASE_URL)
    evaluator = LLMEvaluator(settings, OfflineEvaluator(library.bank), http_client=client)
    with tempfile.TemporaryDirectory() as tmp:
        store = TranscriptStore(Path(tmp))
        session = Interview(
            library,
            evaluator,
            Settings(questions=len(questions), follow_ups=1, seed=1),
            store,
            questions=questions,
        )
        while (prompt := session.current) is not None:
            feedback = (
                await session.answer(answer_for(prompt.question, prompt.number, prompt.kind))
            ).feedback
            if feedback.evaluator != evaluator.name:
                raise SystemExit(f"graded offline: {feedback.notice}")
    await evaluator.aclose()
    return recorder.sent


def first_of(items: set[str]) -> str:
    return next(iter(items))


def report(title: str, questions: list[Question], sent: list[Sent]) -> bool:
    main = {int(s.answer.split("-")[1]): s for s in sent if s.answer.endswith("question")}
    follow = {int(s.answer.split("-")[1]): s for s in sent if s.answer.endswith("follow_up")}
    print(f"\n{title}: {len(sent)} graded answers, {len(questions)} questions")
    print("  question  messages  main answer prompt  request body  follow-up prompt")
    for n in range(1, len(questions) + 1):
        m, f = main[n], follow.get(n)
        follow_text = f"{f.prompt_chars:>9,} chars" if f else "        -      "
        print(
            f"  {n:>8}  {m.messages:>8}  {m.prompt_chars:>12,} chars  {m.body_bytes:>9,} B  "
            f"{follow_text}"
        )
    systems = {s.system for s in sent}
    print(
        f"  system message identical on all {len(sent)} calls: "
        f"{'yes' if len(systems) == 1 else 'NO'} ({len(first_of(systems)):,} chars)"
    )
    first, last = main[1], main[len(questions)]
    ratio = last.prompt_chars / first.prompt_chars
    print(
        f"  8th / 1st question prompt: {last.prompt_chars:,} / {first.prompt_chars:,} chars "
        f"= {ratio:.3f}   (~{first.prompt_chars // 4:,} tokens at 4 chars a token)"
    )
    return last.prompt_chars <= first.prompt_chars and len(systems) == 1


def main() -> int:
    library = load_library()
    builtin = list(library.bank)[:QUESTIONS]
    model = builtin[0]
    copies = [model.model_copy(update={"id": f"{model.id}-{n}"}) for n in range(1, QUESTIONS + 1)]
    same = Library(
        bank=Bank({q.id: q for q in copies}, {q.id: Path("bench") for q in copies}),
        rubrics=library.rubrics,
    )
    flat = report("same-size", copies, asyncio.run(interview(same, copies)))
    report("built-in", builtin, asyncio.run(interview(library, builtin)))
    print(
        "\nflat: the 8th question's prompt is no larger than the 1st's"
        if flat
        else "\nGROWING: the 8th question's prompt is larger than the 1st's"
    )
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())
