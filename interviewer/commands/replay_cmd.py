"""``interviewer replay [FILE]``: step through a saved interview in the app.

With no FILE the app opens on the list of transcripts, where P shows progress
over time; in a replay, G re-grades the answers under another rubric. Like every command
module, only the standard library is imported at the top; Textual loads
when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from interviewer.commands import common
from interviewer.errors import UserError


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "replay", help="step through a saved interview (no FILE: pick one from a list)"
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a transcript: its path, its file name, or its id (or the start of it)",
    )
    common.add_transcripts_arg(parser)
    common.add_bank_args(parser)
    common.add_llm_args(parser)  # for re-grading from the replay (g)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sources = common.sources(args)
    if args.file:
        from interviewer.history.schema import load_transcript

        # A wrong name or an unreadable file is the error to report first.
        load_transcript(sources.store().find(args.file))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "replay runs in the terminal app and needs a terminal; "
            "`interviewer transcripts` lists transcripts as text"
        )
    from interviewer.session.prepare import prepare_replay
    from interviewer.ui import run_replay

    return run_replay(prepare_replay(sources, args.file, common.say))
