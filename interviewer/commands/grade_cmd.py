"""``interviewer grade``: grade one answer from stdin, or many from JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.commands import common
from interviewer.errors import UserError

if TYPE_CHECKING:
    from interviewer.content.bank import Library
    from interviewer.grading.protocol import GradeRequest


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "grade", help="grade an answer read from stdin (or --batch FILE of JSON lines)"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--question", metavar="ID", help="the question the answer is for")
    source.add_argument(
        "--batch",
        metavar="FILE",
        help='JSON lines {"question": ID, "answer": TEXT, "rubric"?: NAME}; - for stdin',
    )
    parser.add_argument("--rubric", metavar="NAME", help="grade with this rubric")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    common.add_bank_args(parser)
    common.add_llm_args(parser)
    parser.set_defaults(run=run)


def _request(lib: Library, question_id: str, answer: str, rubric: str | None) -> GradeRequest:
    from interviewer.grading.protocol import GradeRequest

    question = lib.bank.get(question_id)
    return GradeRequest(
        question=question,
        rubric=lib.rubrics.get(lib.rubric_for(question, rubric)),
        answer=answer,
        prompt=question.prompt,
    )


def _batch_requests(lib: Library, name: str, default_rubric: str | None) -> list[GradeRequest]:
    label = "<stdin>" if name == "-" else name
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise UserError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(f"{label}: line {line}: not UTF-8 text") from None
    requests = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{label}: line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{where}: invalid JSON ({exc.msg})") from None
        except RecursionError:
            raise UserError(f"{where}: invalid JSON (nested too deeply)") from None
        if not isinstance(item, dict):
            raise UserError(f"{where}: expected a JSON object")
        for field in ("question", "answer"):
            if not isinstance(item.get(field), str):
                raise UserError(f"{where}: field '{field}': required, a string")
        unknown = set(item) - {"question", "answer", "rubric"}
        if unknown:
            raise UserError(f"{where}: field '{sorted(unknown)[0]}': unknown field")
        rubric = item.get("rubric", default_rubric)
        if rubric is not None and not isinstance(rubric, str):
            raise UserError(f"{where}: field 'rubric': a string, a rubric's id")
        try:
            requests.append(_request(lib, item["question"], item["answer"], rubric))
        except UserError as exc:
            field = "question" if "question" in str(exc) else "rubric"
            raise UserError(f"{where}: field '{field}': {exc}") from None
    return requests


def run(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.reports.render import feedback_text

    lib = common.library(args)
    if args.batch is not None:
        requests = _batch_requests(lib, args.batch, args.rubric)
    else:
        request = _request(lib, args.question, "", args.rubric)  # validate ids before reading
        if sys.stdin.isatty():
            print("Type the answer, then Ctrl-D:", file=sys.stderr)
        requests = [_request(lib, args.question, sys.stdin.read(), args.rubric)]
        del request
    evaluator = common.evaluator(args, lib)

    async def grade_all() -> None:
        try:
            for request in requests:
                feedback = await evaluator.evaluate(request)
                if args.json or args.batch is not None:
                    result = {"question": request.question.id, **feedback.model_dump(mode="json")}
                    print(json.dumps(result, ensure_ascii=False), flush=True)
                else:
                    print(feedback_text(feedback, request.rubric))
                    if feedback.follow_up:
                        print(f"Follow-up: {feedback.follow_up}")
        finally:
            await evaluator.aclose()

    asyncio.run(grade_all())
    return 0
