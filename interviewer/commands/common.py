"""Options several commands share, and turning them into core objects."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.content.bank import Library
    from interviewer.grading.protocol import Evaluator
    from interviewer.history.store import TranscriptStore
    from interviewer.session.prepare import Sources


def add_bank_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bank",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="another folder of question files (repeatable; also INTERVIEWER_BANKS)",
    )


def add_llm_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("evaluator")
    group.add_argument(
        "--offline", action="store_true", help="grade with the built-in offline evaluator"
    )
    group.add_argument("--model", help="chat model for LLM grading (default: INTERVIEWER_MODEL)")
    group.add_argument(
        "--base-url", help="OpenAI-compatible server (default: OPENAI_BASE_URL; no key needed)"
    )


def add_transcripts_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--transcripts",
        type=Path,
        metavar="DIR",
        help="where transcripts are saved (default: INTERVIEWER_TRANSCRIPTS, "
        "else ~/.local/share/interviewer/transcripts)",
    )


def sources(args: argparse.Namespace) -> Sources:
    """The typed overrides the core takes, from whichever of these flags the command has."""
    from interviewer.session.prepare import Sources

    return Sources(
        banks=tuple(getattr(args, "bank", []) or []),
        transcripts=getattr(args, "transcripts", None),
        model=getattr(args, "model", None),
        base_url=getattr(args, "base_url", None),
        offline=bool(getattr(args, "offline", False)),
    )


def say(text: str) -> None:
    """A warning or note from the core, on stderr where scripts expect it."""
    import sys

    print(f"interviewer: {text}", file=sys.stderr)


def library(args: argparse.Namespace) -> Library:
    return sources(args).library(say)


def evaluator(args: argparse.Namespace, lib: Library) -> Evaluator:
    return sources(args).evaluator(lib)


def store(args: argparse.Namespace) -> TranscriptStore:
    return sources(args).store()


def _whole_number(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got '{value}'") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected {minimum} or more, got {number}")
        return number

    return parse


positive = _whole_number(1)
non_negative = _whole_number(0)
