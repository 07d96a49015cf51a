"""``interviewer practice``: hold an interview, in the app or line by line (``--plain``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from interviewer.commands import common
from interviewer.content.rubric_label import OWN, TOPIC, chosen_rubric

if TYPE_CHECKING:
    from interviewer.session.prepare import PracticeOptions


def register(sub: Any) -> None:
    parser = sub.add_parser("practice", help="start an interview (the default command)")
    parser.add_argument(
        "--plain", action="store_true", help="line-based interview on stdin/stdout (no app)"
    )
    parser.add_argument(
        "--topic", action="append", default=[], help="ask only this topic (repeatable)"
    )
    parser.add_argument(
        "--difficulty",
        action="append",
        default=[],
        choices=["easy", "medium", "hard"],
        help="only this difficulty (repeatable)",
    )
    parser.add_argument(
        "--questions", type=common.positive, default=5, metavar="N", help="questions (default 5)"
    )
    parser.add_argument(
        "--follow-ups",
        type=common.non_negative,
        default=1,
        metavar="N",
        help="follow-ups per question when key points were missed (default 1)",
    )
    parser.add_argument(
        "--rubric",
        metavar="NAME",
        help=f"grade every answer with this rubric (default, or {TOPIC}: {OWN})",
    )
    parser.add_argument("--seed", type=int, help="repeat a session's question choice")
    parser.add_argument(
        "--feedback",
        choices=["each", "end"],
        default="each",
        help="after each answer (practice, default) or only at the end (mock interview)",
    )
    parser.add_argument(
        "--focus",
        choices=["weak"],
        help="weak: questions from your weakest topics, and ones answered badly before, "
        "brought back spaced out over later sessions",
    )
    common.add_bank_args(parser)
    common.add_transcripts_arg(parser)
    common.add_llm_args(parser)
    parser.set_defaults(run=run)


def options(args: argparse.Namespace) -> PracticeOptions:
    from interviewer.session.prepare import PracticeOptions

    return PracticeOptions(
        sources=common.sources(args),
        topics=tuple(args.topic),
        difficulties=tuple(args.difficulty),
        questions=args.questions,
        follow_ups=args.follow_ups,
        rubric=chosen_rubric(args.rubric),
        seed=args.seed,
        feedback=args.feedback,
        focus=args.focus,
    )


def _app_available() -> bool:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    import importlib.util

    return importlib.util.find_spec("interviewer.ui") is not None


def run(args: argparse.Namespace) -> int:
    if not args.plain and _app_available():
        from interviewer.session.prepare import prepare
        from interviewer.ui import run_app

        return run_app(prepare(options(args), common.say))
    if not args.plain and not sys.stdin.isatty():
        print("interviewer: input is not a terminal; using --plain mode", file=sys.stderr)
    return run_plain(args)


def run_plain(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.plain.interview import PlainSession
    from interviewer.session.dialogue import Interview
    from interviewer.session.prepare import prepare

    ready = prepare(options(args), common.say)
    lib, settings, evaluator, store = ready.library, ready.settings, ready.evaluator, ready.store
    questions = None
    if settings.focus == "weak":
        from functools import partial

        from interviewer.history.focus import focus_questions

        say = partial(print, file=sys.stderr)
        questions = focus_questions(lib, settings, store, say)
    interview = Interview(lib, evaluator, settings, store, questions=questions)
    session = PlainSession(interview, sys.stdin, sys.stdout)

    async def main() -> int:
        session.keyboard.task = asyncio.current_task()
        try:
            return await session.run()
        finally:
            await evaluator.aclose()

    with session.keyboard.ctrl_c():
        try:
            try:
                return asyncio.run(main())
            except asyncio.CancelledError:
                # Ctrl-C while the model graded: the keyboard cancelled the task
                if not session.keyboard.interrupted:
                    raise
                raise KeyboardInterrupt from None
        except KeyboardInterrupt:
            # Every sent answer is already on disk; what was still being typed,
            # half a line included, becomes a draft before the session closes.
            draft = session.unsent(session.keyboard.typeahead())
            interview.end(draft)
            kept = " (your unsent answer is kept as a draft)" if draft.strip() else ""
            said = f"Interrupted. Transcript saved: {interview.path}{kept}"
            print("\n" + session.wrapped(said), file=sys.stderr)
            return 130
