"""``interviewer regrade FILE --rubric NAME``: the same answers graded again, side by side."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from interviewer.commands import common
from interviewer.content.rubric_label import OWN, TOPIC, chosen_rubric

if TYPE_CHECKING:
    from interviewer.history.regrade import Regrade


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "regrade",
        help="grade a saved interview's answers again under another rubric, side by side",
    )
    parser.add_argument("file", metavar="FILE", help="a transcript: its path, file name or id")
    parser.add_argument(
        "--rubric",
        metavar="NAME",
        required=True,
        help=f"the rubric to grade with (see `interviewer rubrics`); {TOPIC}: {OWN}",
    )
    common.add_bank_args(parser)
    common.add_transcripts_arg(parser)
    common.add_llm_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.history.regrade import regrade
    from interviewer.history.schema import load_transcript
    from interviewer.history.store import TranscriptStore
    from interviewer.reports.regrade_view import comparison_text

    store = common.store(args)
    path = store.find(args.file)
    original = load_transcript(path)
    lib = common.library(args)
    rubric = chosen_rubric(args.rubric)
    if rubric is not None:
        lib.rubrics.get(rubric)
    evaluator = common.evaluator(args, lib)

    def report(done: int, total: int) -> None:
        if evaluator.name != "offline" and done < total:
            print(f"Regrading answer {done + 1} of {total}…", file=sys.stderr, flush=True)

    async def main() -> Regrade:
        try:
            return await regrade(original, lib, evaluator, rubric, on_progress=report)
        finally:
            await evaluator.aclose()

    result = asyncio.run(main())
    # Beside the original unless --transcripts names the store to save in.
    target = store if args.transcripts is not None else TranscriptStore(path.parent)
    saved = target.save(result.transcript)
    print(comparison_text(result, saved))
    return 0
