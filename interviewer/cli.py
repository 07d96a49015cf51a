"""The command line: parsing and dispatch only.

Each command lives in its own module under ``interviewer/commands`` and
imports what it needs when it runs, so ``interviewer --help`` starts without
loading pydantic, openai or textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from interviewer import __version__
from interviewer.commands import COMMANDS
from interviewer.errors import UserError

_TOP_LEVEL_FLAGS = {"-h", "--help", "--version"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line and exit status 2, like every other bad input.
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="interviewer",
        description=(
            "Practise machine-learning interviews: scenario questions, rubric-based feedback "
            "and follow-ups. With no command, starts an interview in the terminal app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in _TOP_LEVEL_FLAGS):
        # No command: practice is the default, and its options work on their own
        # (`interviewer --questions 3 --topic algorithms`).
        argv = ["practice", *argv]
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except UserError as exc:
        print(f"interviewer: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\ninterviewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
